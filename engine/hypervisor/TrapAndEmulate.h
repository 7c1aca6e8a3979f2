// Trap-and-emulate (Popek & Goldberg 1974): the guest kernel runs deprivileged on the
// real hart in U-mode; each privileged instruction traps (illegal instruction) to the
// VMM, a C++ TrapHandler below the guest, which emulates it on the VirtualCpu. Memory
// goes through ShadowPageTable; the host timer becomes the guest's virtual timer.
#pragma once

#include "hypervisor/Hypervisor.h"
#include "hypervisor/PhysToMachine.h"
#include "hypervisor/ShadowPageTable.h"

#include <functional>

namespace vizor::hv {

class TrapAndEmulate : public Hypervisor, private TrapHandler {
public:
    explicit TrapAndEmulate(const VmConfig& config);
    std::string_view mode() const override { return "trap"; }
    bool load(const Program& program, std::string& error) override;
    RunResult run(uint64_t maxSteps) override;
    GuestState guestState() const override;
    VmStats stats() const override;
    // For audits and views: the shadow tables, the p2m under them, the guest's MMU view.
    const ShadowPageTable& shadow() const { return shadow_; }
    const PhysToMachine& p2m() const { return p2m_; }
    GuestMmuContext guestMmu() const { return mmuContext(vcpu_.priv); }
    RunResult runUntil(uint64_t maxSteps, const std::unordered_set<uint32_t>* stops) override;
    VmmStatePtr saveState() const override;
    void restoreState(const VmmStatePtr& state) override;

protected:
    // What every mode built on this one saves (VmmState.cpp); they extend it.
    struct TrapState : VmmState {
        explicit TrapState(const TrapAndEmulate& vmm);
        VirtualCpu vcpu;
        ShadowPageTable shadow; // its bookkeeping; the tables are in machine RAM
        VmStats stats;
    };
    void restoreTrapState(const TrapState& state);

    // Hooks for modes built on this one (pv): an ecall from virtual S that is not a
    // firmware call, and an access to a guest-physical page that is neither RAM nor the
    // UART. Both return false when the mode has nothing there.
    virtual bool hypercall(uint32_t /*pc*/) { return false; }
    virtual bool emulateMmio(const TrapInfo& /*trap*/, uint32_t /*gpa*/) { return false; }
    // How the hart's satp follows the guest's (here: shadow roots; pv: the guest's own
    // tables), and a page or access fault (here: hidden or true; pv: the guest's own).
    virtual void activatePaging() { activateShadow(); }
    virtual void handleMemoryFault(const TrapInfo& trap);
    // A trap or interrupt for the guest's own handler (its stvec).
    void deliver(uint32_t cause, uint32_t tval, uint32_t pc);
    // Loads or stores for the instruction at `pc` through `access` (device registers).
    bool emulateAccess(uint32_t pc, uint32_t gpa,
                       const std::function<uint32_t(uint32_t, unsigned, bool, uint32_t)>& access);
    void exit(ExitReason reason, uint32_t detail);
    void setTimer(uint64_t deadline);
    // The trap path, also entered without a trap by bt/patch callouts (see callout()).
    bool handleTrap(Machine& machine, const TrapInfo& trap) override;
    // Emulates the sensitive instruction at trap.pc as the trap path would, but
    // called from translated or patched code: counted as a callout, no world switch.
    void callout(const TrapInfo& trap);
    // The context of the VMM's walks of the guest's tables (pv: the hart's own, in U).
    virtual GuestMmuContext mmuContext(Privilege priv) const;

    VirtualCpu vcpu_;
    ShadowPageTable shadow_;
    PhysToMachine p2m_; // guest-physical -> host-physical for the shadow's leaves
    VmStats stats_;

private:
    void handleException(const TrapInfo& trap);
    void handleIllegal(const TrapInfo& trap);
    void handlePageFault(const TrapInfo& trap);
    bool emulatePageTableWrite(uint32_t pc, uint32_t gpa);
    void injectPendingInterrupt();
    void activateShadow();
    void mirrorStatus();
    GuestCounters counters() const;
    bool inCallout_ = false;
};

} // namespace vizor::hv
