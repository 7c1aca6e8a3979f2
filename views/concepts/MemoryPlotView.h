// Memory per VM over time (QCustomPlot): the host frames each VM holds, the pages its
// balloon holds and the host's free frames, one point per turn of the host (each
// host_frames event of a hv::MultiVm run). Zoom, pan, hover values and export as every
// plot; the events come with the VM whose stream each is from (see BalloonRun.h).
#pragma once

#include "views/concepts/PlotView.h"

#include <vector>

namespace vizor::views::concepts {

class MemoryPlotView : public PlotView {
    Q_OBJECT
public:
    explicit MemoryPlotView(QWidget* parent = nullptr);
    QString viewName() const override { return QStringLiteral("memory-plot"); }
    QString title() const override;
    // As BalloonView::setEventVms: the VM of each event by sequence number (else VM 0).
    void setEventVms(std::vector<uint32_t> vmOfSequence);

    // One value per turn (what the graphs show).
    const std::vector<std::vector<double>>& usedFrames() const { return used_; } // per VM
    const std::vector<std::vector<double>>& balloonPages() const { return balloon_; }
    const std::vector<double>& freeFrames() const { return free_; }

protected:
    void refresh() override;
    void collect(std::size_t firstNew) override;

private:
    std::vector<uint32_t> vmOfSequence_;
    std::vector<uint32_t> lastUsed_, lastBalloon_;
    std::vector<std::vector<double>> used_, balloon_;
    std::vector<double> free_;
};

} // namespace vizor::views::concepts
