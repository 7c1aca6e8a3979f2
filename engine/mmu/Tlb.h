// A direct-mapped translation lookaside buffer. It caches 4 KiB translations (a
// superpage leaf fills one entry per 4 KiB page touched, tagged with its level so
// sfence.vma of any address in the superpage removes it).
//
// Each entry carries a tag naming its address space: the ASID (bits 8:0), and on a
// hart with the hypervisor extension the VMID (bits 15:9) and V (bit 16). A V=1 entry
// caches the whole two-stage translation, guest virtual to host physical, so a hit
// costs a guest no more than a native hit. Bits 16:9 together are the entry's "space":
// 0 for the host (V=0), 1 << 7 | VMID for a guest.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace vizor {

constexpr uint32_t kTlbAsidMask = 0x1ff;
constexpr unsigned kTlbSpaceShift = 9;
constexpr uint32_t kTlbGuestSpace = 1u << 7; // V, within the space field

constexpr uint32_t tlbTag(uint32_t asid, uint32_t space) {
    return (asid & kTlbAsidMask) | space << kTlbSpaceShift;
}

struct TlbEntry {
    uint32_t vpn = 0;  // virtual page number (vaddr >> 12)
    uint32_t ppn = 0;  // physical page number of this 4 KiB page
    uint32_t tag = 0;  // ASID | space << 9 (see above)
    uint8_t pte = 0;   // low 8 PTE bits (V R W X U G A D) as they were after the walk
    uint8_t level = 0; // 1 = from a superpage leaf
    bool valid = false;
};

class Tlb {
public:
    explicit Tlb(unsigned entries = 32) { resize(entries); }
    void resize(unsigned entries);

    // A global (G) entry matches any ASID of its own space, never another space's.
    TlbEntry* lookup(uint32_t vpn, uint32_t tag) {
        TlbEntry& e = entries_[vpn & mask_];
        if (!e.valid || e.vpn != vpn) return nullptr;
        if (e.tag == tag) return &e;
        return ((e.pte & 0x20) && (e.tag >> kTlbSpaceShift) == (tag >> kTlbSpaceShift)) ? &e
                                                                                        : nullptr;
    }
    void insert(const TlbEntry& entry) { entries_[entry.vpn & mask_] = entry; }

    // sfence.vma semantics within one space: no vaddr = all addresses; no asid = all
    // address spaces (global entries are kept when an asid is given, as the spec says).
    void flush(std::optional<uint32_t> vaddr, std::optional<uint16_t> asid, uint32_t space = 0);
    // hfence.gvma: every guest (V=1) entry, or those of one VMID.
    void flushGuests(std::optional<uint32_t> vmid);
    void flushAll();

    const std::vector<TlbEntry>& entries() const { return entries_; }
    void setEntries(const std::vector<TlbEntry>& e) { entries_ = e; }

private:
    std::vector<TlbEntry> entries_;
    uint32_t mask_ = 0;
};

} // namespace vizor
