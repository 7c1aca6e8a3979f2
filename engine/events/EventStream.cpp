#include "events/EventStream.h"

#include <algorithm>
#include <array>

namespace vizor {

namespace {
constexpr std::array<std::string_view, kEventTypeCount> kNames = {
#define VIZOR_X(name, text) text,
    VIZOR_EVENT_TYPES(VIZOR_X)
#undef VIZOR_X
};
} // namespace

std::string_view eventTypeName(EventType type) {
    const auto i = static_cast<std::size_t>(type);
    return i < kNames.size() ? kNames[i] : std::string_view("unknown");
}

EventStream::EventStream(std::size_t capacity) {
    const std::size_t blocks =
        std::max<std::size_t>(1, (capacity + kBlockEvents - 1) / kBlockEvents);
    const auto empty = std::make_shared<Block>();
    blocks_.assign(blocks, empty);
}

// The slot for the index-th event ever written. A block shared with a snapshot is
// copied before the write, so snapshots never see later events.
Event& EventStream::slot(uint64_t index) {
    auto& block = blocks_[(index / kBlockEvents) % blocks_.size()];
    if (block.use_count() > 1) block = std::make_shared<Block>(*block);
    return (*block)[index % kBlockEvents];
}

void EventStream::pushSlow(const Event& event) {
    Event& slotted = slot(written_);
    slotted = event;
    ++written_;
    // The block is now this stream's own: later events in it go through the cursor.
    const std::size_t inBlock = (written_ - 1) % kBlockEvents;
    cursor_.at = &slotted + 1;
    cursor_.end = &slotted - inBlock + kBlockEvents;
    for (const Subscription& s : subscriptions_)
        if (s.types & maskOf(event.type)) s.observer->onEvent(event);
}

void EventStream::subscribe(EventObserver* observer, EventMask types) {
    unsubscribe(observer);
    subscriptions_.push_back({observer, types});
    updateMask();
}

void EventStream::unsubscribe(EventObserver* observer) {
    std::erase_if(subscriptions_, [&](const Subscription& s) { return s.observer == observer; });
    updateMask();
}

void EventStream::setRecordMask(EventMask mask) {
    userMask_ = mask;
    updateMask();
}

void EventStream::updateMask() {
    recordMask_ = userMask_;
    for (const Subscription& s : subscriptions_)
        recordMask_ |= s.types;
}

std::vector<Event> EventStream::recent() const {
    const std::size_t n = std::min<uint64_t>(written_, capacity());
    std::vector<Event> out;
    out.reserve(n);
    for (uint64_t i = written_ - n; i < written_; ++i)
        out.push_back((*blocks_[(i / kBlockEvents) % blocks_.size()])[i % kBlockEvents]);
    return out;
}

EventStream::State EventStream::save() const {
    dropCursor(); // the current block is shared from now on: copy it before the next write
    return {counts_, blocks_, written_};
}

void EventStream::load(const State& state) {
    counts_ = state.counts;
    blocks_ = state.blocks;
    written_ = state.written;
    dropCursor();
}

void EventStream::clear() {
    counts_.fill(0);
    written_ = 0;
    dropCursor();
}

} // namespace vizor
