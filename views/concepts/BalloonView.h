// The balloon: each VM's memory as frames (the host frames backing it, the pages its
// balloon holds), the host's pool of frames with who owns each and how many are free,
// and the flow between them: the balloon inflating gives frames to the host, another VM
// grows into them, deflating takes them back. Drawn from the balloon_change and
// host_frames events of a real hv::MultiVm run (see BalloonRun.h), nothing else.
#pragma once

#include "views/concepts/ConceptView.h"

#include <QImage>

#include <vector>

namespace vizor::views::concepts {

// What the events said last about one VM.
struct BalloonVmState {
    uint32_t usedFrames = 0;   // host frames backing it (host_frames b)
    uint32_t balloonPages = 0; // pages its balloon holds, the guest's `actual`
    uint32_t target = 0;       // what the host asked for
    uint32_t grownFrom = 0;    // its frames when another VM's balloon first inflated
    bool seen = false;
    qint64 lastChange = -1;    // sequence of its latest event
    qint64 balloonChange = -1; // of the latest one that changed balloonPages
};

class BalloonView : public ConceptView {
    Q_OBJECT
public:
    explicit BalloonView(QWidget* parent = nullptr);
    QString viewName() const override { return QStringLiteral("balloon"); }
    QString title() const override;

    // The host's size and how many VMs share it (known from the configuration).
    void setHost(uint32_t totalFrames, uint32_t vmCount);
    // Which VM's stream each event came from, indexed by sequence number. Events
    // beyond it belong to VM 0: one machine's stream, as the GUI's bridge delivers.
    void setEventVms(std::vector<uint32_t> vmOfSequence);

    uint32_t totalFrames() const { return totalFrames_; }
    uint32_t freeFrames() const { return freeFrames_; }
    uint64_t swapOuts() const { return swapOuts_; }
    const std::vector<BalloonVmState>& vms() const { return vms_; }

    // Raster devices get the grids (hundreds of frames that change only when events
    // arrive) from a cached image, the animated items drawn over it each frame; vector
    // devices (SVG, PDF) get every item.
    void paintTo(QPainter& painter, const QSizeF& size) const override;

protected:
    void buildItems(SceneItems& out, const QRectF& area) const override;
    void eventsChanged(std::size_t firstNew) override;

private:
    uint32_t vmOf(std::size_t index) const;
    void addVmPanel(SceneItems& out, uint32_t vm, const QRectF& rect) const;
    void addHostPanel(SceneItems& out, const QRectF& rect) const;
    void addFlows(SceneItems& out, const QRectF& left, const QRectF& host,
                  const QRectF& right) const;

    uint32_t totalFrames_ = 0;
    std::vector<uint32_t> vmOfSequence_;
    std::vector<BalloonVmState> vms_;
    uint32_t freeFrames_ = 0;
    uint64_t swapOuts_ = 0;
    qint64 hostChange_ = -1;
    bool inflatedOnce_ = false;
    struct Layer {
        QImage image;
        QString key;
    };
    mutable Layer still_; // what paintTo caches: the items that do not animate
};

// The colour and shape a VM's frames have everywhere (VM 0 blue squares, VM 1 sky-blue
// circles): the roles of the guest.
Role roleOfVm(uint32_t vm);

} // namespace vizor::views::concepts
