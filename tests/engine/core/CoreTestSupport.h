// Helpers for the machine-core suites: guest programs are written in assembly and
// built with the embedded assembler, so each test reads as the program it runs.
// Engine headers come before QtTest: Qt's `emit` keyword macro would otherwise
// rewrite EventStream::emit.
#pragma once

#include "asm/Assembler.h"
#include "machine/Machine.h"

#include <QTest>

#include <string>

namespace coretest {

// Shared by every program: board addresses and a few macros.
inline constexpr const char* kPrelude = R"(
    .equ FINISHER, 0x00100000
    .equ UART, 0x10000000
    .equ CLINT_MSIP, 0x02000000
    .equ CLINT_MTIMECMP, 0x02004000
    .equ CLINT_MTIME, 0x0200bff8
    .macro POWEROFF
        li t6, FINISHER
        li t5, 0x5555
        sw t5, 0(t6)
    1:  j 1b
    .endm
    # mret into `label` at privilege `mpp` (0 = U, 1 = S).
    .macro ENTER mpp, label
        li t6, 0x1800
        csrc mstatus, t6
        li t6, (\mpp << 11)
        csrs mstatus, t6
        la t6, \label
        csrw mepc, t6
        mret
    .endm
)";

// Assemble prelude + source and load it; false (with a warning) on assembly errors.
inline bool load(vizor::Machine& machine, const std::string& source) {
    const vizor::AssemblyResult result = vizor::assemble(std::string(kPrelude) + source);
    for (const vizor::Diagnostic& d : result.errors)
        qWarning("%s", d.format().c_str());
    if (!result.ok()) return false;
    machine.load(result.program);
    return true;
}

// Load and run to poweroff; false if it did not power off within `maxSteps`.
inline bool runToPowerOff(vizor::Machine& machine, const std::string& source,
                          uint64_t maxSteps = 1'000'000) {
    if (!load(machine, source)) return false;
    const vizor::RunResult r = machine.run(maxSteps);
    if (r.reason != vizor::HaltReason::PowerOff)
        qWarning("halted with %s at pc 0x%08x",
                 std::string(vizor::haltReasonName(r.reason)).c_str(), machine.hart().pc);
    return r.reason == vizor::HaltReason::PowerOff;
}

inline uint32_t reg(const vizor::Machine& m, const char* abiName) {
    static const char* const names[32] = {"zero", "ra", "sp",  "gp",  "tp", "t0", "t1", "t2",
                                          "s0",   "s1", "a0",  "a1",  "a2", "a3", "a4", "a5",
                                          "a6",   "a7", "s2",  "s3",  "s4", "s5", "s6", "s7",
                                          "s8",   "s9", "s10", "s11", "t3", "t4", "t5", "t6"};
    for (int i = 0; i < 32; ++i)
        if (std::string(names[i]) == abiName) return m.hart().x[i];
    qFatal("unknown register %s", abiName);
}

inline uint32_t word(const vizor::Machine& m, uint32_t paddr) {
    return m.peekPhysical(paddr, 4).value_or(0xdeadbeefu);
}

inline constexpr uint32_t kLog = 0x80100000; // trap log: count, then (cause, tval) pairs

// An M-mode handler that logs mcause/mtval at kLog and skips the trapping instruction,
// returning to the mode that trapped. Programs start with `INSTALL_LOGGER`.
inline const std::string kLogger = R"(
    .macro INSTALL_LOGGER
        la t0, logger
        csrw mtvec, t0
        li sp, 0x80200000
    .endm
    j _start
logger:
    addi sp, sp, -8
    sw t0, 0(sp)
    sw t1, 4(sp)
    li t0, 0x80100000
    lw t1, 0(t0)
    addi t1, t1, 1
    sw t1, 0(t0)
    slli t1, t1, 3
    add t0, t0, t1
    csrr t1, mcause
    sw t1, -4(t0)
    csrr t1, mtval
    sw t1, 0(t0)
    csrr t1, mepc
    addi t1, t1, 4
    csrw mepc, t1
    lw t1, 4(sp)
    lw t0, 0(sp)
    addi sp, sp, 8
    mret
_start:
    INSTALL_LOGGER
)";

inline uint32_t logCount(const vizor::Machine& m) {
    return word(m, kLog);
}
inline uint32_t logCause(const vizor::Machine& m, int i) {
    return word(m, kLog + 4 + 8 * i);
}
inline uint32_t logTval(const vizor::Machine& m, int i) {
    return word(m, kLog + 8 + 8 * i);
}

} // namespace coretest
