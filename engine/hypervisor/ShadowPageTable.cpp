#include "hypervisor/ShadowPageTable.h"

#include "mmu/Sv32.h"

namespace vizor::hv {

using namespace sv32;

namespace {
// Sv32 has 9 ASID bits; ASID 0 is left to nothing, so a root's ASID is its index + 1.
constexpr uint32_t kAsidShift = 22;
constexpr uint32_t kMaxAsid = 0x1ff;
} // namespace

ShadowPageTable::ShadowPageTable(Machine& machine, uint32_t poolBase, uint32_t poolBytes)
    : machine_(machine), poolBase_(poolBase), poolPages_(poolBytes >> 12) {}

uint32_t ShadowPageTable::allocate() {
    if (next_ >= poolPages_) return 0;
    const uint32_t page = poolBase_ + (next_++ << 12);
    for (uint32_t off = 0; off < kPageSize; off += 4)
        writeEntry(page + off, 0);
    return page;
}

uint32_t ShadowPageTable::rootFor(uint32_t guestSatp, uint32_t role, bool* cached) {
    const uint64_t key = uint64_t{guestSatp} << 32 | role;
    if (cached) *cached = roots_.count(key) != 0;
    const Root r = findOrCreate(key);
    return kSatpModeSv32 | (r.asid << kAsidShift) | (r.address >> 12);
}

ShadowPageTable::Root ShadowPageTable::findOrCreate(uint64_t key) {
    if (const auto it = roots_.find(key); it != roots_.end()) return it->second;
    uint32_t root = allocate();
    // Out of pages or of ASIDs: start over (the flush also empties the TLB, so a reused
    // ASID cannot find a stale entry).
    if (!root || roots_.size() >= kMaxAsid) {
        flushAll();
        root = allocate();
    }
    const auto asid = static_cast<uint32_t>(roots_.size()) + 1;
    return roots_.emplace(key, Root{root, asid}).first->second;
}

bool ShadowPageTable::install(uint32_t guestSatp, uint32_t role, uint32_t vaddr, const GuestWalk& w,
                              uint32_t hostPage, uint32_t perms) {
    const uint32_t root = findOrCreate(uint64_t{guestSatp} << 32 | role).address;
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
    // never writes the shadow; the guest's own A/D bits were set by the walk, and W is
    // only given once the guest's D is set, so the first store comes back to the VMM.
    const uint32_t leaf =
        ((hostPage >> 12) << 10) | perms | kPteV | kPteU | kPteA | ((perms & kPteW) ? kPteD : 0);
    writeEntry(leafEntry, leaf);
    if (w.leafPteAddress) derived_[w.leafPteAddress].push_back(leafEntry);
    if (perms & kPteW) writableFrames_.insert(w.gpa >> 12); // guest frames, as pageTables_
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

std::vector<uint32_t> ShadowPageTable::zapDerived(uint32_t pteAddress) {
    const auto it = derived_.find(pteAddress);
    if (it == derived_.end()) return {};
    std::vector<uint32_t> zapped = std::move(it->second);
    derived_.erase(it);
    for (uint32_t entry : zapped)
        writeEntry(entry, 0);
    counters_.zappedEntries += zapped.size();
    machine_.flushTranslations();
    return zapped;
}

// Page-table frames stay known (and write-protected) across a flush: forgetting them
// would let the next fill map one writable before a walk finds it again.
void ShadowPageTable::flushAll() {
    next_ = 0;
    roots_.clear();
    writableFrames_.clear();
    derived_.clear();
    ++counters_.flushes;
    machine_.flushTranslations();
}

std::vector<ShadowLeaf> ShadowPageTable::leaves(uint32_t realSatp) const {
    std::vector<ShadowLeaf> out;
    const uint32_t root = satpPpn(realSatp) << 12;
    for (uint32_t i = 0; i < 1024; ++i) {
        const uint32_t pde = machine_.peekPhysical(root + 4 * i, 4).value_or(0);
        if (!(pde & kPteV)) continue;
        const auto table = static_cast<uint32_t>(ptePpn(pde) << 12);
        for (uint32_t j = 0; j < 1024; ++j) {
            const uint32_t address = table + 4 * j;
            const uint32_t pte = machine_.peekPhysical(address, 4).value_or(0);
            if (pte & kPteV) out.push_back({(i << 22) | (j << 12), address, pte});
        }
    }
    return out;
}

} // namespace vizor::hv
