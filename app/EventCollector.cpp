#include "app/EventCollector.h"

#include "machine/Machine.h"
#include "views/EventText.h"

namespace vizor::app {

namespace {
// A guest that traps in a tight loop (millions of events a second) must not flood the
// GUI between two snapshots: each snapshot carries at most the newest few thousand.
constexpr qsizetype kMaxPending = 4096;
} // namespace

// translation_chain (bt's chain follows, off in the engine's default mask) stays in:
// the window always has the translation-cache dock, which draws them as chain arrows.
EventMask loggedEventTypes() {
    return kAllEvents & ~maskOf(EventType::InstructionRetired) & ~maskOf(EventType::TlbHit) &
           ~maskOf(EventType::BreakpointHit);
}

EventCollector::EventCollector(Machine& machine) : machine_(machine) {
    EventStream& stream = machine_.events();
    stream.setRecordMask(stream.recordMask() & loggedEventTypes());
    stream.subscribe(this, loggedEventTypes());
}

EventCollector::~EventCollector() {
    machine_.events().unsubscribe(this);
}

void EventCollector::onEvent(const Event& event) {
    if (views::breaksOn(breakTypes_, event)) hit_ = true;
    const uint64_t sequence = machine_.events().totalRecorded() - 1; // it was just pushed
    if (sequence < sent_) return;                                    // a replay
    sent_ = sequence + 1;
    if (pending_.size() >= kMaxPending) {
        if (!firstDropped_) firstDropped_ = pending_.front().sequence;
        pending_.removeFirst();
    }
    pending_.append({event, event.steps, sequence});
}

void EventCollector::truncate() {
    sent_ = machine_.events().totalRecorded();
    if (firstDropped_ && *firstDropped_ >= sent_) firstDropped_.reset();
    keepBelow_ = std::min(keepBelow_, sent_);
    pending_.removeIf([this](const LoggedEvent& e) { return e.sequence >= sent_; });
}

void EventCollector::take(EngineSnapshot& snapshot, bool stopped) {
    if (stopped && firstDropped_) {
        // The ring holds the newest events, oldest first; their sequence numbers end at
        // the stream's count. The log drops what it has from the first gap on and gets
        // the ring's events again (each carries its step).
        const std::vector<Event> ring = machine_.events().recent();
        const uint64_t written = machine_.events().totalRecorded();
        const uint64_t ringStart = written - ring.size();
        const uint64_t from = std::max(*firstDropped_, ringStart);
        pending_.clear();
        for (uint64_t seq = from; seq < written; ++seq)
            pending_.append({ring[seq - ringStart], ring[seq - ringStart].steps, seq});
        keepBelow_ = std::min(keepBelow_, from);
        firstDropped_.reset();
    }
    snapshot.eventsKeepBelow = keepBelow_;
    snapshot.newEvents = std::move(pending_);
    pending_.clear();
    keepBelow_ = UINT64_MAX;
}

} // namespace vizor::app
