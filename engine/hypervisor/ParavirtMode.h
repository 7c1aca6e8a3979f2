// Paravirtualization (Xen, SOSP 2003): the guest kernel is built with PARAVIRT and asks
// the VMM for every privileged operation with a hypercall (the "VIZ" SBI extension of
// README.md) instead of trapping: CSR access, interrupt enable, page-table updates in
// validated batches, address-space switch, trap return, idle. Its console is a virtio
// split driver whose back end (VirtioConsole) lives here. It runs deprivileged as in
// trap mode, but on its own page tables (DirectPaging), not on shadow tables; anything
// still privileged traps as in trap mode.
#pragma once

#include "hypervisor/DirectPaging.h"
#include "hypervisor/TrapAndEmulate.h"
#include "hypervisor/VirtioConsole.h"

namespace vizor::hv {

// Hypercall function IDs (a6) of the contract.
enum class Hypercall : uint32_t {
    CsrRead = 0,
    CsrWrite = 1,
    IrqSet = 2,
    MmuUpdate = 3,
    SetRoot = 4,
    TrapReturn = 5,
    ConsoleKick = 6,
    YieldIdle = 7,
};
constexpr int32_t kSbiErrInvalidParam = -3;
constexpr int32_t kSbiErrDenied = -4;

class ParavirtMode final : public TrapAndEmulate {
public:
    explicit ParavirtMode(const VmConfig& config);
    std::string_view mode() const override { return "pv"; }
    bool load(const Program& program, std::string& error) override;
    const VirtioConsole& console() const { return console_; }
    const DirectPaging& direct() const { return direct_; }
    VmmStatePtr saveState() const override;
    void restoreState(const VmmStatePtr& state) override;
    struct State; // what it saves (VmmState.cpp)

private:
    bool hypercall(uint32_t pc) override;
    bool emulateMmio(const TrapInfo& trap, uint32_t gpa) override;
    int32_t mmuUpdate(uint32_t list, uint32_t count, uint32_t& applied);
    bool frameBelongsToVm(uint32_t paddr) const;
    int32_t setRoot(uint32_t satp, uint32_t& value);
    // Direct paging instead of the shadow tables underneath.
    void activatePaging() override;
    void handleMemoryFault(const TrapInfo& trap) override;
    GuestMmuContext mmuContext(Privilege priv) const override;

    VirtioConsole console_;
    DirectPaging direct_;
    uint32_t validatedSatp_ = 0; // the guest satp whose root direct_ pinned last
};

} // namespace vizor::hv
