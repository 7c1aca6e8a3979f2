// The speed suite's time-travel and memory measurements, on the compute and memory
// workloads (tests/bench/workloads/, system frame) run by a bare Machine under the
// Debugger, as the window's debugger runs a program:
//
//   bench_timetravel --reverse [--depth N]  run N (default 10^8) steps, then time step
//                                           back 1, step back 999,999 (not a snapshot
//                                           boundary) and go to N/2
//   bench_timetravel --snapshot             size and time of a Machine snapshot after the
//                                           memory workload dirtied its 1 MiB
//   bench_timetravel --rss [--events E]     full event trace on, run until E (default
//                                           10^6) events are recorded: peak resident
//                                           memory (VmHWM) of this process
//
// Each prints "result" lines for tests/bench/run-speed-suite.sh.
#include "SpeedWorkloads.h"

#include "debug/Debugger.h"
#include "machine/Machine.h"
#include "machine/SnapshotStats.h"

#include <cstdio>
#include <cstring>
#include <fstream>

namespace {

constexpr int64_t kEndlessIterations = 0x7fffffff;

double msSince(std::chrono::steady_clock::time_point start) {
    return speed::secondsSince(start) * 1e3;
}

// A field of /proc/self/status in kB (0 when absent).
long statusKb(const std::string& field) {
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind(field + ":", 0) == 0) return std::atol(line.c_str() + field.size() + 1);
    return 0;
}

std::unique_ptr<vizor::Machine> machineFor(const std::string& workload, bool traced) {
    const auto program = speed::assembleWorkload("system", workload, kEndlessIterations);
    if (!program) return nullptr;
    vizor::MachineConfig config;
    config.traceInstructions = traced;
    auto machine = std::make_unique<vizor::Machine>(config);
    machine->load(*program);
    if (traced) machine->events().setRecordMask(vizor::kAllEvents);
    return machine;
}

// Times `travel` from the same position `repeat` times: the median, in ms.
template <class Travel>
double timeTravel(vizor::Debugger& debugger, uint64_t from, int repeat, Travel travel) {
    std::vector<double> ms;
    for (int i = 0; i < repeat; ++i) {
        debugger.goTo(from);
        const auto start = std::chrono::steady_clock::now();
        travel();
        ms.push_back(msSince(start));
    }
    return speed::median(ms);
}

int reverse(uint64_t depth) {
    auto machine = machineFor("compute", false);
    if (!machine) return 1;
    vizor::Debugger debugger(*machine);
    debugger.resetHistory();
    const auto start = std::chrono::steady_clock::now();
    debugger.continueRun(depth);
    const double runMs = msSince(start);
    if (debugger.position() != depth) {
        std::fprintf(stderr, "bench_timetravel: stopped at %llu, not %llu\n",
                     static_cast<unsigned long long>(debugger.position()),
                     static_cast<unsigned long long>(depth));
        return 1;
    }
    const double back1 = timeTravel(debugger, depth, 5, [&] { debugger.stepBack(1); });
    const double backMillion =
        timeTravel(debugger, depth, 5, [&] { debugger.stepBack(999'999); });
    const double toMiddle = timeTravel(debugger, depth, 5, [&] { debugger.goTo(depth / 2); });
    if (debugger.position() != depth / 2) return 1;
    std::printf("ran %llu steps under the debugger in %.0f ms, %zu snapshots kept\n",
                static_cast<unsigned long long>(depth), runMs, debugger.snapshotCount());
    std::printf("step back 1: %.2f ms; step back 999,999: %.2f ms; go to step %llu: %.2f ms "
                "(medians of 5)\n",
                back1, backMillion, static_cast<unsigned long long>(depth / 2), toMiddle);
    std::printf("result reverse %llu %.2f %.2f %.2f\n", static_cast<unsigned long long>(depth),
                back1, backMillion, toMiddle);
    return 0;
}

int snapshot() {
    auto machine = machineFor("memory", false);
    if (!machine) return 1;
    machine->run(20'000'000); // every page of the 1 MiB array written many times
    std::vector<double> takeMs, restoreMs;
    vizor::SnapshotPtr previous, latest;
    for (int i = 0; i < 9; ++i) {
        machine->run(1'000'000);
        auto start = std::chrono::steady_clock::now();
        previous = latest;
        latest = machine->snapshot();
        takeMs.push_back(msSince(start));
        start = std::chrono::steady_clock::now();
        machine->restore(latest);
        restoreMs.push_back(msSince(start));
    }
    const std::size_t pages = vizor::snapshotPageCount(latest);
    const std::size_t own = pages - vizor::sharedPageCount(latest, previous);
    std::printf("snapshot: %zu RAM pages (%.1f MiB), %zu of them not shared with the "
                "previous snapshot (%.1f MiB); take %.3f ms, restore %.3f ms (medians of 9)\n",
                pages, pages * 4096.0 / (1 << 20), own, own * 4096.0 / (1 << 20),
                speed::median(takeMs), speed::median(restoreMs));
    std::printf("result snapshot %zu %zu %.3f %.3f\n", pages, own, speed::median(takeMs),
                speed::median(restoreMs));
    return 0;
}

int rss(uint64_t events) {
    const long before = statusKb("VmHWM");
    auto machine = machineFor("compute", true);
    if (!machine) return 1;
    vizor::Debugger debugger(*machine);
    debugger.resetHistory();
    while (machine->events().totalRecorded() < events)
        debugger.continueRun(100'000);
    const auto start = std::chrono::steady_clock::now();
    debugger.stepBack(1);
    const double backMs = msSince(start);
    const long hwm = statusKb("VmHWM");
    std::printf("full trace: %llu events recorded in %llu steps; ring of %zu events, %zu "
                "snapshots; VmHWM %.1f MiB (%.1f MiB before the machine); step back 1 with "
                "the trace on: %.2f ms\n",
                static_cast<unsigned long long>(machine->events().totalRecorded()),
                static_cast<unsigned long long>(debugger.position()), machine->events().capacity(),
                debugger.snapshotCount(), hwm / 1024.0, before / 1024.0, backMs);
    std::printf("result rss %llu %.1f %.2f\n",
                static_cast<unsigned long long>(machine->events().totalRecorded()), hwm / 1024.0,
                backMs);
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    std::string what;
    uint64_t depth = 100'000'000, events = 1'000'000;
    for (int i = 1; i < argc; ++i) {
        const bool hasValue = i + 1 < argc;
        if (!std::strcmp(argv[i], "--depth") && hasValue)
            depth = std::strtoull(argv[++i], 0, 10);
        else if (!std::strcmp(argv[i], "--events") && hasValue)
            events = std::strtoull(argv[++i], 0, 10);
        else
            what = argv[i];
    }
    if (what == "--reverse") return reverse(depth);
    if (what == "--snapshot") return snapshot();
    if (what == "--rss") return rss(events);
    std::fprintf(stderr, "usage: bench_timetravel --reverse [--depth N] | --snapshot | --rss "
                         "[--events E]\n");
    return 2;
}
