#include "hypervisor/ShadowPageTable.h"

#include "mmu/Sv32.h"

namespace vizor::hv {

using namespace sv32;

ShadowPageTable::ShadowPageTable(Machine& machine, uint32_t poolBase, uint32_t poolBytes)
    : machine_(machine), poolBase_(poolBase), poolPages_(poolBytes >> 12) {}

uint32_t ShadowPageTable::allocate() {
    if (next_ >= poolPages_) return 0;
    const uint32_t page = poolBase_ + (next_++ << 12);
    for (uint32_t off = 0; off < kPageSize; off += 4)
        writeEntry(page + off, 0);
    return page;
}

uint32_t ShadowPageTable::rootFor(uint32_t guestSatp, uint32_t role) {
    const uint64_t key = uint64_t{guestSatp} << 32 | role;
    auto it = roots_.find(key);
    if (it == roots_.end()) {
        uint32_t root = allocate();
        if (!root) {
            flushAll();
            root = allocate();
        }
        it = roots_.emplace(key, root).first;
    }
    return kSatpModeSv32 | (it->second >> 12);
}

bool ShadowPageTable::install(uint32_t guestSatp, uint32_t role, uint32_t vaddr, const GuestWalk& w,
                              uint32_t hostPage, uint32_t perms) {
    const uint32_t root = satpPpn(rootFor(guestSatp, role)) << 12;
    const uint32_t rootEntry = root + 4 * vpn(vaddr, 1);
    uint32_t pde = machine_.busRead(rootEntry, 4).value_or(0);
    if (!(pde & kPteV)) {
        const uint32_t table = allocate();
        if (!table) return false;
        pde = ((table >> 12) << 10) | kPteV;
        writeEntry(rootEntry, pde);
        if (w.rootPteAddress) derived_[w.rootPteAddress].push_back(rootEntry);
    }
    const uint32_t leafEntry = (static_cast<uint32_t>(ptePpn(pde)) << 12) + 4 * vpn(vaddr, 0);
    // U: the real hart runs all guest code in U-mode. A and D preset, so the hardware
    // never writes the shadow; the guest's own A/D bits were set by the walk.
    const uint32_t leaf =
        ((hostPage >> 12) << 10) | perms | kPteV | kPteU | kPteA | ((perms & kPteW) ? kPteD : 0);
    writeEntry(leafEntry, leaf);
    if (w.leafPteAddress) derived_[w.leafPteAddress].push_back(leafEntry);
    if (perms & kPteW) writableFrames_.insert(hostPage >> 12);
    return true;
}

bool ShadowPageTable::notePageTables(const GuestWalk& w) {
    bool conflict = false;
    for (int i = 0; i < w.tableCount; ++i) {
        const uint32_t frame = w.tables[i] >> 12;
        if (pageTables_.insert(frame).second && writableFrames_.count(frame)) conflict = true;
    }
    return conflict;
}

int ShadowPageTable::zapDerived(uint32_t pteAddress) {
    const auto it = derived_.find(pteAddress);
    if (it == derived_.end()) return 0;
    const int count = static_cast<int>(it->second.size());
    for (uint32_t entry : it->second)
        writeEntry(entry, 0);
    derived_.erase(it);
    machine_.flushTranslations();
    return count;
}

// Page-table frames stay known (and write-protected) across a flush: forgetting them
// would let the next fill map one writable before a walk finds it again.
void ShadowPageTable::flushAll() {
    next_ = 0;
    roots_.clear();
    writableFrames_.clear();
    derived_.clear();
    ++flushes_;
    machine_.flushTranslations();
}

} // namespace vizor::hv
