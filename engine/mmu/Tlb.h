// A direct-mapped, ASID-tagged translation lookaside buffer. It caches 4 KiB
// translations (a superpage leaf fills one entry per 4 KiB page touched, tagged with
// its level so sfence.vma of any address in the superpage removes it).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace vizor {

struct TlbEntry {
    uint32_t vpn = 0; // virtual page number (vaddr >> 12)
    uint32_t ppn = 0; // physical page number of this 4 KiB page
    uint16_t asid = 0;
    uint8_t pte = 0;   // low 8 PTE bits (V R W X U G A D) as they were after the walk
    uint8_t level = 0; // 1 = from a superpage leaf
    bool valid = false;
};

class Tlb {
public:
    explicit Tlb(unsigned entries = 32) { resize(entries); }
    void resize(unsigned entries);

    TlbEntry* lookup(uint32_t vpn, uint16_t asid) {
        TlbEntry& e = entries_[vpn & mask_];
        const bool asidOk = e.asid == asid || (e.pte & 0x20); // G: global mapping
        return (e.valid && e.vpn == vpn && asidOk) ? &e : nullptr;
    }
    void insert(const TlbEntry& entry) { entries_[entry.vpn & mask_] = entry; }

    // sfence.vma semantics: no vaddr = all addresses; no asid = all address spaces
    // (global entries are kept when an asid is given, as the spec says).
    void flush(std::optional<uint32_t> vaddr, std::optional<uint16_t> asid);
    void flushAll();

    const std::vector<TlbEntry>& entries() const { return entries_; }
    void setEntries(const std::vector<TlbEntry>& e) { entries_ = e; }

private:
    std::vector<TlbEntry> entries_;
    uint32_t mask_ = 0;
};

} // namespace vizor
