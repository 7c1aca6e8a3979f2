// The debugger core, Qt-free (as Dolphin keeps its BreakPoints in Core): breakpoints
// are data, step over and step out are temporary breakpoints, and time travel is
// "restore the nearest earlier snapshot, replay forward" over a deterministic machine.
#pragma once

#include "debug/SnapshotBudget.h"
#include "debug/SnapshotParticipant.h"
#include "machine/Machine.h"

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <unordered_set>
#include <utility>

namespace vizor {

class Debugger {
public:
    explicit Debugger(Machine& machine, uint64_t snapshotInterval = 200000);

    // Forget history (call after Machine::load or reset); takes the step-0 snapshot.
    void resetHistory();

    // Who runs the guest when it is not the bare Machine (a hypervisor): its state is
    // snapshotted with the Machine's, and runs go through it. nullptr for the bare
    // Machine. Call resetHistory() afterwards.
    void setParticipant(SnapshotParticipant* participant) { participant_ = participant; }

    // The program being debugged, for source-level stepping: step over then runs a
    // whole source line (a `call` or `li` that expands to two instructions is one step).
    void setSourceMap(Program program) { source_ = std::move(program); }

    void setBreakpoint(uint32_t address, bool enabled = true);
    void toggleBreakpoint(uint32_t address);
    void clearBreakpoints();
    const std::set<uint32_t>& breakpoints() const { return breakpoints_; }

    // Forward execution. Each returns why it stopped. `limit` bounds the steps taken,
    // so a caller (the GUI's worker) can run in slices and stay responsive.
    RunResult stepInstruction();
    RunResult stepOver(uint64_t limit); // the line; a call runs to its return
    RunResult stepOut(uint64_t limit);  // runs until the current function returns
    RunResult runToAddress(uint32_t address, uint64_t limit);
    RunResult continueRun(uint64_t limit); // until breakpoint, halt or limit

    // Backward execution. False when already at the start.
    bool stepBack(uint64_t steps = 1);
    // Back to the most recent earlier step where execution stopped at a breakpoint
    // (or to step 0 when there is none).
    RunResult reverseContinue();
    // Travel to an exact timeline position (HartState::steps), backward or forward.
    bool goTo(uint64_t step);

    // Call after changing machine state by hand (a register or memory edit): the
    // recorded future no longer follows from the present, so it is dropped.
    void stateEdited();

    uint64_t position() const;
    std::size_t snapshotCount() const { return history_.size(); }
    // Bounds the history (SnapshotBudget.h): old snapshots are thinned beyond it.
    void setSnapshotBudget(const SnapshotBudget& budget) { budget_ = budget; }
    std::size_t snapshotPages() const { return budget_.heldPages(); }

private:
    RunResult runRecording(uint64_t limit, const std::unordered_set<uint32_t>* stops);
    RunResult runUntilDepthReturns(uint64_t limit, bool stopAtCallReturn);
    RunResult stepOverInstruction(uint64_t limit);
    bool sameLine(uint32_t a, uint32_t b) const;
    struct Snapshot {
        SnapshotPtr machine;
        SnapshotParticipant::State participant;
    };
    Snapshot takeSnapshot() const;
    void restore(const Snapshot& snapshot);
    RunResult advance(uint64_t limit, const std::unordered_set<uint32_t>* stops);
    uint32_t pc() const;
    void maybeSnapshot();
    void restoreAtOrBefore(uint64_t step);
    std::optional<uint64_t> lastBreakpointIn(const Snapshot& from, uint64_t end);

    Machine& machine_;
    uint64_t interval_;
    std::set<uint32_t> breakpoints_;
    std::unordered_set<uint32_t> breakpointLookup_;
    SnapshotParticipant* participant_ = nullptr;
    std::map<uint64_t, Snapshot> history_; // step -> snapshot taken at that step
    std::set<uint64_t> edits_;             // steps where state was changed by hand
    SnapshotBudget budget_;
    Program source_;
};

} // namespace vizor
