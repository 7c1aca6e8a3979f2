#include "datacenter/Consolidation.h"

#include <algorithm>
#include <limits>
#include <numeric>

namespace vizor::dc {

std::string_view policyName(Policy p) {
    switch (p) {
    case Policy::FirstFitDecreasing:
        return "ffd";
    case Policy::BestFit:
        return "best-fit";
    case Policy::TimeAware:
        return "time-aware";
    }
    return "?";
}

std::optional<Policy> policyNamed(std::string_view name) {
    for (Policy p : {Policy::FirstFitDecreasing, Policy::BestFit, Policy::TimeAware})
        if (policyName(p) == name) return p;
    return std::nullopt;
}

double VmSpec::limitAt(std::size_t sample) const {
    double limit = std::min(demandAt(sample), 100.0 * vcpus);
    return cap ? std::min(limit, static_cast<double>(cap)) : limit;
}

double VmSpec::peakLimit(std::size_t samples) const {
    double peak = 0;
    for (std::size_t t = 0; t < std::max(samples, cpu.size()); ++t)
        peak = std::max(peak, limitAt(t));
    return peak;
}

// Weighted max-min fairness ("water filling"): every VM that wants less than its
// weight's share of what is left gets what it wants; the rest split the remainder by
// weight. Uncontended, everyone gets its limit and weights play no part.
std::vector<double> creditShares(double capacity, const std::vector<double>& limits,
                                 const std::vector<uint32_t>& weights) {
    std::vector<double> granted(limits.size(), 0.0);
    std::vector<std::size_t> active(limits.size());
    std::iota(active.begin(), active.end(), std::size_t{0});
    double left = capacity;
    while (!active.empty()) {
        double weightSum = 0;
        for (std::size_t i : active)
            weightSum += weights[i];
        std::vector<std::size_t> still;
        double satisfied = 0;
        for (std::size_t i : active) {
            if (limits[i] <= left * weights[i] / weightSum) {
                granted[i] = limits[i];
                satisfied += limits[i];
            } else {
                still.push_back(i);
            }
        }
        if (still.size() == active.size()) { // nobody is satisfied: split what is left
            for (std::size_t i : still)
                granted[i] = left * weights[i] / weightSum;
            break;
        }
        left -= satisfied;
        active = std::move(still);
    }
    return granted;
}

namespace {

// Hosts' free CPU and memory as a tournament tree, so first fit finds the first host
// with room for a VM by descending it rather than scanning every host.
class FreeTree {
public:
    FreeTree(const Cluster& c) : size_(1) {
        while (size_ < c.hosts.size())
            size_ *= 2;
        cpu_.assign(2 * size_, -1);
        mem_.assign(2 * size_, 0);
        for (std::size_t h = 0; h < c.hosts.size(); ++h)
            set(h, c.hosts[h].capacity() * c.target, c.hosts[h].memoryMiB);
    }
    double cpu(std::size_t host) const { return cpu_[size_ + host]; }
    uint64_t mem(std::size_t host) const { return mem_[size_ + host]; }
    void set(std::size_t host, double cpu, uint64_t mem) {
        std::size_t n = size_ + host;
        cpu_[n] = cpu;
        mem_[n] = mem;
        for (n /= 2; n; n /= 2) {
            cpu_[n] = std::max(cpu_[2 * n], cpu_[2 * n + 1]);
            mem_[n] = std::max(mem_[2 * n], mem_[2 * n + 1]);
        }
    }
    // The first host with at least this much free CPU and memory, or -1.
    int firstFit(double cpu, uint64_t mem) const { return find(1, cpu, mem); }

private:
    int find(std::size_t n, double cpu, uint64_t mem) const {
        if (cpu_[n] < cpu || mem_[n] < mem) return -1; // nobody below has room
        if (n >= size_) return static_cast<int>(n - size_);
        const int left = find(2 * n, cpu, mem);
        return left >= 0 ? left : find(2 * n + 1, cpu, mem);
    }
    std::size_t size_;
    std::vector<double> cpu_;
    std::vector<uint64_t> mem_;
};

constexpr double kSlack = 1e-9; // floating-point sums of profile values

std::vector<std::size_t> decreasingOrder(const std::vector<double>& peaks, const Cluster& c) {
    std::vector<std::size_t> order(peaks.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        if (peaks[a] != peaks[b]) return peaks[a] > peaks[b];
        return c.vms[a].memoryMiB > c.vms[b].memoryMiB;
    });
    return order;
}

Placement firstFitDecreasing(const Cluster& c, const std::vector<double>& peaks) {
    Placement placement(c.vms.size(), -1);
    FreeTree free(c);
    for (std::size_t v : decreasingOrder(peaks, c)) {
        const int h = free.firstFit(peaks[v] - kSlack, c.vms[v].memoryMiB);
        if (h < 0) continue;
        placement[v] = h;
        const auto hu = static_cast<std::size_t>(h);
        free.set(hu, free.cpu(hu) - peaks[v], free.mem(hu) - c.vms[v].memoryMiB);
    }
    return placement;
}

Placement bestFit(const Cluster& c, const std::vector<double>& peaks) {
    Placement placement(c.vms.size(), -1);
    std::vector<double> cpu(c.hosts.size());
    std::vector<uint64_t> mem(c.hosts.size());
    for (std::size_t h = 0; h < c.hosts.size(); ++h) {
        cpu[h] = c.hosts[h].capacity() * c.target;
        mem[h] = c.hosts[h].memoryMiB;
    }
    for (std::size_t v = 0; v < c.vms.size(); ++v) {
        int best = -1;
        for (std::size_t h = 0; h < c.hosts.size(); ++h) {
            if (cpu[h] + kSlack < peaks[v] || mem[h] < c.vms[v].memoryMiB) continue;
            if (best < 0 || cpu[h] < cpu[static_cast<std::size_t>(best)])
                best = static_cast<int>(h);
        }
        if (best < 0) continue;
        placement[v] = best;
        cpu[static_cast<std::size_t>(best)] -= peaks[v];
        mem[static_cast<std::size_t>(best)] -= c.vms[v].memoryMiB;
    }
    return placement;
}

Placement timeAware(const Cluster& c, const std::vector<double>& peaks) {
    Placement placement(c.vms.size(), -1);
    std::vector<std::vector<double>> used(c.hosts.size(), std::vector<double>(c.samples, 0.0));
    std::vector<uint64_t> mem(c.hosts.size(), 0);
    for (std::size_t v : decreasingOrder(peaks, c)) {
        const VmSpec& vm = c.vms[v];
        for (std::size_t h = 0; h < c.hosts.size(); ++h) {
            if (mem[h] + vm.memoryMiB > c.hosts[h].memoryMiB) continue;
            const double room = c.hosts[h].capacity() * c.target + kSlack;
            bool fits = true;
            for (std::size_t t = 0; t < c.samples && fits; ++t)
                fits = used[h][t] + vm.limitAt(t) <= room;
            if (!fits) continue;
            for (std::size_t t = 0; t < c.samples; ++t)
                used[h][t] += vm.limitAt(t);
            mem[h] += vm.memoryMiB;
            placement[v] = static_cast<int>(h);
            break;
        }
    }
    return placement;
}

} // namespace

Placement place(const Cluster& cluster, Policy policy) {
    std::vector<double> peaks(cluster.vms.size());
    for (std::size_t v = 0; v < peaks.size(); ++v)
        peaks[v] = cluster.vms[v].peakLimit(cluster.samples);
    switch (policy) {
    case Policy::BestFit:
        return bestFit(cluster, peaks);
    case Policy::TimeAware:
        return timeAware(cluster, peaks);
    case Policy::FirstFitDecreasing:
        break;
    }
    return firstFitDecreasing(cluster, peaks);
}

std::optional<Placement> placementBefore(const Cluster& cluster, std::string& error) {
    Placement placement(cluster.vms.size(), -1);
    std::size_t nextOwn = 0;
    for (std::size_t v = 0; v < cluster.vms.size(); ++v) {
        if (cluster.vms[v].before >= 0) {
            placement[v] = cluster.vms[v].before;
            continue;
        }
        if (nextOwn >= cluster.hosts.size()) {
            error = "not enough hosts to give every VM its own before consolidation";
            return std::nullopt;
        }
        placement[v] = static_cast<int>(nextOwn++);
    }
    return placement;
}

PlacementReport evaluate(const Cluster& c, const Placement& placement) {
    PlacementReport r;
    r.placement = placement;
    r.hosts.resize(c.hosts.size());
    r.granted.assign(c.vms.size(), std::vector<double>(c.samples, 0.0));
    for (std::size_t v = 0; v < placement.size(); ++v) {
        if (placement[v] < 0) {
            ++r.unplaced;
            continue;
        }
        HostReport& h = r.hosts[static_cast<std::size_t>(placement[v])];
        h.vms.push_back(static_cast<int>(v));
        h.memoryMiB += c.vms[v].memoryMiB;
    }
    double utilSum = 0, memSum = 0, memCapacity = 0;
    r.minVmsPerHost = std::numeric_limits<std::size_t>::max();
    for (std::size_t hi = 0; hi < c.hosts.size(); ++hi) {
        HostReport& h = r.hosts[hi];
        h.used.assign(c.samples, 0.0);
        if (!h.on()) continue; // switched off
        ++r.hostsOn;
        r.minVmsPerHost = std::min(r.minVmsPerHost, h.vms.size());
        r.maxVmsPerHost = std::max(r.maxVmsPerHost, h.vms.size());
        const double capacity = c.hosts[hi].capacity();
        r.overCapacity |= h.memoryMiB > c.hosts[hi].memoryMiB;
        memSum += static_cast<double>(h.memoryMiB);
        memCapacity += static_cast<double>(c.hosts[hi].memoryMiB);
        std::vector<double> limits(h.vms.size());
        std::vector<uint32_t> weights(h.vms.size());
        for (std::size_t t = 0; t < c.samples; ++t) {
            double wanted = 0;
            for (std::size_t i = 0; i < h.vms.size(); ++i) {
                const VmSpec& vm = c.vms[static_cast<std::size_t>(h.vms[i])];
                limits[i] = vm.limitAt(t);
                weights[i] = vm.weight;
                wanted += limits[i];
            }
            r.overCapacity |= wanted > capacity + kSlack;
            const std::vector<double> shares = creditShares(capacity, limits, weights);
            for (std::size_t i = 0; i < h.vms.size(); ++i) {
                r.granted[static_cast<std::size_t>(h.vms[i])][t] = shares[i];
                h.used[t] += shares[i];
            }
            utilSum += h.used[t] / capacity;
            r.peakUtilization = std::max(r.peakUtilization, h.used[t] / capacity);
        }
    }
    if (!r.hostsOn) r.minVmsPerHost = 0;
    if (r.hostsOn && c.samples)
        r.meanUtilization = utilSum / static_cast<double>(r.hostsOn * c.samples);
    r.memoryUtilization = memCapacity > 0 ? memSum / memCapacity : 0;
    return r;
}

} // namespace vizor::dc
