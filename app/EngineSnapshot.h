// What the GUI knows about the machine: an immutable copy published by the engine's
// worker thread at most 60 times a second, and always once when execution stops.
#pragma once

#include "cpu/HartState.h"
#include "machine/Machine.h"

#include <QMetaType>
#include <QString>
#include <cstdint>

namespace vizor::app {

enum class RunState : uint8_t {
    Empty,   // no program loaded (or the last load failed)
    Paused,  // stopped and able to continue
    Running, // executing slices on the worker thread
    Halted,  // powered off, failed or deadlocked: only reset or travel back
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
};

} // namespace vizor::app

Q_DECLARE_METATYPE(vizor::app::EngineSnapshot)
