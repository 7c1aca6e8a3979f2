// The split virtqueue in the legacy virtio-mmio layout (virtio 1.x, sections 2.7 and
// 4.2.4): the descriptor table at QueuePFN × GuestPageSize, the available ring right after
// it, the used ring at the next QueueAlign boundary. Every device back end the VMM emulates
// (console, balloon, block) drains its queues through these two functions, so the ring
// protocol — and the order in which the used index is published — lives in one place.
#pragma once

#include "machine/Machine.h"

#include <cstdint>

namespace vizor::hv {

struct Virtqueue {
    uint32_t desc = 0, avail = 0, used = 0; // guest-physical addresses of the three parts
    uint32_t num = 0;                       // entries (QueueNum)

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
        visit(m.busRead(entry, 4).value_or(0), m.busRead(entry + 8, 4).value_or(0), flags);
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
        const uint32_t written = serve(head);
        const uint32_t slot = q.used + 4 + 8 * (usedIndex % q.num);
        m.busWrite(slot, head, 4);
        m.busWrite(slot + 4, written, 4);
        ++usedIndex;
        m.busWrite(q.used + 2, usedIndex, 2); // publishes the entry to the driver
        ++lastAvail;
        ++served;
    }
    return served;
}

} // namespace vizor::hv
