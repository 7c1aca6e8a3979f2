// Trap entry and return (privileged spec 3.1.6-3.1.9, 3.3.2, 4.1.1): delegation through
// medeleg/mideleg, interrupt priorities, and the stacking of xIE/xPIE/xPP.
#include "machine/MachineImpl.h"

namespace vizor {

using namespace csr;

namespace {

// Enter `target` mode for a trap, stacking the interrupt-enable and previous privilege.
void enterTrap(HartState& h, Privilege target, uint32_t cause, uint32_t tval) {
    CsrFile& c = h.csr;
    const uint32_t prev = static_cast<uint32_t>(h.priv);
    const bool interrupt = cause & kInterruptBit;
    const uint32_t code = cause & ~kInterruptBit;
    if (target == Privilege::Machine) {
        c.mepc = h.pc;
        c.mcause = cause;
        c.mtval = tval;
        const uint32_t mie = c.mstatus & kMIE;
        c.mstatus &= ~(kMPIE | kMIE | kMPP);
        c.mstatus |= (mie ? kMPIE : 0) | (prev << kMPPShift);
        const uint32_t base = c.mtvec & ~3u;
        h.pc = (interrupt && (c.mtvec & 1)) ? base + 4 * code : base;
    } else {
        c.sepc = h.pc;
        c.scause = cause;
        c.stval = tval;
        const uint32_t sie = c.mstatus & kSIE;
        c.mstatus &= ~(kSPIE | kSIE | kSPP);
        c.mstatus |= (sie ? kSPIE : 0) | (prev ? kSPP : 0);
        const uint32_t base = c.stvec & ~3u;
        h.pc = (interrupt && (c.stvec & 1)) ? base + 4 * code : base;
    }
    h.priv = target;
    h.waitingForInterrupt = false;
    h.reservationValid = false; // QEMU drops the LR reservation on every trap
}

} // namespace

bool Machine::Impl::offerTrap(uint32_t cause, uint32_t tval) {
    if (!trapHandler) return false;
    const uint32_t satp = hart.csr.satp;
    if (!trapHandler->handleTrap(*owner, {cause, tval, hart.pc, hart.priv})) return false;
    // The handler may have changed anything: mode, satp, interrupt state, memory.
    if (hart.csr.satp != satp) {
        itlb.flushAll();
        dtlb.flushAll();
    }
    hart.reservationValid = false;
    updateTimerPending();
    refreshDerived();
    return true;
}

void Machine::Impl::raiseException(uint32_t cause, uint32_t tval) {
    const bool delegated = hart.priv != Privilege::Machine && ((hart.csr.medeleg >> cause) & 1);
    const Privilege target = delegated ? Privilege::Supervisor : Privilege::Machine;
    emit(EventType::Exception, cause, tval, static_cast<uint32_t>(target));
    if (!offerTrap(cause, tval)) enterTrap(hart, target, cause, tval);
    // A trapping instruction is a step and costs a cycle, but does not retire.
    ++hart.steps;
    ++hart.cycle;
    stopBlock = true;
    refreshDerived();
}

uint32_t Machine::Impl::pendingInterrupts() const {
    const uint32_t pending = hart.csr.mip & hart.csr.mie;
    if (!pending) return 0;
    const uint32_t mstatus = hart.csr.mstatus;
    const uint32_t toM = pending & ~hart.csr.mideleg;
    const uint32_t toS = pending & hart.csr.mideleg;
    // Interrupts for a more privileged mode are always enabled below it; for the
    // current mode only when its global xIE bit is set; never for a lower mode.
    const bool mEnabled = hart.priv != Privilege::Machine || (mstatus & kMIE);
    const bool sEnabled =
        hart.priv == Privilege::User || (hart.priv == Privilege::Supervisor && (mstatus & kSIE));
    if (mEnabled && toM) return toM;
    if (sEnabled && toS) return toS;
    return 0;
}

bool Machine::Impl::takePendingInterrupt() {
    const uint32_t enabled = pendingInterrupts();
    if (!enabled) return false;
    // Priority order of the privileged spec: MEI, MSI, MTI, SEI, SSI, STI.
    static constexpr uint32_t kOrder[] = {kIrqMExt, kIrqMSoft, kIrqMTimer,
                                          kIrqSExt, kIrqSSoft, kIrqSTimer};
    for (uint32_t irq : kOrder) {
        if (!((enabled >> irq) & 1)) continue;
        const bool delegated = (hart.csr.mideleg >> irq) & 1;
        const Privilege target = delegated ? Privilege::Supervisor : Privilege::Machine;
        emit(EventType::Interrupt, irq | kInterruptBit, 0, static_cast<uint32_t>(target));
        if (!offerTrap(irq | kInterruptBit, 0)) enterTrap(hart, target, irq | kInterruptBit, 0);
        ++hart.steps;
        ++hart.cycle;
        refreshDerived();
        return true;
    }
    return false;
}

void Machine::Impl::trapReturn(bool machine) {
    CsrFile& c = hart.csr;
    Privilege next;
    if (machine) {
        next = static_cast<Privilege>((c.mstatus & kMPP) >> kMPPShift);
        const uint32_t mpie = c.mstatus & kMPIE;
        c.mstatus &= ~(kMIE | kMPP);
        c.mstatus |= (mpie ? kMIE : 0) | kMPIE; // MPP <- U (least privileged)
        if (next != Privilege::Machine) c.mstatus &= ~kMPRV;
    } else {
        next = (c.mstatus & kSPP) ? Privilege::Supervisor : Privilege::User;
        const uint32_t spie = c.mstatus & kSPIE;
        c.mstatus &= ~(kSIE | kSPP);
        c.mstatus |= (spie ? kSIE : 0) | kSPIE;
        c.mstatus &= ~kMPRV; // sret always returns below M
    }
    emit(EventType::TrapReturn, machine ? 1 : 0, 0, static_cast<uint32_t>(next));
    hart.pc = machine ? c.mepc : c.sepc;
    hart.priv = next;
    stopBlock = true;
    refreshDerived();
}

} // namespace vizor
