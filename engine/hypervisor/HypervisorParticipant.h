// A Hypervisor as the Debugger's SnapshotParticipant: time travel under a hypervisor
// mode saves and restores the VMM's state with each Machine snapshot, and runs go
// through the mode.
#pragma once

#include "debug/SnapshotParticipant.h"
#include "hypervisor/Hypervisor.h"

namespace vizor::hv {

class HypervisorParticipant final : public SnapshotParticipant {
public:
    explicit HypervisorParticipant(Hypervisor& hypervisor) : hv_(hypervisor) {}
    State saveState() const override { return hv_.saveState(); }
    void restoreState(const State& state) override {
        hv_.restoreState(std::static_pointer_cast<const VmmState>(state));
    }
    RunResult run(uint64_t limit, const std::unordered_set<uint32_t>* stops) override {
        return hv_.runUntil(limit, stops);
    }
    uint32_t pc() const override { return hv_.guestPc(); }

private:
    Hypervisor& hv_;
};

} // namespace vizor::hv
