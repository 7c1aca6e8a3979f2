#include "app/StatusText.h"

namespace vizor::app {

QString StatusText::state(const EngineSnapshot& s) {
    switch (s.state) {
    case RunState::Empty:
        return tr("No program");
    case RunState::Running:
        return tr("Running");
    case RunState::Paused:
        if (s.watchpointHit)
            return tr("Paused: watched word 0x%1 changed")
                .arg(*s.watchpointHit, 8, 16, QLatin1Char('0'));
        if (s.eventBreakpointHit) return tr("Paused after an event breakpoint");
        switch (s.stopReason) {
        case HaltReason::Breakpoint:
            return tr("Paused at a breakpoint");
        case HaltReason::InstructionLimit:
            return tr("Paused: step limit reached");
        default:
            return tr("Paused");
        }
    case RunState::Halted:
        switch (s.haltReason) {
        case HaltReason::PowerOff:
            return tr("Halted: powered off (exit code %1)").arg(s.exitCode);
        case HaltReason::Failure:
            return tr("Halted: failure (exit code %1)").arg(s.exitCode);
        case HaltReason::Deadlock:
            return tr("Halted: waiting for an interrupt that cannot come");
        default:
            return tr("Halted");
        }
    }
    return {};
}

QString StatusText::privilege(Privilege privilege) {
    switch (privilege) {
    case Privilege::Machine:
        return tr("Machine mode");
    case Privilege::Supervisor:
        return tr("Supervisor mode");
    case Privilege::User:
        return tr("User mode");
    }
    return {};
}

} // namespace vizor::app
