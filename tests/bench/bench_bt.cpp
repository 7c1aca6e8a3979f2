// Binary translation against the interpreter in host time. By default the speed
// suite's compute loop (ALU, multiply, a load and a store into a 4 KiB array, a counted
// branch: 13 instructions per iteration) run in the guest kernel's mode (S) with Sv32
// paging on, 10^7 iterations; or the project's guest kernel with one workload. Run to
// power-off under native (the interpreter), bt with the x86-64 code generator (the
// default record mask: chain follows counted, not recorded), bt with it recording every
// chain follow as a translation_chain event (what the translation-cache view asks for),
// and bt interpreting; median host time of several runs each, guest instructions per
// second and the ratio to native. Not a pass/fail test of speed on a shared machine: it
// exits 1 only if a mode does not power off or ends with different registers or console.
//
//   bench_bt [loop | WORKLOAD] [--runs N] [--iterations N] [--all]
//   (--all adds emulate and trap)
#include "../engine/hypervisor/GuestKernel.h"
#include "hypervisor/BinaryTranslation.h"
#include "hypervisor/Hypervisor.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

namespace {

// The loop in S-mode under Sv32: identity-mapped 4 MiB superpages over code and data
// (every fetch, load and store through the TLB), then an SBI system_reset. Under the
// hypervisor modes the VMM starts it at kernel_entry; native runs the firmware first.
const char* const kLoop = R"(
    .globl _start
_start:
    la t0, firmware
    csrw mtvec, t0
    li t0, 0x1800
    csrc mstatus, t0
    li t0, 0x0800               # MPP = S
    csrs mstatus, t0
    la t0, kernel_entry
    csrw mepc, t0
    mret
firmware:                       # the only firmware call made is system_reset
    li t0, 0x00100000
    li t1, 0x5555
    sw t1, 0(t0)
1:  j 1b
    .globl kernel_entry
kernel_entry:
    li t0, 0x80200000 + 0x800   # root table entries for 0x80000000 and 0x80400000
    li t1, 0x200000cf           # V R W X A D superpages
    sw t1, 0(t0)
    li t1, 0x201000cf
    sw t1, 4(t0)
    li t1, 0x80000000 | (0x80200000 >> 12)
    csrw satp, t1
    sfence.vma
    li s3, ITERATIONS
    li s1, 0x80400000
    li s0, 0
    li s2, 0
loop:
    andi t0, s2, 1023
    slli t0, t0, 2
    add t1, s1, t0
    lw t2, 0(t1)
    add t2, t2, s2
    xor s0, s0, t2
    sw t2, 0(t1)
    mul t3, s2, s2
    add s0, s0, t3
    srli t4, s0, 3
    sub s0, s0, t4
    addi s2, s2, 1
    bne s2, s3, loop
    li a7, 0x53525354           # SBI system_reset
    li a6, 0
    li a0, 0
    li a1, 0
    ecall
2:  j 2b
)";

struct Mode {
    const char* label;
    const char* name;
    bool generateCode;
    bool recordChains = false; // add translation_chain to the default record mask
};

struct Timing {
    double medianMs = 0;
    double medianCpuMs = 0; // CPU time of this process: what other load on the machine
                            // does not add to
    uint64_t instructions = 0;
    bool ok = true;
    std::string console;
    vizor::hv::VmStats stats;
    uint64_t virtualCycles = 0;
    vizor::jit::RunnerStats jit;
    uint32_t s0 = 0; // the loop's checksum (or whatever the workload left there)
};

Timing measure(const Mode& mode, const vizor::Program& program, int runs) {
    Timing t;
    std::vector<double> ms, cpu;
    for (int round = 0; round < runs; ++round) {
        vizor::hv::VmConfig config;
        config.generateCode = mode.generateCode;
        auto vm = vizor::hv::makeHypervisor(mode.name, config);
        std::string error;
        if (!vm || !vm->load(program, error)) {
            t.ok = false;
            return t;
        }
        if (mode.recordChains) {
            vizor::EventStream& events = vm->machine().events();
            events.setRecordMask(events.recordMask() |
                                 vizor::maskOf(vizor::EventType::TranslationChain));
        }
        const std::clock_t cpuStart = std::clock();
        const auto start = std::chrono::steady_clock::now();
        const vizor::RunResult r = vm->run(2'000'000'000);
        const std::chrono::duration<double, std::milli> took =
            std::chrono::steady_clock::now() - start;
        ms.push_back(took.count());
        cpu.push_back(1000.0 * static_cast<double>(std::clock() - cpuStart) / CLOCKS_PER_SEC);
        t.stats = vm->stats();
        t.instructions = t.stats.guestInstructions();
        t.virtualCycles = vm->virtualCycles();
        t.console = vm->machine().console();
        t.s0 = vm->machine().hart().x[8];
        t.ok = t.ok && r.reason == vizor::HaltReason::PowerOff;
        if (const auto* bt = dynamic_cast<const vizor::hv::BinaryTranslation*>(vm.get()))
            if (bt->codeGenerator()) t.jit = bt->codeGenerator()->stats();
    }
    std::sort(ms.begin(), ms.end());
    std::sort(cpu.begin(), cpu.end());
    t.medianMs = ms[ms.size() / 2];
    t.medianCpuMs = cpu[cpu.size() / 2];
    return t;
}

} // namespace

int main(int argc, char** argv) {
    std::string workload = "loop";
    int runs = 5;
    long long iterations = 10'000'000;
    bool all = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--runs" && i + 1 < argc)
            runs = std::max(1, std::atoi(argv[++i]));
        else if (arg == "--iterations" && i + 1 < argc)
            iterations = std::max(1LL, std::atoll(argv[++i]));
        else if (arg == "--all")
            all = true;
        else
            workload = arg;
    }
    vizor::AssemblerOptions options;
    options.defines["ITERATIONS"] = iterations;
    const vizor::AssemblyResult assembled = vizor::assemble(
        workload == "loop" ? std::string(kLoop) : hvtest::guestKernelSource(workload), options);
    if (!assembled.errors.empty()) {
        std::fprintf(stderr, "bench_bt: cannot assemble the guest kernel with %s\n",
                     workload.c_str());
        return 2;
    }
    std::vector<Mode> modes = {{"native", "native", false},
                               {"bt", "bt", true},
                               {"bt-chains", "bt", true, true},
                               {"bt-interp", "bt", false}};
    if (all) {
        modes.push_back({"emulate", "emulate", false});
        modes.push_back({"trap", "trap", false});
    }
    std::printf("workload %s, median of %d runs%s\n",
                workload == "loop"
                    ? ("loop x " + std::to_string(iterations) + " (S-mode, Sv32)").c_str()
                    : workload.c_str(),
                runs, vizor::jit::hostSupported() ? "" : " (no code generator on this host)");
    std::printf("%-10s %14s %9s %9s %10s %10s %9s\n", "mode", "guest instrs", "wall ms", "cpu ms",
                "M/s wall", "M/s cpu", "vs native");
    bool ok = true;
    double nativeMs = 0, nativeCpuMs = 0;
    std::string console;
    uint32_t s0 = 0;
    for (const Mode& mode : modes) {
        const Timing t = measure(mode, assembled.program, runs);
        ok = ok && t.ok;
        if (mode.label == std::string("native")) {
            nativeMs = t.medianMs;
            nativeCpuMs = t.medianCpuMs;
            console = t.console;
            s0 = t.s0;
        } else if (t.console != console || t.s0 != s0) {
            std::printf("  %s: the console or s0 differs from native's\n", mode.label);
            ok = false;
        }
        const double n = static_cast<double>(t.instructions);
        // The ratio to native: wall time, then CPU time.
        std::printf("%-10s %14llu %9.1f %9.1f %10.1f %10.1f %4.2fx/%4.2fx%s\n", mode.label,
                    static_cast<unsigned long long>(t.instructions), t.medianMs, t.medianCpuMs,
                    t.medianMs > 0 ? n / (t.medianMs * 1e3) : 0.0,
                    t.medianCpuMs > 0 ? n / (t.medianCpuMs * 1e3) : 0.0,
                    t.medianMs > 0 ? nativeMs / t.medianMs : 0.0,
                    t.medianCpuMs > 0 ? nativeCpuMs / t.medianCpuMs : 0.0,
                    t.ok ? "" : "  (did not power off)");
        if (std::string(mode.name) == "bt" && !mode.recordChains) {
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
