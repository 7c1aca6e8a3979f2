// Shadow page tables (guest-virtual -> host-physical), the simplest correct scheme:
// one shadow root per (guest satp, translation role), filled lazily on hidden faults,
// kept coherent by write-protecting every guest page-table page and zapping the shadow
// entries derived from a guest PTE when the guest writes it. The tables live in the
// VMM's region of host RAM, above the guest's RAM, where no guest mapping can reach.
// See the KVM shadow MMU (Documentation/virt/kvm/x86/mmu.rst) for the full version.
//
// The roots form a cache keyed by the guest's satp (its ASID and root page): going back
// to an address space finds its shadow still filled. Each cached root runs under its
// own real ASID, so the hart's TLB keeps every space's entries apart, and the two roles
// of one space (V-S and V-U see different rights) never share a TLB entry.
#pragma once

#include "hypervisor/GuestPageWalk.h"
#include "machine/Machine.h"

#include <cstdint>
#include <map>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace vizor::hv {

// One leaf of a shadow table, for audits and views.
struct ShadowLeaf {
    uint32_t vaddr = 0;   // guest-virtual page
    uint32_t address = 0; // where the shadow entry lives (VMM memory)
    uint32_t pte = 0;     // the shadow entry: host page number and rights
};

struct ShadowCounters {
    uint64_t flushes = 0;       // every shadow table dropped
    uint64_t zappedEntries = 0; // shadow entries cleared because their guest PTE changed
};

class ShadowPageTable {
public:
    ShadowPageTable(Machine& machine, uint32_t poolBase, uint32_t poolBytes);

    // The real satp value (Sv32, with the root's own ASID) for this guest address space
    // and role, creating an empty root if needed (`cached` says whether it existed).
    uint32_t rootFor(uint32_t guestSatp, uint32_t role, bool* cached = nullptr);
    // Installs the leaf for `vaddr` derived from guest walk `w` with host permissions
    // `perms` (R/W/X bits). False when the pool is exhausted (caller flushes, retries).
    bool install(uint32_t guestSatp, uint32_t role, uint32_t vaddr, const GuestWalk& w,
                 uint32_t hostPage, uint32_t perms);
    // Records the guest tables `w` read as page-table pages (write-protected from now
    // on). True when one of them was mapped writable: the caller must flushAll().
    bool notePageTables(const GuestWalk& w);
    bool isPageTable(uint32_t gpa) const { return pageTables_.count(gpa >> 12); }
    // A guest PTE at `pteAddress` changed: zap the shadow entries derived from it.
    // Returns them (their addresses in VMM memory), for the ShadowSync event.
    std::vector<uint32_t> zapDerived(uint32_t pteAddress);
    void flushAll();
    void reset() {
        flushAll();
        pageTables_.clear();
        counters_ = {};
    }

    // Every valid leaf under the root of real satp `realSatp` (a value rootFor gave).
    std::vector<ShadowLeaf> leaves(uint32_t realSatp) const;
    const ShadowCounters& counters() const { return counters_; }
    uint64_t flushes() const { return counters_.flushes; }
    uint32_t tablesInUse() const { return next_; }

private:
    uint32_t allocate(); // a zeroed table page, 0 when exhausted
    void writeEntry(uint32_t address, uint32_t value) { machine_.busWrite(address, value, 4); }
    struct Root {
        uint32_t address = 0;
        uint32_t asid = 0;
    };
    Root findOrCreate(uint64_t key);

    Machine& machine_;
    uint32_t poolBase_, poolPages_;
    uint32_t next_ = 0;
    std::map<uint64_t, Root> roots_;              // (guest satp, role) -> shadow root
    std::unordered_set<uint32_t> pageTables_;     // guest frames holding page tables
    std::unordered_set<uint32_t> writableFrames_; // guest frames some shadow leaf maps W
    // guest PTE address -> shadow entries built from it
    std::unordered_map<uint32_t, std::vector<uint32_t>> derived_;
    ShadowCounters counters_;
};

} // namespace vizor::hv
