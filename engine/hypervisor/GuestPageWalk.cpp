#include "hypervisor/GuestPageWalk.h"

#include "cpu/Csr.h"
#include "mmu/Sv32.h"

namespace vizor::hv {

using namespace sv32;

uint32_t pageFaultCause(Access access) {
    return access == Access::Fetch  ? csr::kInstructionPageFault
           : access == Access::Load ? csr::kLoadPageFault
                                    : csr::kStorePageFault;
}

uint32_t accessFaultCause(Access access) {
    return access == Access::Fetch  ? csr::kInstructionAccessFault
           : access == Access::Load ? csr::kLoadAccessFault
                                    : csr::kStoreAccessFault;
}

bool guestPermits(uint32_t pte, Access access, const GuestMmuContext& ctx) {
    if (pte & kPteU) {
        if (ctx.priv == Privilege::Supervisor &&
            (access == Access::Fetch || !(ctx.sstatus & csr::kSUM)))
            return false;
    } else if (ctx.priv == Privilege::User) {
        return false;
    }
    switch (access) {
    case Access::Fetch:
        return pte & kPteX;
    case Access::Load:
        return (pte & kPteR) || ((ctx.sstatus & csr::kMXR) && (pte & kPteX));
    case Access::Store:
        return pte & kPteW;
    }
    return false;
}

GuestWalk walkGuest(Machine& machine, const GuestMmuContext& ctx, uint32_t vaddr, Access access,
                    bool updateAccessed) {
    GuestWalk w;
    if (!(ctx.satp & kSatpModeSv32)) {
        w.ok = true;
        w.gpa = vaddr;
        return w;
    }
    auto fail = [&](uint32_t cause) {
        w.cause = cause;
        return w;
    };
    uint64_t table = uint64_t{satpPpn(ctx.satp)} << 12;
    uint32_t pte = 0, pteAddress = 0;
    int level = 1;
    for (;; --level) {
        const uint64_t address = table + 4u * vpn(vaddr, level);
        if (address < board::kRamBase || address + 4 > ctx.ramEnd)
            return fail(accessFaultCause(access));
        pteAddress = static_cast<uint32_t>(address);
        pte = machine.busRead(pteAddress, 4).value_or(0);
        ++w.references;
        w.tables[w.tableCount++] = static_cast<uint32_t>(table);
        if (level == 1) w.rootPteAddress = pteAddress;
        if (!(pte & kPteV) || (!(pte & kPteR) && (pte & kPteW)))
            return fail(pageFaultCause(access));
        if (pte & (kPteR | kPteX)) break;
        if (level == 0) return fail(pageFaultCause(access));
        table = ptePpn(pte) << 12;
    }
    uint64_t ppn = ptePpn(pte);
    if (level == 1) {
        if (ppn & 0x3ff) return fail(pageFaultCause(access));
        ppn |= vpn(vaddr, 0);
    }
    if (!guestPermits(pte, access, ctx)) return fail(pageFaultCause(access));
    if (ppn >> 20) return fail(accessFaultCause(access));
    const uint32_t updated = pte | kPteA | (access == Access::Store ? kPteD : 0);
    if (updateAccessed && updated != pte) {
        machine.busWrite(pteAddress, updated, 4);
        w.adSet = updated & ~pte;
        pte = updated;
    }
    w.ok = true;
    w.leafPte = pte;
    w.leafPteAddress = pteAddress;
    w.gpa = static_cast<uint32_t>(ppn << 12) | (vaddr & 0xfff);
    return w;
}

} // namespace vizor::hv
