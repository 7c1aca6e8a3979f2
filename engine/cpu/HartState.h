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
    // The hypervisor extension (HypervisorCsr.h), present when MachineConfig::
    // hypervisorExtension is set. hie/hip are views of mie/mip's VS bits; those bits of
    // mip come from hvip (no external VS interrupt sources on this board).
    uint32_t mstatush = 0; // MPV, GVA
    uint32_t mtval2 = 0, mtinst = 0;
    uint32_t hstatus = 0, hedeleg = 0, hideleg = 0, hvip = 0, hcounteren = 0;
    uint32_t htval = 0, htinst = 0, hgatp = 0;
    // The VS-level copies the guest sees as its sstatus, stvec... while V = 1.
    uint32_t vsstatus = 0, vstvec = 0, vsscratch = 0, vsepc = 0, vscause = 0, vstval = 0;
    uint32_t vsatp = 0;
};

struct HartState {
    uint32_t x[32] = {};
    uint32_t pc = 0x80000000u;
    Privilege priv = Privilege::Machine;
    // V, the virtualization mode of the H extension: with priv S it is VS-mode, with
    // priv U VU-mode. Only ever set on a hart with the extension.
    bool virt = false;
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
