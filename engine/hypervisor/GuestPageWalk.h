// The guest's own Sv32 translation, done in software by the VMM: the shadow pager and
// the software MMU of emulate mode both need to know what the guest's tables say.
// Guest-physical addresses equal host-physical ones below the guest's RAM end (the
// p2m map is the identity); table references beyond it are access faults, as a walk
// into a hole is on the real machine.
#pragma once

#include "cpu/HartState.h"
#include "machine/Machine.h"

#include <cstdint>

namespace vizor::hv {

enum class Access : uint8_t { Fetch, Load, Store };

struct GuestWalk {
    bool ok = false;
    uint32_t cause = 0; // page or access fault cause when !ok
    uint32_t gpa = 0;
    uint32_t leafPte = 0;        // after the A/D update
    uint32_t adSet = 0;          // the A/D bits this walk set in the guest's leaf (0: none)
    uint32_t leafPteAddress = 0; // 0 when satp is Bare
    uint32_t rootPteAddress = 0; // the level-1 entry used (== leafPteAddress for a superpage)
    uint32_t tables[2] = {};     // guest-physical page addresses of the tables read
    int tableCount = 0;
    int references = 0;
};

struct GuestMmuContext {
    uint32_t satp = 0;
    Privilege priv = Privilege::Supervisor;
    uint32_t sstatus = 0; // SUM and MXR
    uint32_t ramEnd = 0;  // first guest-physical address past the guest's RAM
};

// Walks the guest tables for one access; with `updateAccessed` sets A (and D for a
// store) in the guest's leaf PTE as the hardware would.
GuestWalk walkGuest(Machine& machine, const GuestMmuContext& ctx, uint32_t vaddr, Access access,
                    bool updateAccessed);
// Whether a leaf PTE allows `access` in this context (U/SUM/MXR and R/W/X rules).
bool guestPermits(uint32_t pte, Access access, const GuestMmuContext& ctx);
uint32_t pageFaultCause(Access access);
uint32_t accessFaultCause(Access access);

} // namespace vizor::hv
