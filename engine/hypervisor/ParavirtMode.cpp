#include "hypervisor/ParavirtMode.h"

#include "cpu/Csr.h"
#include "hypervisor/Sbi.h"
#include "mmu/Sv32.h"

namespace vizor::hv {

using namespace csr;

// The boot table (DirectPaging::realSatp) takes the first page of the VMM's region,
// which in trap mode holds shadow tables; pv has none.
ParavirtMode::ParavirtMode(const VmConfig& config)
    : TrapAndEmulate(config),
      direct_(
          *machine_, p2m_, [this](uint32_t paddr) { return frameBelongsToVm(paddr); },
          board::kRamBase + config.guestRamSize) {}

bool ParavirtMode::load(const Program& program, std::string& error) {
    console_ = VirtioConsole{};
    validatedSatp_ = 0;
    const bool loaded = TrapAndEmulate::load(program, error);
    direct_.reset(); // after the load, which clears all of the machine's RAM
    return loaded;
}

// A satp changed behind the hypercalls (a trapped csrw from a kernel not built for
// pv) is validated as SET_ROOT would; refused, the old root stays.
void ParavirtMode::activatePaging() {
    if (vcpu_.csr.satp != validatedSatp_) {
        uint32_t ignored = 0;
        const uint32_t wanted = vcpu_.csr.satp;
        vcpu_.csr.satp = validatedSatp_;
        setRoot(wanted, ignored);
    }
    const uint32_t satp = direct_.realSatp(vcpu_.csr.satp);
    if (machine_->hart().csr.satp != satp) machine_->writeCsr(kSatp, satp);
}

// The hart walks the guest's own tables in U-mode: the VMM walks them the same way.
GuestMmuContext ParavirtMode::mmuContext(Privilege) const {
    return {vcpu_.csr.satp, Privilege::User, 0, board::kRamBase + config_.guestRamSize};
}

// No shadow, so no hidden fault: every page fault is the guest's, but for one case.
// Device mappings are kept invalid for the hart (DirectPaging::kEmulatedIo), so a
// device access the guest's tables allow faults here and is emulated: the virtio
// window by its back end, the UART on the bus.
void ParavirtMode::handleMemoryFault(const TrapInfo& trap) {
    bool kernelOnly = false;
    const auto io = direct_.emulatedIo(vcpu_.csr.satp, trap.tval, kernelOnly);
    if (io && (vcpu_.priv == Privilege::Supervisor || !kernelOnly)) {
        if (emulateMmio(trap, *io)) return;
        if ((*io & ~0xfffu) == board::kUartBase) {
            exit(ExitReason::MmioAccess, *io);
            if (emulateAccess(trap.pc, *io,
                              [this](uint32_t a, unsigned size, bool store, uint32_t v) {
                                  if (store) machine_->busWrite(a, v, size);
                                  return store ? 0u : machine_->busRead(a, size).value_or(0);
                              }))
                return;
        }
    }
    ++stats_.trueFaults;
    exit(ExitReason::GuestException, trap.cause);
    machine_->emitEvent(EventType::ShadowFault, trap.tval, 1, trap.cause);
    deliver(trap.cause, trap.tval, trap.pc);
}

// RAM of this VM, or the devices it is given (the UART, the virtio-mmio window).
bool ParavirtMode::frameBelongsToVm(uint32_t paddr) const {
    if (paddr >= board::kRamBase && paddr - board::kRamBase < config_.guestRamSize) return true;
    return (paddr & ~0xfffu) == board::kUartBase ||
           paddr - VirtioConsole::kBase < VirtioConsole::kWindow;
}

// Each {pte address, new pte} pair is validated (DirectPaging::update) before it is
// applied; the first refused pair stops the batch with SBI_ERR_DENIED, as in Xen's
// mmu_update. The TLB is flushed once per batch, which is why the PARAVIRT kernel's
// SFENCE macros are empty.
int32_t ParavirtMode::mmuUpdate(uint32_t list, uint32_t count, uint32_t& applied) {
    applied = 0;
    int32_t result = kSbiSuccess;
    for (uint32_t i = 0; i < count && result == kSbiSuccess; ++i) {
        const auto pteAddress = machine_->busRead(list + 8 * i, 4);
        const auto pte = machine_->busRead(list + 8 * i + 4, 4);
        if (!pteAddress || !pte || !frameBelongsToVm(list + 8 * i)) {
            result = kSbiErrInvalidParam;
            break;
        }
        const DirectRefusal refusal = direct_.update(*pteAddress, *pte);
        if (refusal != DirectRefusal::None) {
            ++stats_.pteRefused;
            machine_->emitEvent(EventType::ShadowSync, *pteAddress, 2, *pte,
                                static_cast<uint32_t>(refusal));
            result = kSbiErrDenied;
            break;
        }
        machine_->emitEvent(EventType::ShadowSync, *pteAddress, 1,
                            machine_->busRead(*pteAddress, 4).value_or(0));
        ++stats_.pteUpdates;
        ++applied;
    }
    if (applied) machine_->flushTranslations();
    return result;
}

// SET_ROOT, and a CSR_WRITE of satp, which is the same request: the root is pinned
// (validated as a page table) before the hart may walk it.
int32_t ParavirtMode::setRoot(uint32_t satp, uint32_t& value) {
    const DirectRefusal refusal = direct_.setRoot(satp);
    if (refusal != DirectRefusal::None) {
        value = static_cast<uint32_t>(refusal);
        machine_->emitEvent(EventType::ShadowSync, satp, 2, 0, value);
        return kSbiErrDenied;
    }
    vcpu_.csr.satp = validatedSatp_ = satp;
    machine_->flushTranslations();
    return kSbiSuccess;
}

bool ParavirtMode::hypercall(uint32_t pc) {
    HartState& h = machine_->hart();
    uint32_t& a0 = h.x[10];
    uint32_t& a1 = h.x[11];
    const auto fid = static_cast<Hypercall>(h.x[16]);
    exit(ExitReason::Hypercall, h.x[16]);
    ++stats_.hypercalls;
    ++stats_.emulatedInstructions; // the ecall, carried out by the VMM
    machine_->emitEvent(EventType::SbiCall, kSbiVizor, h.x[16]);
    h.pc = pc + 4;
    int32_t error = kSbiSuccess;
    uint32_t value = 0;
    switch (fid) {
    case Hypercall::CsrRead:
        if (!vcpu_.read(static_cast<uint16_t>(a0), value, {})) error = kSbiErrInvalidParam;
        break;
    case Hypercall::CsrWrite:
        if (a0 == kSatp)
            error = setRoot(a1, value);
        else if (!vcpu_.write(static_cast<uint16_t>(a0), a1))
            error = kSbiErrInvalidParam;
        break;
    case Hypercall::IrqSet:
        value = (vcpu_.csr.sstatus & kSIE) ? 1 : 0;
        vcpu_.csr.sstatus = a0 ? (vcpu_.csr.sstatus | kSIE) : (vcpu_.csr.sstatus & ~kSIE);
        break;
    case Hypercall::MmuUpdate:
        ++stats_.mmuUpdateCalls;
        error = mmuUpdate(a0, a1, value);
        break;
    case Hypercall::SetRoot:
        error = setRoot(a0, value);
        break;
    case Hypercall::TrapReturn: { // sret, then a0, a1, a6, a7 from the guest's save area
        const uint32_t area = a0;
        h.pc = vcpu_.returnFromTrap();
        machine_->emitEvent(EventType::VirtualTrapReturn, h.pc, 0,
                            static_cast<uint32_t>(vcpu_.priv));
        for (const auto& [reg, offset] : {std::pair{10, 0}, {11, 4}, {16, 8}, {17, 12}})
            h.x[reg] = machine_->busRead(area + static_cast<uint32_t>(offset), 4).value_or(0);
        return true;
    }
    case Hypercall::ConsoleKick:
        ++stats_.consoleKicks;
        stats_.consoleBuffers += console_.kick(a0, *machine_);
        break;
    case Hypercall::YieldIdle:
        if (!(vcpu_.csr.sip & vcpu_.csr.sie)) h.waitingForInterrupt = true;
        break;
    default:
        error = kSbiErrNotSupported;
        break;
    }
    a0 = static_cast<uint32_t>(error);
    a1 = value;
    return true;
}

bool ParavirtMode::emulateMmio(const TrapInfo& trap, uint32_t gpa) {
    if (gpa - VirtioConsole::kBase >= VirtioConsole::kWindow) return false;
    exit(ExitReason::MmioAccess, gpa);
    return emulateAccess(trap.pc, gpa, [this](uint32_t a, unsigned, bool store, uint32_t v) {
        if (store) console_.write(a, v, *machine_);
        return store ? 0u : console_.read(a);
    });
}

} // namespace vizor::hv
