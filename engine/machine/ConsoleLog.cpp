#include "machine/ConsoleLog.h"

namespace vizor {

std::string ConsoleLog::marker(uint64_t dropped) {
    return "\n\u2026 " + std::to_string(dropped) + " bytes dropped \u2026\n";
}

void ConsoleLog::dropOldest() {
    text_.erase(tailStart_, kChunk);
    dropped_ += kChunk;
    const std::string line = marker(dropped_);
    text_.replace(kHead, tailStart_ - kHead, line);
    tailStart_ = kHead + line.size();
}

} // namespace vizor
