// Three levels of virtualization side by side, as one scenario ran them: bare host
// processes, a container (its processes on the host kernel, in a cgroup, with their
// own PID namespace) and a VM (its own kernel; its vCPU a host task in a cgroup).
// One row per cgroup that held tasks, with what each level cost the host, measured.
#pragma once

#include "host/HostModel.h"

#include <string>
#include <vector>

namespace vizor::host {

struct LevelRow {
    std::string level; // "process", "container" or "vm"
    std::string name;  // the container's or VM's name
    std::string mode;  // the VM's execution mode
    std::string cgroup;
    std::vector<int> pids;        // host pids of its tasks (a VM: its vCPU task)
    std::vector<int> ownPids;     // what getpid told each of them (a container: namespace pids)
    int exitedOk = 0;             // tasks that exited with status 0
    uint64_t cpuUsec = 0;         // CPU time the host scheduler gave its tasks
    uint64_t instructions = 0;    // retired on the host hart; a VM: by the guest, any way
    uint64_t hostSyscalls = 0;    // system calls the host kernel served
    uint64_t contextSwitches = 0; // host context switches onto its tasks
    uint64_t guestEntries = 0;    // a VM: slices its vCPU spent in guest mode
    uint64_t vmExits = 0, worldSwitches = 0; // a VM: what its hypervisor counted
    uint64_t memoryPeakBytes = 0;            // the cgroup's memory.peak
    std::string output; // its tasks' output in pid order; a VM: the guest's console
};

std::vector<LevelRow> compareLevels(const HostModel& host);
std::string formatLevels(const std::vector<LevelRow>& rows);

} // namespace vizor::host
