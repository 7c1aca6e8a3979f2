// The speed suite's Unicorn peer: the compute and memory workloads (tests/bench/
// workloads/, flat frame: M-mode, no paging, no firmware) under Unicorn's RISCV32 CPU
// without a hook, with an empty per-instruction hook, and with a per-instruction hook
// that records what Vizor's full trace records for each instruction (an Event of
// engine/events/Event.h: cycle, instret, steps, pc, privilege and the instruction
// word, into a ring of 65,536 events as Vizor's default EventStream holds). Beside them,
// the same flat image on Vizor's bare hart, untraced and traced, in the same run.
// Instruction counts are Vizor's count of the same image (its run ends at bench_done).
// Medians of --runs runs of about --seconds each; the a0 checksums of the peers must
// match Vizor's, or the program fails.
//
//   bench_unicorn [--seconds S] [--runs R]
//   result unicorn WORKLOAD VARIANT MEDIAN_MIPS CPU_MIPS  (VARIANT: nohook, emptyhook, tracehook,
//                                                     vizor-hart, vizor-hart-traced)
#include "SpeedWorkloads.h"

#include "events/Event.h"
#include "machine/Machine.h"

#include <unicorn/unicorn.h>

#include <array>
#include <cstdio>
#include <cstring>
#include <functional>

namespace {

constexpr uint64_t kRamBase = 0x80000000u;
constexpr std::size_t kRamSize = 8u << 20; // code, and the 1 MiB of data at 0x80400000

// Vizor's trace, as a Unicorn hook keeps it: the fields Machine::traceStep fills.
struct TraceRing {
    std::array<vizor::Event, 1u << 16> events{};
    uint64_t written = 0;
};

void recordingHook(uc_engine* uc, uint64_t address, uint32_t, void* user) {
    auto* ring = static_cast<TraceRing*>(user);
    vizor::Event& e = ring->events[ring->written & (ring->events.size() - 1)];
    e.type = vizor::EventType::InstructionRetired;
    e.cycle = ring->written; // Unicorn keeps no cycle count: one per instruction
    e.instret = ring->written;
    e.steps = ring->written;
    e.pc = static_cast<uint32_t>(address);
    e.priv = 3; // the flat frame runs in M-mode throughout
    uc_mem_read(uc, address, &e.a, 4);
    ++ring->written;
}

void emptyHook(uc_engine*, uint64_t, uint32_t, void*) {}

struct Run {
    double seconds = 0, cpuSeconds = 0;
    uint32_t checksum = 0;
    bool ok = false;
};

Run runUnicorn(const vizor::Program& program, const std::string& variant) {
    uc_engine* uc = nullptr;
    if (uc_open(UC_ARCH_RISCV, UC_MODE_RISCV32, &uc) != UC_ERR_OK) return {};
    uc_mem_map(uc, kRamBase, kRamSize, UC_PROT_ALL);
    for (const auto& section : program.sections)
        if (!section.bytes.empty())
            uc_mem_write(uc, section.address, section.bytes.data(), section.bytes.size());
    static TraceRing ring;
    ring.written = 0;
    uc_hook hook = 0;
    if (variant == "emptyhook")
        uc_hook_add(uc, &hook, UC_HOOK_CODE, reinterpret_cast<void*>(emptyHook), nullptr, 1, 0);
    else if (variant == "tracehook")
        uc_hook_add(uc, &hook, UC_HOOK_CODE, reinterpret_cast<void*>(recordingHook), &ring, 1, 0);
    const auto start = std::chrono::steady_clock::now();
    const double cpuStart = speed::cpuSeconds();
    const uc_err err =
        uc_emu_start(uc, program.symbols.at("_start"), program.symbols.at("bench_done"), 0, 0);
    Run run{speed::secondsSince(start), speed::cpuSeconds() - cpuStart, 0, err == UC_ERR_OK};
    if (!run.ok) std::fprintf(stderr, "bench_unicorn: %s\n", uc_strerror(err));
    uc_reg_read(uc, UC_RISCV_REG_A0, &run.checksum);
    uc_close(uc);
    return run;
}

struct VizorRun {
    Run run;
    uint64_t instructions = 0;
};

// Runs to the wfi at bench_done (a deadlock halt: no interrupt can wake the hart); the
// count includes that wfi, one instruction more than Unicorn runs.
VizorRun runVizor(const vizor::Program& program, bool traced) {
    vizor::MachineConfig config;
    config.traceInstructions = traced;
    vizor::Machine machine(config);
    machine.load(program);
    if (traced) machine.events().setRecordMask(vizor::kAllEvents);
    const auto start = std::chrono::steady_clock::now();
    const double cpuStart = speed::cpuSeconds();
    const vizor::RunResult r = machine.run(UINT64_MAX);
    VizorRun v;
    v.run = {speed::secondsSince(start), speed::cpuSeconds() - cpuStart, machine.hart().x[10],
             r.reason == vizor::HaltReason::Deadlock &&
                 machine.hart().pc - 4 == program.symbols.at("bench_done")};
    v.instructions = machine.hart().instret;
    return v;
}

std::optional<vizor::Program> flatImage(const std::string& workload, int64_t iterations) {
    auto program = speed::assembleWorkload("flat", workload, iterations);
    if (program && (!program->symbols.count("_start") || !program->symbols.count("bench_done"))) {
        std::fprintf(stderr, "bench_unicorn: the flat frame lacks _start or bench_done\n");
        return std::nullopt;
    }
    return program;
}

// Iterations for about `seconds` of `variant`: probes of growing length until one takes a
// quarter of that (so start-up and first translation do not dominate), then scaled.
int64_t calibrate(const std::string& workload, const std::string& variant, double seconds) {
    int64_t probe = 100'000;
    double took = 0;
    for (;;) {
        const auto program = flatImage(workload, probe);
        if (!program) return 0;
        took = variant.rfind("vizor", 0) == 0
                   ? runVizor(*program, variant == "vizor-hart-traced").run.cpuSeconds
                   : runUnicorn(*program, variant).cpuSeconds;
        if (took >= seconds / 4 || probe >= 0x7fffffff / 4) break;
        probe *= 4;
    }
    return std::clamp<int64_t>(static_cast<int64_t>(probe * seconds / std::max(took, 1e-6)), probe,
                               0x7fffffff);
}

bool measure(const std::string& workload, const std::string& variant, double seconds, int runs) {
    const int64_t iterations = calibrate(workload, variant, seconds);
    const auto program = flatImage(workload, iterations);
    if (!program) return false;
    const VizorRun reference = runVizor(*program, false);
    if (!reference.run.ok) return false;
    std::vector<double> rates, cpuRates;
    for (int i = 0; i < runs; ++i) {
        const Run r = variant.rfind("vizor", 0) == 0
                          ? runVizor(*program, variant == "vizor-hart-traced").run
                          : runUnicorn(*program, variant);
        if (!r.ok || r.checksum != reference.run.checksum) {
            std::fprintf(stderr, "bench_unicorn: %s %s: checksum 0x%08x, Vizor's 0x%08x\n",
                         workload.c_str(), variant.c_str(), r.checksum, reference.run.checksum);
            return false;
        }
        const auto instructions = static_cast<double>(reference.instructions);
        rates.push_back(instructions / std::max(r.seconds, 1e-9));
        cpuRates.push_back(instructions / std::max(r.cpuSeconds, 1e-9));
    }
    const double mips = speed::median(rates) / 1e6, cpuMips = speed::median(cpuRates) / 1e6;
    std::printf("%-8s %-18s %9.1f M instructions/s (%.1f M per CPU second; %lld iterations, "
                "%llu instructions, checksum 0x%08x)\n",
                workload.c_str(), variant.c_str(), mips, cpuMips,
                static_cast<long long>(iterations),
                static_cast<unsigned long long>(reference.instructions), reference.run.checksum);
    std::printf("result unicorn %s %s %.1f %.1f\n", workload.c_str(), variant.c_str(), mips,
                cpuMips);
    std::fflush(stdout);
    return true;
}

} // namespace

int main(int argc, char** argv) {
    double seconds = 1.0;
    int runs = 5;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--seconds"))
            seconds = std::atof(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--runs"))
            runs = std::max(1, std::atoi(argv[i + 1]));
    }
    unsigned major = 0, minor = 0;
    uc_version(&major, &minor);
    std::printf("Unicorn %u.%u, RISCV32\n", major, minor);
    bool ok = true;
    for (const std::string workload : {"compute", "memory"})
        for (const std::string variant :
             {"nohook", "emptyhook", "tracehook", "vizor-hart", "vizor-hart-traced"})
            ok = measure(workload, variant, seconds, runs) && ok;
    return ok ? 0 : 1;
}
