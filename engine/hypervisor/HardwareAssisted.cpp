#include "hypervisor/HardwareAssisted.h"

#include "cpu/Csr.h"
#include "cpu/HypervisorCsr.h"
#include "hypervisor/Sbi.h"
#include "mmu/Sv32.h"
#include "mmu/TwoStage.h"

#include <algorithm>

namespace vizor::hv {

using namespace csr;

namespace {

constexpr uint32_t kClintMtimecmp = 0x02004000u;
constexpr uint32_t kWfi = 0x10500073u;
// The guest's own exceptions, delivered to VS without an exit (as the native firmware
// delegates them to S): 0-8 and the page faults 12, 13, 15. Ecall from VS stays out.
constexpr uint32_t kHedeleg = 0xB1FFu;
constexpr uint32_t kHideleg = hcsr::kVsInterrupts;
constexpr uint32_t kHstatus = hcsr::kVTW; // idle wfi exits, so the VMM sees the idle time

// The machine's RAM as the two-dimensional walker reads it. Writes are dropped: the
// walker replays a hardware walk that has already set the A/D bits.
class MachinePort final : public nested::PhysicalPort {
public:
    explicit MachinePort(Machine& machine) : machine_(machine) {}
    std::optional<uint32_t> read32(uint64_t hpa) override {
        if (hpa >> 32) return std::nullopt;
        return machine_.busRead(static_cast<uint32_t>(hpa), 4);
    }
    void write32(uint64_t, uint32_t) override {}

private:
    Machine& machine_;
};

} // namespace

HardwareAssisted::HardwareAssisted(const VmConfig& config)
    : Hypervisor(config, config.guestRamSize + config.vmmRamSize) {}

HardwareAssisted::~HardwareAssisted() {
    machine_->setTrapHandler(nullptr);
    machine_->events().unsubscribe(this);
}

// The G-stage: an Sv32x4 root (16 KiB) and 4 KiB leaves mapping guest RAM and the UART
// page onto the same host addresses, built in VMM memory above guest RAM where the
// guest's own tables cannot reach it.
void HardwareAssisted::buildGStage() {
    const uint32_t root = board::kRamBase + config_.guestRamSize; // 16 KiB aligned
    uint32_t nextTable = root + 0x4000;
    std::map<uint32_t, uint32_t> level0; // root index -> table
    auto map = [&](uint32_t gpa) {
        const uint32_t index = gpa >> 22;
        if (!level0.count(index)) {
            level0[index] = nextTable;
            machine_->busWrite(root + 4 * index, (nextTable >> 12) << 10 | sv32::kPteV, 4);
            nextTable += sv32::kPageSize;
        }
        const uint32_t pte = (gpa >> 12) << 10 | sv32::kPteV | sv32::kPteR | sv32::kPteW |
                             sv32::kPteX | sv32::kPteU | sv32::kPteA | sv32::kPteD;
        machine_->busWrite(level0[index] + 4 * ((gpa >> 12) & 0x3ff), pte, 4);
    };
    for (uint32_t gpa = board::kRamBase; gpa - board::kRamBase < config_.guestRamSize;
         gpa += sv32::kPageSize)
        map(gpa);
    map(board::kUartBase);
    hgatp_ = hcsr::kHgatpModeSv32x4 | root >> 12;
}

bool HardwareAssisted::load(const Program& program, std::string& error) {
    const auto entry = program.symbol("kernel_entry");
    if (!entry) {
        error = "hw mode needs the global symbol kernel_entry (see the guest/VMM contract)";
        return false;
    }
    machine_->load(program);
    stats_ = VmStats{};
    exitsByCause_.clear();
    nestedWalks_ = nestedReferences_ = 0;
    buildGStage();
    hstatus_ = kHstatus;
    // VM entry: V=1 at VS (the hart's S) at kernel_entry, a0 = hart id, with the exit
    // controls in place; the host timer is the VMM's, lent through set_timer.
    HartState& h = machine_->hart();
    machine_->writeCsr(kMedeleg, kHedeleg);
    machine_->writeCsr(kMideleg, kSupervisorInterrupts);
    machine_->writeCsr(kMcounteren, 7);
    machine_->writeCsr(kMie, kMTIP);
    machine_->writeCsr(kMstatus, (hstatus_ & hcsr::kVTW) ? kTW : 0);
    setTimer(UINT64_MAX);
    h.priv = Privilege::Supervisor;
    h.pc = *entry;
    h.x[10] = 0;
    machine_->setTrapHandler(this);
    machine_->events().subscribe(this, maskOf(EventType::PageWalkDone));
    return true;
}

RunResult HardwareAssisted::run(uint64_t maxSteps) {
    return machine_->run(maxSteps);
}

void HardwareAssisted::setTimer(uint64_t deadline) {
    machine_->busWrite(kClintMtimecmp + 4, 0xffffffffu, 4);
    machine_->busWrite(kClintMtimecmp, static_cast<uint32_t>(deadline), 4);
    machine_->busWrite(kClintMtimecmp + 4, static_cast<uint32_t>(deadline >> 32), 4);
}

void HardwareAssisted::vmExit(ExitReason reason, uint32_t hcause, uint32_t detail) {
    ++stats_.exits[static_cast<std::size_t>(reason)];
    ++exitsByCause_[hcause];
    stats_.worldSwitches += 2; // VM exit and VM entry
    machine_->emitEvent(EventType::WorldSwitch, 0);
    machine_->emitEvent(EventType::VmExit, static_cast<uint32_t>(reason), hcause, detail);
}

// Only traps that would reach HS are exits; the guest's delegated ones return false and
// the hart delivers them to the guest's stvec (vstvec) itself.
bool HardwareAssisted::handleTrap(Machine& machine, const TrapInfo& trap) {
    if (trap.priv == Privilege::Machine) return false;
    HartState& h = machine.hart();
    if (trap.interrupt()) {
        if ((trap.cause & ~kInterruptBit) != kIrqMTimer) return false;
        vmExit(ExitReason::TimerInterrupt, trap.cause, 0);
        h.csr.mip |= kSTIP; // hvip.VSTIP: the guest's virtual timer interrupt
        setTimer(UINT64_MAX);
    } else if (trap.cause == kEcallFromS && trap.priv == Privilege::Supervisor) {
        vmExit(ExitReason::SbiCall, hcsr::kEcallFromVS, h.x[17]);
        ++stats_.sbiCalls;
        ++stats_.emulatedInstructions;
        const bool setTimerCall = h.x[17] == kSbiTime && h.x[16] == 0;
        VirtualCpu unused;
        serveSbi(h.x, unused, machine, [this](uint64_t d) { setTimer(d); });
        if (setTimerCall) h.csr.mip &= ~kSTIP; // set_timer clears the pending VSTIP
        h.pc = trap.pc + 4;
    } else if (trap.cause == kIllegalInstruction && trap.priv == Privilege::Supervisor &&
               trap.tval == kWfi) {
        // hstatus.VTW: wfi in VS is a virtual instruction; the VMM idles the vCPU.
        vmExit(ExitReason::PrivilegedInstruction, hcsr::kVirtualInstruction, trap.tval);
        ++stats_.emulatedInstructions;
        h.pc = trap.pc + 4;
        if (!(h.csr.mip & h.csr.mie)) h.waitingForInterrupt = true;
    } else {
        return false;
    }
    machine.emitEvent(EventType::WorldSwitch, 1);
    return true;
}

// Each hardware walk is what a TLB miss costs under nested paging: replay it through
// the two-dimensional walker (vsatp over hgatp) and count its references.
void HardwareAssisted::onEvent(const Event& event) {
    MachinePort port(*machine_);
    const HartState& h = machine_->hart();
    nested::Walk walk;
    const auto access = static_cast<nested::Access>(std::min<uint32_t>(event.c, 2));
    nested::translate(h.csr.satp, hgatp_, h.csr.mstatus, h.priv, event.a, access, port, walk);
    ++nestedWalks_;
    nestedReferences_ += walk.count;
}

HwExitControls HardwareAssisted::controls() const {
    const CsrFile& c = machine_->hart().csr;
    return {hstatus_, kHedeleg, kHideleg, (c.mip & kSTIP) ? hcsr::kVSTIP : 0u, hgatp_, c.satp};
}

GuestState HardwareAssisted::guestState() const {
    GuestState s;
    const HartState& h = machine_->hart();
    std::copy(std::begin(h.x), std::end(h.x), s.x);
    s.pc = h.pc;
    s.priv = h.priv;
    const CsrFile& c = h.csr;
    // The VS CSRs: what the guest reads as its sstatus, sie, sip...
    s.csrs = {c.mstatus & kSstatusMask,
              c.mie & c.mideleg,
              c.mip & c.mideleg,
              c.stvec,
              c.sscratch,
              c.sepc,
              c.scause,
              c.stval,
              c.satp,
              c.scounteren};
    return s;
}

VmStats HardwareAssisted::stats() const {
    VmStats s = stats_;
    const EventStream& e = machine_->events();
    s.directInstructions = machine_->hart().instret;
    // Traps the guest took itself, delivered by the hart to vstvec without the VMM.
    s.hardwareTraps =
        e.count(EventType::Exception) + e.count(EventType::Interrupt) -
        std::min(s.totalExits(), e.count(EventType::Exception) + e.count(EventType::Interrupt));
    s.walkReferences = nestedReferences_;
    return s;
}

} // namespace vizor::hv
