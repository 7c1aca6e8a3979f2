// The hypervisor extension's CSRs (privileged spec 1.12, chapter 8), the documented
// subset Vizor models: hstatus, hedeleg, hideleg, hie, hip, hvip, hcounteren, htval,
// htinst, hgatp, the VS CSRs (vsstatus ... vsatp), mstatush (MPV, GVA), mtval2 and
// mtinst. Not modelled: hgeie/hgeip (no guest external interrupts), henvcfg, htimedelta,
// the hypervisor load/store instructions (hlv/hsv). While V=1 the guest's S-level CSR
// numbers reach the VS copies (virtualCsr below).
#include "cpu/HypervisorCsr.h"
#include "machine/MachineImpl.h"
#include "mmu/Sv32.h"

namespace vizor {

using namespace csr;
using namespace hcsr;

namespace {

// hedeleg may delegate the guest's own exceptions only (0-8, 12, 13, 15): never an
// ecall from VS or M, nor a guest-page fault or virtual instruction, which belong to HS.
constexpr uint32_t kHedelegWritable = 0xb1ffu;
constexpr uint16_t kMtinst = 0x34a;
constexpr uint16_t kMtval2 = 0x34b;
constexpr uint16_t kHcounteren = 0x606;

// vsie/vsip show the VS bits (2, 6, 10) at the supervisor positions (1, 5, 9).
uint32_t toVs(uint32_t bits) {
    return (bits & kVsInterruptBits) >> 1;
}
uint32_t fromVs(uint32_t bits) {
    return (bits << 1) & kVsInterruptBits;
}

void writeTvec(uint32_t& tvec, uint32_t value) {
    if ((value & 3) < 2) tvec = value;
}

} // namespace

bool Machine::Impl::hCsrRead(uint16_t n, uint32_t& v) {
    if (!hasH()) return false;
    const CsrFile& c = hart.csr;
    switch (n) {
    case kMstatush:
        v = c.mstatush;
        return true;
    case kMtval2:
        v = c.mtval2;
        return true;
    case kMtinst:
        v = c.mtinst;
        return true;
    case kHstatus:
        v = c.hstatus;
        return true;
    case kHedeleg:
        v = c.hedeleg;
        return true;
    case kHideleg:
        v = c.hideleg;
        return true;
    case kHie:
        v = c.mie & kVsInterruptBits;
        return true;
    case kHip:
        v = pendingBits() & kVsInterruptBits;
        return true;
    case kHvip:
        v = c.hvip;
        return true;
    case kHcounteren:
        v = c.hcounteren;
        return true;
    case kHgeie:
        v = 0;
        return true;
    case kHtval:
        v = c.htval;
        return true;
    case kHtinst:
        v = c.htinst;
        return true;
    case kHgatp:
        v = c.hgatp;
        return true;
    case kVsstatus:
        v = c.vsstatus;
        return true;
    case kVsie:
        v = toVs(c.mie & c.hideleg);
        return true;
    case kVsip:
        v = toVs(pendingBits() & c.hideleg);
        return true;
    case kVstvec:
        v = c.vstvec;
        return true;
    case kVsscratch:
        v = c.vsscratch;
        return true;
    case kVsepc:
        v = c.vsepc;
        return true;
    case kVscause:
        v = c.vscause;
        return true;
    case kVstval:
        v = c.vstval;
        return true;
    case kVsatp:
        v = c.vsatp;
        return true;
    default:
        return false;
    }
}

bool Machine::Impl::hCsrWrite(uint16_t n, uint32_t v) {
    if (!hasH()) return false;
    CsrFile& c = hart.csr;
    switch (n) {
    case kMstatush:
        c.mstatush = v & (kMstatushMPV | kMstatushGVA);
        break;
    case kMtval2:
        c.mtval2 = v;
        break;
    case kMtinst:
        c.mtinst = v;
        break;
    case kHstatus:
        c.hstatus = v & kHstatusWritable;
        break;
    case kHedeleg:
        c.hedeleg = v & kHedelegWritable;
        break;
    case kHideleg:
        c.hideleg = v & kVsInterruptBits;
        break;
    case kHie:
        c.mie = (c.mie & ~kVsInterruptBits) | (v & kVsInterruptBits);
        break;
    case kHip: // only VSSIP is writable through hip (it is hvip's bit)
    case kHvip: {
        const uint32_t mask = n == kHip ? kVSSIP : kVsInterruptBits;
        c.hvip = (c.hvip & ~mask) | (v & mask);
        stopBlock = true; // a new pending interrupt may be taken
        break;
    }
    case kHcounteren:
        c.hcounteren = v;
        break;
    case kHgeie:
        break;
    case kHtval:
        c.htval = v;
        break;
    case kHtinst:
        c.htinst = v;
        break;
    case kHgatp: {
        // Sv32x4 or Bare; VMID (7 bits) and a root PPN whose low two bits are zero
        // (the root table is 16 KiB, 16 KiB aligned).
        const uint32_t mode = v & kHgatpModeSv32x4;
        c.hgatp = mode | (v & (0x7fu << 22)) | (v & 0x3ffffcu);
        addressSpaceChanged();
        break;
    }
    case kVsstatus:
        c.vsstatus = v & kSstatusMask;
        break;
    case kVsie: {
        const uint32_t mask = c.hideleg & kVsInterruptBits;
        c.mie = (c.mie & ~mask) | (fromVs(v) & mask);
        break;
    }
    case kVsip: { // VSSIP only, and only when delegated
        const uint32_t mask = c.hideleg & kVSSIP;
        c.hvip = (c.hvip & ~mask) | (fromVs(v) & mask);
        stopBlock = true;
        break;
    }
    case kVstvec:
        writeTvec(c.vstvec, v);
        break;
    case kVsscratch:
        c.vsscratch = v;
        break;
    case kVsepc:
        c.vsepc = v & ~3u;
        break;
    case kVscause:
        c.vscause = v;
        break;
    case kVstval:
        c.vstval = v;
        break;
    case kVsatp:
        c.vsatp = v;
        emit(EventType::SatpWrite, v, 1); // b = 1: the guest's (VS) satp
        addressSpaceChanged();
        break;
    default:
        return false;
    }
    return true;
}

// V=1 CSR access rules (chapter 8.6.1 and the virtual-instruction table): M-level CSRs
// are illegal; H and VS CSRs, S-level CSRs from VU, satp under hstatus.VTVM, and
// counters that hcounteren (or, from VU, scounteren) hides are virtual instructions.
// An S-level CSR from VS reaches its VS copy.
std::optional<uint16_t> Machine::Impl::virtualCsr(uint16_t n, bool write, uint32_t& cause) const {
    const unsigned level = (n >> 8) & 3;
    const CsrFile& c = hart.csr;
    cause = kIllegalInstruction;
    if (level == 3 || (write && (n >> 10) == 3)) return std::nullopt; // read-only: illegal
    if (level == 2) {
        cause = kVirtualInstruction;
        return std::nullopt;
    }
    if (level == 1) {
        if (hart.priv == Privilege::User || (n == kSatp && (c.hstatus & kVTVM))) {
            cause = kVirtualInstruction;
            return std::nullopt;
        }
        switch (n) {
        case kSstatus:
        case kSie:
        case kStvec:
        case kSscratch:
        case kSepc:
        case kScause:
        case kStval:
        case kSip:
        case kSatp:
            return static_cast<uint16_t>(n + 0x100); // sstatus 0x100 -> vsstatus 0x200 ...
        default:
            return n;
        }
    }
    const bool counter =
        (n >= kCycle && n <= kHpmcounter31) || (n >= kCycleh && n <= kHpmcounter31h);
    if (counter) {
        const uint32_t bit = 1u << (n & 31);
        if (!(c.mcounteren & bit)) return std::nullopt;
        if (!(c.hcounteren & bit) || (hart.priv == Privilege::User && !(c.scounteren & bit))) {
            cause = kVirtualInstruction;
            return std::nullopt;
        }
    }
    return n;
}

} // namespace vizor
