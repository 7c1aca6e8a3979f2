#include "hypervisor/HostedVm.h"

#include "board/Platform.h"
#include "cpu/Csr.h"

namespace vizor::hv {

namespace {
using namespace csr;
constexpr uint32_t kPageShift = 12;

bool isPageFault(uint32_t cause) {
    return cause == kInstructionPageFault || cause == kLoadPageFault || cause == kStorePageFault;
}

Access accessOf(uint32_t cause) {
    if (cause == kInstructionPageFault) return Access::Fetch;
    return cause == kLoadPageFault ? Access::Load : Access::Store;
}
} // namespace

HostedVm::HostedVm(const VmConfig& config, memory::HostMemory& host)
    : TrapAndEmulate(config),
      p2m_(host, board::kRamBase >> kPageShift, config.guestRamSize >> kPageShift) {
    p2m_.setListener([this](uint32_t gfn, memory::P2mChange change) { frameChanged(gfn, change); });
    balloon_.setHandlers([this](uint32_t pfn) { return p2m_.inflate(pfn); },
                         [this](uint32_t pfn) { return p2m_.deflate(pfn); });
}

void HostedVm::frameChanged(uint32_t gfn, memory::P2mChange change) {
    using memory::P2mChange;
    if (change == P2mChange::SwappedOut || change == P2mChange::Ballooned) stale_ = true;
    (void)gfn;
}

void HostedVm::setBalloonTarget(uint32_t pages) {
    balloon_.setTarget(pages);
    machine_->emitEvent(EventType::BalloonChange, balloon_.actual(), pages, p2m_.vm());
}

// The shadow has no reverse map from guest frames to its leaves, so a frame going away
// drops the whole shadow (the next accesses refill it through hidden faults) and the
// hart's cached translations; the real root is then set up again for the guest's space.
void HostedVm::dropStaleMappings() {
    if (!stale_) return;
    stale_ = false;
    shadow_.flushAll();
    machine_->writeCsr(kSatp, shadow_.rootFor(vcpu_.csr.satp, vcpu_.translationRole()));
    machine_->flushTranslations();
}

void HostedVm::resume() {
    dropStaleMappings();
}

// A hidden fault is where a guest frame is first used through the shadow: the host
// backs it here (allocating, or swapping it in), before the shadow leaf is built.
void HostedVm::backFaultingFrame(const TrapInfo& trap) {
    const GuestWalk w =
        walkGuest(*machine_, mmuContext(vcpu_.priv), trap.tval, accessOf(trap.cause), false);
    if (!w.ok) return; // a true fault: the guest's own business
    const uint32_t gfn = w.gpa >> kPageShift;
    if (p2m_.covers(gfn)) p2m_.touch(gfn);
}

bool HostedVm::handleTrap(Machine& machine, const TrapInfo& trap) {
    if (trap.priv == Privilege::User && !trap.interrupt() && isPageFault(trap.cause))
        backFaultingFrame(trap);
    dropStaleMappings(); // the touch may have taken a frame from this very VM
    const bool handled = TrapAndEmulate::handleTrap(machine, trap);
    dropStaleMappings(); // the balloon may have taken frames during the trap
    return handled;
}

bool HostedVm::emulateMmio(const TrapInfo& trap, uint32_t gpa) {
    if (gpa - board::kVirtioBase >= board::kVirtioSlots * board::kVirtioSlotSize) return false;
    const bool balloonSlot = hasBalloon_ && (gpa & ~0xfffu) == VirtioBalloon::kBase;
    exit(ExitReason::MmioAccess, gpa);
    return emulateAccess(trap.pc, gpa, [&](uint32_t a, unsigned, bool store, uint32_t v) {
        if (!balloonSlot) return store ? 0u : board::emptyVirtioRead(a & 0xfff);
        if (!store) return balloon_.read(a);
        const uint32_t before = balloon_.actual();
        balloon_.write(a, v, *machine_);
        if (balloon_.actual() != before)
            machine_->emitEvent(EventType::BalloonChange, balloon_.actual(), balloon_.target(),
                                p2m_.vm());
        return 0u;
    });
}

} // namespace vizor::hv
