// Trap entry and return (privileged spec 3.1.6-3.1.9, 3.3.2, 4.1.1): delegation through
// medeleg/mideleg, interrupt priorities, and the stacking of xIE/xPIE/xPP. With the
// hypervisor extension a trap out of VS/VU (V=1) may also be delegated on to the guest
// by hedeleg/hideleg, and is then taken in VS-mode at vstvec without leaving V=1; any
// other trap from V=1 clears V (a VM exit) and records the guest's mode in hstatus.SPV/
// SPVP or mstatush.MPV.
#include "cpu/HypervisorCsr.h"
#include "machine/MachineImpl.h"

namespace vizor {

using namespace csr;

namespace {

enum class Target : uint8_t { M, HS, VS };

// Exceptions whose tval is a guest virtual address when taken from V=1 (hstatus.GVA,
// mstatush.GVA): misaligned, access and page faults, guest-page faults.
bool tvalIsAddress(uint32_t cause) {
    return cause <= kStoreAccessFault
               ? cause != kIllegalInstruction && cause != kBreakpoint
               : cause == kInstructionPageFault || cause == kLoadPageFault ||
                     cause == kStorePageFault || cause == hcsr::kInstructionGuestPageFault ||
                     cause == hcsr::kLoadGuestPageFault || cause == hcsr::kStoreGuestPageFault;
}

// Enter `target` mode for a trap, stacking the interrupt-enable and previous privilege.
void enterTrap(HartState& h, Target target, uint32_t cause, uint32_t tval, uint32_t tval2) {
    CsrFile& c = h.csr;
    const uint32_t prev = static_cast<uint32_t>(h.priv);
    const bool interrupt = cause & kInterruptBit;
    const uint32_t code = cause & ~kInterruptBit;
    const bool gva = h.virt && !interrupt && tvalIsAddress(code);
    if (target == Target::M) {
        c.mepc = h.pc;
        c.mcause = cause;
        c.mtval = tval;
        c.mtval2 = tval2;
        c.mtinst = 0; // no transformed instruction is reported (allowed by the spec)
        const uint32_t mie = c.mstatus & kMIE;
        c.mstatus &= ~(kMPIE | kMIE | kMPP);
        c.mstatus |= (mie ? kMPIE : 0) | (prev << kMPPShift);
        c.mstatush = (h.virt ? hcsr::kMstatushMPV : 0) | (gva ? hcsr::kMstatushGVA : 0);
        const uint32_t base = c.mtvec & ~3u;
        h.pc = (interrupt && (c.mtvec & 1)) ? base + 4 * code : base;
        h.priv = Privilege::Machine;
        h.virt = false;
    } else if (target == Target::HS) {
        c.sepc = h.pc;
        c.scause = cause;
        c.stval = tval;
        const uint32_t sie = c.mstatus & kSIE;
        c.mstatus &= ~(kSPIE | kSIE | kSPP);
        c.mstatus |= (sie ? kSPIE : 0) | (prev ? kSPP : 0);
        if (h.virt) { // SPVP: the guest's privilege, kept when the trap came from HS/U
            c.hstatus = (c.hstatus & ~hcsr::kSPVP) | (prev ? hcsr::kSPVP : 0);
            c.htval = tval2;
            c.htinst = 0;
        }
        c.hstatus = (c.hstatus & ~(hcsr::kSPV | hcsr::kGVA)) | (h.virt ? hcsr::kSPV : 0) |
                    (gva ? hcsr::kGVA : 0);
        const uint32_t base = c.stvec & ~3u;
        h.pc = (interrupt && (c.stvec & 1)) ? base + 4 * code : base;
        h.priv = Privilege::Supervisor;
        h.virt = false;
    } else { // VS: the guest's own trap, its own CSRs, V stays 1
        c.vsepc = h.pc;
        c.vscause = cause;
        c.vstval = tval;
        const uint32_t sie = c.vsstatus & kSIE;
        c.vsstatus &= ~(kSPIE | kSIE | kSPP);
        c.vsstatus |= (sie ? kSPIE : 0) | (prev ? kSPP : 0);
        const uint32_t base = c.vstvec & ~3u;
        h.pc = (interrupt && (c.vstvec & 1)) ? base + 4 * code : base;
        h.priv = Privilege::Supervisor;
    }
    h.waitingForInterrupt = false;
    h.reservationValid = false; // QEMU drops the LR reservation on every trap
}

// Event `c` for a trap's target: the privilege it enters, with bit 2 set for VS.
uint32_t targetCode(Target t) {
    return t == Target::M ? 3u : t == Target::HS ? 1u : 1u | 4u;
}

} // namespace

void Machine::Impl::worldSwitch() {
    ++tlbStats.worldSwitches;
    if (config.tlbTagged) return;
    itlb.flushAll();
    dtlb.flushAll();
    ++tlbStats.flushes;
    ++tlbStats.worldSwitchFlushes;
}

void Machine::Impl::addressSpaceChanged() {
    if (config.tlbTagged) return;
    itlb.flushAll();
    dtlb.flushAll();
    ++tlbStats.flushes;
    stopBlock = true;
}

bool Machine::Impl::offerTrap(uint32_t cause, uint32_t tval, uint32_t tval2) {
    if (!trapHandler) return false;
    const CsrFile& c = hart.csr;
    const uint32_t satp = c.satp, vsatp = c.vsatp, hgatp = c.hgatp;
    const bool wasVirt = hart.virt;
    if (!trapHandler->handleTrap(*owner, {cause, tval, hart.pc, hart.priv, hart.virt, tval2}))
        return false;
    // The handler may have changed anything: mode, satp, interrupt state, memory.
    if (c.satp != satp || c.vsatp != vsatp || c.hgatp != hgatp) {
        itlb.flushAll();
        dtlb.flushAll();
        ++tlbStats.flushes;
    }
    // A VMM that handled a trap out of V=1 and resumed the guest made a VM exit and a
    // VM entry: two world switches, whatever the handler's language.
    if (wasVirt && hart.virt) {
        worldSwitch();
        worldSwitch();
    }
    hart.reservationValid = false;
    updateTimerPending();
    refreshDerived();
    return true;
}

void Machine::Impl::raiseException(uint32_t cause, uint32_t tval, uint32_t tval2) {
    Target target = Target::M;
    if (hart.priv != Privilege::Machine && ((hart.csr.medeleg >> cause) & 1))
        target = hart.virt && ((hart.csr.hedeleg >> cause) & 1) ? Target::VS : Target::HS;
    emit(EventType::Exception, cause, tval, targetCode(target));
    // A trap the hardware delegates to the guest never reaches software below it.
    bool handled = false;
    if (target == Target::VS) {
        enterTrap(hart, target, cause, tval, tval2);
    } else {
        handled = offerTrap(cause, tval, tval2);
        if (!handled) {
            const bool wasVirt = hart.virt;
            enterTrap(hart, target, cause, tval, tval2);
            if (wasVirt) worldSwitch();
        }
    }
    // A trapping instruction is a step and costs a cycle, but does not retire.
    ++hart.steps;
    ++hart.cycle;
    stopBlock = true;
    refreshDerived();
}

uint32_t Machine::Impl::pendingInterrupts() const {
    const uint32_t pending = pendingBits() & hart.csr.mie;
    if (!pending) return 0;
    const CsrFile& c = hart.csr;
    // With the extension the VS interrupts are always delegated past M (mideleg's VS
    // bits read as one), then hideleg chooses VS or HS.
    const uint32_t mideleg = c.mideleg | (hasH() ? kVsInterruptBits : 0);
    const uint32_t toM = pending & ~mideleg;
    const uint32_t toHS = pending & mideleg & ~c.hideleg;
    const uint32_t toVS = pending & mideleg & c.hideleg;
    // Interrupts for a more privileged mode are always enabled below it; for the
    // current mode only when its global xIE bit is set; never for a lower mode. HS is
    // more privileged than VS and VU.
    const Privilege p = hart.priv;
    const bool mEnabled = p != Privilege::Machine || (c.mstatus & kMIE);
    const bool hsEnabled =
        hart.virt || p == Privilege::User || (p == Privilege::Supervisor && (c.mstatus & kSIE));
    const bool vsEnabled = hart.virt && (p == Privilege::User || (c.vsstatus & kSIE));
    uint32_t enabled = 0;
    if (mEnabled) enabled |= toM;
    if (hsEnabled) enabled |= toHS;
    if (vsEnabled) enabled |= toVS;
    // Keep the highest-privilege group only: M before HS before VS.
    if (enabled & toM) return enabled & toM;
    if (enabled & toHS) return enabled & toHS;
    return enabled;
}

bool Machine::Impl::takePendingInterrupt() {
    const uint32_t enabled = pendingInterrupts();
    if (!enabled) return false;
    // Priority order of the privileged spec: MEI, MSI, MTI, SEI, SSI, STI, then the
    // VS ones VSEI, VSSI, VSTI.
    static constexpr uint32_t kOrder[] = {kIrqMExt,        kIrqMSoft,        kIrqMTimer,
                                          kIrqSExt,        kIrqSSoft,        kIrqSTimer,
                                          hcsr::kIrqVSExt, hcsr::kIrqVSSoft, hcsr::kIrqVSTimer};
    for (uint32_t irq : kOrder) {
        if (!((enabled >> irq) & 1)) continue;
        const bool vsIrq = (kVsInterruptBits >> irq) & 1;
        const bool delegated = vsIrq || ((hart.csr.mideleg >> irq) & 1);
        Target target = delegated ? Target::HS : Target::M;
        uint32_t cause = irq | kInterruptBit;
        if (vsIrq && ((hart.csr.hideleg >> irq) & 1)) {
            target = Target::VS;
            cause = (irq - 1) | kInterruptBit; // the guest sees VSTI as STI, and so on
        }
        emit(EventType::Interrupt, cause, 0, targetCode(target));
        if (target == Target::VS) {
            enterTrap(hart, target, cause, 0, 0);
        } else if (!offerTrap(irq | kInterruptBit, 0)) {
            const bool wasVirt = hart.virt;
            enterTrap(hart, target, irq | kInterruptBit, 0, 0);
            if (wasVirt) worldSwitch();
        }
        ++hart.steps;
        ++hart.cycle;
        refreshDerived();
        return true;
    }
    return false;
}

// mret and sret. From HS, sret returns to hstatus.SPV's mode (a VM entry when set);
// from VS it is the guest's own sret on vsstatus/vsepc. mret returns to mstatush.MPV's
// mode. SPV and MPV are cleared, as QEMU does.
void Machine::Impl::trapReturn(bool machine) {
    CsrFile& c = hart.csr;
    Privilege next;
    bool nextVirt = hart.virt;
    uint32_t pc = 0;
    if (machine) {
        next = static_cast<Privilege>((c.mstatus & kMPP) >> kMPPShift);
        const uint32_t mpie = c.mstatus & kMPIE;
        c.mstatus &= ~(kMIE | kMPP);
        c.mstatus |= (mpie ? kMIE : 0) | kMPIE; // MPP <- U (least privileged)
        if (next != Privilege::Machine) c.mstatus &= ~kMPRV;
        nextVirt = next != Privilege::Machine && (c.mstatush & hcsr::kMstatushMPV);
        c.mstatush &= ~hcsr::kMstatushMPV;
        pc = c.mepc;
    } else if (hart.virt) {
        next = (c.vsstatus & kSPP) ? Privilege::Supervisor : Privilege::User;
        const uint32_t spie = c.vsstatus & kSPIE;
        c.vsstatus &= ~(kSIE | kSPP);
        c.vsstatus |= (spie ? kSIE : 0) | kSPIE;
        pc = c.vsepc;
    } else {
        next = (c.mstatus & kSPP) ? Privilege::Supervisor : Privilege::User;
        const uint32_t spie = c.mstatus & kSPIE;
        c.mstatus &= ~(kSIE | kSPP);
        c.mstatus |= (spie ? kSIE : 0) | kSPIE;
        c.mstatus &= ~kMPRV; // sret always returns below M
        nextVirt = c.hstatus & hcsr::kSPV;
        c.hstatus &= ~hcsr::kSPV;
        pc = c.sepc;
    }
    emit(EventType::TrapReturn, machine ? 1 : 0, 0,
         static_cast<uint32_t>(next) | (nextVirt ? 4u : 0u));
    const bool entry = nextVirt && !hart.virt;
    hart.pc = pc;
    hart.priv = next;
    hart.virt = nextVirt;
    if (entry) worldSwitch();
    stopBlock = true;
    refreshDerived();
}

} // namespace vizor
