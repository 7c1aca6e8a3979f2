#include "views/RegisterTable.h"

#include <QtGlobal>
#include <array>

namespace vizor::views {

namespace {

using G = RegisterGroup;

// Descriptions are marked where they are written, context spelled out: lupdate expands
// no macros.

template <int N> uint64_t readX(const HartState& h) {
    return h.x[N];
}
template <int N> void writeX(HartState& h, uint32_t v) {
    if constexpr (N != 0) h.x[N] = v; // x0 is hard-wired to zero
}

#define VIZOR_X(n, abi, text)                                                                      \
    RegisterSpec {                                                                                 \
        "x" #n, abi, text, G::Integer, 32, &readX<n>, n ? &writeX<n> : nullptr                     \
    }
#define VIZOR_CSR(field, text)                                                                     \
    RegisterSpec {                                                                                 \
#field, "", text, G::Csr, 32,                                                              \
            [](const HartState& h)                                                                 \
                 -> uint64_t { return h.csr.field; }, [](HartState & h,                            \
                                                         uint32_t v) { h.csr.field = v; }          \
    }

// clang-format off
const auto kTable = std::to_array<RegisterSpec>({
    VIZOR_X(0, "zero", QT_TRANSLATE_NOOP("vizor::views::RegisterTable", "Hard-wired zero")),
    VIZOR_X(1, "ra", QT_TRANSLATE_NOOP("vizor::views::RegisterTable", "Return address")),
    VIZOR_X(2, "sp", QT_TRANSLATE_NOOP("vizor::views::RegisterTable", "Stack pointer")),
    VIZOR_X(3, "gp", QT_TRANSLATE_NOOP("vizor::views::RegisterTable", "Global pointer")),
    VIZOR_X(4, "tp", QT_TRANSLATE_NOOP("vizor::views::RegisterTable", "Thread pointer")),
    VIZOR_X(5, "t0", QT_TRANSLATE_NOOP("vizor::views::RegisterTable", "Temporary")),
    VIZOR_X(6, "t1", QT_TRANSLATE_NOOP("vizor::views::RegisterTable", "Temporary")),
    VIZOR_X(7, "t2", QT_TRANSLATE_NOOP("vizor::views::RegisterTable", "Temporary")),
    VIZOR_X(8, "s0/fp", QT_TRANSLATE_NOOP("vizor::views::RegisterTable", "Saved register, frame pointer")),
    VIZOR_X(9, "s1", QT_TRANSLATE_NOOP("vizor::views::RegisterTable", "Saved register")),
    VIZOR_X(10, "a0", QT_TRANSLATE_NOOP("vizor::views::RegisterTable", "Function argument, return value")),
    VIZOR_X(11, "a1", QT_TRANSLATE_NOOP("vizor::views::RegisterTable", "Function argument, return value")),
    VIZOR_X(12, "a2", QT_TRANSLATE_NOOP("vizor::views::RegisterTable", "Function argument")),
    VIZOR_X(13, "a3", QT_TRANSLATE_NOOP("vizor::views::RegisterTable", "Function argument")),
    VIZOR_X(14, "a4", QT_TRANSLATE_NOOP("vizor::views::RegisterTable", "Function argument")),
    VIZOR_X(15, "a5", QT_TRANSLATE_NOOP("vizor::views::RegisterTable", "Function argument")),
    VIZOR_X(16, "a6", QT_TRANSLATE_NOOP("vizor::views::RegisterTable", "Function argument")),
    VIZOR_X(17, "a7", QT_TRANSLATE_NOOP("vizor::views::RegisterTable", "Function argument, system call number")),
    VIZOR_X(18, "s2", QT_TRANSLATE_NOOP("vizor::views::RegisterTable", "Saved register")),
    VIZOR_X(19, "s3", QT_TRANSLATE_NOOP("vizor::views::RegisterTable", "Saved register")),
    VIZOR_X(20, "s4", QT_TRANSLATE_NOOP("vizor::views::RegisterTable", "Saved register")),
    VIZOR_X(21, "s5", QT_TRANSLATE_NOOP("vizor::views::RegisterTable", "Saved register")),
    VIZOR_X(22, "s6", QT_TRANSLATE_NOOP("vizor::views::RegisterTable", "Saved register")),
    VIZOR_X(23, "s7", QT_TRANSLATE_NOOP("vizor::views::RegisterTable", "Saved register")),
    VIZOR_X(24, "s8", QT_TRANSLATE_NOOP("vizor::views::RegisterTable", "Saved register")),
    VIZOR_X(25, "s9", QT_TRANSLATE_NOOP("vizor::views::RegisterTable", "Saved register")),
    VIZOR_X(26, "s10", QT_TRANSLATE_NOOP("vizor::views::RegisterTable", "Saved register")),
    VIZOR_X(27, "s11", QT_TRANSLATE_NOOP("vizor::views::RegisterTable", "Saved register")),
    VIZOR_X(28, "t3", QT_TRANSLATE_NOOP("vizor::views::RegisterTable", "Temporary")),
    VIZOR_X(29, "t4", QT_TRANSLATE_NOOP("vizor::views::RegisterTable", "Temporary")),
    VIZOR_X(30, "t5", QT_TRANSLATE_NOOP("vizor::views::RegisterTable", "Temporary")),
    VIZOR_X(31, "t6", QT_TRANSLATE_NOOP("vizor::views::RegisterTable", "Temporary")),
    RegisterSpec{"pc", "", QT_TRANSLATE_NOOP("vizor::views::RegisterTable", "Program counter: the next instruction"), G::Control, 32,
                 [](const HartState& h) -> uint64_t { return h.pc; },
                 [](HartState& h, uint32_t v) { h.pc = v & ~3u; }},
    RegisterSpec{"priv", "", QT_TRANSLATE_NOOP("vizor::views::RegisterTable", "Current privilege mode"), G::Control, 0,
                 [](const HartState& h) -> uint64_t { return static_cast<uint64_t>(h.priv); },
                 nullptr},
    VIZOR_CSR(mstatus, QT_TRANSLATE_NOOP("vizor::views::RegisterTable", "Machine status")),
    VIZOR_CSR(misa, QT_TRANSLATE_NOOP("vizor::views::RegisterTable", "Machine ISA: base and extensions")),
    VIZOR_CSR(medeleg, QT_TRANSLATE_NOOP("vizor::views::RegisterTable", "Machine exception delegation to S-mode")),
    VIZOR_CSR(mideleg, QT_TRANSLATE_NOOP("vizor::views::RegisterTable", "Machine interrupt delegation to S-mode")),
    VIZOR_CSR(mie, QT_TRANSLATE_NOOP("vizor::views::RegisterTable", "Machine interrupt enable")),
    VIZOR_CSR(mip, QT_TRANSLATE_NOOP("vizor::views::RegisterTable", "Machine interrupt pending")),
    VIZOR_CSR(mtvec, QT_TRANSLATE_NOOP("vizor::views::RegisterTable", "Machine trap-handler base address")),
    VIZOR_CSR(mscratch, QT_TRANSLATE_NOOP("vizor::views::RegisterTable", "Scratch register for machine trap handlers")),
    VIZOR_CSR(mepc, QT_TRANSLATE_NOOP("vizor::views::RegisterTable", "Machine exception program counter")),
    VIZOR_CSR(mcause, QT_TRANSLATE_NOOP("vizor::views::RegisterTable", "Machine trap cause")),
    VIZOR_CSR(mtval, QT_TRANSLATE_NOOP("vizor::views::RegisterTable", "Machine trap value: bad address or instruction")),
    VIZOR_CSR(mcounteren, QT_TRANSLATE_NOOP("vizor::views::RegisterTable", "Counters the next lower mode may read")),
    RegisterSpec{"sstatus", "", QT_TRANSLATE_NOOP("vizor::views::RegisterTable", "Supervisor status: a restricted view of mstatus"),
                 G::Csr, 32,
                 [](const HartState& h) -> uint64_t { return h.csr.mstatus & kSstatusMask; },
                 [](HartState& h, uint32_t v) {
                     h.csr.mstatus = (h.csr.mstatus & ~kSstatusMask) | (v & kSstatusMask);
                 }},
    VIZOR_CSR(stvec, QT_TRANSLATE_NOOP("vizor::views::RegisterTable", "Supervisor trap-handler base address")),
    VIZOR_CSR(sscratch, QT_TRANSLATE_NOOP("vizor::views::RegisterTable", "Scratch register for supervisor trap handlers")),
    VIZOR_CSR(sepc, QT_TRANSLATE_NOOP("vizor::views::RegisterTable", "Supervisor exception program counter")),
    VIZOR_CSR(scause, QT_TRANSLATE_NOOP("vizor::views::RegisterTable", "Supervisor trap cause")),
    VIZOR_CSR(stval, QT_TRANSLATE_NOOP("vizor::views::RegisterTable", "Supervisor trap value: bad address or instruction")),
    VIZOR_CSR(satp, QT_TRANSLATE_NOOP("vizor::views::RegisterTable", "Supervisor address translation and protection: the page-table root")),
    RegisterSpec{"cycle", "", QT_TRANSLATE_NOOP("vizor::views::RegisterTable", "Virtual cycles elapsed"), G::Counter, 64,
                 [](const HartState& h) { return h.cycle; }, nullptr},
    RegisterSpec{"instret", "", QT_TRANSLATE_NOOP("vizor::views::RegisterTable", "Instructions retired"), G::Counter, 64,
                 [](const HartState& h) { return h.instret; }, nullptr},
});
// clang-format on

#undef VIZOR_X
#undef VIZOR_CSR

} // namespace

std::span<const RegisterSpec> registerTable() {
    return kTable;
}

const RegisterSpec* findRegister(std::string_view name) {
    for (const RegisterSpec& spec : kTable)
        if (spec.name == name) return &spec;
    return nullptr;
}

} // namespace vizor::views
