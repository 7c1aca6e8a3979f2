#include "hypervisor/ParavirtMode.h"

#include "cpu/Csr.h"
#include "hypervisor/Sbi.h"
#include "mmu/Sv32.h"

namespace vizor::hv {

using namespace csr;

bool ParavirtMode::load(const Program& program, std::string& error) {
    console_ = VirtioConsole{};
    return TrapAndEmulate::load(program, error);
}

// RAM of this VM, or the devices it is given (the UART, the virtio-mmio window).
bool ParavirtMode::frameBelongsToVm(uint32_t paddr) const {
    if (paddr >= board::kRamBase && paddr - board::kRamBase < config_.guestRamSize) return true;
    return (paddr & ~0xfffu) == board::kUartBase ||
           paddr - VirtioConsole::kBase < VirtioConsole::kWindow;
}

// Each {pte address, new pte} pair is validated before it is applied: the PTE must be a
// word of this VM's RAM and a valid entry may only point at this VM's frames (a leaf)
// or tables. The first refused pair stops the batch with SBI_ERR_DENIED, as in Xen's
// mmu_update. Applying one zaps the shadow entries built from it.
int32_t ParavirtMode::mmuUpdate(uint32_t list, uint32_t count, uint32_t& applied) {
    applied = 0;
    for (uint32_t i = 0; i < count; ++i) {
        const auto pteAddress = machine_->busRead(list + 8 * i, 4);
        const auto pte = machine_->busRead(list + 8 * i + 4, 4);
        if (!pteAddress || !pte || !frameBelongsToVm(list + 8 * i)) return kSbiErrInvalidParam;
        const bool inRam =
            *pteAddress >= board::kRamBase && *pteAddress - board::kRamBase < config_.guestRamSize;
        const auto target = static_cast<uint32_t>(sv32::ptePpn(*pte) << 12);
        if (!inRam || (*pteAddress & 3) || ((*pte & sv32::kPteV) && !frameBelongsToVm(target))) {
            ++stats_.pteRefused;
            machine_->emitEvent(EventType::ShadowSync, *pteAddress, 2, *pte);
            return kSbiErrDenied;
        }
        machine_->busWrite(*pteAddress, *pte, 4);
        shadow_.zapDerived(*pteAddress);
        machine_->emitEvent(EventType::ShadowSync, *pteAddress, 1, *pte);
        ++stats_.pteUpdates;
        ++applied;
    }
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
        if (!vcpu_.write(static_cast<uint16_t>(a0), a1)) error = kSbiErrInvalidParam;
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
        vcpu_.csr.satp = a0;
        machine_->flushTranslations();
        break;
    case Hypercall::TrapReturn: { // sret, then a0, a1, a6, a7 from the guest's save area
        const uint32_t area = a0;
        h.pc = vcpu_.returnFromTrap();
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
