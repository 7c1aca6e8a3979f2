// Engine speed benchmark: a compute loop (ALU, multiply, loads, stores, branches) run
// with instruction tracing off, five times for about two seconds each; prints guest
// instructions per second per run and the median. Not a pass/fail test: CTest runs it
// under the "benchmark" label so its numbers land in the test log.
//
//   bench_engine [--paged] [--seconds S] [--min-mips M]   (--min-mips: fail below M)
#include "asm/Assembler.h"
#include "machine/Machine.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>
#include <vector>

namespace {

// Runs forever: the step budget ends each measurement. With --paged the loop runs in
// S-mode under Sv32 (identity-mapped 4 MiB superpages), so every load, store and
// fetch goes through the TLB.
constexpr const char* kPagedPrologue = R"(
    .text
_start:
    li t0, 0x80200000       # root page table
    li t1, 0x200000cf       # VA 0x80000000: superpage to itself, V R W X A D
    li t2, 0x80200800
    sw t1, 0(t2)
    li t1, 0x201000cf       # VA 0x80400000
    sw t1, 4(t2)
    li t1, 0x80080200       # satp: Sv32, root 0x80200000
    csrw satp, t1
    li t1, 0x800            # MPP = S
    csrs mstatus, t1
    la t1, compute
    csrw mepc, t1
    mret
)";

constexpr const char* kComputeLoop = R"(
compute:
    li s0, 0                # checksum
    li s1, 0x80100000       # a 4 KiB array
    li s2, 0                # i
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
    bltu s2, s2, never
    j loop
never:
    j never
)";

double secondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// CPU time of this process: on a shared machine wall time also counts other programs.
double cpuSeconds() {
    return static_cast<double>(std::clock()) / CLOCKS_PER_SEC;
}

} // namespace

int main(int argc, char** argv) {
    double seconds = 2.0;
    double minMips = 0;
    bool paged = false;
    for (int i = 1; i < argc; ++i) {
        const bool hasValue = i + 1 < argc;
        if (!std::strcmp(argv[i], "--paged"))
            paged = true;
        else if (!std::strcmp(argv[i], "--seconds") && hasValue)
            seconds = std::atof(argv[++i]);
        else if (!std::strcmp(argv[i], "--min-mips") && hasValue)
            minMips = std::atof(argv[++i]);
    }
    const std::string source =
        std::string(paged ? kPagedPrologue : ".text\n_start:\n") + kComputeLoop;
    const vizor::AssemblyResult assembled = vizor::assemble(source);
    if (!assembled.ok()) {
        for (const auto& e : assembled.errors)
            std::fprintf(stderr, "%s\n", e.format().c_str());
        return 1;
    }
    vizor::Machine machine;
    machine.load(assembled.program);

    // Calibrate the step budget so one run takes about `seconds`.
    auto start = std::chrono::steady_clock::now();
    machine.run(20'000'000);
    const double rate = 20'000'000 / std::max(secondsSince(start), 1e-6);
    const auto budget = static_cast<uint64_t>(rate * seconds);

    std::vector<double> rates;
    for (int run = 1; run <= 5; ++run) {
        const uint64_t before = machine.hart().instret;
        start = std::chrono::steady_clock::now();
        const double cpuStart = cpuSeconds();
        machine.run(budget);
        const double elapsed = secondsSince(start);
        const double cpu = std::max(cpuSeconds() - cpuStart, 1e-6);
        const auto retired = static_cast<double>(machine.hart().instret - before);
        rates.push_back(retired / elapsed);
        std::printf("run %d: %.1f M instructions/s (%.2f s wall; %.1f M per CPU second)\n", run,
                    retired / elapsed / 1e6, elapsed, retired / cpu / 1e6);
    }
    const vizor::HartState& hart = machine.hart();
    std::printf(
        "ran in %s-mode, satp=0x%08x, %llu page walks\n",
        std::string(vizor::privilegeName(hart.priv)).c_str(), hart.csr.satp,
        static_cast<unsigned long long>(machine.events().count(vizor::EventType::PageWalkDone)));
    std::sort(rates.begin(), rates.end());
    const double median = rates[rates.size() / 2];
    std::printf("median: %.1f M instructions/s\n", median / 1e6);
    return median / 1e6 >= minMips ? 0 : 1;
}
