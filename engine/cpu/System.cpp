// The interpreter's slow path: system instructions (Zicsr, Zifencei, privileged) and
// the A extension, whose reservation and read-modify-write need the full memory path.
#include "cpu/HypervisorCsr.h"
#include "isa/InstructionTable.h"
#include "machine/MachineImpl.h"

#include <algorithm>

namespace vizor {

using isa::Op;
using namespace csr;

namespace {
void retire(HartState& h, uint32_t nextPc) {
    h.pc = nextPc;
    ++h.steps;
    ++h.cycle;
    ++h.instret;
}
} // namespace

// The teaching variant "x86-style sensitive instructions" (MachineConfig::x86Sensitive):
// sensitive but unprivileged, as Robin & Irvine (2000) list them for the Pentium.
//   csrr sstatus (U)             -> real value, no trap  x86: PUSHF (real IF and IOPL)
//   csrr satp (U)                -> real value, no trap  x86: SMSW / SGDT (real CR0 / GDTR)
//   csrc/csrci/csrrci sstatus,SIE -> real value, the clear silently dropped
//                                    x86: POPF restoring IF=0 at CPL > IOPL (no fault)
// Setting SIE still traps, as STI faults at CPL > IOPL; so do writes touching other
// bits, whole writes (csrw) and writes of satp (MOV to CR3). True when handled here.
bool Machine::Impl::x86SilentCsr(uint16_t number, bool writes, bool clears, uint32_t src,
                                 uint32_t& old) {
    if (number == kSatp && !writes) return csrRead(number, old);
    if (number != kSstatus) return false;
    if (writes && !(clears && src == kSIE)) return false;
    return csrRead(number, old);
}

// With the H extension, an instruction that HS-mode could execute but VS/VU may not
// raises a virtual-instruction exception (cause 22) instead of an illegal one, so the
// hypervisor can tell "the guest did something it may not" from "undefined".
void Machine::Impl::executeSystem(MicroOp u, uint32_t raw) {
    const uint32_t pc = hart.pc;
    const Privilege priv = hart.priv;
    const bool virt = hart.virt;
    const uint32_t mstatus = hart.csr.mstatus;
    const uint32_t hstatus = hart.csr.hstatus;
    const auto op = static_cast<Op>(u.op);
    const bool user = priv == Privilege::User;
    const bool vs = virt && priv == Privilege::Supervisor;
    // Not allowed in U: illegal, or virtual instruction in VU.
    const uint32_t belowS =
        virt ? uint32_t{hcsr::kVirtualInstruction} : uint32_t{kIllegalInstruction};
    switch (op) {
    case Op::Ecall:
        raiseException(vs ? hcsr::kEcallFromVS : kEcallFromU + static_cast<uint32_t>(priv), 0);
        return;
    case Op::Ebreak:
        raiseException(kBreakpoint, 0); // QEMU 7.2 leaves mtval zero
        return;
    case Op::Mret:
        if (priv != Privilege::Machine) return raiseException(kIllegalInstruction, raw);
        ++hart.instret; // counted before the mode changes so events see it retired
        ++hart.steps;
        ++hart.cycle;
        trapReturn(true);
        return;
    case Op::Sret:
        if (user) return raiseException(belowS, raw);
        if (vs && (hstatus & hcsr::kVTSR)) return raiseException(hcsr::kVirtualInstruction, raw);
        if (!virt && priv == Privilege::Supervisor && (mstatus & kTSR))
            return raiseException(kIllegalInstruction, raw);
        ++hart.instret;
        ++hart.steps;
        ++hart.cycle;
        trapReturn(false);
        return;
    case Op::Wfi:
        if (priv != Privilege::Machine && (mstatus & kTW))
            return raiseException(kIllegalInstruction, raw);
        if (user) return raiseException(belowS, raw);
        if (vs && (hstatus & hcsr::kVTW)) return raiseException(hcsr::kVirtualInstruction, raw);
        emit(EventType::Wfi);
        retire(hart, pc + 4);
        updateTimerPending();
        // Nothing pending-and-enabled in mie: sleep until something is.
        if (!(pendingBits() & hart.csr.mie)) hart.waitingForInterrupt = true;
        return;
    case Op::SfenceVma:
        if (user) return raiseException(belowS, raw);
        if (vs && (hstatus & hcsr::kVTVM)) return raiseException(hcsr::kVirtualInstruction, raw);
        if (!virt && priv == Privilege::Supervisor && (mstatus & kTVM))
            return raiseException(kIllegalInstruction, raw);
        sfenceVma(hart.x[u.rs1], hart.x[u.rs2], u.rs1 != 0, u.rs2 != 0);
        retire(hart, pc + 4);
        return;
    case Op::HfenceVvma:
    case Op::HfenceGvma:
        if (!hasH() || (user && !virt)) return raiseException(kIllegalInstruction, raw);
        if (virt) return raiseException(hcsr::kVirtualInstruction, raw);
        if (op == Op::HfenceGvma && priv == Privilege::Supervisor && (mstatus & kTVM))
            return raiseException(kIllegalInstruction, raw);
        hfence(op == Op::HfenceGvma, hart.x[u.rs1], hart.x[u.rs2], u.rs1 != 0, u.rs2 != 0);
        retire(hart, pc + 4);
        return;
    case Op::FenceI:
        emit(EventType::FenceI);
        invalidateDecoded();
        retire(hart, pc + 4);
        return;
    default:
        break;
    }
    // Zicsr. csrrw always writes; csrrs/csrrc write only when rs1/uimm is not zero.
    const bool immediate = op == Op::Csrrwi || op == Op::Csrrsi || op == Op::Csrrci;
    const uint32_t src = immediate ? u.rs1 : hart.x[u.rs1];
    const bool swap = op == Op::Csrrw || op == Op::Csrrwi;
    const bool writes = swap || u.rs1 != 0;
    const auto number = static_cast<uint16_t>(u.imm);
    uint32_t old = 0;
    if (config.x86Sensitive && priv == Privilege::User && !virt &&
        x86SilentCsr(number, writes, op == Op::Csrrc || op == Op::Csrrci, src, old)) {
        if (u.rd) hart.x[u.rd] = old;
        retire(hart, pc + 4);
        return;
    }
    if (virt) return executeVirtualCsr(u, raw, number, src, swap, writes);
    if (!csrAllowed(number, writes) || !csrRead(number, old))
        return raiseException(kIllegalInstruction, raw);
    if (writes) {
        const bool set = op == Op::Csrrs || op == Op::Csrrsi;
        const uint32_t value = swap ? src : set ? (old | src) : (old & ~src);
        if (!csrWrite(number, value)) return raiseException(kIllegalInstruction, raw);
    }
    if (u.rd) hart.x[u.rd] = old;
    retire(hart, pc + 4);
}

// A CSR instruction in VS or VU: the access rules of virtualCsr, then the same
// read-modify-write on the register it reaches.
void Machine::Impl::executeVirtualCsr(MicroOp u, uint32_t raw, uint16_t number, uint32_t src,
                                      bool swap, bool writes) {
    uint32_t cause = 0;
    const std::optional<uint16_t> target = virtualCsr(number, writes, cause);
    uint32_t old = 0;
    if (!target) return raiseException(cause, raw);
    if (!csrRead(*target, old)) return raiseException(kIllegalInstruction, raw);
    if (writes) {
        const auto op = static_cast<Op>(u.op);
        const bool set = op == Op::Csrrs || op == Op::Csrrsi;
        const uint32_t value = swap ? src : set ? (old | src) : (old & ~src);
        if (!csrWrite(*target, value)) return raiseException(kIllegalInstruction, raw);
    }
    if (u.rd) hart.x[u.rd] = old;
    retire(hart, hart.pc + 4);
}

// LR/SC and AMOs. Misaligned addresses trap (the A extension requires natural
// alignment); AMOs need write permission and report store faults, as QEMU does.
bool Machine::Impl::executeAmo(MicroOp u) {
    const auto op = static_cast<Op>(u.op);
    const uint32_t addr = hart.x[u.rs1];
    const uint32_t src = hart.x[u.rs2];
    if (op == Op::ScW) {
        // QEMU's SC is a compare-and-swap against the value LR loaded: it succeeds
        // when the reservation is for this address and memory still holds that value.
        bool success = hart.reservationValid && hart.reservationAddress == addr;
        hart.reservationValid = false;
        if (success) {
            if (addr & 3) return raiseException(kStoreMisaligned, addr), false;
            uint32_t current = 0;
            if (!loadSlow(addr, 4, current)) return false;
            success = current == hart.reservationValue;
            if (success && !storeSlow(addr, 4, src)) return false;
        }
        if (u.rd) hart.x[u.rd] = success ? 0 : 1;
        return true;
    }
    if (op == Op::LrW) {
        if (addr & 3) return raiseException(kLoadMisaligned, addr), false;
        uint32_t v = 0;
        if (!loadSlow(addr, 4, v)) return false;
        hart.reservationValid = true;
        hart.reservationAddress = addr;
        hart.reservationValue = v;
        if (u.rd) hart.x[u.rd] = v;
        return true;
    }
    // QEMU 7.2 reports a misaligned AMO as a load-address-misaligned exception (4),
    // not the store/AMO one (6) the spec suggests; the conformance suite follows QEMU.
    if (addr & 3) return raiseException(kLoadMisaligned, addr), false;
    uint32_t paddr = addr;
    if (dataTranslated && !translate(addr, AccessType::Store, paddr)) return false;
    uint32_t old = 0;
    if (!readPhysical(paddr, 4, old)) return raiseException(kStoreAccessFault, addr), false;
    uint32_t value = 0;
    switch (op) {
    case Op::AmoswapW:
        value = src;
        break;
    case Op::AmoaddW:
        value = old + src;
        break;
    case Op::AmoxorW:
        value = old ^ src;
        break;
    case Op::AmoandW:
        value = old & src;
        break;
    case Op::AmoorW:
        value = old | src;
        break;
    case Op::AmominW:
        value =
            static_cast<uint32_t>(std::min(static_cast<int32_t>(old), static_cast<int32_t>(src)));
        break;
    case Op::AmomaxW:
        value =
            static_cast<uint32_t>(std::max(static_cast<int32_t>(old), static_cast<int32_t>(src)));
        break;
    case Op::AmominuW:
        value = std::min(old, src);
        break;
    case Op::AmomaxuW:
        value = std::max(old, src);
        break;
    default:
        break;
    }
    if (!writePhysical(paddr, 4, value)) return raiseException(kStoreAccessFault, addr), false;
    if (u.rd) hart.x[u.rd] = old;
    return true;
}

} // namespace vizor
