// A VM on the host: its vCPU is a host task, as a KVM vCPU is a thread of the VMM
// process. The task's program is the vCPU loop (`ioctl(vcpu_fd, KVM_RUN)` until the
// guest shuts down); while it is inside KVM_RUN, each time slice the host scheduler
// gives it runs the guest in the VM's hypervisor (engine/hypervisor, any mode). The
// task is charged the virtual cycles the guest and its VMM took, so its cgroup's
// cpu.weight and cpu.max bound the whole VM; the VM's RAM as the guest fills it is
// charged to the same cgroup.
#pragma once

#include "hypervisor/Hypervisor.h"

#include <memory>
#include <string>
#include <vector>

namespace vizor::host {

struct VcpuVm {
    std::string name;
    std::string mode;
    std::unique_ptr<hv::Hypervisor> hypervisor;
    int vcpuPid = 0;
    uint64_t guestUsec = 0; // host time spent inside this guest (its VMM included)
    uint64_t entries = 0;   // times the vCPU task entered the guest (slices in guest mode)
    HaltReason halt = HaltReason::None;
    // Memory: pages of the VM's RAM charged to the vCPU task's cgroup so far.
    std::vector<bool> charged;
    uint64_t chargedPages = 0;
    uint64_t lastScan = 0; // guest instructions at the last look at the VM's RAM

    bool finished() const { return halt != HaltReason::None; }
    const std::string& console() const { return hypervisor->machine().console(); }
};

// The vCPU task's program: the user half of the VMM's vCPU thread.
const char* vcpuLoopSource();

} // namespace vizor::host
