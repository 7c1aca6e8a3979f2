// Hardware-assisted virtualization (`hw`) on the hart's own RISC-V H extension (the
// subset engine/cpu/HypervisorCsr.cpp documents). The guest kernel runs in VS-mode
// (V=1): its CSR accesses reach the VS CSRs, its sret, page-table writes and its own
// traps (delegated by hedeleg/hideleg, taken at vstvec) need no VMM. Only the
// configured events leave the guest — VM exits with a reason, each one hardware round
// trip (cost vm_exit_round_trip): an SBI ecall from VS (cause 10), a virtual
// instruction (cause 22: wfi under hstatus.VTW), a guest-page fault (20/21/23) and the
// host timer. Memory is nested: every guest TLB miss walks the guest's Sv32 tables
// (vsatp) over the VMM's Sv32x4 G-stage (hgatp), in the machine's MMU; no shadow
// tables. See README.md, "hw".
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
    uint32_t hcounteren = 0;
};

// Choices a hw VM makes on its hart (the exit controls are fixed by the VMM's design).
struct HwOptions {
    bool tlbTagged = true; // TLB entries carry ASID and VMID (MachineConfig::tlbTagged)
    unsigned tlbEntries = 32;
};

class HardwareAssisted final : public Hypervisor, private TrapHandler, private EventObserver {
public:
    explicit HardwareAssisted(const VmConfig& config, const HwOptions& options = {});
    ~HardwareAssisted() override;
    std::string_view mode() const override { return "hw"; }
    bool load(const Program& program, std::string& error) override;
    RunResult run(uint64_t maxSteps) override;
    GuestState guestState() const override;
    VmStats stats() const override;
    RunResult runUntil(uint64_t maxSteps, const std::unordered_set<uint32_t>* stops) override;
    VmmStatePtr saveState() const override;
    void restoreState(const VmmStatePtr& state) override;
    struct State; // what it saves (VmmState.cpp)

    HwExitControls controls() const;
    // VM exits by H-extension cause (10 ecall from VS, 22 virtual instruction, 20/21/23
    // guest-page faults) and by interrupt (bit 31 | 7 for the host timer).
    const std::map<uint32_t, uint64_t>& exitsByCause() const { return exitsByCause_; }
    // The hardware's two-dimensional walks (one per guest TLB miss) and their page-table
    // references, as the machine's MMU made them.
    uint64_t nestedWalks() const { return nestedWalks_; }
    uint64_t nestedReferences() const { return nestedReferences_; }

private:
    bool handleTrap(Machine& machine, const TrapInfo& trap) override;
    void onEvent(const Event& event) override;
    void buildGStage();
    void vmExit(ExitReason reason, uint32_t hcause, uint32_t detail);
    void setTimer(uint64_t deadline);
    void stopOnGuestPageFault(const TrapInfo& trap);

    uint32_t hgatp_ = 0;
    uint32_t hstatus_ = 0;
    VmStats stats_;
    std::map<uint32_t, uint64_t> exitsByCause_;
    uint64_t nestedWalks_ = 0;
    uint64_t nestedReferences_ = 0;
};

} // namespace vizor::hv
