// Binary translation against emulation in host time: the guest kernel's compute
// workload run to power-off under native, emulate, trap and bt, best of three runs
// each; prints host milliseconds, guest instructions and host nanoseconds per guest
// instruction. Not a pass/fail test of speed on a shared machine, but it exits 1 if
// bt is not faster than emulate or a mode does not reach power-off, so a regression
// shows in the benchmark log.
//
//   bench_bt [WORKLOAD]   (default compute)
#include "../engine/hypervisor/GuestKernel.h"
#include "hypervisor/Hypervisor.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>

namespace {

struct Timing {
    double ms = 1e300;
    uint64_t instructions = 0;
    bool ok = true;
    vizor::hv::VmStats stats;
};

Timing measure(const std::string& mode, const vizor::Program& program) {
    Timing best;
    for (int round = 0; round < 3; ++round) {
        auto vm = vizor::hv::makeHypervisor(mode, {});
        std::string error;
        if (!vm || !vm->load(program, error)) return Timing{0, 0, false, {}};
        const auto start = std::chrono::steady_clock::now();
        const vizor::RunResult r = vm->run(500'000'000);
        const std::chrono::duration<double, std::milli> took =
            std::chrono::steady_clock::now() - start;
        best.ms = std::min(best.ms, took.count());
        best.stats = vm->stats();
        best.instructions = best.stats.guestInstructions();
        best.ok = best.ok && r.reason == vizor::HaltReason::PowerOff;
    }
    return best;
}

} // namespace

int main(int argc, char** argv) {
    const std::string workload = argc > 1 ? argv[1] : "compute";
    const vizor::AssemblyResult assembled = vizor::assemble(hvtest::guestKernelSource(workload));
    if (!assembled.errors.empty()) {
        std::fprintf(stderr, "bench_bt: cannot assemble the guest kernel with %s\n",
                     workload.c_str());
        return 2;
    }
    std::printf("workload %s\n%-8s %10s %14s %10s\n", workload.c_str(), "mode", "host ms",
                "guest instrs", "ns/instr");
    double emulateMs = 0, btMs = 0;
    bool ok = true;
    for (const char* mode : {"native", "emulate", "trap", "bt"}) {
        const Timing t = measure(mode, assembled.program);
        ok = ok && t.ok;
        std::printf("%-8s %10.1f %14llu %10.1f%s\n", mode, t.ms,
                    static_cast<unsigned long long>(t.instructions),
                    t.instructions ? t.ms * 1e6 / static_cast<double>(t.instructions) : 0.0,
                    t.ok ? "" : "  (did not power off)");
        if (std::string(mode) == "emulate") emulateMs = t.ms;
        if (std::string(mode) == "bt") {
            btMs = t.ms;
            const vizor::hv::VmStats& s = t.stats;
            std::printf("  bt: %llu blocks (%llu instrs) translated, %llu hits, %llu misses, %llu "
                        "chain follows, %llu invalidated, %llu callouts\n",
                        static_cast<unsigned long long>(s.translatedBlocks),
                        static_cast<unsigned long long>(s.translatedInstructions),
                        static_cast<unsigned long long>(s.cacheHits),
                        static_cast<unsigned long long>(s.cacheMisses),
                        static_cast<unsigned long long>(s.chainFollows),
                        static_cast<unsigned long long>(s.invalidations),
                        static_cast<unsigned long long>(s.callouts));
        }
    }
    std::printf("bt vs emulate: %.2fx faster in host time\n", emulateMs / btMs);
    return ok && btMs < emulateMs ? 0 : 1;
}
