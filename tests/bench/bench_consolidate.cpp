// Consolidation at datacenter scale: 10,000 hosts and 100,000 VMs (24 hourly samples
// of CPU demand each) placed by first-fit decreasing, five times; prints the time of
// each run and the median. The placement of a run is checked against capacity, so a
// fast wrong answer cannot pass. Not a pass/fail test on time: CTest runs it under the
// "benchmark" label so its numbers land in the test log.
//
//   bench_consolidate [--hosts N] [--vms N] [--runs N]
#include "datacenter/Consolidation.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

using namespace vizor::dc;

namespace {

// A deterministic cluster: two kinds of hosts; VMs of four sizes with a daily cycle
// and noise, averaging about 10% of their size.
Cluster makeCluster(std::size_t hosts, std::size_t vms) {
    Cluster c;
    c.samples = 24;
    c.intervalSeconds = 3600;
    for (std::size_t h = 0; h < hosts; ++h)
        c.hosts.push_back({"h" + std::to_string(h), h % 3 ? 16u : 32u, h % 3 ? 65536u : 131072u});
    uint64_t state = 12345;
    auto next = [&] { // xorshift64
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        return state;
    };
    for (std::size_t v = 0; v < vms; ++v) {
        VmSpec vm;
        vm.name = "v" + std::to_string(v);
        vm.vcpus = 1u << (next() % 4); // 1, 2, 4, 8
        vm.memoryMiB = 1024u * vm.vcpus;
        const double base = 5.0 + static_cast<double>(next() % 20) * vm.vcpus;
        const std::size_t peakHour = next() % 24;
        vm.cpu.resize(c.samples);
        for (std::size_t t = 0; t < c.samples; ++t) {
            const double day = (t + 24 - peakHour) % 24 < 8 ? 2.0 : 0.5;
            vm.cpu[t] = base * day + static_cast<double>(next() % 10);
        }
        if (v % 10 == 0) vm.cap = 50 * vm.vcpus;
        c.vms.push_back(std::move(vm));
    }
    return c;
}

bool withinCapacity(const Cluster& c, const Placement& p) {
    std::vector<double> cpu(c.hosts.size(), 0);
    std::vector<uint64_t> mem(c.hosts.size(), 0);
    for (std::size_t v = 0; v < p.size(); ++v) {
        if (p[v] < 0) return false;
        cpu[static_cast<std::size_t>(p[v])] += c.vms[v].peakLimit(c.samples);
        mem[static_cast<std::size_t>(p[v])] += c.vms[v].memoryMiB;
    }
    for (std::size_t h = 0; h < c.hosts.size(); ++h)
        if (cpu[h] > c.hosts[h].capacity() + 1e-6 || mem[h] > c.hosts[h].memoryMiB) return false;
    return true;
}

} // namespace

int main(int argc, char** argv) {
    std::size_t hosts = 10'000, vms = 100'000, runs = 5;
    for (int i = 1; i + 1 < argc; i += 2) {
        const auto value = static_cast<std::size_t>(std::strtoull(argv[i + 1], nullptr, 10));
        if (!std::strcmp(argv[i], "--hosts"))
            hosts = value;
        else if (!std::strcmp(argv[i], "--vms"))
            vms = value;
        else if (!std::strcmp(argv[i], "--runs"))
            runs = value;
    }
    const Cluster cluster = makeCluster(hosts, vms);
    std::vector<double> seconds;
    Placement placement;
    for (std::size_t r = 0; r < runs; ++r) {
        const auto start = std::chrono::steady_clock::now();
        placement = place(cluster, Policy::FirstFitDecreasing);
        const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
        seconds.push_back(took.count());
        std::printf("run %zu: %zu hosts, %zu VMs, first-fit decreasing in %.3f s\n", r + 1, hosts,
                    vms, took.count());
    }
    std::sort(seconds.begin(), seconds.end());
    std::vector<bool> on(hosts, false);
    for (int h : placement)
        if (h >= 0) on[static_cast<std::size_t>(h)] = true;
    const auto hostsOn = std::count(on.begin(), on.end(), true);
    const bool ok = withinCapacity(cluster, placement);
    std::printf("median %.3f s; %td hosts on, %zu off; placement %s\n", seconds[seconds.size() / 2],
                hostsOn, hosts - static_cast<std::size_t>(hostsOn),
                ok ? "within capacity, every VM placed" : "WRONG");
    return ok ? 0 : 1;
}
