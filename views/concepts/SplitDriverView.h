// The split driver: the virtio console's front end in the guest kernel, its transmit
// virtqueue in guest memory (descriptor table, available ring, used ring, each with its
// index), the back end in the VMM and the device. Every slot, index and arrow comes from
// the engine's `virtqueue` events (hypervisor/Virtqueue.h) and the console bytes the
// device wrote between a pop and its used-ring entry; nothing reads guest memory.
#pragma once

#include "views/concepts/ConceptView.h"

#include <deque>
#include <vector>

namespace vizor::views::concepts {

// One request's trip round the ring, in the order the engine makes it.
enum class SplitStep { Kick, Pop, Descriptor, Consume, Used, Notify, Count };

struct VirtqDescriptorSlot {
    bool filled = false;
    uint32_t address = 0, length = 0, flags = 0, next = 0;
    qint64 sequence = -1; // the event that last read it
};

struct VirtqRingSlot {
    bool filled = false;
    uint32_t head = 0, length = 0; // used ring: id and len
    qint64 sequence = -1;
};

struct SplitDriverState {
    uint32_t device = 0, queue = 0, num = 0; // the queue shown (the first one seen)
    std::vector<VirtqDescriptorSlot> descriptors;
    std::vector<VirtqRingSlot> avail, used;
    uint32_t availIdx = 0, lastAvail = 0, usedIdx = 0, interruptStatus = 0;
    uint64_t kicks = 0, served = 0, bytes = 0, notifications = 0, acks = 0;
    // The newest request: the sequence of each step it has reached (-1: not yet).
    qint64 step[static_cast<int>(SplitStep::Count)] = {-1, -1, -1, -1, -1, -1};
    uint32_t head = 0, length = 0, availSlot = 0, usedSlot = 0;
    QString line;              // bytes the device consumed for the newest request
    std::deque<QString> lines; // the last lines the device printed, oldest first
    QString latest;            // the newest step in words
};

class SplitDriverView : public ConceptView {
    Q_OBJECT
public:
    explicit SplitDriverView(QWidget* parent = nullptr);
    QString viewName() const override { return QStringLiteral("split-driver"); }
    QString title() const override;
    const SplitDriverState& state() const { return state_; }

protected:
    void buildItems(SceneItems& out, const QRectF& area) const override;
    void eventsChanged(std::size_t firstNew) override;

private:
    void apply(const Event& e, qint64 sequence);
    void addEnds(SceneItems& out, const QRectF& body) const;
    void addQueue(SceneItems& out, const QRectF& body) const;
    void addDescriptors(SceneItems& out, const QRectF& table, qreal rowH) const;
    void addRing(SceneItems& out, const QRectF& table, qreal rowH, bool used) const;
    void addOutput(SceneItems& out, const QRectF& column, qreal rowH) const;
    void addStepArrow(SceneItems& out, SplitStep step, const QPointF& from, const QPointF& to,
                      Role role, const QPointF& anchor, const QString& label) const;
    QRectF frontRect(const QRectF& body) const;
    QRectF backRect(const QRectF& body) const;
    bool reached(SplitStep s) const { return state_.step[static_cast<int>(s)] >= 0; }

    SplitDriverState state_;
    bool inRequest_ = false; // between a descriptor read and its consumption
};

// The events of a run up to and including the `nth` (from 1) virtqueue event of `kind`
// (hypervisor::VirtqueueEvent), for pictures of a request part way round the ring.
std::vector<NumberedEvent> eventsUntilVirtqueueStep(const std::vector<NumberedEvent>& events,
                                                    uint32_t kind, int nth);

} // namespace vizor::views::concepts
