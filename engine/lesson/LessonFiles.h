// What the two halves of the lesson runner share (LessonRunner.cpp, the guest and host
// scenarios; LessonDatacenter.cpp, the datacenter ones).
#pragma once

#include "machine/Machine.h"

#include <filesystem>
#include <string>

namespace vizor::lesson::detail {

// The whole file, false when it cannot be read.
bool readFile(const std::filesystem::path& path, std::string& text);

// The machine will run no more (a breakpoint or a used-up budget is only a pause).
inline bool finished(HaltReason r) {
    return r == HaltReason::PowerOff || r == HaltReason::Failure || r == HaltReason::Deadlock;
}

} // namespace vizor::lesson::detail
