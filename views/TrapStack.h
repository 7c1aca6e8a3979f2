// The traps in progress, innermost last, rebuilt from the event log up to a timeline
// position: a trap the hart takes (an exception or interrupt, into S or M) opens a
// frame and its sret/mret closes it; under a hypervisor mode a trap the VMM delivers to
// the guest's stvec (a virtual trap) opens a frame of the guest's own that its emulated
// sret closes, and a VM exit closes the hart trap that caused it (the VMM handled it
// and went back to the guest). A return to U-mode closes every frame of its kind: a
// kernel that switched tasks returns on another task's trap. Frames older than the
// log's oldest event are not known.
#pragma once

#include "views/EventLogModel.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace vizor::views {

struct TrapFrame {
    bool isVirtual = false;   // a trap of the guest's own (delivered by the VMM)
    uint32_t cause = 0;       // mcause form: bit 31 set for interrupts
    uint32_t epc = 0;         // where the trapped code resumes
    uint8_t from = 0, to = 0; // privilege before and after (for virtual frames: the guest's)
    uint64_t step = 0;
};

struct TrapStack {
    std::vector<TrapFrame> frames;    // outermost first
    std::optional<EventRow> lastExit; // the most recent VM exit, if any
};

// Event types the rebuild reads.
EventMask trapStackEvents();
// `events` in timeline order, all before the position shown.
TrapStack buildTrapStack(const std::vector<EventRow>& events);

} // namespace vizor::views
