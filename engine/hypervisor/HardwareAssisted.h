// Hardware-assisted virtualization (`hw`): the subset of the RISC-V H extension that
// engine/mmu/TwoStage.h and engine/cpu/HypervisorCsr.h define. The guest kernel runs
// directly in VS-mode: its CSR accesses, sret, page-table writes and its own traps
// (delegated by hedeleg/hideleg) need no VMM. Only the configured events leave the
// guest — VM exits with a reason: an SBI ecall from VS (cause 10), a virtual
// instruction (cause 22: wfi under hstatus.VTW), a guest-page fault (20/21/23) and the
// host timer. Memory is nested: the guest's Sv32 tables (vsatp) over the VMM's Sv32x4
// G-stage (hgatp); no shadow tables.
//
// How the hart plays VS: the machine core has no V bit yet, so VS is its S-mode with
// the exit controls mapped onto the M-level ones the core has (hedeleg -> medeleg,
// hideleg -> mideleg, hstatus.VTW -> mstatus.TW) and the G-stage identity over guest
// RAM, so one-stage hardware translation lands where the two-stage one would. Every
// hardware walk is replayed through the real two-dimensional walker to count the
// references nested paging makes. See README.md, "hw".
#pragma once

#include "events/EventStream.h"
#include "hypervisor/Hypervisor.h"

#include <map>

namespace vizor::hv {

// The exit controls, as the views and the CLI show them.
struct HwExitControls {
    uint32_t hstatus = 0;
    uint32_t hedeleg = 0;
    uint32_t hideleg = 0;
    uint32_t hvip = 0;
    uint32_t hgatp = 0;
    uint32_t vsatp = 0;
};

class HardwareAssisted final : public Hypervisor, private TrapHandler, private EventObserver {
public:
    explicit HardwareAssisted(const VmConfig& config);
    ~HardwareAssisted() override;
    std::string_view mode() const override { return "hw"; }
    bool load(const Program& program, std::string& error) override;
    RunResult run(uint64_t maxSteps) override;
    GuestState guestState() const override;
    VmStats stats() const override;

    HwExitControls controls() const;
    // VM exits by H-extension cause (10 ecall from VS, 22 virtual instruction, 20/21/23
    // guest-page faults) and by interrupt (bit 31 | 7 for the host timer).
    const std::map<uint32_t, uint64_t>& exitsByCause() const { return exitsByCause_; }
    uint64_t nestedWalks() const { return nestedWalks_; }
    uint64_t nestedReferences() const { return nestedReferences_; }

private:
    bool handleTrap(Machine& machine, const TrapInfo& trap) override;
    void onEvent(const Event& event) override;
    void buildGStage();
    void vmExit(ExitReason reason, uint32_t hcause, uint32_t detail);
    void setTimer(uint64_t deadline);

    uint32_t hgatp_ = 0;
    uint32_t hstatus_ = 0;
    VmStats stats_;
    std::map<uint32_t, uint64_t> exitsByCause_;
    uint64_t nestedWalks_ = 0;
    uint64_t nestedReferences_ = 0;
};

} // namespace vizor::hv
