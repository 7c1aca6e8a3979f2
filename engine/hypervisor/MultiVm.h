// Several VMs time-sharing one host: each a HostedVm (trap-and-emulate, shadow paging)
// with its own Machine and console, all backed by one HostMemory. They run in turns of
// a fixed number of steps, in VM order, so a run is deterministic. The host can set a
// balloon target for a VM at a given cycle of that VM; memory over time is recorded
// per turn (the timeline) and as host_frames / balloon_change events in each VM's
// stream. See README.md, "Several VMs on one host".
#pragma once

#include "asm/Program.h"
#include "hypervisor/HostedVm.h"
#include "hypervisor/memory/HostMemory.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace vizor::hv {

struct MultiVmConfig {
    VmConfig vm;             // the shape of every VM
    uint32_t hostFrames = 0; // 0: one host frame per guest frame of every VM
    uint64_t slice = 10'000; // steps per turn
};

// `--balloon VM=PAGES[@CYCLE]`: from the first turn boundary at which VM's own cycle
// count has reached `atCycle`, the balloon's target is `pages`.
struct BalloonTarget {
    uint32_t vm = 0;
    uint32_t pages = 0;
    uint64_t atCycle = 0;
};

// Memory after one turn (the turn of VM `vm`), host steps counted over all VMs.
struct HostSample {
    uint64_t hostSteps = 0;
    uint32_t vm = 0;
    uint32_t freeFrames = 0;
    std::vector<uint32_t> usedFrames;   // per VM
    std::vector<uint32_t> balloonPages; // per VM (the guest's `actual`)
};

class MultiVm {
public:
    MultiVm(const MultiVmConfig& config, uint32_t vmCount);

    // VM number `vm` loads `program`; `balloon`: it gets a virtio balloon.
    bool load(uint32_t vm, const Program& program, bool balloon, std::string& error);
    void addBalloonTarget(const BalloonTarget& target);

    // Runs the VMs in turns until every one has halted or executed `maxSteps` steps.
    void run(uint64_t maxSteps);

    uint32_t vmCount() const { return static_cast<uint32_t>(vms_.size()); }
    HostedVm& vm(uint32_t i) { return *vms_.at(i); }
    const HostedVm& vm(uint32_t i) const { return *vms_.at(i); }
    const memory::HostMemory& host() const { return *host_; }
    const std::vector<HostSample>& timeline() const { return timeline_; }
    uint64_t turns() const { return turns_; }

private:
    bool halted(uint32_t i) const;
    bool finished(uint32_t i, uint64_t maxSteps) const;
    void applyBalloonTargets(uint32_t i);
    void record(uint32_t i);

    MultiVmConfig config_;
    std::unique_ptr<memory::HostMemory> host_; // before the VMs: their P2ms point into it
    std::vector<std::unique_ptr<HostedVm>> vms_;
    std::vector<uint64_t> executed_;
    std::vector<BalloonTarget> pending_; // in the order given
    std::vector<HostSample> timeline_;
    uint64_t hostSteps_ = 0, turns_ = 0;
};

} // namespace vizor::hv
