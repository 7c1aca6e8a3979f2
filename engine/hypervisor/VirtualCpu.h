// The virtual CPU's supervisor state: the S-mode CSRs the guest kernel believes it
// owns, and the guest's virtual privilege (V-S or V-U). Trap and emulate modes both
// act on it; the rules are the privileged spec's, applied to these copies instead of
// the real hart's registers.
#pragma once

#include "cpu/HartState.h"
#include "isa/Decoder.h"

#include <cstdint>

namespace vizor::hv {

struct VirtualCsrs {
    uint32_t sstatus = 0; // SIE, SPIE, SPP, SUM, MXR
    uint32_t sie = 0, sip = 0;
    uint32_t stvec = 0, sscratch = 0, sepc = 0, scause = 0, stval = 0;
    uint32_t satp = 0, scounteren = 0;
    bool operator==(const VirtualCsrs&) const = default;
};

// The counters a guest may read (cycle, time, instret), as the VMM sees them now.
struct GuestCounters {
    uint64_t cycle = 0, time = 0, instret = 0;
};

class VirtualCpu {
public:
    VirtualCsrs csr;
    Privilege priv = Privilege::Supervisor;

    // Emulates a Zicsr instruction on the virtual CSRs; false = illegal instruction
    // for the guest (unknown CSR, M-level CSR, privilege or read-only violation).
    bool executeCsr(const isa::DecodedInstruction& d, uint32_t* x, const GuestCounters& counters);
    bool read(uint16_t number, uint32_t& value, const GuestCounters& counters) const;
    bool write(uint16_t number, uint32_t value);

    // Trap entry into the guest kernel (its stvec): returns the new pc.
    uint32_t enterTrap(uint32_t cause, uint32_t tval, uint32_t pc);
    // sret: returns the new pc; privilege and SIE restored from SPP/SPIE.
    uint32_t returnFromTrap();
    // Cause (with the interrupt bit) of the virtual interrupt to take now, or 0.
    uint32_t pendingInterrupt() const;
    void setTimerPending(bool pending);
    // Everything that decides which shadow table fits: privilege, SUM, MXR.
    uint32_t translationRole() const;
};

} // namespace vizor::hv
