// Emulation: the VMM interprets every guest instruction on a software vCPU (its own
// registers, the VirtualCpu's CSRs and a software MMU that walks the guest's tables on
// every access). The Machine only provides RAM and devices, and its cycle counter as
// the time base. Nothing runs directly, so everything is slower, and nothing can escape.
#pragma once

#include "hypervisor/GuestPageWalk.h"
#include "hypervisor/Hypervisor.h"

namespace vizor::hv {

class EmulateMode final : public Hypervisor {
public:
    explicit EmulateMode(const VmConfig& config);
    std::string_view mode() const override { return "emulate"; }
    bool load(const Program& program, std::string& error) override;
    RunResult run(uint64_t maxSteps) override;
    GuestState guestState() const override;
    VmStats stats() const override;
    uint32_t guestPc() const override { return pc_; }
    VmmStatePtr saveState() const override;
    void restoreState(const VmmStatePtr& state) override;
    struct State; // what it saves (VmmState.cpp)

private:
    bool stepOnce(); // one instruction or trap; false when the guest halted
    bool idle();     // wfi: jump to the timer, false on deadlock
    void checkTimer();
    void execute(const isa::DecodedInstruction& d);
    void executeSystem(const isa::DecodedInstruction& d);
    void executeAmo(const isa::DecodedInstruction& d);
    bool translate(uint32_t vaddr, Access access, uint32_t& paddr);
    bool load(uint32_t vaddr, unsigned size, uint32_t& value);
    bool store(uint32_t vaddr, unsigned size, uint32_t value);
    void raise(uint32_t cause, uint32_t tval);
    void retire(uint32_t nextPc);
    uint64_t time() const;

    uint32_t x_[32] = {};
    uint32_t pc_ = 0;
    VirtualCpu vcpu_;
    uint64_t deadline_ = UINT64_MAX; // set_timer, in mtime units
    bool waiting_ = false;
    bool trapped_ = false; // the current instruction raised a trap
    bool reservation_ = false;
    uint32_t reservationAddress_ = 0, reservationValue_ = 0;
    HaltReason halt_ = HaltReason::None;
    VmStats stats_;
};

} // namespace vizor::hv
