// A bounded ring of recent events plus per-type counters, with observers that
// subscribe by type. Emission is cheap when nobody listens: a mask test and a counter.
#pragma once

#include "events/Event.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace vizor {

class EventObserver {
public:
    virtual ~EventObserver() = default;
    virtual void onEvent(const Event& event) = 0;
};

class EventStream {
public:
    // Capacity is rounded up to whole blocks.
    explicit EventStream(std::size_t capacity = 1u << 16);

    // Record the event (counted always; kept in the ring and passed on only if recorded).
    // With the full trace on this runs for every instruction, so the common case is a
    // copy into the current block through a cursor; the ring's arithmetic and the
    // copy-on-write check run once per block (pushSlow).
    void publish(const Event& event) {
        ++counts_[static_cast<std::size_t>(event.type)];
        if (!(recordMask_ & maskOf(event.type))) return;
        if (cursor_.at == cursor_.end || !subscriptions_.empty()) return pushSlow(event);
        *cursor_.at++ = event;
        ++written_;
    }
    bool wants(EventType type) const { return recordMask_ & maskOf(type); }

    void subscribe(EventObserver* observer, EventMask types);
    void unsubscribe(EventObserver* observer);

    // Which types are stored in the ring (observers' masks are added on top).
    void setRecordMask(EventMask mask);
    EventMask recordMask() const { return recordMask_; }

    uint64_t count(EventType type) const { return counts_[static_cast<std::size_t>(type)]; }
    const std::array<uint64_t, kEventTypeCount>& counts() const { return counts_; }
    // Oldest-first copy of what the ring holds.
    std::vector<Event> recent() const;
    std::size_t capacity() const { return blocks_.size() * kBlockEvents; }
    uint64_t totalRecorded() const { return written_; }

    // The ring is made of fixed-size blocks shared copy-on-write, as RAM pages are, so
    // the many snapshots of a long run share the events they have in common.
    static constexpr std::size_t kBlockEvents = 1024;
    using Block = std::array<Event, kBlockEvents>;

    // Counters and ring are part of machine state: snapshots save and restore them.
    struct State {
        std::array<uint64_t, kEventTypeCount> counts{};
        std::vector<std::shared_ptr<Block>> blocks;
        uint64_t written = 0;
    };
    State save() const;
    void load(const State& state);
    void clear();

private:
    void pushSlow(const Event& event);
    // Forget the cursor: the next event takes the slow path (after a snapshot shared
    // the blocks, or the ring or the count changed).
    void dropCursor() const { cursor_.at = cursor_.end = nullptr; }
    void updateMask();
    Event& slot(uint64_t index);

    struct Subscription {
        EventObserver* observer;
        EventMask types;
    };
    std::vector<std::shared_ptr<Block>> blocks_;
    uint64_t written_ = 0;
    std::array<uint64_t, kEventTypeCount> counts_{};
    // Off by default: the per-instruction trace, TLB hits and bt's chain follows (one
    // per jump between translated blocks, 10^7 a second): only who draws them asks.
    EventMask userMask_ = kAllEvents & ~maskOf(EventType::InstructionRetired) &
                          ~maskOf(EventType::TlbHit) & ~maskOf(EventType::TranslationChain);
    EventMask recordMask_ = userMask_;
    std::vector<Subscription> subscriptions_;
    // Where slot(written_) is, in a block this stream owns alone, and that block's end;
    // both null when unknown. A copy of the stream shares the blocks, so copying drops
    // the cursor on both sides. Mutable: save() is const but shares the blocks too.
    struct Cursor {
        mutable Event* at = nullptr;
        mutable Event* end = nullptr;
        Cursor() = default;
        Cursor(const Cursor& other) { other.at = other.end = nullptr; }
        Cursor& operator=(const Cursor& other) {
            at = end = other.at = other.end = nullptr;
            return *this;
        }
    };
    Cursor cursor_;
};

} // namespace vizor
