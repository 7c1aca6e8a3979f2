#include "hypervisor/TrapAndEmulate.h"

#include "cpu/Csr.h"
#include "hypervisor/Sbi.h"
#include "mmu/Sv32.h"

namespace vizor::hv {

using namespace csr;
using isa::Op;

namespace {
constexpr uint32_t kClintMtimecmp = board::kClintBase + 0x4000;
} // namespace

TrapAndEmulate::TrapAndEmulate(const VmConfig& config)
    : Hypervisor(config, config.guestRamSize + config.vmmRamSize),
      shadow_(*machine_, board::kRamBase + config.guestRamSize, config.vmmRamSize),
      p2m_(board::kRamBase, config.guestRamSize) {
    machine_->setTrapHandler(this);
}

bool TrapAndEmulate::load(const Program& program, std::string& error) {
    const auto entry = program.symbol("kernel_entry");
    if (!entry) {
        error = "trap mode needs the global symbol kernel_entry (see the guest/VMM contract)";
        return false;
    }
    machine_->load(program);
    vcpu_ = VirtualCpu{};
    stats_ = VmStats{};
    shadow_.reset();
    // The real hart: U-mode, every trap to the VMM (nothing delegated), only the
    // machine timer enabled — it is the VMM's, lent to the guest through set_timer.
    HartState& h = machine_->hart();
    h.priv = Privilege::User;
    h.pc = *entry;
    h.x[10] = 0; // a0 = hart id
    machine_->writeCsr(kMstatus, 0);
    machine_->writeCsr(kMie, kMTIP);
    machine_->writeCsr(kMcounteren, 1u << 1); // time; see mirrorStatus()
    setTimer(UINT64_MAX);
    activatePaging();
    mirrorStatus();
    return true;
}

RunResult TrapAndEmulate::run(uint64_t maxSteps) {
    return machine_->run(maxSteps);
}

GuestMmuContext TrapAndEmulate::mmuContext(Privilege priv) const {
    return {vcpu_.csr.satp, priv, vcpu_.csr.sstatus, board::kRamBase + config_.guestRamSize};
}

GuestCounters TrapAndEmulate::counters() const {
    const HartState& h = machine_->hart();
    const uint64_t time = h.cycle / machine_->config().cyclesPerTimerTick;
    return {.cycle = h.cycle, .time = time, .instret = h.instret + stats_.emulatedInstructions};
}

void TrapAndEmulate::setTimer(uint64_t deadline) {
    machine_->busWrite(kClintMtimecmp + 4, 0xffffffffu, 4); // never a spurious early match
    machine_->busWrite(kClintMtimecmp, static_cast<uint32_t>(deadline), 4);
    machine_->busWrite(kClintMtimecmp + 4, static_cast<uint32_t>(deadline >> 32), 4);
}

// The real root follows the guest's satp and the virtual privilege (the role): a
// change is a root switch, cheap when the cache still holds that space's shadow.
void TrapAndEmulate::activateShadow() {
    bool cached = false;
    const uint32_t satp = shadow_.rootFor(vcpu_.csr.satp, vcpu_.translationRole(), &cached);
    if (machine_->hart().csr.satp == satp) return;
    machine_->writeCsr(kSatp, satp);
    ++stats_.shadowRootSwitches;
    if (cached) ++stats_.shadowRootCacheHits;
    machine_->emitEvent(EventType::ShadowRootSwitch, vcpu_.csr.satp, satp, cached ? 1 : 0);
}

// SPP, SPIE and SUM of the real sstatus do nothing while the hart runs in U-mode, so the
// VMM keeps them equal to the guest's. Only SIE differs: it is 0 for real because the
// guest is never really in S. Normally invisible (csrr sstatus traps); with the
// x86-style switch a csrr leaks the real value, and the leak is SIE alone, as PUSHF's
// leak is IF.
void TrapAndEmulate::mirrorStatus() {
    constexpr uint32_t kMirrored = kSPP | kSPIE | kSUM;
    const uint32_t real = machine_->hart().csr.mstatus;
    const uint32_t value = (real & ~(kMirrored | kSIE)) | (vcpu_.csr.sstatus & kMirrored);
    if (value != real) machine_->writeCsr(kMstatus, value);
    // The guest's time is the host's (mtime is not virtualised), so reading it needs no
    // VMM: allowed directly in virtual S, and in virtual U when the guest's scounteren
    // allows it. cycle and instret still trap: the guest's count includes emulation.
    constexpr uint32_t kTimeBit = 1u << 1;
    const uint32_t scounteren =
        vcpu_.priv == Privilege::Supervisor ? kTimeBit : (vcpu_.csr.scounteren & kTimeBit);
    if (machine_->hart().csr.scounteren != scounteren) machine_->writeCsr(kScounteren, scounteren);
}

void TrapAndEmulate::exit(ExitReason reason, uint32_t detail) {
    if (inCallout_) return; // already in the VMM: no exit, no world switch
    ++stats_.exits[static_cast<std::size_t>(reason)];
    stats_.worldSwitches += 2; // into the VMM and back to the guest
    machine_->emitEvent(EventType::WorldSwitch, 0);
    machine_->emitEvent(EventType::VmExit, static_cast<uint32_t>(reason), detail);
}

void TrapAndEmulate::callout(const TrapInfo& trap) {
    ++stats_.callouts;
    inCallout_ = true;
    handleTrap(*machine_, trap);
    inCallout_ = false;
}

bool TrapAndEmulate::handleTrap(Machine& machine, const TrapInfo& trap) {
    if (trap.priv != Privilege::User) return false; // not the guest: the VMM never traps
    if (trap.interrupt()) {
        exit(ExitReason::TimerInterrupt, trap.cause);
        vcpu_.setTimerPending(true); // consumed: it now belongs to the guest
        setTimer(UINT64_MAX);
    } else {
        handleException(trap);
    }
    // wfi wakes on any pending-and-enabled interrupt, even with SIE clear.
    if (vcpu_.csr.sip & vcpu_.csr.sie) machine.hart().waitingForInterrupt = false;
    injectPendingInterrupt();
    activatePaging();
    mirrorStatus();
    if (!inCallout_) machine.emitEvent(EventType::WorldSwitch, 1);
    return true;
}

void TrapAndEmulate::handleException(const TrapInfo& trap) {
    HartState& h = machine_->hart();
    switch (trap.cause) {
    case kIllegalInstruction:
        return handleIllegal(trap);
    case kEcallFromU:
        if (vcpu_.priv == Privilege::Supervisor && h.x[17] == kSbiVizor && hypercall(trap.pc))
            return;
        if (vcpu_.priv == Privilege::Supervisor) {
            exit(ExitReason::SbiCall, h.x[17]);
            ++stats_.sbiCalls;
            ++stats_.emulatedInstructions;
            serveSbi(h.x, vcpu_, *machine_, [this](uint64_t d) { setTimer(d); });
            h.pc = trap.pc + 4;
            return;
        }
        exit(ExitReason::GuestException, trap.cause);
        return deliver(kEcallFromU, 0, trap.pc);
    case kInstructionPageFault:
    case kLoadPageFault:
    case kStorePageFault:
    case kInstructionAccessFault:
    case kLoadAccessFault:
    case kStoreAccessFault:
        return handleMemoryFault(trap);
    default:
        exit(ExitReason::GuestException, trap.cause);
        return deliver(trap.cause, trap.tval, trap.pc);
    }
}

void TrapAndEmulate::handleIllegal(const TrapInfo& trap) {
    HartState& h = machine_->hart();
    const isa::DecodedInstruction d = isa::decode(trap.tval);
    const bool csrOp = d.op == Op::Csrrw || d.op == Op::Csrrs || d.op == Op::Csrrc ||
                       d.op == Op::Csrrwi || d.op == Op::Csrrsi || d.op == Op::Csrrci;
    const bool supervisor = vcpu_.priv == Privilege::Supervisor;
    const bool privileged = d.op == Op::Sret || d.op == Op::Wfi || d.op == Op::SfenceVma;
    if (!csrOp && !(supervisor && privileged)) {
        exit(ExitReason::GuestException, trap.cause);
        return deliver(kIllegalInstruction, trap.tval, trap.pc);
    }
    exit(ExitReason::PrivilegedInstruction, trap.tval);
    if (csrOp) {
        if (!vcpu_.executeCsr(d, h.x, counters()))
            return deliver(kIllegalInstruction, trap.tval, trap.pc);
        ++stats_.emulatedInstructions;
        h.pc = trap.pc + 4;
        return; // a satp or SUM/MXR change is picked up by activateShadow()
    }
    ++stats_.emulatedInstructions;
    switch (d.op) {
    case Op::Sret:
        h.pc = vcpu_.returnFromTrap();
        machine_->emitEvent(EventType::VirtualTrapReturn, h.pc, 0,
                            static_cast<uint32_t>(vcpu_.priv));
        return;
    case Op::Wfi:
        h.pc = trap.pc + 4;
        // Nothing pending: the real hart sleeps until the VMM's timer wakes it.
        if (!(vcpu_.csr.sip & vcpu_.csr.sie)) h.waitingForInterrupt = true;
        return;
    default: // sfence.vma: the shadow is always coherent (PTE writes trap); drop the TLB
        machine_->flushTranslations();
        h.pc = trap.pc + 4;
        return;
    }
}

void TrapAndEmulate::handleMemoryFault(const TrapInfo& trap) {
    if (trap.cause == kInstructionPageFault || trap.cause == kLoadPageFault ||
        trap.cause == kStorePageFault)
        return handlePageFault(trap);
    exit(ExitReason::GuestException, trap.cause);
    deliver(trap.cause, trap.tval, trap.pc);
}

void TrapAndEmulate::handlePageFault(const TrapInfo& trap) {
    const Access access = trap.cause == kInstructionPageFault ? Access::Fetch
                          : trap.cause == kLoadPageFault      ? Access::Load
                                                              : Access::Store;
    const GuestMmuContext ctx = mmuContext(vcpu_.priv);
    const GuestWalk w = walkGuest(*machine_, ctx, trap.tval, access, true);
    stats_.walkReferences += static_cast<uint64_t>(w.references);
    if (w.adSet) { // what the hardware would have done to the guest's PTE, done by the VMM
        ++stats_.accessedDirtyUpdates;
        machine_->emitEvent(EventType::AccessedDirty, w.leafPteAddress, w.leafPte, w.adSet);
    }
    if (!w.ok) { // a true fault: the guest's own tables forbid it
        ++stats_.trueFaults;
        exit(ExitReason::GuestException, trap.cause);
        machine_->emitEvent(EventType::ShadowFault, trap.tval, 1, trap.cause);
        return deliver(w.cause, trap.tval, trap.pc);
    }
    if (shadow_.notePageTables(w)) shadow_.flushAll();
    const uint32_t page = w.gpa & ~0xfffu;
    if (access == Access::Store && shadow_.isPageTable(page)) {
        exit(ExitReason::PageTableWrite, trap.tval);
        if (emulatePageTableWrite(trap.pc, w.gpa)) return;
        return deliver(kIllegalInstruction, 0, trap.pc); // an AMO on a page table: unsupported
    }
    const std::optional<uint32_t> hostPage = p2m_.hostPage(page);
    if (!hostPage && emulateMmio(trap, w.gpa)) return;
    if (!hostPage) { // the guest mapped a hole (or memory it does not have)
        ++stats_.trueFaults;
        exit(ExitReason::GuestException, trap.cause);
        return deliver(accessFaultCause(access), trap.tval, trap.pc);
    }
    ++stats_.hiddenFaults;
    exit(ExitReason::HiddenPageFault, trap.tval);
    machine_->emitEvent(EventType::ShadowFault, trap.tval, 0, trap.cause);
    using namespace sv32;
    uint32_t perms = 0;
    if (guestPermits(w.leafPte, Access::Load, ctx) || w.leafPteAddress == 0) perms |= kPteR;
    if (guestPermits(w.leafPte, Access::Fetch, ctx) || w.leafPteAddress == 0) perms |= kPteX;
    const bool dirty = w.leafPteAddress == 0 || (w.leafPte & kPteD);
    if ((guestPermits(w.leafPte, Access::Store, ctx) || w.leafPteAddress == 0) && dirty &&
        !shadow_.isPageTable(page))
        perms |= kPteW;
    if (!shadow_.install(vcpu_.csr.satp, vcpu_.translationRole(), trap.tval, w, *hostPage, perms)) {
        shadow_.flushAll();
        activateShadow();
        shadow_.install(vcpu_.csr.satp, vcpu_.translationRole(), trap.tval, w, *hostPage, perms);
    }
    machine_->hart().pc = trap.pc; // re-execute: it now hits the shadow entry
}

// The guest wrote one of its page-table pages: perform the store for it, then zap the
// shadow entries built from the PTE it changed (they are rebuilt on the next fault).
bool TrapAndEmulate::emulatePageTableWrite(uint32_t pc, uint32_t gpa) {
    HartState& h = machine_->hart();
    const GuestWalk fetch = walkGuest(*machine_, mmuContext(vcpu_.priv), pc, Access::Fetch, false);
    stats_.walkReferences += static_cast<uint64_t>(fetch.references);
    const isa::DecodedInstruction d = isa::decode(machine_->busRead(fetch.gpa, 4).value_or(0));
    const unsigned size = d.op == Op::Sb ? 1 : d.op == Op::Sh ? 2 : d.op == Op::Sw ? 4 : 0;
    if (!fetch.ok || size == 0) return false;
    machine_->busWrite(gpa, h.x[d.rs2], size);
    ++stats_.emulatedInstructions;
    ++stats_.shadowSyncs;
    const uint32_t pteAddress = gpa & ~3u;
    const std::vector<uint32_t> zapped = shadow_.zapDerived(pteAddress);
    machine_->emitEvent(EventType::ShadowSync, pteAddress, 1,
                        machine_->busRead(pteAddress, 4).value_or(0),
                        zapped.empty() ? 0 : zapped.front());
    h.pc = pc + 4;
    return true;
}

bool TrapAndEmulate::emulateAccess(
    uint32_t pc, uint32_t gpa,
    const std::function<uint32_t(uint32_t, unsigned, bool, uint32_t)>& access) {
    HartState& h = machine_->hart();
    const GuestWalk fetch = walkGuest(*machine_, mmuContext(vcpu_.priv), pc, Access::Fetch, false);
    stats_.walkReferences += static_cast<uint64_t>(fetch.references);
    if (!fetch.ok) return false;
    const isa::DecodedInstruction d = isa::decode(machine_->busRead(fetch.gpa, 4).value_or(0));
    switch (d.op) {
    case Op::Sb:
    case Op::Sh:
    case Op::Sw:
        access(gpa, d.op == Op::Sw ? 4 : d.op == Op::Sh ? 2 : 1, true, h.x[d.rs2]);
        break;
    case Op::Lb:
    case Op::Lbu:
    case Op::Lh:
    case Op::Lhu:
    case Op::Lw: {
        const unsigned size = d.op == Op::Lw ? 4 : (d.op == Op::Lh || d.op == Op::Lhu) ? 2 : 1;
        uint32_t v = access(gpa, size, false, 0);
        if (d.op == Op::Lb) v = static_cast<uint32_t>(static_cast<int8_t>(v));
        if (d.op == Op::Lh) v = static_cast<uint32_t>(static_cast<int16_t>(v));
        if (d.rd) h.x[d.rd] = v;
        break;
    }
    default:
        return false;
    }
    ++stats_.emulatedInstructions;
    h.pc = pc + 4;
    return true;
}

void TrapAndEmulate::deliver(uint32_t cause, uint32_t tval, uint32_t pc) {
    ++stats_.virtualTraps;
    machine_->emitEvent(EventType::VirtualTrap, cause, tval);
    machine_->hart().pc = vcpu_.enterTrap(cause, tval, pc);
}

void TrapAndEmulate::injectPendingInterrupt() {
    const uint32_t cause = vcpu_.pendingInterrupt();
    if (!cause) return;
    machine_->hart().waitingForInterrupt = false;
    deliver(cause, 0, machine_->hart().pc);
}

GuestState TrapAndEmulate::guestState() const {
    GuestState s;
    const HartState& h = machine_->hart();
    std::copy(std::begin(h.x), std::end(h.x), s.x);
    s.pc = h.pc;
    s.priv = vcpu_.priv;
    s.csrs = vcpu_.csr;
    return s;
}

VmStats TrapAndEmulate::stats() const {
    VmStats s = stats_;
    s.directInstructions = machine_->hart().instret;
    s.shadowFlushes = shadow_.flushes();
    s.walkReferences += machine_->events().count(EventType::PageWalkStep);
    return s;
}

} // namespace vizor::hv
