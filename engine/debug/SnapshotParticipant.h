// What the Debugger needs from whoever runs the guest on its Machine when that is not
// the bare Machine: a hypervisor keeps state of its own (virtual CSRs, shadow
// bookkeeping, a translation cache...) that a snapshot must carry, and may advance the
// guest its own way (emulate interprets, bt runs translated blocks). The Debugger
// depends on this interface only, not on the hypervisor.
#pragma once

#include "machine/Machine.h"

#include <cstdint>
#include <memory>
#include <unordered_set>

namespace vizor {

class SnapshotParticipant {
public:
    using State = std::shared_ptr<const void>;
    virtual ~SnapshotParticipant() = default;

    // Its state now, to be stored beside the Machine's snapshot of the same step.
    virtual State saveState() const = 0;
    // Back to a state it returned earlier (the Machine is restored just before).
    virtual void restoreState(const State& state) = 0;
    // As Machine::run: at most `limit` steps, stopping before an instruction whose pc
    // is in `stops` (not the first one).
    virtual RunResult run(uint64_t limit, const std::unordered_set<uint32_t>* stops) = 0;
    // The pc breakpoints are compared with (the guest's).
    virtual uint32_t pc() const = 0;
};

} // namespace vizor
