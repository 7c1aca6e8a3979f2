// Execution modes on the command line: the `--mode`, `--x86-sensitive` and `--costs`
// options of `vizor run`, and `vizor compare`, which runs one guest in every mode
// side by side. The hypervisor itself is in engine/hypervisor/.
#pragma once

#include "cli/JsonWriter.h"
#include "hypervisor/Hypervisor.h"

#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace vizor::cli {

struct ModeOptions {
    std::string mode = "native";
    bool x86Sensitive = false;
    std::string costsFile; // key = value lines; empty: the documented defaults
    std::string paging;    // shadow, direct or nested; empty: the mode's own
};

// How a mode virtualizes memory: "shadow" (trap, bt, patch), "direct" (pv), "nested"
// (hw); empty for native and emulate, which have no second translation to choose.
std::string_view pagingOf(std::string_view mode);

// Consumes args[i] (and its value) if it is one of the mode options (--mode,
// --x86-sensitive, --costs, --paging): 1 consumed,
// 0 not a mode option, -1 a bad value (reported on err).
int parseModeOption(const std::vector<std::string>& args, std::size_t& i, ModeOptions& options,
                    std::ostream& err);
// A VM of the chosen mode with the program loaded; nullptr (reported) on failure.
std::unique_ptr<hv::Hypervisor> startVm(const Program& program, const ModeOptions& options,
                                        std::ostream& err);
// The hypervisor's counts and virtual cycles, for `run --json` and `compare --json`.
JsonObject hypervisorJson(const hv::Hypervisor& vm);
// The memory counters (faults, syncs, walk references, TLB), the "memory" object.
JsonObject memoryJson(const hv::Hypervisor& vm);
// One line for stderr after `vizor run` in a mode other than native.
std::string hypervisorSummary(const hv::Hypervisor& vm);

int compareCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

} // namespace vizor::cli
