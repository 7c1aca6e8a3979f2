// Collects the engine's events for the event log and the event breakpoints, on the
// engine thread. It observes the machine's event stream (no polling of the ring) and
// keeps each event's timeline step (Event::steps), so a click in the log can travel there.
//
// Replays after travelling back emit the same events again; they carry the same
// sequence numbers (the stream's count is machine state), so only events beyond the
// furthest one already sent are new.
#pragma once

#include "app/EngineSnapshot.h"
#include "events/EventStream.h"

#include <QList>
#include <optional>
#include <vector>

namespace vizor {
class Machine;
}

namespace vizor::app {

class EventCollector : public EventObserver {
public:
    explicit EventCollector(Machine& machine);
    ~EventCollector() override;
    EventCollector(const EventCollector&) = delete;
    EventCollector& operator=(const EventCollector&) = delete;

    void onEvent(const Event& event) override;

    // The timeline was rewritten from the current position on (load, reset, an edit):
    // events from here on are new, and the log drops what it had beyond this point.
    void truncate();
    // Moves what was collected since the last call into the snapshot. At a stop, events
    // dropped while running (too many for one snapshot) are sent again from the ring.
    void take(EngineSnapshot& snapshot, bool stopped);

    // Event breakpoints: types that stop execution. `hit()` tells whether one occurred
    // since `clearHit()`, counting replays too (a step that re-emits one stops).
    void setBreakTypes(EventMask types) { breakTypes_ = types; }
    EventMask breakTypes() const { return breakTypes_; }
    bool hit() const { return hit_; }
    void clearHit() { hit_ = false; }

private:
    Machine& machine_;
    uint64_t sent_ = 0; // events with a smaller sequence number were collected already
    uint64_t keepBelow_ = UINT64_MAX;
    QList<LoggedEvent> pending_;
    std::optional<uint64_t> firstDropped_; // lowest sequence dropped since the last stop
    EventMask breakTypes_ = 0;
    bool hit_ = false;
};

// Events that go into the log. Instruction-level tracing and breakpoint hits are left
// out: a breakpoint hit depends on which breakpoints are set, not on the guest, so it
// would make replays differ from the original run.
EventMask loggedEventTypes();

} // namespace vizor::app
