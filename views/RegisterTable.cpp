#include "views/RegisterTable.h"

#include <array>

namespace vizor::views {

namespace {

using G = RegisterGroup;

template <int N> uint64_t readX(const HartState& h) {
    return h.x[N];
}
template <int N> void writeX(HartState& h, uint32_t v) {
    if constexpr (N != 0) h.x[N] = v; // x0 is hard-wired to zero
}

#define VIZOR_X(n, abi)                                                                            \
    RegisterSpec {                                                                                 \
        "x" #n, abi, G::Integer, 32, &readX<n>, n ? &writeX<n> : nullptr                           \
    }
#define VIZOR_CSR(field)                                                                           \
    RegisterSpec {                                                                                 \
#field, "", G::Csr, 32,                                                                    \
            [](const HartState& h)                                                                 \
                 -> uint64_t { return h.csr.field; }, [](HartState & h,                            \
                                                         uint32_t v) { h.csr.field = v; }          \
    }

const auto kTable = std::to_array<RegisterSpec>({
    VIZOR_X(0, "zero"),
    VIZOR_X(1, "ra"),
    VIZOR_X(2, "sp"),
    VIZOR_X(3, "gp"),
    VIZOR_X(4, "tp"),
    VIZOR_X(5, "t0"),
    VIZOR_X(6, "t1"),
    VIZOR_X(7, "t2"),
    VIZOR_X(8, "s0/fp"),
    VIZOR_X(9, "s1"),
    VIZOR_X(10, "a0"),
    VIZOR_X(11, "a1"),
    VIZOR_X(12, "a2"),
    VIZOR_X(13, "a3"),
    VIZOR_X(14, "a4"),
    VIZOR_X(15, "a5"),
    VIZOR_X(16, "a6"),
    VIZOR_X(17, "a7"),
    VIZOR_X(18, "s2"),
    VIZOR_X(19, "s3"),
    VIZOR_X(20, "s4"),
    VIZOR_X(21, "s5"),
    VIZOR_X(22, "s6"),
    VIZOR_X(23, "s7"),
    VIZOR_X(24, "s8"),
    VIZOR_X(25, "s9"),
    VIZOR_X(26, "s10"),
    VIZOR_X(27, "s11"),
    VIZOR_X(28, "t3"),
    VIZOR_X(29, "t4"),
    VIZOR_X(30, "t5"),
    VIZOR_X(31, "t6"),
    RegisterSpec{"pc", "", G::Control, 32, [](const HartState& h) -> uint64_t { return h.pc; },
                 [](HartState& h, uint32_t v) { h.pc = v & ~3u; }},
    RegisterSpec{"priv", "", G::Control, 0,
                 [](const HartState& h) -> uint64_t { return static_cast<uint64_t>(h.priv); },
                 nullptr},
    VIZOR_CSR(mstatus),
    VIZOR_CSR(misa),
    VIZOR_CSR(medeleg),
    VIZOR_CSR(mideleg),
    VIZOR_CSR(mie),
    VIZOR_CSR(mip),
    VIZOR_CSR(mtvec),
    VIZOR_CSR(mscratch),
    VIZOR_CSR(mepc),
    VIZOR_CSR(mcause),
    VIZOR_CSR(mtval),
    VIZOR_CSR(mcounteren),
    RegisterSpec{"sstatus", "", G::Csr, 32,
                 [](const HartState& h) -> uint64_t { return h.csr.mstatus & kSstatusMask; },
                 [](HartState& h, uint32_t v) {
                     h.csr.mstatus = (h.csr.mstatus & ~kSstatusMask) | (v & kSstatusMask);
                 }},
    VIZOR_CSR(stvec),
    VIZOR_CSR(sscratch),
    VIZOR_CSR(sepc),
    VIZOR_CSR(scause),
    VIZOR_CSR(stval),
    VIZOR_CSR(satp),
    RegisterSpec{"cycle", "", G::Counter, 64, [](const HartState& h) { return h.cycle; }, nullptr},
    RegisterSpec{"instret", "", G::Counter, 64, [](const HartState& h) { return h.instret; },
                 nullptr},
});

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
