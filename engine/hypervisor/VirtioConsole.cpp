#include "hypervisor/VirtioConsole.h"

#include "board/Platform.h"
#include "hypervisor/Virtqueue.h"

namespace vizor::hv {

namespace {
constexpr uint32_t kQueueNumMax = 16;
} // namespace

uint32_t VirtioConsole::read(uint32_t gpa) const {
    const uint32_t offset = gpa - kBase;
    if (offset >= 0x1000) return board::emptyVirtioRead(offset & 0xfff); // other slots
    const Queue& q = queues_[queueSel_ % kQueues];
    switch (offset & ~3u) {
    case 0x000:
        return 0x74726976u; // "virt"
    case 0x004:
        return 1; // legacy
    case 0x008:
        return kDeviceId;
    case 0x00c:
        return 0x5a495600u; // vendor "VIZ"
    case 0x034:
        return kQueueNumMax;
    case 0x040:
        return q.pfn;
    case 0x060:
        return interruptStatus_;
    case 0x070:
        return status_;
    default:
        return 0; // HostFeatures: none
    }
}

void VirtioConsole::write(uint32_t gpa, uint32_t value, Machine& machine) {
    const uint32_t offset = gpa - kBase;
    if (offset >= 0x1000) return;
    Queue& q = queues_[queueSel_ % kQueues];
    switch (offset & ~3u) {
    case 0x020:
        guestFeatures_ = value;
        break;
    case 0x028:
        guestPageSize_ = value ? value : 4096;
        break;
    case 0x030:
        queueSel_ = value;
        break;
    case 0x038:
        q.num = value <= kQueueNumMax ? value : kQueueNumMax;
        break;
    case 0x03c:
        q.align = value ? value : 4096;
        break;
    case 0x040:
        q.pfn = value;
        break;
    case 0x050:
        kick(value, machine);
        break; // QueueNotify: the same as CONSOLE_KICK
    case 0x064:
        interruptStatus_ &= ~value;
        machine.emitEvent(
            EventType::Virtqueue, value, interruptStatus_, 0,
            virtqueueEventD(VirtqueueEvent::InterruptAck, queueSel_, kDeviceId, q.num));
        break;
    case 0x070:
        status_ = value;
        if (!value) *this = VirtioConsole{}; // reset
        break;
    default:
        break;
    }
}

unsigned VirtioConsole::kick(uint32_t queue, Machine& machine) {
    if (queue != 1 || queue >= kQueues) return 0; // only transmitq (port 0) carries data
    const Queue& q = queues_[queue];
    if (!q.pfn || !q.num) return 0;
    Virtqueue ring = Virtqueue::legacy(q.pfn, guestPageSize_, q.num, q.align);
    ring.device = kDeviceId;
    ring.queue = static_cast<uint8_t>(queue);
    // avail.idx is read for the event only when someone records it (0 otherwise).
    const uint32_t availIdx = machine.events().wants(EventType::Virtqueue)
                                  ? machine.busRead(ring.avail + 2, 2).value_or(0)
                                  : 0;
    ring.report(machine, VirtqueueEvent::Kick, availIdx, lastAvail_, usedIndex_);
    const unsigned consumed = drainVirtq(machine, ring, lastAvail_, usedIndex_, [&](uint16_t head) {
        uint32_t total = 0;
        walkVirtqChain(machine, ring, head, [&](uint32_t address, uint32_t length, uint16_t) {
            for (uint32_t i = 0; i < length; ++i)
                machine.busWrite(board::kUartBase, machine.busRead(address + i, 1).value_or(0), 1);
            total += length;
        });
        ring.report(machine, VirtqueueEvent::Consumed, total, head);
        return total;
    });
    if (consumed) {
        interruptStatus_ |= 1; // "used buffer notification"
        ring.report(machine, VirtqueueEvent::Notify, interruptStatus_, consumed, usedIndex_);
    }
    return consumed;
}

} // namespace vizor::hv
