// Scenario files: a host-model experiment written as the shell commands one would type
// on Linux — make cgroups, write their interface files, start tasks, let time pass —
// so a lesson or `vizor cgroups --scenario FILE` can replay it. Format in README.md.
#pragma once

#include "host/HostModel.h"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace vizor::host {

struct ScenarioResult {
    std::vector<std::string> errors; // "file:line: message"; the run stops at the first
    std::vector<std::string> log;    // one line per command, with what it returned
    bool ok() const { return errors.empty(); }
};

// The longest `run` or `wait` one command may ask for, in virtual microseconds (twice the
// longest shipped scenario needs): a typo of a few zeros is refused with its line instead
// of keeping the engine busy for hours.
constexpr int64_t kMaxScenarioRunMicroseconds = 120'000'000;

// Loads a task program by name (a .s file); nullopt-like empty source means missing.
using SourceLoader = std::function<bool(const std::string& name, std::string& source)>;

// Runs every command of `text` against `host`. `fileName` names the file in errors.
ScenarioResult runScenario(HostModel& host, std::string_view text, const std::string& fileName,
                           const SourceLoader& load);

// A summary of the host after a scenario: every group's cpu.stat, memory and pids
// files, and every task's state and CPU time.
std::string describeHost(const HostModel& host);

} // namespace vizor::host
