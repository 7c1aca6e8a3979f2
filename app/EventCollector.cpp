#include "app/EventCollector.h"

#include "machine/Machine.h"
#include "views/EventText.h"

namespace vizor::app {

namespace {
// A guest that traps in a tight loop (millions of events a second) must not flood the
// GUI between two snapshots: each snapshot carries at most the newest few thousand.
constexpr qsizetype kMaxPending = 4096;
} // namespace

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
    if (breakTypes_ & maskOf(event.type)) hit_ = true;
    if ((breakTypes_ & views::kPageFaultBreak) && event.type == EventType::Exception &&
        views::isPageFault(event.a))
        hit_ = true;
    const uint64_t sequence = machine_.events().totalRecorded() - 1; // it was just pushed
    if (sequence < sent_) return;                                    // a replay
    sent_ = sequence + 1;
    if (pending_.size() >= kMaxPending) pending_.removeFirst();
    pending_.append({event, machine_.hart().steps, sequence});
}

void EventCollector::truncate() {
    sent_ = machine_.events().totalRecorded();
    keepBelow_ = std::min(keepBelow_, sent_);
    pending_.removeIf([this](const LoggedEvent& e) { return e.sequence >= sent_; });
}

void EventCollector::take(EngineSnapshot& snapshot) {
    snapshot.eventsKeepBelow = keepBelow_;
    snapshot.newEvents = std::move(pending_);
    pending_.clear();
    keepBelow_ = UINT64_MAX;
}

} // namespace vizor::app
