// A real ballooning run for the balloon view and the memory plot (tests, gallery): two
// VMs on a host too small for both (hv::MultiVm), the demonstration programs of
// resources/guests/demos, and the host setting VM 0's balloon target, inflating it and
// later deflating it, as tests/engine/hypervisor/test_hv_balloon.cpp runs it. Every
// balloon_change and host_frames event of both VMs is recorded in the order the engine
// emitted them, each with the VM whose stream it came from (host_frames does not name
// its VM: it is published on that VM's machine).
#pragma once

#include "hypervisor/MultiVm.h"
#include "views/concepts/ConceptView.h"

#include <memory>
#include <string>
#include <vector>

namespace vizor::views::concepts {

struct BalloonRunOptions {
    uint32_t hostFrames = 240;      // A holds ~160 at its peak, B ~155
    uint32_t inflatePages = 96;     // VM 0's target from...
    uint64_t inflateAt = 1'000'000; // ...this cycle of VM 0
    uint64_t deflateAt = 3'000'000; // then back to 0 from this one (0: never)
    bool balloon = true;            // false: no target, the host swaps instead
    uint64_t maxSteps = 20'000'000;
};

struct BalloonRun {
    std::string error; // empty when the run happened
    std::unique_ptr<hv::MultiVm> host;
    std::vector<NumberedEvent> events;
    std::vector<uint32_t> vmOf; // per event: the VM whose stream it came from
    bool ok() const { return error.empty(); }
};

BalloonRun runBalloonScenario(const BalloonRunOptions& options = {});

// The events up to the turn at which VM 1 held the most host frames while VM 0's balloon
// was at its fullest: the moment the frames the balloon gave have gone to the other VM.
std::vector<NumberedEvent> upToOtherVmPeak(const BalloonRun& run);

} // namespace vizor::views::concepts
