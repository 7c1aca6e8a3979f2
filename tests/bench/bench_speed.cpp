// The speed suite's Vizor side: guest instructions per second of the compute, memory
// and kernel workloads (tests/bench/workloads/, system frame) under the native,
// emulate and bt execution modes, with tracing off and with the full event trace on
// (InstructionRetired and every other event type recorded into the ring). Each case
// runs --runs slices of about --seconds each on one VM and reports the median; the
// first slice of a case is a calibration and not counted.
//
//   bench_speed [--seconds S] [--runs R] [--workload W] [--mode M] [--trace off|on]
//   bench_speed --count W     instructions per iteration of W's system image, exactly
//
// Lines starting "result" are for tests/bench/run-speed-suite.sh:
//   result vizor WORKLOAD MODE TRACE MEDIAN_MIPS CPU_MIPS
//   result count WORKLOAD INSTRUCTIONS_PER_ITERATION FIXED_INSTRUCTIONS
#include "SpeedWorkloads.h"

#include "hypervisor/Hypervisor.h"

#include <cstdio>
#include <cstring>
#include <memory>

namespace {

struct Options {
    double seconds = 1.0;
    int runs = 5;
    std::string workload, mode, trace, count;
};

// Long enough that no slice reaches the end of the loop.
constexpr int64_t kEndlessIterations = 0x7fffffff;

std::unique_ptr<vizor::hv::Hypervisor> startVm(const std::string& mode, bool trace,
                                               const vizor::Program& program) {
    vizor::hv::VmConfig config;
    config.traceInstructions = trace;
    auto vm = vizor::hv::makeHypervisor(mode, config);
    std::string error;
    if (!vm || !vm->load(program, error)) {
        std::fprintf(stderr, "bench_speed: mode %s cannot load the workload: %s\n", mode.c_str(),
                     error.c_str());
        return nullptr;
    }
    if (trace) vm->machine().events().setRecordMask(vizor::kAllEvents);
    return vm;
}

struct Slice {
    double wallRate = 0, cpuRate = 0;
    bool running = true;
};

Slice runSlice(vizor::hv::Hypervisor& vm, uint64_t steps) {
    const uint64_t before = vm.stats().guestInstructions();
    const auto start = std::chrono::steady_clock::now();
    const double cpuStart = speed::cpuSeconds();
    const vizor::RunResult r = vm.run(steps);
    const double wall = std::max(speed::secondsSince(start), 1e-9);
    const double cpu = std::max(speed::cpuSeconds() - cpuStart, 1e-9);
    const auto retired = static_cast<double>(vm.stats().guestInstructions() - before);
    return {retired / wall, retired / cpu, r.reason == vizor::HaltReason::InstructionLimit};
}

bool measure(const Options& options, const std::string& workload, const std::string& mode,
             bool trace) {
    const auto program = speed::assembleWorkload("system", workload, kEndlessIterations);
    if (!program) return false;
    auto vm = startVm(mode, trace, *program);
    if (!vm) return false;
    // Calibration: a short slice sets the step budget for about `seconds` per slice.
    Slice first = runSlice(*vm, 2'000'000);
    const auto budget = static_cast<uint64_t>(
        std::max(1e6, std::min(first.wallRate, first.cpuRate * 2) * options.seconds));
    std::vector<double> wall, cpu;
    for (int run = 0; run < options.runs && first.running; ++run) {
        const Slice s = runSlice(*vm, budget);
        if (!s.running) {
            std::fprintf(stderr, "bench_speed: %s under %s stopped before its budget\n",
                         workload.c_str(), mode.c_str());
            return false;
        }
        wall.push_back(s.wallRate);
        cpu.push_back(s.cpuRate);
    }
    const char* traceName = trace ? "on" : "off";
    std::printf("%-8s %-8s trace %-3s %9.1f M instructions/s (%.1f M per CPU second), %zu "
                "events recorded\n",
                workload.c_str(), mode.c_str(), traceName, speed::median(wall) / 1e6,
                speed::median(cpu) / 1e6,
                static_cast<std::size_t>(vm->machine().events().totalRecorded()));
    std::printf("result vizor %s %s %s %.1f %.1f\n", workload.c_str(), mode.c_str(), traceName,
                speed::median(wall) / 1e6, speed::median(cpu) / 1e6);
    return true;
}

// Guest instructions of the system image run to power-off under native.
std::optional<uint64_t> instructionsToPowerOff(const std::string& workload, int64_t iterations) {
    const auto program = speed::assembleWorkload("system", workload, iterations);
    if (!program) return std::nullopt;
    auto vm = startVm("native", false, *program);
    if (!vm) return std::nullopt;
    const vizor::RunResult r = vm->run(UINT64_MAX);
    if (r.reason != vizor::HaltReason::PowerOff || vm->machine().exitCode() != 0) {
        std::fprintf(stderr, "bench_speed: %s did not power off cleanly\n", workload.c_str());
        return std::nullopt;
    }
    return vm->stats().guestInstructions();
}

// The peers run the same images by iteration count; this gives them the exact
// instruction count of any N as FIXED + N * PER_ITERATION.
int count(const std::string& workload) {
    const auto small = instructionsToPowerOff(workload, 1000);
    const auto large = instructionsToPowerOff(workload, 3000);
    if (!small || !large) return 1;
    const uint64_t perIteration = (*large - *small) / 2000;
    const uint64_t fixed = *small - 1000 * perIteration;
    std::printf("result count %s %llu %llu\n", workload.c_str(),
                static_cast<unsigned long long>(perIteration),
                static_cast<unsigned long long>(fixed));
    return 0;
}

bool parse(int argc, char** argv, Options& o) {
    for (int i = 1; i < argc; ++i) {
        const bool hasValue = i + 1 < argc;
        const std::string arg = argv[i];
        if (arg == "--seconds" && hasValue)
            o.seconds = std::atof(argv[++i]);
        else if (arg == "--runs" && hasValue)
            o.runs = std::max(1, std::atoi(argv[++i]));
        else if (arg == "--workload" && hasValue)
            o.workload = argv[++i];
        else if (arg == "--mode" && hasValue)
            o.mode = argv[++i];
        else if (arg == "--trace" && hasValue)
            o.trace = argv[++i];
        else if (arg == "--count" && hasValue)
            o.count = argv[++i];
        else {
            std::fprintf(stderr, "bench_speed: unknown argument %s\n", arg.c_str());
            return false;
        }
    }
    return true;
}

} // namespace

int main(int argc, char** argv) {
    Options options;
    if (!parse(argc, argv, options)) return 2;
    if (!options.count.empty()) return count(options.count);
    bool ok = true;
    for (const std::string& workload : speed::workloadNames()) {
        if (!options.workload.empty() && workload != options.workload) continue;
        for (const std::string mode : {"native", "emulate", "bt"}) {
            if (!options.mode.empty() && mode != options.mode) continue;
            for (const bool trace : {false, true}) {
                if (!options.trace.empty() && (options.trace == "on") != trace) continue;
                ok = measure(options, workload, mode, trace) && ok;
                std::fflush(stdout);
            }
        }
    }
    return ok ? 0 : 1;
}
