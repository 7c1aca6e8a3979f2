// The public face of the machine and its outer run loop: halts, breakpoints,
// interrupts and wfi idling happen here; instructions run in cpu/Interpreter.cpp.
#include "cpu/HypervisorCsr.h"
#include "jit/Runner.h"
#include "machine/MachineImpl.h"
#include "mmu/Sv32.h"

#include <algorithm>

namespace vizor {

std::string_view haltReasonName(HaltReason reason) {
    switch (reason) {
    case HaltReason::None:
        return "none";
    case HaltReason::PowerOff:
        return "poweroff";
    case HaltReason::Failure:
        return "failure";
    case HaltReason::InstructionLimit:
        return "instruction_limit";
    case HaltReason::Breakpoint:
        return "breakpoint";
    case HaltReason::Deadlock:
        return "deadlock";
    }
    return "unknown";
}

Machine::Impl::Impl(const MachineConfig& c) : config(c), itlb(c.tlbEntries), dtlb(c.tlbEntries) {
    config.ramSize = std::max<uint32_t>(kPageBytes, config.ramSize & ~(kPageBytes - 1));
    config.cyclesPerTimerTick = std::max<uint32_t>(1, config.cyclesPerTimerTick);
    ram.assign(config.ramSize, 0);
    pageFlags.assign(config.ramSize >> kPageShift, kPageDirty);
    decoded.resize(config.ramSize >> kPageShift);
    resetState();
}

void Machine::Impl::resetState() {
    hart = HartState{};
    hart.pc = program.entry;
    events.clear();
    std::fill(ram.begin(), ram.end(), 0);
    invalidateDecoded();
    std::fill(pageFlags.begin(), pageFlags.end(), kPageDirty);
    base.reset();
    uart.reset();
    clint = {};
    counters = {};
    halt = HaltReason::None;
    exitCode = 0;
    console.clear();
    itlb.flushAll();
    dtlb.flushAll();
    lastWalk = PageWalkRecord{};
    tlbStats = {};
    if (hasH()) hart.csr.misa |= 1u << 7; // H
    for (const Section& s : program.sections) {
        for (std::size_t i = 0; i < s.bytes.size(); ++i) {
            const uint32_t a = s.address + static_cast<uint32_t>(i);
            if (inRam(a, 1)) ram[a - board::kRamBase] = s.bytes[i];
        }
    }
    refreshDerived();
}

void Machine::Impl::refreshDerived() {
    const uint32_t mstatus = hart.csr.mstatus;
    dataPriv = hart.priv;
    if (hart.virt) {
        // VS/VU: translated whenever either stage is on (each may be Bare). M-mode
        // MPRV with MPV (a VS access made by M-mode software) is not modelled.
        const bool on =
            (hart.csr.vsatp & sv32::kSatpModeSv32) || (hart.csr.hgatp & hcsr::kHgatpModeSv32x4);
        fetchTranslated = dataTranslated = on;
        const uint32_t space = kTlbGuestSpace | hcsr::hgatpVmid(hart.csr.hgatp);
        tlbTag = config.tlbTagged ? vizor::tlbTag(sv32::satpAsid(hart.csr.vsatp), space) : 0;
    } else {
        const bool sv32 = hart.csr.satp & sv32::kSatpModeSv32;
        if (hart.priv == Privilege::Machine && (mstatus & csr::kMPRV))
            dataPriv = static_cast<Privilege>((mstatus & csr::kMPP) >> csr::kMPPShift);
        fetchTranslated = sv32 && hart.priv != Privilege::Machine;
        dataTranslated = sv32 && dataPriv != Privilege::Machine;
        tlbTag = config.tlbTagged ? sv32::satpAsid(hart.csr.satp) : 0;
    }
    timerDeadline = board::timerDeadlineCycle(clint, hart.cycle, config.cyclesPerTimerTick);
    refreshPermissions();
}

void Machine::Impl::emit(EventType type, uint32_t a, uint32_t b, uint32_t c, uint32_t d) {
    Event e;
    e.cycle = hart.cycle;
    e.instret = hart.instret;
    e.steps = hart.steps;
    e.pc = hart.pc;
    e.type = type;
    e.priv = static_cast<uint8_t>(hart.priv);
    e.a = a;
    e.b = b;
    e.c = c;
    e.d = d;
    events.publish(e);
}

void Machine::Impl::setHalt(HaltReason reason, uint32_t code) {
    halt = reason;
    exitCode = code;
    stopBlock = true;
    emit(EventType::Halt, static_cast<uint32_t>(reason), code);
}

// One idle step of a hart waiting in wfi: time jumps to the next timer deadline, so
// an idle guest costs one step however long it sleeps.
bool Machine::Impl::idleStep() {
    updateTimerPending();
    if (pendingBits() & hart.csr.mie) {
        hart.waitingForInterrupt = false; // woken; the interrupt (if enabled) is taken next
        return true;
    }
    const bool timerCanWake =
        (hart.csr.mie & csr::kMTIP) && timerDeadline != UINT64_MAX && timerDeadline > hart.cycle;
    if (!timerCanWake) {
        setHalt(HaltReason::Deadlock, 0);
        return false;
    }
    hart.cycle = timerDeadline;
    ++hart.steps;
    updateTimerPending();
    return true;
}

// Tracing: one instruction at a time, each retirement reported with the instruction
// word (a) and its address, stamped with the cycle at which it started.
void Machine::Impl::traceStep(const std::unordered_set<uint32_t>* breakpoints, bool first) {
    Event e;
    e.type = EventType::InstructionRetired;
    e.cycle = hart.cycle;
    e.instret = hart.instret;
    e.steps = hart.steps;
    e.pc = hart.pc;
    e.priv = static_cast<uint8_t>(hart.priv);
    // The word is read where the fetch will find it: through the fetch TLB when that
    // holds the page (the fetch then hits the same entry), else by a quiet walk. Quiet
    // either way (no TLB counts, no event: the fetch itself records those), and the
    // common case costs no page-table references.
    std::optional<uint32_t> paddr;
    const TlbEntry* hit = fetchTranslated ? itlb.lookup(hart.pc >> kPageShift, tlbTag) : nullptr;
    if (hit && fetchOk[hit->pte])
        paddr = (hit->ppn << kPageShift) | (hart.pc & (kPageBytes - 1));
    else
        paddr = walkQuietly(hart.pc);
    if (paddr && inRam(*paddr, 4)) std::memcpy(&e.a, &ram[*paddr - board::kRamBase], 4);
    executeBlock(1, breakpoints, first);
    if (hart.instret != e.instret) events.publish(e);
}

RunResult Machine::Impl::run(uint64_t maxSteps, const std::unordered_set<uint32_t>* breakpoints) {
    RunResult result;
    if (halt == HaltReason::PowerOff || halt == HaltReason::Failure ||
        halt == HaltReason::Deadlock) {
        result.reason = halt;
        return result;
    }
    halt = HaltReason::None;
    refreshDerived();
    if (breakpoints && breakpoints->empty()) breakpoints = nullptr;
    const uint64_t start = hart.steps;
    stopRun = false;
    while (halt == HaltReason::None) {
        const uint64_t done = hart.steps - start;
        if (stopRun) {
            stopRun = false;
            halt = HaltReason::InstructionLimit;
            break;
        }
        if (done >= maxSteps) {
            halt = HaltReason::InstructionLimit;
            break;
        }
        if (done > 0 && breakpoints && breakpoints->count(hart.pc)) {
            halt = HaltReason::Breakpoint;
            emit(EventType::BreakpointHit, hart.pc);
            break;
        }
        updateTimerPending();
        if (takePendingInterrupt()) continue;
        if (hart.waitingForInterrupt) {
            idleStep();
            continue;
        }
        uint64_t budget = maxSteps - done;
        if (timerDeadline > hart.cycle) budget = std::min(budget, timerDeadline - hart.cycle);
        if (config.traceInstructions) {
            traceStep(breakpoints, done == 0);
            continue;
        }
        if (blockRunner && !breakpoints) {
            blockRunner->run(*this, budget);
            continue;
        }
        executeBlock(budget, breakpoints, done == 0);
    }
    result.reason = halt;
    result.executed = hart.steps - start;
    return result;
}

// ---------------------------------------------------------------------------------
Machine::Machine(const MachineConfig& config) : impl_(std::make_unique<Impl>(config)) {
    impl_->owner = this;
}

void Machine::setTrapHandler(TrapHandler* handler) {
    impl_->trapHandler = handler;
}

std::optional<uint32_t> Machine::readCsr(uint16_t number) {
    uint32_t value = 0;
    if (!impl_->csrRead(number, value)) return std::nullopt;
    return value;
}

bool Machine::writeCsr(uint16_t number, uint32_t value) {
    const CsrFile& c = impl_->hart.csr;
    const uint32_t satp = c.satp, vsatp = c.vsatp, hgatp = c.hgatp;
    if (!impl_->csrWrite(number, value)) return false;
    if (c.satp != satp || c.vsatp != vsatp || c.hgatp != hgatp) flushTranslations();
    impl_->updateTimerPending();
    impl_->refreshDerived();
    return true;
}

std::optional<uint32_t> Machine::busRead(uint32_t paddr, unsigned size) {
    uint32_t value = 0;
    if ((size != 1 && size != 2 && size != 4) || !impl_->readPhysical(paddr, size, value))
        return std::nullopt;
    return value;
}

bool Machine::busWrite(uint32_t paddr, uint32_t value, unsigned size) {
    if (size != 1 && size != 2 && size != 4) return false;
    return impl_->writePhysical(paddr, size, value);
}

void Machine::emitEvent(EventType type, uint32_t a, uint32_t b, uint32_t c, uint32_t d) {
    impl_->emit(type, a, b, c, d);
}

void Machine::requestStop() {
    impl_->stopRun = true;
    impl_->stopBlock = true;
}

void Machine::setBlockRunner(jit::Runner* runner) {
    impl_->blockRunner = runner;
    if (runner) runner->flush();
}

void Machine::flushTranslations() {
    impl_->itlb.flushAll();
    impl_->dtlb.flushAll();
    ++impl_->tlbStats.flushes;
    impl_->stopBlock = true;
}
Machine::~Machine() = default;

void Machine::load(const Program& program) {
    impl_->program = program;
    impl_->resetState();
}

void Machine::reset() {
    impl_->resetState();
}

RunResult Machine::run(uint64_t maxSteps, const std::unordered_set<uint32_t>* breakpoints) {
    return impl_->run(maxSteps, breakpoints);
}

const HartState& Machine::hart() const {
    return impl_->hart;
}
// The debugger may edit anything here; run() recomputes derived state on entry.
HartState& Machine::hart() {
    return impl_->hart;
}
HaltReason Machine::haltReason() const {
    return impl_->halt;
}
uint32_t Machine::exitCode() const {
    return impl_->exitCode;
}
const std::string& Machine::console() const {
    return impl_->console.text();
}
EventStream& Machine::events() {
    return impl_->events;
}
const EventStream& Machine::events() const {
    return impl_->events;
}
const MachineConfig& Machine::config() const {
    return impl_->config;
}
const PageWalkRecord& Machine::lastPageWalk() const {
    return impl_->lastWalk;
}
const TlbStats& Machine::tlbStats() const {
    return impl_->tlbStats;
}

std::optional<uint32_t> Machine::translateForDebugger(uint32_t vaddr) const {
    return impl_->walkQuietly(vaddr);
}

} // namespace vizor
