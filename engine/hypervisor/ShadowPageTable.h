// Shadow page tables (guest-virtual -> host-physical), the simplest correct scheme:
// one shadow root per (guest satp, translation role), filled lazily on hidden faults,
// kept coherent by write-protecting every guest page-table page and zapping the shadow
// entries derived from a guest PTE when the guest writes it. The tables live in the
// VMM's region of host RAM, above the guest's RAM, where no guest mapping can reach.
// See the KVM shadow MMU (Documentation/virt/kvm/x86/mmu.rst) for the full version.
#pragma once

#include "hypervisor/GuestPageWalk.h"
#include "machine/Machine.h"

#include <cstdint>
#include <map>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace vizor::hv {

class ShadowPageTable {
public:
    ShadowPageTable(Machine& machine, uint32_t poolBase, uint32_t poolBytes);

    // The real satp value (Sv32, ASID 0) for this guest address space and role.
    uint32_t rootFor(uint32_t guestSatp, uint32_t role);
    // Installs the leaf for `vaddr` derived from guest walk `w` with host permissions
    // `perms` (R/W/X bits). False when the pool is exhausted (caller flushes, retries).
    bool install(uint32_t guestSatp, uint32_t role, uint32_t vaddr, const GuestWalk& w,
                 uint32_t hostPage, uint32_t perms);
    // Records the guest tables `w` read as page-table pages (write-protected from now
    // on). True when one of them was mapped writable: the caller must flushAll().
    bool notePageTables(const GuestWalk& w);
    bool isPageTable(uint32_t gpa) const { return pageTables_.count(gpa >> 12); }
    // A guest PTE at `pteAddress` changed: zap the shadow entries derived from it.
    int zapDerived(uint32_t pteAddress);
    void flushAll();
    void reset() {
        flushAll();
        pageTables_.clear();
        flushes_ = 0;
    }

    uint64_t flushes() const { return flushes_; }
    uint32_t tablesInUse() const { return next_; }

private:
    uint32_t allocate(); // a zeroed table page, 0 when exhausted
    void writeEntry(uint32_t address, uint32_t value) { machine_.busWrite(address, value, 4); }

    Machine& machine_;
    uint32_t poolBase_, poolPages_;
    uint32_t next_ = 0;
    std::map<uint64_t, uint32_t> roots_;          // (guest satp, role) -> shadow root address
    std::unordered_set<uint32_t> pageTables_;     // guest frames holding page tables
    std::unordered_set<uint32_t> writableFrames_; // guest frames some shadow leaf maps W
    // guest PTE address -> shadow entries built from it
    std::unordered_map<uint32_t, std::vector<uint32_t>> derived_;
    uint64_t flushes_ = 0;
};

} // namespace vizor::hv
