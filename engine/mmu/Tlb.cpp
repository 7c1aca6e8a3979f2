#include "mmu/Tlb.h"

namespace vizor {

void Tlb::resize(unsigned entries) {
    unsigned n = 1;
    while (n < entries)
        n <<= 1; // direct-mapped indexing needs a power of two
    entries_.assign(n, TlbEntry{});
    mask_ = n - 1;
}

void Tlb::flushAll() {
    for (TlbEntry& e : entries_)
        e.valid = false;
}

void Tlb::flush(std::optional<uint32_t> vaddr, std::optional<uint16_t> asid, uint32_t space) {
    for (TlbEntry& e : entries_) {
        if (!e.valid || (e.tag >> kTlbSpaceShift) != space) continue;
        if (vaddr) {
            // A superpage entry covers every 4 KiB page of its 4 MiB region.
            const uint32_t shift = e.level ? 10 : 0;
            if ((e.vpn >> shift) != ((*vaddr >> 12) >> shift)) continue;
        }
        if (asid && ((e.pte & 0x20) || (e.tag & kTlbAsidMask) != *asid)) continue;
        e.valid = false;
    }
}

void Tlb::flushGuests(std::optional<uint32_t> vmid) {
    for (TlbEntry& e : entries_) {
        const uint32_t space = e.tag >> kTlbSpaceShift;
        if (!(space & kTlbGuestSpace)) continue;
        if (vmid && (space & ~kTlbGuestSpace) != *vmid) continue;
        e.valid = false;
    }
}

} // namespace vizor
