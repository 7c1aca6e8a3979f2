// Sv32 address translation (privileged spec 4.3): TLB lookup, the two-level walk with
// hardware A/D update (as QEMU does), superpages, permission checks with SUM, MXR and
// MPRV, and precise page faults. Every walk is recorded for the page-walk view.
#include "cpu/HypervisorCsr.h"
#include "machine/MachineImpl.h"
#include "mmu/Sv32.h"

namespace vizor {

using namespace csr;
using namespace sv32;

namespace {

bool permits(uint32_t pte, AccessType access, Privilege priv, uint32_t mstatus) {
    if (pte & kPteU) {
        // S-mode may touch user pages only with SUM, and may never execute them.
        if (priv == Privilege::Supervisor && (access == AccessType::Fetch || !(mstatus & kSUM)))
            return false;
    } else if (priv == Privilege::User) {
        return false;
    }
    switch (access) {
    case AccessType::Fetch:
        return pte & kPteX;
    case AccessType::Load:
        return (pte & kPteR) || ((mstatus & kMXR) && (pte & kPteX));
    case AccessType::Store:
        return pte & kPteW;
    }
    return false;
}

uint32_t pageFaultCause(AccessType access) {
    switch (access) {
    case AccessType::Fetch:
        return kInstructionPageFault;
    case AccessType::Load:
        return kLoadPageFault;
    case AccessType::Store:
        return kStorePageFault;
    }
    return kLoadPageFault;
}

uint32_t accessFaultCause(AccessType access) {
    switch (access) {
    case AccessType::Fetch:
        return kInstructionAccessFault;
    case AccessType::Load:
        return kLoadAccessFault;
    case AccessType::Store:
        return kStoreAccessFault;
    }
    return kLoadAccessFault;
}

} // namespace

void Machine::Impl::refreshPermissions() {
    // V=1: the guest's SUM and MXR are vsstatus's (the same bit positions as mstatus's).
    const uint32_t mstatus = hart.virt ? hart.csr.vsstatus : hart.csr.mstatus;
    // Rebuilt only when an input changes: traps and CSR writes call this often.
    const uint32_t key = static_cast<uint32_t>(hart.priv) | static_cast<uint32_t>(dataPriv) << 2 |
                         (mstatus & (kSUM | kMXR)) | (config.traceInstructions ? 1u << 31 : 0) |
                         (hart.virt ? 1u << 30 : 0);
    if (key == permissionKey) return;
    permissionKey = key;
    for (uint32_t pte = 0; pte < 256; ++pte) {
        const bool accessed = (pte & kPteV) && (pte & kPteA);
        fetchOk[pte] = accessed && permits(pte, AccessType::Fetch, hart.priv, mstatus);
        loadOk[pte] = accessed && permits(pte, AccessType::Load, dataPriv, mstatus);
        storeOk[pte] =
            accessed && (pte & kPteD) && permits(pte, AccessType::Store, dataPriv, mstatus);
    }
    dataTlbFast = !config.traceInstructions;
}

bool Machine::Impl::translate(uint32_t vaddr, AccessType access, uint32_t& paddr) {
    Tlb& tlb = access == AccessType::Fetch ? itlb : dtlb;
    const auto& ok = access == AccessType::Fetch  ? fetchOk
                     : access == AccessType::Load ? loadOk
                                                  : storeOk;
    if (const TlbEntry* e = tlb.lookup(vaddr >> kPageShift, tlbTag); e && ok[e->pte]) {
        paddr = (e->ppn << kPageShift) | (vaddr & (kPageBytes - 1));
        ++tlbStats.hits;
        if (config.traceInstructions) emit(EventType::TlbHit, vaddr);
        return true;
    }
    // A miss, or a hit that does not allow this access (e.g. the first store to a page
    // whose D bit is clear): walk, which sets A/D or raises the page fault.
    ++tlbStats.misses;
    const Privilege priv = access == AccessType::Fetch ? hart.priv : dataPriv;
    if (hart.virt) return walkTwoStage(vaddr, access, priv, paddr);
    return walk(vaddr, access, priv, paddr);
}

bool Machine::Impl::walk(uint32_t vaddr, AccessType access, Privilege priv, uint32_t& paddr) {
    PageWalkRecord rec;
    rec.vaddr = vaddr;
    const auto accessCode = static_cast<uint32_t>(access);
    auto fail = [&](uint32_t cause) {
        rec.faulted = true;
        lastWalk = rec;
        emit(EventType::PageWalkDone, vaddr, 0, accessCode, 1);
        raiseException(cause, vaddr);
        return false;
    };
    uint64_t table = uint64_t{satpPpn(hart.csr.satp)} << kPageShift;
    uint32_t pte = 0;
    uint32_t pteAddress = 0;
    int level = 1;
    for (;; --level) {
        const uint64_t address = table + 4u * vpn(vaddr, level);
        if (address >> 32 || !inRam(static_cast<uint32_t>(address), 4))
            return fail(accessFaultCause(access));
        pteAddress = static_cast<uint32_t>(address);
        std::memcpy(&pte, &ram[pteAddress - board::kRamBase], 4);
        rec.refs[rec.refCount++] = {
            pteAddress, pte, level, PageWalkRecord::Stage::Single, table, vpn(vaddr, level)};
        ++tlbStats.walkReferences;
        emit(EventType::PageWalkStep, vaddr, pteAddress, pte, static_cast<uint32_t>(level));
        if (!(pte & kPteV) || (!(pte & kPteR) && (pte & kPteW)))
            return fail(pageFaultCause(access));
        if (pte & (kPteR | kPteX)) break; // a leaf
        if (level == 0) return fail(pageFaultCause(access));
        table = ptePpn(pte) << kPageShift;
    }
    uint64_t ppn = ptePpn(pte);
    if (level == 1) {
        if (ppn & 0x3ff) return fail(pageFaultCause(access)); // misaligned superpage
        ppn |= vpn(vaddr, 0);
    }
    if (!permits(pte, access, priv, hart.csr.mstatus)) return fail(pageFaultCause(access));
    if (ppn >> 20) return fail(accessFaultCause(access)); // beyond the 32-bit bus
    // Hardware A/D update: the PTE in memory records the access.
    const uint32_t updated = pte | kPteA | (access == AccessType::Store ? kPteD : 0);
    if (updated != pte) {
        writePhysical(pteAddress, 4, updated);
        rec.refs[rec.refCount - 1].pteValue = updated;
    }
    paddr = static_cast<uint32_t>(ppn << kPageShift) | (vaddr & (kPageBytes - 1));
    TlbEntry entry;
    entry.vpn = vaddr >> kPageShift;
    entry.ppn = static_cast<uint32_t>(ppn);
    entry.tag = tlbTag;
    entry.pte = static_cast<uint8_t>(updated);
    entry.level = static_cast<uint8_t>(level);
    entry.valid = true;
    (access == AccessType::Fetch ? itlb : dtlb).insert(entry);
    rec.paddr = paddr;
    lastWalk = rec;
    emit(EventType::PageWalkDone, vaddr, paddr, accessCode, 0);
    return true;
}

std::optional<uint32_t> Machine::Impl::walkQuietly(uint32_t vaddr) const {
    if (hart.virt) return const_cast<Impl*>(this)->twoStageQuietly(vaddr); // a quiet port
    if (!(hart.csr.satp & kSatpModeSv32) || hart.priv == Privilege::Machine) return vaddr;
    uint64_t table = uint64_t{satpPpn(hart.csr.satp)} << kPageShift;
    for (int level = 1; level >= 0; --level) {
        const uint64_t address = table + 4u * vpn(vaddr, level);
        if (address >> 32 || !inRam(static_cast<uint32_t>(address), 4)) return std::nullopt;
        uint32_t pte = 0;
        std::memcpy(&pte, &ram[static_cast<uint32_t>(address) - board::kRamBase], 4);
        if (!(pte & kPteV) || (!(pte & kPteR) && (pte & kPteW))) return std::nullopt;
        if (pte & (kPteR | kPteX)) {
            uint64_t ppn = ptePpn(pte);
            if (level == 1) {
                if (ppn & 0x3ff) return std::nullopt;
                ppn |= vpn(vaddr, 0);
            }
            if (ppn >> 20) return std::nullopt;
            return static_cast<uint32_t>(ppn << kPageShift) | (vaddr & (kPageBytes - 1));
        }
        table = ptePpn(pte) << kPageShift;
    }
    return std::nullopt;
}

// In VS-mode sfence.vma acts on the guest's own entries (its VMID) only; in HS-mode on
// the host's (V=0) ones, as the H extension specifies.
void Machine::Impl::sfenceVma(uint32_t vaddr, uint32_t asidValue, bool byAddress, bool byAsid) {
    const std::optional<uint32_t> a = byAddress ? std::optional<uint32_t>(vaddr) : std::nullopt;
    const std::optional<uint16_t> s =
        byAsid ? std::optional<uint16_t>(static_cast<uint16_t>(asidValue & 0x1ff)) : std::nullopt;
    const uint32_t space = tlbTag >> kTlbSpaceShift;
    itlb.flush(a, s, space);
    dtlb.flush(a, s, space);
    if (!byAddress && !byAsid) ++tlbStats.flushes;
    emit(EventType::TlbFlush, byAddress ? vaddr : 0, byAsid ? asidValue : 0);
}

// hfence.vvma: the current guest's VS-stage entries (a combined TLB holds those as
// whole guest translations). hfence.gvma: every guest's entries, or one VMID's; a
// guest-physical address operand cannot select combined entries, so it flushes the
// VMID's entries wholesale, which the spec allows (a fence may do more).
void Machine::Impl::hfence(bool guestStage, uint32_t rs1Value, uint32_t rs2Value, bool byAddress,
                           bool bySpace) {
    if (guestStage) {
        const std::optional<uint32_t> vmid =
            bySpace ? std::optional<uint32_t>(rs2Value & 0x7f) : std::nullopt;
        if (config.tlbTagged) {
            itlb.flushGuests(vmid);
            dtlb.flushGuests(vmid);
        } else { // untagged: nothing says which entries are a guest's
            itlb.flushAll();
            dtlb.flushAll();
        }
    } else {
        const std::optional<uint32_t> a =
            byAddress ? std::optional<uint32_t>(rs1Value) : std::nullopt;
        const std::optional<uint16_t> s =
            bySpace ? std::optional<uint16_t>(static_cast<uint16_t>(rs2Value & 0x1ff))
                    : std::nullopt;
        const uint32_t space =
            config.tlbTagged ? kTlbGuestSpace | hcsr::hgatpVmid(hart.csr.hgatp) : 0;
        itlb.flush(a, s, space);
        dtlb.flush(a, s, space);
    }
    if (!byAddress && !bySpace) ++tlbStats.flushes;
    emit(EventType::TlbFlush, byAddress ? rs1Value : 0, bySpace ? rs2Value : 0, guestStage ? 2 : 1);
}

} // namespace vizor
