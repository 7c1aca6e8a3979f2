// Binary translation against the interpreter in host time: the guest kernel with one
// workload (default longcompute: over 10^8 guest instructions, the speed suite's
// compute loop in user mode under Sv32, shadow-paged under bt) run to power-off under
// native (the interpreter), bt with the x86-64 code generator and bt interpreting,
// several runs each; prints the median host time, guest instructions per second and
// the ratio to native. Not a pass/fail test of speed on a shared machine: it exits 1
// only if a mode does not power off or prints a different console.
//
//   bench_bt [WORKLOAD] [--runs N] [--all]   (--all adds emulate and trap)
#include "../engine/hypervisor/GuestKernel.h"
#include "hypervisor/BinaryTranslation.h"
#include "hypervisor/Hypervisor.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

namespace {

struct Mode {
    const char* label;
    const char* name;
    bool generateCode;
};

struct Timing {
    double medianMs = 0;
    uint64_t instructions = 0;
    bool ok = true;
    std::string console;
    vizor::hv::VmStats stats;
    uint64_t virtualCycles = 0;
    vizor::jit::RunnerStats jit;
};

Timing measure(const Mode& mode, const vizor::Program& program, int runs) {
    Timing t;
    std::vector<double> ms;
    for (int round = 0; round < runs; ++round) {
        vizor::hv::VmConfig config;
        config.generateCode = mode.generateCode;
        auto vm = vizor::hv::makeHypervisor(mode.name, config);
        std::string error;
        if (!vm || !vm->load(program, error)) return Timing{0, 0, false, {}, {}, 0, {}};
        const auto start = std::chrono::steady_clock::now();
        const vizor::RunResult r = vm->run(2'000'000'000);
        const std::chrono::duration<double, std::milli> took =
            std::chrono::steady_clock::now() - start;
        ms.push_back(took.count());
        t.stats = vm->stats();
        t.instructions = t.stats.guestInstructions();
        t.virtualCycles = vm->virtualCycles();
        t.console = vm->machine().console();
        t.ok = t.ok && r.reason == vizor::HaltReason::PowerOff;
        if (const auto* bt = dynamic_cast<const vizor::hv::BinaryTranslation*>(vm.get()))
            if (bt->codeGenerator()) t.jit = bt->codeGenerator()->stats();
    }
    std::sort(ms.begin(), ms.end());
    t.medianMs = ms[ms.size() / 2];
    return t;
}

} // namespace

int main(int argc, char** argv) {
    std::string workload = "longcompute";
    int runs = 5;
    bool all = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--runs" && i + 1 < argc)
            runs = std::max(1, std::atoi(argv[++i]));
        else if (arg == "--all")
            all = true;
        else
            workload = arg;
    }
    const vizor::AssemblyResult assembled = vizor::assemble(hvtest::guestKernelSource(workload));
    if (!assembled.errors.empty()) {
        std::fprintf(stderr, "bench_bt: cannot assemble the guest kernel with %s\n",
                     workload.c_str());
        return 2;
    }
    std::vector<Mode> modes = {
        {"native", "native", false}, {"bt", "bt", true}, {"bt-interp", "bt", false}};
    if (all) {
        modes.push_back({"emulate", "emulate", false});
        modes.push_back({"trap", "trap", false});
    }
    std::printf("workload %s, median of %d runs%s\n", workload.c_str(), runs,
                vizor::jit::hostSupported() ? "" : " (no code generator on this host)");
    std::printf("%-10s %10s %14s %10s %12s %8s\n", "mode", "host ms", "guest instrs", "ns/instr",
                "M instr/s", "vs native");
    bool ok = true;
    double nativeMs = 0;
    std::string console;
    for (const Mode& mode : modes) {
        const Timing t = measure(mode, assembled.program, runs);
        ok = ok && t.ok;
        if (mode.label == std::string("native")) {
            nativeMs = t.medianMs;
            console = t.console;
        } else if (t.console != console) {
            std::printf("  %s: the console differs from native's\n", mode.label);
            ok = false;
        }
        const double n = static_cast<double>(t.instructions);
        std::printf("%-10s %10.1f %14llu %10.2f %12.1f %7.2fx%s\n", mode.label, t.medianMs,
                    static_cast<unsigned long long>(t.instructions),
                    n > 0 ? t.medianMs * 1e6 / n : 0.0, n > 0 ? n / (t.medianMs * 1e3) : 0.0,
                    t.medianMs > 0 ? nativeMs / t.medianMs : 0.0,
                    t.ok ? "" : "  (did not power off)");
        if (std::string(mode.name) == "bt") {
            const vizor::hv::VmStats& s = t.stats;
            std::printf("  virtual cycles %llu; translator: %llu blocks (%llu instrs), %llu hits, "
                        "%llu misses, %llu chain follows, %llu invalidated, %llu callouts\n",
                        static_cast<unsigned long long>(t.virtualCycles),
                        static_cast<unsigned long long>(s.translatedBlocks),
                        static_cast<unsigned long long>(s.translatedInstructions),
                        static_cast<unsigned long long>(s.cacheHits),
                        static_cast<unsigned long long>(s.cacheMisses),
                        static_cast<unsigned long long>(s.chainFollows),
                        static_cast<unsigned long long>(s.invalidations),
                        static_cast<unsigned long long>(s.callouts));
            if (mode.generateCode)
                std::printf("  code generator: %llu blocks (%llu instrs) generated, %llu entries "
                            "from the run loop, %llu chains patched, %llu flushes\n",
                            static_cast<unsigned long long>(t.jit.blocksCompiled),
                            static_cast<unsigned long long>(t.jit.instructionsCompiled),
                            static_cast<unsigned long long>(t.jit.blockEntries),
                            static_cast<unsigned long long>(t.jit.chainsPatched),
                            static_cast<unsigned long long>(t.jit.flushes));
        }
    }
    return ok ? 0 : 1;
}
