// Dirty pages per round of a live migration (QCustomPlot): for each pre-copy round the
// pages it sent and the pages the guest dirtied while it was on the link (the next
// round's work), then the stop-and-copy round, sent while the VM is paused. Whether the
// dirtied line falls (the working set converges) or stays flat (a fast dirtier) is
// Clark et al.'s whole argument. Numbers from the engine's migration_round events.
#pragma once

#include "views/concepts/MigrationView.h"
#include "views/concepts/PlotView.h"

namespace vizor::views::concepts {

class DirtyPagesPlotView : public PlotView {
    Q_OBJECT
public:
    explicit DirtyPagesPlotView(QWidget* parent = nullptr);
    QString viewName() const override { return QStringLiteral("dirty-pages-plot"); }
    QString title() const override;

    // Pre-copy's stop rule (dc::MigrationConfig::minPagesLeft), drawn as a line; 0: none.
    void setStopThreshold(uint32_t pages);
    // Every round the events reported, in order (what the graphs show).
    const QList<MigrationRoundItem>& rounds() const { return rounds_; }

protected:
    void refresh() override;
    void collect(std::size_t firstNew) override;

private:
    QList<MigrationRoundItem> rounds_;
    uint32_t threshold_ = 0;
};

} // namespace vizor::views::concepts
