// Sv32x4 G-stage and the two-dimensional walk (privileged spec 1.12, "Two-Stage Address
// Translation"). Implicit reads of the guest's page tables go through the G-stage as
// loads, but a guest-page fault on them is reported as the original access type.
#include "mmu/TwoStage.h"

#include "cpu/Csr.h"
#include "cpu/HypervisorCsr.h"
#include "mmu/Sv32.h"

namespace vizor::nested {

using namespace sv32;

namespace {

uint32_t guestPageFault(Access a) {
    return a == Access::Fetch  ? hcsr::kInstructionGuestPageFault
           : a == Access::Load ? hcsr::kLoadGuestPageFault
                               : hcsr::kStoreGuestPageFault;
}
uint32_t pageFault(Access a) {
    return a == Access::Fetch  ? csr::kInstructionPageFault
           : a == Access::Load ? csr::kLoadPageFault
                               : csr::kStorePageFault;
}
uint32_t accessFault(Access a) {
    return a == Access::Fetch  ? csr::kInstructionAccessFault
           : a == Access::Load ? csr::kLoadAccessFault
                               : csr::kStoreAccessFault;
}

bool permits(uint32_t pte, Access access, bool user, uint32_t status) {
    if (pte & kPteU) {
        if (!user && (access == Access::Fetch || !(status & csr::kSUM))) return false;
    } else if (user) {
        return false;
    }
    if (access == Access::Fetch) return pte & kPteX;
    if (access == Access::Load) return (pte & kPteR) || ((status & csr::kMXR) && (pte & kPteX));
    return pte & kPteW;
}

bool fail(Walk& walk, uint32_t cause, uint64_t gpa, bool guestFault) {
    walk.faulted = true;
    walk.cause = cause;
    walk.tval = walk.gva;
    walk.htval = guestFault ? static_cast<uint32_t>(gpa >> 2) : 0;
    return false;
}

// Reads one PTE and records the reference; false if there is no memory there.
bool readPte(PhysicalPort& memory, Walk& walk, Reference ref, uint32_t& pte) {
    const std::optional<uint32_t> value = memory.read32(ref.pteAddress);
    if (!value) return false;
    pte = *value;
    ref.pte = pte;
    if (walk.count < walk.refs.size()) walk.refs[walk.count++] = ref;
    return true;
}

// Sets A (and D for a store) in memory and in the last recorded reference.
void markAccessed(PhysicalPort& memory, Walk& walk, uint64_t address, uint32_t& pte, bool dirty) {
    const uint32_t updated = pte | kPteA | (dirty ? kPteD : 0);
    if (updated == pte) return;
    memory.write32(address, updated);
    pte = updated;
    if (walk.count) walk.refs[walk.count - 1].pte = updated;
}

} // namespace

unsigned Walk::references(Stage stage) const {
    unsigned n = 0;
    for (unsigned i = 0; i < count; ++i)
        n += refs[i].stage == stage;
    return n;
}

bool gStage(uint32_t hgatp, uint64_t gpa, Access original, PhysicalPort& memory, Walk& walk,
            uint64_t& hpa) {
    if (!(hgatp & hcsr::kHgatpModeSv32x4)) {
        hpa = gpa;
        return true;
    }
    if (gpa >> 34) return fail(walk, guestPageFault(original), gpa, true);
    // The x4 root: 16 KiB, 2048 entries indexed by GPA[33:22] (two more bits than Sv32).
    uint64_t table = (uint64_t{hcsr::hgatpPpn(hgatp)} & ~uint64_t{3}) << 12;
    uint32_t pte = 0;
    uint64_t address = 0;
    int level = 1;
    for (;; --level) {
        const uint32_t index = level == 1 ? static_cast<uint32_t>(gpa >> 22) & 0xfff
                                          : static_cast<uint32_t>(gpa >> 12) & 0x3ff;
        address = table + 4u * index;
        if (!readPte(memory, walk, {Stage::G, level, table, index, address, 0}, pte))
            return fail(walk, accessFault(original), gpa, false);
        if (!(pte & kPteV) || (!(pte & kPteR) && (pte & kPteW)))
            return fail(walk, guestPageFault(original), gpa, true);
        if (pte & (kPteR | kPteX)) break;
        if (level == 0) return fail(walk, guestPageFault(original), gpa, true);
        table = ptePpn(pte) << 12;
    }
    uint64_t ppn = ptePpn(pte);
    if (level == 1) {
        if (ppn & 0x3ff) return fail(walk, guestPageFault(original), gpa, true);
        ppn |= (gpa >> 12) & 0x3ff;
    }
    // G-stage accesses are all checked as U-mode ones: a leaf without U faults.
    if (!permits(pte, original, true, 0)) return fail(walk, guestPageFault(original), gpa, true);
    markAccessed(memory, walk, address, pte, original == Access::Store);
    hpa = (ppn << 12) | (gpa & 0xfff);
    return true;
}

bool translate(uint32_t vsatp, uint32_t hgatp, uint32_t vsstatus, Privilege priv, uint32_t gva,
               Access access, PhysicalPort& memory, Walk& walk) {
    walk = Walk{};
    walk.gva = gva;
    if (!(vsatp & kSatpModeSv32)) {
        walk.gpa = gva;
        return gStage(hgatp, gva, access, memory, walk, walk.hpa);
    }
    uint64_t table = uint64_t{satpPpn(vsatp)} << 12; // guest-physical
    uint32_t pte = 0;
    uint64_t pteHost = 0;
    int level = 1;
    for (;; --level) {
        const uint32_t index = vpn(gva, level);
        const uint64_t pteGuest = table + 4u * index;
        // The VS table entry's own guest-physical address goes through the G-stage first.
        if (!gStage(hgatp, pteGuest, access, memory, walk, pteHost)) return false;
        if (!readPte(memory, walk, {Stage::VS, level, table, index, pteHost, 0}, pte))
            return fail(walk, accessFault(access), pteGuest, false);
        if (!(pte & kPteV) || (!(pte & kPteR) && (pte & kPteW)))
            return fail(walk, pageFault(access), 0, false);
        if (pte & (kPteR | kPteX)) break;
        if (level == 0) return fail(walk, pageFault(access), 0, false);
        table = ptePpn(pte) << 12;
    }
    uint64_t ppn = ptePpn(pte);
    if (level == 1) {
        if (ppn & 0x3ff) return fail(walk, pageFault(access), 0, false);
        ppn |= vpn(gva, 0);
    }
    if (!permits(pte, access, priv == Privilege::User, vsstatus))
        return fail(walk, pageFault(access), 0, false);
    markAccessed(memory, walk, pteHost, pte, access == Access::Store);
    walk.gpa = (ppn << 12) | (gva & 0xfff);
    return gStage(hgatp, walk.gpa, access, memory, walk, walk.hpa);
}

std::vector<Event> toEvents(const Walk& walk, Access access) {
    std::vector<Event> events;
    for (unsigned i = 0; i < walk.count; ++i) {
        const Reference& r = walk.refs[i];
        Event e;
        e.type = EventType::PageWalkStep;
        e.a = walk.gva;
        e.b = static_cast<uint32_t>(r.pteAddress);
        e.c = r.pte;
        e.d = static_cast<uint32_t>(r.level) | static_cast<uint32_t>(r.stage) << 8;
        events.push_back(e);
    }
    Event done;
    done.type = EventType::PageWalkDone;
    done.a = walk.gva;
    done.b = walk.faulted ? 0 : static_cast<uint32_t>(walk.hpa);
    done.c = static_cast<uint32_t>(access);
    done.d = walk.faulted ? 1 : 0;
    events.push_back(done);
    return events;
}

} // namespace vizor::nested
