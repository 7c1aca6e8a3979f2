// One VM of several on a host whose memory they share: trap-and-emulate with shadow
// paging (TrapAndEmulate), plus what a shared host needs of it. Its guest RAM is
// backed by host frames through its P2m, one frame per guest frame on first touch;
// the virtio-mmio window answers as the board's empty slots do, with a virtio balloon
// (VirtioBalloon) in slot 1 when the host gives the VM one. See README.md, "Several
// VMs on one host".
#pragma once

#include "hypervisor/TrapAndEmulate.h"
#include "hypervisor/VirtioBalloon.h"
#include "hypervisor/memory/P2m.h"

namespace vizor::hv {

class HostedVm : public TrapAndEmulate {
public:
    HostedVm(const VmConfig& config, memory::HostMemory& host);
    std::string_view mode() const override { return "trap"; }

    memory::P2m& p2m() { return p2m_; }
    const memory::P2m& p2m() const { return p2m_; }
    // Plugs a virtio balloon into the VM: before load(), so the guest's driver finds it.
    void addBalloon() { hasBalloon_ = true; }
    bool hasBalloon() const { return hasBalloon_; }
    VirtioBalloon& balloon() { return balloon_; }
    const VirtioBalloon& balloon() const { return balloon_; }
    // The host sets the balloon's target (num_pages); the guest follows at its next tick.
    void setBalloonTarget(uint32_t pages);

    // Before each of its time slices: frames the host took back while this VM was not
    // running are dropped from its shadow and TLB here.
    void resume();

protected:
    bool handleTrap(Machine& machine, const TrapInfo& trap) override;
    bool emulateMmio(const TrapInfo& trap, uint32_t gpa) override;

private:
    void backFaultingFrame(const TrapInfo& trap);
    void dropStaleMappings();
    void frameChanged(uint32_t gfn, memory::P2mChange change);

    memory::P2m p2m_;
    VirtioBalloon balloon_;
    bool hasBalloon_ = false;
    bool stale_ = false; // some frame this VM's shadow may map has gone
};

} // namespace vizor::hv
