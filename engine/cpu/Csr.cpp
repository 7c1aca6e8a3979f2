// Zicsr: the CSR file's access rules and the views (sstatus, sie, sip) onto the
// machine-level registers. Behaviour follows QEMU 7.2 where the spec leaves a choice:
// unknown CSRs and insufficient privilege raise illegal instruction. There is no PMP
// (the reference runs QEMU with pmp=false), so pmpcfg*/pmpaddr* are unknown CSRs too.
#include "cpu/HypervisorCsr.h"
#include "machine/MachineImpl.h"
#include "mmu/Sv32.h"

namespace vizor {

using namespace csr;

namespace {

bool isCounter(uint16_t n) {
    return (n >= kCycle && n <= kHpmcounter31) || (n >= kCycleh && n <= kHpmcounter31h);
}

// Registers that exist but read as zero and ignore writes (performance-monitor and
// configuration registers that QEMU implements with no effect on this machine).
bool isZeroRegister(uint16_t n) {
    return (n >= kMhpmcounter3 && n <= kMhpmcounter31) ||
           (n >= kMhpmcounter3h && n <= kMhpmcounter31h) ||
           (n >= kMhpmevent3 && n <= kMhpmevent31) || n == kMcountinhibit || n == kMenvcfg ||
           n == kMenvcfgh || n == kSenvcfg || n == kMstatush || n == kMvendorid || n == kMarchid ||
           n == kMimpid || n == kMhartid || n == kMconfigptr;
}

} // namespace

// Privilege and counter-enable checks (privileged spec 2.1 and 3.1.11).
bool Machine::Impl::csrAllowed(uint16_t number, bool write) const {
    const unsigned minPriv = (number >> 8) & 3;
    // With the H extension the hypervisor-level CSRs (0x2xx, 0x6xx...) belong to HS-mode.
    // (V=1 accesses are checked by virtualCsr instead.)
    const bool hsOwns = minPriv == 2 && hasH() && hart.priv == Privilege::Supervisor;
    if (static_cast<unsigned>(hart.priv) < minPriv && !hsOwns) return false;
    if (number == hcsr::kHgatp && hart.priv == Privilege::Supervisor && (hart.csr.mstatus & kTVM))
        return false;
    if (write && (number >> 10) == 3) return false; // read-only range
    if (number == kSatp && hart.priv == Privilege::Supervisor && (hart.csr.mstatus & kTVM))
        return false;
    if (isCounter(number) && hart.priv != Privilege::Machine) {
        const uint32_t bit = 1u << (number & 31);
        if (!(hart.csr.mcounteren & bit)) return false;
        if (hart.priv == Privilege::User && !(hart.csr.scounteren & bit)) return false;
    }
    return true;
}

void Machine::Impl::updateTimerPending() {
    uint32_t& mip = hart.csr.mip;
    mip = hart.cycle >= timerDeadline ? (mip | kMTIP) : (mip & ~kMTIP);
    mip = clint.msip & 1 ? (mip | kMSIP) : (mip & ~kMSIP);
}

bool Machine::Impl::csrRead(uint16_t n, uint32_t& v) {
    const CsrFile& c = hart.csr;
    if (hasH() && hCsrRead(n, v)) return true;
    if (isZeroRegister(n)) {
        v = 0;
        return true;
    }
    switch (n) {
    case kSstatus:
        v = c.mstatus & kSstatusMask;
        return true;
    case kSie:
        v = c.mie & c.mideleg;
        return true;
    case kStvec:
        v = c.stvec;
        return true;
    case kScounteren:
        v = c.scounteren;
        return true;
    case kSscratch:
        v = c.sscratch;
        return true;
    case kSepc:
        v = c.sepc;
        return true;
    case kScause:
        v = c.scause;
        return true;
    case kStval:
        v = c.stval;
        return true;
    case kSip:
        updateTimerPending();
        v = c.mip & c.mideleg;
        return true;
    case kSatp:
        v = c.satp;
        return true;
    case kMstatus:
        v = c.mstatus;
        return true;
    case kMisa:
        v = c.misa;
        return true;
    case kMedeleg:
        v = c.medeleg;
        return true;
    case kMideleg: // the VS interrupts are always delegated past M (read-only one)
        v = c.mideleg | (hasH() ? kVsInterruptBits : 0);
        return true;
    case kMie:
        v = c.mie;
        return true;
    case kMtvec:
        v = c.mtvec;
        return true;
    case kMcounteren:
        v = c.mcounteren;
        return true;
    case kMscratch:
        v = c.mscratch;
        return true;
    case kMepc:
        v = c.mepc;
        return true;
    case kMcause:
        v = c.mcause;
        return true;
    case kMtval:
        v = c.mtval;
        return true;
    case kMip:
        updateTimerPending();
        v = c.mip;
        return true;
    case kMcycle:
    case kCycle:
        v = static_cast<uint32_t>(hart.cycle + counters.mcycle);
        return true;
    case kMcycleh:
    case kCycleh:
        v = static_cast<uint32_t>((hart.cycle + counters.mcycle) >> 32);
        return true;
    case kMinstret:
    case kInstret:
        v = static_cast<uint32_t>(hart.instret + counters.minstret);
        return true;
    case kMinstreth:
    case kInstreth:
        v = static_cast<uint32_t>((hart.instret + counters.minstret) >> 32);
        return true;
    case kTime:
        v = static_cast<uint32_t>(mtime());
        return true;
    case kTimeh:
        v = static_cast<uint32_t>(mtime() >> 32);
        return true;
    default:
        if (isCounter(n)) { // hpmcounter3..31: no events are counted
            v = 0;
            return true;
        }
        return false;
    }
}

namespace {
// A write of one half of a 64-bit counter. The writing instruction's own increment
// is replaced by the write (Zicntr), hence the + 1: the next instruction reads `value`.
void writeCounter(uint64_t& offset, uint64_t internal, bool high, uint32_t value) {
    const uint64_t current = internal + 1 + offset;
    const uint64_t next = high ? (current & 0xffffffffu) | uint64_t{value} << 32
                               : (current & ~uint64_t{0xffffffffu}) | value;
    offset = next - (internal + 1);
}

// xtvec: modes 0 (direct) and 1 (vectored); QEMU ignores writes of reserved modes.
void writeTvec(uint32_t& tvec, uint32_t value) {
    if ((value & 3) < 2) tvec = value;
}
} // namespace

bool Machine::Impl::csrWrite(uint16_t n, uint32_t v) {
    CsrFile& c = hart.csr;
    if (hasH() && hCsrWrite(n, v)) {
        refreshDerived();
        return true;
    }
    if (isZeroRegister(n)) return true;
    switch (n) {
    case kSstatus:
        c.mstatus = (c.mstatus & ~kSstatusMask) | (v & kSstatusMask);
        break;
    case kSie:
        c.mie = (c.mie & ~c.mideleg) | (v & c.mideleg);
        break;
    case kStvec:
        writeTvec(c.stvec, v);
        break;
    case kScounteren:
        c.scounteren = v;
        break;
    case kSscratch:
        c.sscratch = v;
        break;
    case kSepc:
        c.sepc = v & ~3u;
        break;
    case kScause:
        c.scause = v;
        break;
    case kStval:
        c.stval = v;
        break;
    case kSip: {
        const uint32_t mask = c.mideleg & kSSIP; // only SSIP is writable through sip
        c.mip = (c.mip & ~mask) | (v & mask);
        break;
    }
    case kSatp:
        c.satp = v;
        emit(EventType::SatpWrite, v);
        addressSpaceChanged();
        break;
    case kMstatus: {
        uint32_t value = v;
        // MPP = 2 (reserved for H) is not a mode this hart has: keep the old value.
        if (((value & kMPP) >> kMPPShift) == 2) value = (value & ~kMPP) | (c.mstatus & kMPP);
        c.mstatus = (c.mstatus & ~kMstatusWritable) | (value & kMstatusWritable);
        break;
    }
    case kMisa:
        break; // extensions cannot be switched off
    case kMedeleg:
        // With H, ecall from VS and the guest-page faults and virtual instruction too.
        c.medeleg = v & (kDelegableExceptions | (hasH() ? 0xf00400u : 0));
        break;
    case kMideleg:
        c.mideleg = v & kSupervisorInterrupts;
        break;
    case kMie:
        c.mie = v & (kAllInterrupts | (hasH() ? kVsInterruptBits : 0));
        break;
    case kMtvec:
        writeTvec(c.mtvec, v);
        break;
    case kMcounteren:
        c.mcounteren = v;
        break;
    case kMscratch:
        c.mscratch = v;
        break;
    case kMepc:
        c.mepc = v & ~3u;
        break;
    case kMcause:
        c.mcause = v;
        break;
    case kMtval:
        c.mtval = v;
        break;
    case kMip:
        c.mip = (c.mip & ~kSupervisorInterrupts) | (v & kSupervisorInterrupts);
        break;
    case kMcycle:
    case kMcycleh:
        writeCounter(counters.mcycle, hart.cycle, n == kMcycleh, v);
        break;
    case kMinstret:
    case kMinstreth:
        writeCounter(counters.minstret, hart.instret, n == kMinstreth, v);
        break;
    default:
        return false;
    }
    refreshDerived();
    return true;
}

} // namespace vizor
