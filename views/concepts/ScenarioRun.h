// Real engine runs for the concept views outside the GUI: the tests, the drawing
// benchmark and the gallery tool run the project's guest kernel in a mode (through
// makeHypervisor, as `vizor run` does) on the calling thread and record every event it
// emits, numbered as the GUI's bridge numbers them. Nothing here is drawn or invented.
#pragma once

#include "host/HostModel.h"
#include "hypervisor/Hypervisor.h"
#include "views/concepts/ConceptView.h"

#include <memory>
#include <string>
#include <vector>

namespace vizor::views::concepts {

struct ScenarioOptions {
    std::string mode = "trap";         // native, emulate, trap, bt, patch, pv, hw
    std::string workload = "syscalls"; // resources/guests/workloads/NAME.s
    bool x86Sensitive = false;
    bool traceInstructions = false; // record InstructionRetired (slow: keep maxSteps small)
    uint64_t maxSteps = 20'000'000;
    std::size_t maxEvents = 400'000; // recording stops here; the run goes on
};

struct ScenarioRun {
    ScenarioOptions options;
    std::string error; // empty when the run happened
    std::unique_ptr<hv::Hypervisor> vm;
    RunResult result;
    std::vector<NumberedEvent> events;
    bool ok() const { return error.empty(); }
    // The recorded events only (for appendEvents).
    std::vector<Event> plainEvents() const;
};

// The root holding resources/ (guests/, host/, datacenter/), looked up as app/DataDir
// does, so an installed Vizor finds the scenarios without its build tree:
// VIZOR_SOURCE_DIR (the tests), else VIZOR_DATA_DIR, else <executable>/../share/vizor
// when Vizor is installed there, else the source tree this was built from.
std::string dataRoot();
// The installed root for an executable in `executableDir`, or empty when there is none.
std::string installedDataRootFor(const std::string& executableDir);
// The guest kernel with one workload, put together as resources/guests/README.md says;
// empty when a file is missing.
std::string guestKernelSource(const std::string& workload);

ScenarioRun runScenario(const ScenarioOptions& options);

// A host-model scenario (resources/host/scenarios/NAME, as `vizor cgroups --scenario`
// runs it) with every event the host model published.
struct HostScenarioRun {
    std::string error;
    std::unique_ptr<host::HostModel> host;
    std::vector<NumberedEvent> events;
    bool ok() const { return error.empty(); }
};
HostScenarioRun runHostScenario(const std::string& name);

// Feeds a recorded run to a view in slices of `batch` events, as snapshots would.
void feedRun(ConceptView& view, const ScenarioRun& run, std::size_t batch = 0);

} // namespace vizor::views::concepts
