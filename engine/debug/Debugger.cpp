#include "debug/Debugger.h"

#include "debug/ControlFlow.h"

#include <algorithm>

namespace vizor {

Debugger::Debugger(Machine& machine, uint64_t snapshotInterval)
    : machine_(machine), interval_(std::max<uint64_t>(snapshotInterval, 1)) {
    resetHistory();
}

void Debugger::resetHistory() {
    history_.clear();
    edits_.clear();
    history_[position()] = takeSnapshot();
}

void Debugger::stateEdited() {
    const uint64_t now = position();
    history_.erase(history_.upper_bound(now), history_.end());
    history_[now] = takeSnapshot();
    edits_.insert(now);
}

uint64_t Debugger::position() const {
    return machine_.hart().steps;
}

Debugger::Snapshot Debugger::takeSnapshot() const {
    return {machine_.snapshot(), participant_ ? participant_->saveState() : nullptr};
}

void Debugger::restore(const Snapshot& snapshot) {
    machine_.restore(snapshot.machine);
    if (participant_) participant_->restoreState(snapshot.participant);
}

RunResult Debugger::advance(uint64_t limit, const std::unordered_set<uint32_t>* stops) {
    return participant_ ? participant_->run(limit, stops) : machine_.run(limit, stops);
}

uint32_t Debugger::pc() const {
    return participant_ ? participant_->pc() : machine_.hart().pc;
}

void Debugger::setBreakpoint(uint32_t address, bool enabled) {
    if (enabled) {
        breakpoints_.insert(address);
        breakpointLookup_.insert(address);
    } else {
        breakpoints_.erase(address);
        breakpointLookup_.erase(address);
    }
}

void Debugger::toggleBreakpoint(uint32_t address) {
    setBreakpoint(address, !breakpoints_.contains(address));
}

void Debugger::clearBreakpoints() {
    breakpoints_.clear();
    breakpointLookup_.clear();
}

void Debugger::maybeSnapshot() {
    const uint64_t now = position();
    if (now % interval_ != 0 || history_.contains(now)) return;
    history_[now] = takeSnapshot();
    budget_.enforce(history_, [](const Snapshot& s) -> const SnapshotPtr& { return s.machine; });
}

// Runs in chunks that end on snapshot boundaries, so history has a snapshot every
// `interval_` steps wherever execution has been. A breakpoint at the starting pc is
// passed over (that is how "continue" leaves it); one reached at a chunk boundary is not.
RunResult Debugger::runRecording(uint64_t limit, const std::unordered_set<uint32_t>* stops) {
    RunResult total;
    bool first = true;
    while (total.executed < limit) {
        if (!first && stops && stops->contains(pc())) {
            total.reason = HaltReason::Breakpoint;
            return total;
        }
        first = false;
        const uint64_t now = position();
        const uint64_t boundary = (now / interval_ + 1) * interval_;
        const RunResult r = advance(std::min(limit - total.executed, boundary - now), stops);
        total.executed += r.executed;
        maybeSnapshot();
        if (r.reason != HaltReason::InstructionLimit && r.reason != HaltReason::None) {
            total.reason = r.reason;
            return total;
        }
        if (r.executed == 0) break; // cannot advance (should not happen while runnable)
    }
    total.reason = HaltReason::InstructionLimit;
    return total;
}

RunResult Debugger::stepInstruction() {
    return runRecording(1, nullptr);
}

RunResult Debugger::continueRun(uint64_t limit) {
    return runRecording(limit, &breakpointLookup_);
}

RunResult Debugger::runToAddress(uint32_t address, uint64_t limit) {
    std::unordered_set<uint32_t> stops = breakpointLookup_;
    stops.insert(address);
    return runRecording(limit, &stops);
}

RunResult Debugger::stepOverInstruction(uint64_t limit) {
    const auto kind = classifyAt(machine_, pc());
    if (kind != ControlFlow::Call && kind != ControlFlow::Syscall) return stepInstruction();
    return runUntilDepthReturns(limit, true);
}

bool Debugger::sameLine(uint32_t a, uint32_t b) const {
    const LineMapEntry* la = source_.lineFor(a);
    const LineMapEntry* lb = source_.lineFor(b);
    return la && lb && la->line == lb->line && la->fileIndex == lb->fileIndex;
}

// Steps over instructions until the pc reaches another source line, or comes back to
// where the line started (a line that loops on itself is one step per iteration).
RunResult Debugger::stepOver(uint64_t limit) {
    const uint32_t start = pc();
    RunResult total;
    do {
        const RunResult r = stepOverInstruction(limit - total.executed);
        total.executed += r.executed;
        total.reason = r.reason;
        const bool stopped =
            r.reason != HaltReason::None && r.reason != HaltReason::InstructionLimit;
        if (stopped || total.executed >= limit) return total;
    } while (pc() != start && sameLine(start, pc()));
    total.reason = HaltReason::None;
    return total;
}

RunResult Debugger::stepOut(uint64_t limit) {
    return runUntilDepthReturns(limit, false);
}

// Single-steps while tracking call depth: calls and trap entries go one level deeper,
// returns (ret, mret, sret) one level up. Step over stops when the call it started
// with has returned (depth back to 0); step out when the current function or trap
// handler returns (depth -1). User breakpoints stop both.
RunResult Debugger::runUntilDepthReturns(uint64_t limit, bool stopAtCallReturn) {
    RunResult total;
    long depth = 0;
    const long target = stopAtCallReturn ? 0 : -1;
    while (total.executed < limit) {
        if (total.executed > 0 && breakpointLookup_.contains(pc())) {
            total.reason = HaltReason::Breakpoint;
            return total;
        }
        const uint64_t trapsBefore = trapCount(machine_);
        const ControlFlow kind = classifyAt(machine_, pc());
        const RunResult r = runRecording(1, nullptr);
        total.executed += r.executed;
        if (r.reason != HaltReason::InstructionLimit && r.reason != HaltReason::None) {
            total.reason = r.reason;
            return total;
        }
        depth += depthChange(kind, trapCount(machine_) != trapsBefore);
        if (depth <= target) {
            total.reason = HaltReason::None;
            return total;
        }
    }
    total.reason = HaltReason::InstructionLimit;
    return total;
}

void Debugger::restoreAtOrBefore(uint64_t step) {
    // Going back before a hand edit leaves the timeline it started: what follows is
    // recomputed without it (so step back undoes an edit).
    if (!edits_.empty() && *edits_.rbegin() > step) {
        history_.erase(history_.upper_bound(step), history_.end());
        edits_.erase(edits_.upper_bound(step), edits_.end());
    }
    auto it = history_.upper_bound(step);
    --it; // history always holds the first position, so this is valid
    restore(it->second);
}

bool Debugger::goTo(uint64_t step) {
    if (step < position()) restoreAtOrBefore(step);
    if (step > position()) runRecording(step - position(), nullptr);
    return position() == step;
}

bool Debugger::stepBack(uint64_t steps) {
    const uint64_t now = position();
    const uint64_t start = history_.begin()->first;
    if (now <= start) return false;
    return goTo(now - std::min(steps, now - start));
}

// Replays history interval by interval, newest first, looking for the last position
// before now at which execution stood on a breakpoint.
RunResult Debugger::reverseContinue() {
    const uint64_t now = position();
    uint64_t end = now;
    for (auto it = history_.lower_bound(now); it != history_.begin(); end = it->first) {
        --it;
        if (const auto hit = lastBreakpointIn(it->second, end)) {
            goTo(*hit);
            return {HaltReason::Breakpoint, now - *hit};
        }
    }
    goTo(history_.begin()->first);
    return {HaltReason::None, now - position()};
}

// Restores `from` and runs to `end`, remembering the last position (< end) whose pc
// is a breakpoint. Leaves the machine somewhere in between: callers travel on.
std::optional<uint64_t> Debugger::lastBreakpointIn(const Snapshot& from, uint64_t end) {
    restore(from);
    std::optional<uint64_t> lastHit;
    while (position() < end) {
        if (breakpointLookup_.contains(pc())) lastHit = position();
        if (advance(end - position(), &breakpointLookup_).reason != HaltReason::Breakpoint) break;
    }
    return lastHit;
}

} // namespace vizor
