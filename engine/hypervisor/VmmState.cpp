// Time travel under a hypervisor: each mode's saveState/restoreState, in one place so
// that a member added to a mode is easy to check against what it saves. The Machine's
// snapshot holds the rest (guest RAM, the shadow tables in VMM RAM, the real hart);
// these are the VMM's own variables. Restoring is only ever done at a step boundary,
// where no emulation is half done (inCallout_, dispatching_ are false there).
#include "hypervisor/BinaryPatching.h"
#include "hypervisor/BinaryTranslation.h"
#include "hypervisor/EmulateMode.h"
#include "hypervisor/HardwareAssisted.h"
#include "hypervisor/ParavirtMode.h"
#include "hypervisor/TrapAndEmulate.h"

#include <algorithm>
#include <memory>

namespace vizor::hv {

namespace {

template <typename State> const State& stateOf(const VmmStatePtr& state) {
    // A state from another mode is a caller's bug: the Debugger only hands back what
    // this hypervisor saved.
    return dynamic_cast<const State&>(*state);
}

} // namespace

// --- trap (and the modes built on it) ----------------------------------------------

TrapAndEmulate::TrapState::TrapState(const TrapAndEmulate& vmm)
    : vcpu(vmm.vcpu_), shadow(vmm.shadow_), stats(vmm.stats_) {}

void TrapAndEmulate::restoreTrapState(const TrapState& state) {
    vcpu_ = state.vcpu;
    // The table holds a reference to the Machine, so it cannot be assigned; a copy is
    // constructed in its place instead (a transparent replacement, well-defined in C++20),
    // which also keeps this correct whatever members the table gains.
    std::destroy_at(&shadow_);
    std::construct_at(&shadow_, state.shadow);
    stats_ = state.stats;
    inCallout_ = false;
}

RunResult TrapAndEmulate::runUntil(uint64_t maxSteps, const std::unordered_set<uint32_t>* stops) {
    return machine_->run(maxSteps, stops); // the guest runs on the hart: its pc is the hart's
}

VmmStatePtr TrapAndEmulate::saveState() const {
    return std::make_shared<TrapState>(*this);
}

void TrapAndEmulate::restoreState(const VmmStatePtr& state) {
    restoreTrapState(stateOf<TrapState>(state));
}

// --- pv -------------------------------------------------------------------------------

struct ParavirtMode::State : TrapState {
    explicit State(const ParavirtMode& vmm)
        : TrapState(vmm), console(vmm.console_), pageTypes(vmm.direct_.types()),
          validatedSatp(vmm.validatedSatp_) {}
    VirtioConsole console;
    DirectPaging::Types pageTypes; // direct paging: pinned tables, writable counts
    uint32_t validatedSatp;
};

VmmStatePtr ParavirtMode::saveState() const {
    return std::make_shared<State>(*this);
}

void ParavirtMode::restoreState(const VmmStatePtr& state) {
    const auto& s = stateOf<State>(state);
    restoreTrapState(s);
    console_ = s.console;
    direct_.restoreTypes(s.pageTypes);
    validatedSatp_ = s.validatedSatp;
}

// --- patch ----------------------------------------------------------------------------

struct BinaryPatching::State : TrapState {
    explicit State(const BinaryPatching& vmm) : TrapState(vmm), pages(vmm.pages_) {}
    std::unordered_map<uint32_t, CodePage> pages; // the patch table and original words
};

VmmStatePtr BinaryPatching::saveState() const {
    return std::make_shared<State>(*this);
}

void BinaryPatching::restoreState(const VmmStatePtr& state) {
    const auto& s = stateOf<State>(state);
    restoreTrapState(s);
    pages_ = s.pages;
    dispatching_ = false;
}

// --- bt -------------------------------------------------------------------------------

struct BinaryTranslation::State : TrapState {
    explicit State(const BinaryTranslation& vmm) : TrapState(vmm), cache(vmm.cache_) {}
    TranslationCache cache; // a deep copy: its chains point into its own blocks
};

VmmStatePtr BinaryTranslation::saveState() const {
    return std::make_shared<State>(*this);
}

void BinaryTranslation::restoreState(const VmmStatePtr& state) {
    const auto& s = stateOf<State>(state);
    restoreTrapState(s);
    cache_ = s.cache;
}

// --- hw -------------------------------------------------------------------------------

struct HardwareAssisted::State : VmmState {
    uint32_t hgatp = 0, hstatus = 0;
    VmStats stats;
    std::map<uint32_t, uint64_t> exitsByCause;
    uint64_t nestedWalks = 0, nestedReferences = 0;
};

RunResult HardwareAssisted::runUntil(uint64_t maxSteps, const std::unordered_set<uint32_t>* stops) {
    return machine_->run(maxSteps, stops); // the guest runs on the hart
}

VmmStatePtr HardwareAssisted::saveState() const {
    auto s = std::make_shared<State>();
    s->hgatp = hgatp_;
    s->hstatus = hstatus_;
    s->stats = stats_;
    s->exitsByCause = exitsByCause_;
    s->nestedWalks = nestedWalks_;
    s->nestedReferences = nestedReferences_;
    return s;
}

void HardwareAssisted::restoreState(const VmmStatePtr& state) {
    const auto& s = stateOf<State>(state);
    hgatp_ = s.hgatp;
    hstatus_ = s.hstatus;
    stats_ = s.stats;
    exitsByCause_ = s.exitsByCause;
    nestedWalks_ = s.nestedWalks;
    nestedReferences_ = s.nestedReferences;
}

// --- emulate ----------------------------------------------------------------------------

struct EmulateMode::State : VmmState {
    uint32_t x[32] = {};
    uint32_t pc = 0;
    VirtualCpu vcpu;
    uint64_t deadline = UINT64_MAX;
    bool waiting = false, trapped = false, reservation = false;
    uint32_t reservationAddress = 0, reservationValue = 0;
    HaltReason halt = HaltReason::None;
    VmStats stats;
};

VmmStatePtr EmulateMode::saveState() const {
    auto s = std::make_shared<State>();
    std::copy(std::begin(x_), std::end(x_), s->x);
    s->pc = pc_;
    s->vcpu = vcpu_;
    s->deadline = deadline_;
    s->waiting = waiting_;
    s->trapped = trapped_;
    s->reservation = reservation_;
    s->reservationAddress = reservationAddress_;
    s->reservationValue = reservationValue_;
    s->halt = halt_;
    s->stats = stats_;
    return s;
}

void EmulateMode::restoreState(const VmmStatePtr& state) {
    const auto& s = stateOf<State>(state);
    std::copy(std::begin(s.x), std::end(s.x), x_);
    pc_ = s.pc;
    vcpu_ = s.vcpu;
    deadline_ = s.deadline;
    waiting_ = s.waiting;
    trapped_ = s.trapped;
    reservation_ = s.reservation;
    reservationAddress_ = s.reservationAddress;
    reservationValue_ = s.reservationValue;
    halt_ = s.halt;
    stats_ = s.stats;
}

} // namespace vizor::hv
