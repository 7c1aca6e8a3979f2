// Virtual S-mode CSRs: the same rules as cpu/Csr.cpp and cpu/Trap.cpp, on the VMM's
// copy. The firmware the VMM replaces delegates the supervisor interrupts and the
// usual exceptions to S, so sie/sip expose SSIE/STIE/SEIE and traps go to stvec.
#include "hypervisor/VirtualCpu.h"

#include "cpu/Csr.h"

namespace vizor::hv {

using namespace csr;

namespace {
bool isCounter(uint16_t n) {
    return n == kCycle || n == kTime || n == kInstret || n == kCycleh || n == kTimeh ||
           n == kInstreth;
}
} // namespace

bool VirtualCpu::read(uint16_t n, uint32_t& v, const GuestCounters& counters) const {
    switch (n) {
    case kSstatus:
        v = csr.sstatus;
        return true;
    case kSie:
        v = csr.sie;
        return true;
    case kSip:
        v = csr.sip;
        return true;
    case kStvec:
        v = csr.stvec;
        return true;
    case kSscratch:
        v = csr.sscratch;
        return true;
    case kSepc:
        v = csr.sepc;
        return true;
    case kScause:
        v = csr.scause;
        return true;
    case kStval:
        v = csr.stval;
        return true;
    case kSatp:
        v = csr.satp;
        return true;
    case kScounteren:
        v = csr.scounteren;
        return true;
    case kSenvcfg:
        v = 0;
        return true;
    case kCycle:
        v = static_cast<uint32_t>(counters.cycle);
        return true;
    case kCycleh:
        v = static_cast<uint32_t>(counters.cycle >> 32);
        return true;
    case kTime:
        v = static_cast<uint32_t>(counters.time);
        return true;
    case kTimeh:
        v = static_cast<uint32_t>(counters.time >> 32);
        return true;
    case kInstret:
        v = static_cast<uint32_t>(counters.instret);
        return true;
    case kInstreth:
        v = static_cast<uint32_t>(counters.instret >> 32);
        return true;
    default:
        return false;
    }
}

bool VirtualCpu::write(uint16_t n, uint32_t v) {
    switch (n) {
    case kSstatus:
        csr.sstatus = v & kSstatusMask;
        return true;
    case kSie:
        csr.sie = v & kSupervisorInterrupts;
        return true;
    case kSip:
        csr.sip = (csr.sip & ~kSSIP) | (v & kSSIP);
        return true;
    case kStvec:
        if ((v & 3) < 2) csr.stvec = v;
        return true;
    case kSscratch:
        csr.sscratch = v;
        return true;
    case kSepc:
        csr.sepc = v & ~3u;
        return true;
    case kScause:
        csr.scause = v;
        return true;
    case kStval:
        csr.stval = v;
        return true;
    case kSatp:
        csr.satp = v;
        return true;
    case kScounteren:
        csr.scounteren = v;
        return true;
    case kSenvcfg:
        return true;
    default:
        return false;
    }
}

bool VirtualCpu::executeCsr(const isa::DecodedInstruction& d, uint32_t* x,
                            const GuestCounters& counters) {
    using isa::Op;
    const bool immediate = d.op == Op::Csrrwi || d.op == Op::Csrrsi || d.op == Op::Csrrci;
    const uint32_t src = immediate ? d.rs1 : x[d.rs1];
    const bool swap = d.op == Op::Csrrw || d.op == Op::Csrrwi;
    const bool writes = swap || d.rs1 != 0;
    const uint16_t n = d.csr;
    const unsigned minPriv = (n >> 8) & 3;
    if (minPriv > static_cast<unsigned>(priv)) return false;
    if (writes && (n >> 10) == 3) return false;
    // The firmware enables every counter for S (as OpenSBI does); U needs scounteren.
    if (isCounter(n) && priv == Privilege::User && !((csr.scounteren >> (n & 31)) & 1))
        return false;
    uint32_t old = 0;
    if (!read(n, old, counters)) return false;
    if (writes) {
        const bool set = d.op == Op::Csrrs || d.op == Op::Csrrsi;
        if (!write(n, swap ? src : set ? (old | src) : (old & ~src))) return false;
    }
    if (d.rd) x[d.rd] = old;
    return true;
}

uint32_t VirtualCpu::enterTrap(uint32_t cause, uint32_t tval, uint32_t pc) {
    csr.sepc = pc;
    csr.scause = cause;
    csr.stval = tval;
    const bool sie = csr.sstatus & kSIE;
    csr.sstatus &= ~(kSPIE | kSIE | kSPP);
    csr.sstatus |= (sie ? kSPIE : 0) | (priv == Privilege::Supervisor ? kSPP : 0);
    priv = Privilege::Supervisor;
    const uint32_t base = csr.stvec & ~3u;
    const bool interrupt = cause & kInterruptBit;
    return (interrupt && (csr.stvec & 1)) ? base + 4 * (cause & ~kInterruptBit) : base;
}

uint32_t VirtualCpu::returnFromTrap() {
    priv = (csr.sstatus & kSPP) ? Privilege::Supervisor : Privilege::User;
    const bool spie = csr.sstatus & kSPIE;
    csr.sstatus &= ~(kSIE | kSPP);
    csr.sstatus |= (spie ? kSIE : 0) | kSPIE;
    return csr.sepc;
}

uint32_t VirtualCpu::pendingInterrupt() const {
    const uint32_t pending = csr.sip & csr.sie;
    if (!pending) return 0;
    if (priv == Privilege::Supervisor && !(csr.sstatus & kSIE)) return 0;
    for (uint32_t irq : {kIrqSExt, kIrqSSoft, kIrqSTimer}) // the spec's priority order
        if ((pending >> irq) & 1) return irq | kInterruptBit;
    return 0;
}

void VirtualCpu::setTimerPending(bool pending) {
    csr.sip = pending ? (csr.sip | kSTIP) : (csr.sip & ~kSTIP);
}

uint32_t VirtualCpu::translationRole() const {
    return static_cast<uint32_t>(priv) | (csr.sstatus & (kSUM | kMXR));
}

} // namespace vizor::hv
