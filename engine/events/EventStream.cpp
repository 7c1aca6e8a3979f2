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

EventStream::EventStream(std::size_t capacity) : ring_(std::max<std::size_t>(capacity, 1)) {}

void EventStream::push(const Event& event) {
    ring_[written_ % ring_.size()] = event;
    ++written_;
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
    const std::size_t n = std::min<uint64_t>(written_, ring_.size());
    std::vector<Event> out;
    out.reserve(n);
    for (uint64_t i = written_ - n; i < written_; ++i)
        out.push_back(ring_[i % ring_.size()]);
    return out;
}

EventStream::State EventStream::save() const {
    return {counts_, recent(), written_};
}

void EventStream::load(const State& state) {
    counts_ = state.counts;
    std::fill(ring_.begin(), ring_.end(), Event{});
    written_ = state.written - state.ring.size();
    for (const Event& e : state.ring)
        ring_[written_++ % ring_.size()] = e;
}

void EventStream::clear() {
    counts_.fill(0);
    written_ = 0;
}

} // namespace vizor
