// SplitDriverView's model: the `virtqueue` events (hypervisor/Virtqueue.h) and the console
// bytes between a descriptor read and its consumption, turned into ring slots, indices
// and the newest request's progress. Derived again from the start when the timeline is
// rewritten, so stepping back shows the ring as it was.
#include "views/concepts/SplitDriverView.h"

#include "hypervisor/Virtqueue.h"

#include <algorithm>

namespace vizor::views::concepts {

namespace {

constexpr std::size_t kLinesKept = 12;

QString hex(uint32_t v) {
    return QStringLiteral("0x%1").arg(v, 8, 16, QLatin1Char('0'));
}

} // namespace

SplitDriverView::SplitDriverView(QWidget* parent) : ConceptView(parent) {}

QString SplitDriverView::title() const {
    return tr("Split driver: the virtio console");
}

void SplitDriverView::eventsChanged(std::size_t firstNew) {
    if (firstNew == 0) {
        state_ = SplitDriverState{};
        inRequest_ = false;
    }
    for (std::size_t i = firstNew; i < events().size(); ++i) {
        const Event& e = events()[i];
        if (e.type == EventType::Virtqueue)
            apply(e, static_cast<qint64>(sequenceAt(i)));
        else if (e.type == EventType::ConsoleOutput && inRequest_ && e.a != '\n')
            state_.line += QChar(static_cast<char16_t>(e.a & 0xff));
    }
}

void SplitDriverView::apply(const Event& e, qint64 sequence) {
    using hv::VirtqueueEvent;
    SplitDriverState& s = state_;
    const uint32_t num = hv::virtqueueEventNum(e.d);
    if (s.num == 0 && num > 0) { // the first queue seen is the one drawn
        s.device = hv::virtqueueEventDevice(e.d);
        s.queue = hv::virtqueueEventQueue(e.d);
        s.num = num;
        s.descriptors.assign(num, {});
        s.avail.assign(num, {});
        s.used.assign(num, {});
    }
    if (hv::virtqueueEventDevice(e.d) != s.device || hv::virtqueueEventQueue(e.d) != s.queue ||
        num != s.num)
        return;
    auto mark = [&](SplitStep step) { s.step[static_cast<int>(step)] = sequence; };
    switch (hv::virtqueueEventKind(e.d)) {
    case VirtqueueEvent::Kick:
        std::fill(std::begin(s.step), std::end(s.step), -1);
        mark(SplitStep::Kick);
        ++s.kicks;
        if (e.a) s.availIdx = e.a; // 0 when nobody recorded it
        s.lastAvail = e.b;
        s.usedIdx = e.c;
        s.line.clear();
        s.latest = tr("the driver kicked the device: avail.idx = %1, the device has seen %2")
                       .arg(s.availIdx)
                       .arg(s.lastAvail);
        break;
    case VirtqueueEvent::AvailPop:
        mark(SplitStep::Pop);
        s.head = e.a;
        s.availSlot = e.b % num;
        s.availIdx = e.c;
        s.avail[s.availSlot] = {true, e.a, 0, sequence};
        s.latest =
            tr("the back end popped avail.ring[%1] = descriptor %2").arg(s.availSlot).arg(e.a);
        break;
    case VirtqueueEvent::Descriptor: {
        mark(SplitStep::Descriptor);
        const uint32_t index = (e.c & 0xffff) % num;
        VirtqDescriptorSlot& d = s.descriptors[index];
        d = {true, e.a, e.b, e.c >> 16, 0, sequence};
        s.length = e.b;
        s.line.clear();
        inRequest_ = true;
        s.latest =
            tr("the back end read descriptor %1: %2 bytes at %3").arg(index).arg(e.b).arg(hex(e.a));
        break;
    }
    case VirtqueueEvent::Consumed:
        mark(SplitStep::Consume);
        inRequest_ = false;
        s.bytes += e.a;
        s.lines.push_back(s.line);
        if (s.lines.size() > kLinesKept) s.lines.pop_front();
        s.latest = tr("the device printed %1 bytes").arg(e.a);
        break;
    case VirtqueueEvent::UsedPublish:
        mark(SplitStep::Used);
        ++s.served;
        s.usedIdx = e.a;
        s.lastAvail = s.lastAvail + 1;
        s.usedSlot = (e.a + num - 1) % num;
        s.used[s.usedSlot] = {true, e.b, e.c, sequence};
        s.latest = tr("the back end wrote used.ring[%1] = {id %2, len %3}, then used.idx = %4")
                       .arg(s.usedSlot)
                       .arg(e.b)
                       .arg(e.c)
                       .arg(e.a);
        break;
    case VirtqueueEvent::Notify:
        mark(SplitStep::Notify);
        ++s.notifications;
        s.interruptStatus = e.a;
        s.latest = tr("used-buffer notification: InterruptStatus = %1").arg(e.a);
        break;
    case VirtqueueEvent::InterruptAck:
        ++s.acks;
        s.interruptStatus = e.b;
        s.latest = tr("the driver acknowledged the interrupt (InterruptACK = %1)").arg(e.a);
        break;
    }
}

std::vector<NumberedEvent> eventsUntilVirtqueueStep(const std::vector<NumberedEvent>& events,
                                                    uint32_t kind, int nth) {
    int seen = 0;
    for (std::size_t i = 0; i < events.size(); ++i) {
        const Event& e = events[i].event;
        if (e.type == EventType::Virtqueue && (e.d & 0xf) == kind && ++seen == nth)
            return {events.begin(), events.begin() + static_cast<std::ptrdiff_t>(i + 1)};
    }
    return events;
}

} // namespace vizor::views::concepts
