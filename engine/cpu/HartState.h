// Architectural state of one RV32 hart: what a register view shows and a snapshot saves.
#pragma once

#include <cstdint>
#include <string_view>

namespace vizor {

enum class Privilege : uint8_t { User = 0, Supervisor = 1, Machine = 3 };

std::string_view privilegeName(Privilege p); // "U", "S", "M"

// Machine- and supervisor-level CSRs a small kernel needs. sstatus, sie and sip are
// views of mstatus, mie and mip (restricted by masks), as the privileged spec defines.
struct CsrFile {
    uint32_t mstatus = 0;
    uint32_t misa = 0x40141101u; // RV32 I M A S U
    uint32_t medeleg = 0, mideleg = 0;
    uint32_t mie = 0, mip = 0;
    uint32_t mtvec = 0, mscratch = 0, mepc = 0, mcause = 0, mtval = 0;
    uint32_t mcounteren = 0;
    uint32_t stvec = 0, sscratch = 0, sepc = 0, scause = 0, stval = 0;
    uint32_t scounteren = 0;
    uint32_t satp = 0;
};

struct HartState {
    uint32_t x[32] = {};
    uint32_t pc = 0x80000000u;
    Privilege priv = Privilege::Machine;
    CsrFile csr;
    uint64_t cycle = 0;   // virtual cycles (mcycle/cycle)
    uint64_t instret = 0; // instructions retired (minstret/instret)
    // The timeline position: one per instruction executed (retired or trapping), per
    // interrupt taken and per idle wfi step. Unlike instret it moves on every step, so
    // the debugger can name any moment of a run by it and travel back to it exactly.
    uint64_t steps = 0;
    bool waitingForInterrupt = false;
    bool reservationValid = false; // LR/SC
    uint32_t reservationAddress = 0;
    // The value LR read: as on QEMU, SC succeeds only if memory still holds it.
    uint32_t reservationValue = 0;
};

} // namespace vizor
