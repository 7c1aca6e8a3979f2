// Server consolidation: VMs with CPU demand over time are placed on as few hosts as
// fit them; empty hosts are switched off. CPU is shared on each host with the
// semantics of Xen's credit scheduler (xen/common/sched/credit.c): a cap (percent of
// one physical CPU, 0 = none) limits a VM even when the host is idle
// (non-work-conserving), and weights (default 256) divide the CPU only when the host
// is contended. The scheduler is modelled per sample by its fluid limit: weighted
// max-min fair shares of the host's capacity, each VM bounded by its demand, its cap
// and its vCPUs.
//
// CPU is measured as Xen measures caps: 100 = one physical CPU. A host of 4 CPUs
// has a capacity of 400.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vizor::dc {

struct HostSpec {
    std::string name;
    uint32_t cpus = 1;
    uint64_t memoryMiB = 0;
    double capacity() const { return 100.0 * cpus; }
};

struct VmSpec {
    std::string name;
    uint32_t vcpus = 1;
    uint64_t memoryMiB = 0;
    std::vector<double> cpu; // demand per sample, 100 = one CPU (repeated if shorter)
    uint32_t cap = 0;        // credit scheduler cap, 0 = none
    uint32_t weight = 256;   // credit scheduler weight, 1..65535
    int before = -1;         // host index it runs on before consolidation, -1 = own host
    double demandAt(std::size_t sample) const {
        return cpu.empty() ? 0.0 : cpu[sample % cpu.size()];
    }
    // What the scheduler could ever give it: demand bounded by the cap and its vCPUs.
    double limitAt(std::size_t sample) const;
    double peakLimit(std::size_t samples) const;
};

struct Cluster {
    std::vector<HostSpec> hosts;
    std::vector<VmSpec> vms;
    std::size_t samples = 1;    // time steps of the demand profiles
    double intervalSeconds = 1; // length of one sample
    double target = 1.0;        // fraction of a host's CPU placement may plan to use
};

enum class Policy : uint8_t {
    FirstFitDecreasing, // largest peak first, onto the first host it fits on
    BestFit,            // in arrival order, onto the host it leaves with least free CPU
    TimeAware,          // as first-fit decreasing, but a VM fits if it fits at every
                        // sample: VMs whose peaks come at different times share a host
};
std::string_view policyName(Policy p); // "ffd", "best-fit", "time-aware"
std::optional<Policy> policyNamed(std::string_view name);

// VM index -> host index; -1 where no host had room.
using Placement = std::vector<int>;

Placement place(const Cluster& cluster, Policy policy);
// Each VM on its `before` host, or on a host of its own (hosts in order).
std::optional<Placement> placementBefore(const Cluster& cluster, std::string& error);

// The credit scheduler on one host for one sample: CPU granted to each VM.
std::vector<double> creditShares(double capacity, const std::vector<double>& limits,
                                 const std::vector<uint32_t>& weights);

struct HostReport {
    std::vector<int> vms;     // indices
    std::vector<double> used; // CPU granted per sample (sum over its VMs)
    uint64_t memoryMiB = 0;
    bool on() const { return !vms.empty(); }
};

struct PlacementReport {
    Placement placement;
    std::vector<HostReport> hosts;
    std::vector<std::vector<double>> granted; // per VM, per sample
    std::size_t hostsOn = 0;
    std::size_t unplaced = 0;
    double meanUtilization = 0; // over the hosts that are on, all samples
    double peakUtilization = 0; // the busiest host at its busiest sample
    double memoryUtilization = 0;
    std::size_t minVmsPerHost = 0, maxVmsPerHost = 0;
    // Some host was asked for more CPU than it has (so VMs got less than they wanted)
    // or holds more memory than it has.
    bool overCapacity = false;
};

PlacementReport evaluate(const Cluster& cluster, const Placement& placement);

} // namespace vizor::dc
