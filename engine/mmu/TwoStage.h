// Two-stage address translation of the RISC-V hypervisor extension: the VS-stage
// (the guest's own Sv32 tables, rooted at vsatp, holding guest-physical addresses) over
// the G-stage (Sv32x4, rooted at hgatp: a 34-bit guest-physical address to a host-
// physical one). Every page-table read of the two-dimensional walk is recorded with its
// stage, level, table, index and entry, in the order the hardware makes it: a cold
// Sv32 x Sv32x4 walk costs (2+1)(2+1)-1 = 8 references.
//
// This is a pure function of the memory it is given, so the walk can be shown, tested
// and reused by the hw mode without touching the base machine's hot path.
#pragma once

#include "cpu/HartState.h"
#include "events/Event.h"

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

namespace vizor::nested {

enum class Access : uint8_t { Fetch = 0, Load = 1, Store = 2 };
enum class Stage : uint8_t { VS = 0, G = 1 };

// Host-physical memory as the walker sees it. nullopt: no memory there (access fault).
class PhysicalPort {
public:
    virtual ~PhysicalPort() = default;
    virtual std::optional<uint32_t> read32(uint64_t hostPhysical) = 0;
    virtual void write32(uint64_t hostPhysical, uint32_t value) = 0;
};

struct Reference {
    Stage stage = Stage::VS;
    int level = 0;
    uint64_t table = 0;      // VS: guest-physical table base; G: host-physical
    uint32_t index = 0;      // entry index in that table
    uint64_t pteAddress = 0; // host-physical address actually read
    uint32_t pte = 0;        // the entry (after any A/D update)
};

struct Walk {
    uint32_t gva = 0;
    std::array<Reference, 12> refs{};
    unsigned count = 0;
    bool faulted = false;
    uint32_t cause = 0; // page fault (12/13/15), guest-page fault (20/21/23) or access fault
    uint32_t tval = 0;  // the faulting guest virtual address
    uint32_t htval = 0; // guest-page faults: the guest-physical address >> 2
    uint64_t gpa = 0;
    uint64_t hpa = 0;
    unsigned references(Stage stage) const;
};

// The G-stage alone (what a VS-stage table read or the final address goes through).
// `original` is the access that caused it: a guest-page fault reports that access type.
bool gStage(uint32_t hgatp, uint64_t gpa, Access original, PhysicalPort& memory, Walk& walk,
            uint64_t& hpa);

// The full two-dimensional walk for a VS- or VU-mode access. vsatp mode Bare skips the
// VS-stage; hgatp mode Bare skips the G-stage. `vsstatus` supplies SUM and MXR.
bool translate(uint32_t vsatp, uint32_t hgatp, uint32_t vsstatus, Privilege priv, uint32_t gva,
               Access access, PhysicalPort& memory, Walk& walk);

// The walk as page-walk events: one PageWalkStep per reference with d = level |
// (stage << 8) (the stage marker: 0 VS, 1 G), then PageWalkDone (d = 1 if faulted).
std::vector<Event> toEvents(const Walk& walk, Access access);

} // namespace vizor::nested
