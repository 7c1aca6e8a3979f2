// What the GUI knows about the machine: an immutable copy published by the engine's
// worker thread at most 60 times a second, and always once when execution stops.
#pragma once

#include "cpu/HartState.h"
#include "events/Event.h"
#include "hypervisor/Hypervisor.h"
#include "machine/Machine.h"

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QString>
#include <cstdint>
#include <optional>

namespace vizor::app {

enum class RunState : uint8_t {
    Empty,   // no program loaded (or the last load failed)
    Paused,  // stopped and able to continue
    Running, // executing slices on the worker thread
    Halted,  // powered off, failed or deadlocked: only reset or travel back
};

// The machine cannot go on from these: only a reset or travelling back helps.
inline bool isFinalHalt(HaltReason reason) {
    return reason == HaltReason::PowerOff || reason == HaltReason::Failure ||
           reason == HaltReason::Deadlock;
}

// The bytes of the memory view's window, read on the engine thread without side effects.
struct MemoryWindow {
    uint32_t address = 0;
    bool isVirtual = false; // address is guest-virtual, translated with the current satp
    QByteArray bytes;
    QByteArray readable; // one flag per byte: 0 where nothing is mapped (a hole, a page fault)
};

// An engine event with its place on the timeline. `sequence` counts recorded events from
// the start of the run: it is part of machine state, so a replay after travelling back
// gives the same numbers and the log can tell old events from new ones.
struct LoggedEvent {
    Event event;
    uint64_t step = 0; // HartState::steps when it happened: Debugger::goTo travels there
    uint64_t sequence = 0;
};

struct EngineSnapshot {
    RunState state = RunState::Empty;
    bool stopped = false; // published because execution stopped, not as progress while running
    HartState hart;
    HaltReason stopReason = HaltReason::None; // why the last command stopped
    HaltReason haltReason = HaltReason::None; // the machine's own halt (poweroff, ...)
    uint32_t exitCode = 0;
    QString consoleAppend;     // UART output since the previous snapshot
    bool consoleReset = false; // consoleAppend is the whole console (after travelling back)
    uint64_t eventsRecorded = 0;
    bool canStepBack = false;
    uint64_t furthestStep = 0; // end of the recorded timeline (the scrubber's range)
    MemoryWindow memory;
    // Event log: drop logged events with sequence >= eventsKeepBelow (the timeline was
    // rewritten: reload, reset or an edit), then append newEvents.
    uint64_t eventsKeepBelow = UINT64_MAX;
    QList<LoggedEvent> newEvents;
    std::optional<uint32_t> watchpointHit; // the watched word whose change stopped execution
    bool eventBreakpointHit = false;       // stopped right after an event of a chosen type
    // Under a hypervisor mode: the VMM's view of the guest's CPU (its virtual CSRs and
    // privilege) beside the real hart above, and what the VMM has done so far.
    QString mode = QStringLiteral("native");
    std::optional<vizor::hv::GuestState> guest;
    vizor::hv::VmStats vmStats;
};

} // namespace vizor::app

Q_DECLARE_METATYPE(vizor::app::EngineSnapshot)
