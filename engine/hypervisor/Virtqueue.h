// The split virtqueue in the legacy virtio-mmio layout (virtio 1.x, sections 2.7 and
// 4.2.4): the descriptor table at QueuePFN × GuestPageSize, the available ring right after
// it, the used ring at the next QueueAlign boundary. Every device back end the VMM emulates
// (console, balloon, block) drains its queues through these two functions, so the ring
// protocol — and the order in which the used index is published — lives in one place.
#pragma once

#include "machine/Machine.h"

#include <cstdint>

namespace vizor::hv {

// The `virtqueue` event (EventType::Virtqueue): one step of a request going round the
// split driver, emitted where the engine really does it. Every kind has
// d = kind | queue << 4 | device << 8 | num << 16 (device: the virtio device ID, 3 for
// the console), so a view can tell the queues apart and place ring slots without
// reading guest memory.
enum class VirtqueueEvent : uint8_t {
    Kick = 0,        // the driver's notification reached the device:
                     //   a = avail.idx in guest memory, b = last_avail (the device's), c = used.idx
    AvailPop = 1,    // the device took a chain head from the available ring:
                     //   a = head descriptor, b = ring position last_avail, c = avail.idx
    Descriptor = 2,  // one descriptor of that chain, read from the descriptor table:
                     //   a = buffer address, b = length, c = index | flags << 16
    Consumed = 3,    // the device used the chain's buffers: a = bytes, b = head
    UsedPublish = 4, // the used-ring entry written, then used.idx: a = new used.idx,
                     //   b = head, c = bytes the device wrote into the chain
    Notify = 5,      // used-buffer notification: InterruptStatus bit 0 raised:
                     //   a = InterruptStatus, b = chains served by this kick, c = used.idx
    InterruptAck = 6, // the driver wrote InterruptACK: a = bits acknowledged, b = status left
};

constexpr uint32_t virtqueueEventD(VirtqueueEvent kind, uint32_t queue, uint32_t device,
                                   uint32_t num) {
    return static_cast<uint32_t>(kind) | (queue & 0xf) << 4 | (device & 0xff) << 8 | num << 16;
}
constexpr VirtqueueEvent virtqueueEventKind(uint32_t d) {
    return static_cast<VirtqueueEvent>(d & 0xf);
}
constexpr uint32_t virtqueueEventQueue(uint32_t d) {
    return (d >> 4) & 0xf;
}
constexpr uint32_t virtqueueEventDevice(uint32_t d) {
    return (d >> 8) & 0xff;
}
constexpr uint32_t virtqueueEventNum(uint32_t d) {
    return d >> 16;
}

struct Virtqueue {
    uint32_t desc = 0, avail = 0, used = 0; // guest-physical addresses of the three parts
    uint32_t num = 0;                       // entries (QueueNum)
    // Set by a back end that reports its ring steps as `virtqueue` events (0: silent).
    uint8_t device = 0, queue = 0;

    void report(Machine& m, VirtqueueEvent kind, uint32_t a, uint32_t b = 0, uint32_t c = 0) const {
        if (device)
            m.emitEvent(EventType::Virtqueue, a, b, c, virtqueueEventD(kind, queue, device, num));
    }

    static Virtqueue legacy(uint32_t pfn, uint32_t pageSize, uint32_t num, uint32_t align) {
        Virtqueue q;
        q.num = num;
        q.desc = pfn * pageSize;
        q.avail = q.desc + 16 * num;
        q.used = (q.avail + 6 + 2 * num + align - 1) & ~(align - 1);
        return q;
    }
};

constexpr uint16_t kVirtqDescNext = 1;

// Calls visit(address, length, flags) for each descriptor of the chain starting at
// `head`, following NEXT at most `num` times (a looping chain cannot hang the VMM).
template <class Visit>
void walkVirtqChain(Machine& m, const Virtqueue& q, uint16_t head, Visit&& visit) {
    auto u16 = [&](uint32_t a) { return static_cast<uint16_t>(m.busRead(a, 2).value_or(0)); };
    for (uint16_t d = head, hops = 0; hops < q.num; ++hops) {
        const uint32_t entry = q.desc + 16 * (d % q.num);
        const uint16_t flags = u16(entry + 12);
        const uint32_t address = m.busRead(entry, 4).value_or(0);
        const uint32_t length = m.busRead(entry + 8, 4).value_or(0);
        q.report(m, VirtqueueEvent::Descriptor, address, length,
                 (d % q.num) | uint32_t{flags} << 16);
        visit(address, length, flags);
        if (!(flags & kVirtqDescNext)) break;
        d = u16(entry + 14);
    }
}

// Serves every chain the driver made available since `lastAvail`: serve(head) returns the
// bytes the device wrote into the chain; each chain goes to the used ring and the used
// index is published after its entry. Returns how many chains were served.
template <class Serve>
unsigned drainVirtq(Machine& m, const Virtqueue& q, uint16_t& lastAvail, uint16_t& usedIndex,
                    Serve&& serve) {
    if (!q.num) return 0;
    auto u16 = [&](uint32_t a) { return static_cast<uint16_t>(m.busRead(a, 2).value_or(0)); };
    unsigned served = 0;
    while (lastAvail != u16(q.avail + 2)) {
        const uint16_t head = u16(q.avail + 4 + 2 * (lastAvail % q.num));
        if (q.device) q.report(m, VirtqueueEvent::AvailPop, head, lastAvail, u16(q.avail + 2));
        const uint32_t written = serve(head);
        const uint32_t slot = q.used + 4 + 8 * (usedIndex % q.num);
        m.busWrite(slot, head, 4);
        m.busWrite(slot + 4, written, 4);
        ++usedIndex;
        m.busWrite(q.used + 2, usedIndex, 2); // publishes the entry to the driver
        q.report(m, VirtqueueEvent::UsedPublish, usedIndex, head, written);
        ++lastAvail;
        ++served;
    }
    return served;
}

} // namespace vizor::hv
