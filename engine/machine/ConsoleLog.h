// What the UART transmitted, bounded. A guest that prints in a loop for a billion steps
// must not grow the machine (and every snapshot, which copies the log) without limit: the
// log keeps the first kHead bytes — the boot messages — and the most recent ones, at most
// kLimit bytes in all, and in between one marker line saying how many bytes were dropped.
// Where the cut falls depends only on how many bytes were printed, never on the host, so
// a run, a replay and a restored snapshot print the very same text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace vizor {

class ConsoleLog {
public:
    static constexpr std::size_t kLimit = 256u << 10; // bytes kept, marker included
    static constexpr std::size_t kHead = 16u << 10;   // the first bytes, never dropped
    static constexpr std::size_t kChunk = 16u << 10;  // dropped at a time from the tail's start

    void append(char byte) {
        text_.push_back(byte);
        if (text_.size() > kLimit) dropOldest();
    }
    void clear() { *this = ConsoleLog{}; }

    const std::string& text() const { return text_; }
    std::size_t size() const { return text_.size(); }
    uint64_t dropped() const { return dropped_; }
    // "\n… N bytes dropped …\n", as it appears in the text.
    static std::string marker(uint64_t dropped);

private:
    // Drops the oldest kChunk bytes after the marker (after the head, the first time)
    // and rewrites the marker with the new total.
    void dropOldest();

    std::string text_;
    uint64_t dropped_ = 0;
    std::size_t tailStart_ = kHead; // where the kept recent bytes begin
};

} // namespace vizor
