#include "hypervisor/HardwareAssisted.h"

#include "cpu/Csr.h"
#include "cpu/HypervisorCsr.h"
#include "hypervisor/Sbi.h"
#include "mmu/Sv32.h"

#include <algorithm>

namespace vizor::hv {

using namespace csr;

namespace {

constexpr uint32_t kClintMtimecmp = 0x02004000u;
constexpr uint32_t kWfi = 0x10500073u;
// The guest's own exceptions, delivered to VS by the hart (as the native firmware
// delegates them to S): 0-8 and the page faults 12, 13, 15. Ecall from VS stays out.
constexpr uint32_t kHedeleg = 0xB1FFu;
constexpr uint32_t kHideleg = hcsr::kVsInterrupts;
// What M hands on to HS: the guest's exceptions (for hedeleg to pass on) and the
// hypervisor's own: ecall from VS, the guest-page faults and virtual instruction.
constexpr uint32_t kMedelegToHs =
    kHedeleg | 1u << hcsr::kEcallFromVS | 1u << hcsr::kInstructionGuestPageFault |
    1u << hcsr::kLoadGuestPageFault | 1u << hcsr::kVirtualInstruction |
    1u << hcsr::kStoreGuestPageFault;
constexpr uint32_t kHstatus = hcsr::kVTW; // idle wfi exits, so the VMM sees the idle time
constexpr uint32_t kVmid = 1;

MachineConfig hartConfig(const MachineConfig& base, const HwOptions& options) {
    MachineConfig mc = base;
    mc.hypervisorExtension = true;
    mc.tlbTagged = options.tlbTagged;
    mc.tlbEntries = options.tlbEntries;
    return mc;
}

} // namespace

HardwareAssisted::HardwareAssisted(const VmConfig& config, const HwOptions& options)
    : Hypervisor(config, config.guestRamSize + config.vmmRamSize) {
    // The same machine, on a hart that has the H extension.
    machine_ = std::make_unique<Machine>(hartConfig(machine_->config(), options));
}

HardwareAssisted::~HardwareAssisted() {
    machine_->setTrapHandler(nullptr);
    machine_->events().unsubscribe(this);
}

// The G-stage: an Sv32x4 root (16 KiB) and 4 KiB leaves mapping guest RAM and the UART
// page onto the same host addresses, built in VMM memory above guest RAM where the
// guest's own tables cannot reach it. Guest-physical equals host-physical here only
// because this VM owns the bottom of host RAM; the walk is made all the same.
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
    hgatp_ = hcsr::kHgatpModeSv32x4 | kVmid << 22 | root >> 12;
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
    // The VMM's HS-level set-up, then VM entry: V=1 in VS at kernel_entry, a0 = hart
    // id. The host timer is the VMM's, lent to the guest through SBI set_timer.
    Machine& m = *machine_;
    m.writeCsr(kMedeleg, kMedelegToHs);
    m.writeCsr(hcsr::kHedeleg, kHedeleg);
    m.writeCsr(hcsr::kHideleg, kHideleg);
    m.writeCsr(hcsr::kHstatus, hstatus_);
    m.writeCsr(hcsr::kHgatp, hgatp_);
    m.writeCsr(kMcounteren, 7);
    m.writeCsr(0x606, 7); // hcounteren: cycle, time, instret readable in VS
    m.writeCsr(kMie, kMTIP);
    setTimer(UINT64_MAX);
    HartState& h = m.hart();
    h.priv = Privilege::Supervisor;
    h.virt = true;
    h.pc = *entry;
    h.x[10] = 0;
    m.setTrapHandler(this);
    m.events().subscribe(this, maskOf(EventType::PageWalkDone));
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

// One VM exit and the VM entry that ends it: one hardware round trip.
void HardwareAssisted::vmExit(ExitReason reason, uint32_t hcause, uint32_t detail) {
    ++stats_.exits[static_cast<std::size_t>(reason)];
    ++exitsByCause_[hcause];
    ++stats_.vmExitRoundTrips;
    machine_->emitEvent(EventType::WorldSwitch, 0);
    machine_->emitEvent(EventType::VmExit, static_cast<uint32_t>(reason), hcause, detail);
}

// A G-stage fault means the guest touched guest-physical memory this VM does not have
// (the G-stage maps all its RAM and its console): the VMM stops the VM.
void HardwareAssisted::stopOnGuestPageFault(const TrapInfo& trap) {
    vmExit(ExitReason::GuestException, trap.cause, trap.tval2 << 2);
    machine_->requestStop();
}

// The hart offers only the traps that leave V=1 for HS or M (the guest's delegated ones
// never reach the VMM): each is a VM exit. Returning true resumes the guest.
bool HardwareAssisted::handleTrap(Machine& machine, const TrapInfo& trap) {
    if (!trap.virt) return false;
    HartState& h = machine.hart();
    if (trap.interrupt()) {
        if ((trap.cause & ~kInterruptBit) != kIrqMTimer) return false;
        vmExit(ExitReason::TimerInterrupt, trap.cause, 0);
        // hvip.VSTIP: the guest's virtual timer interrupt, taken in VS when it enables it.
        machine.writeCsr(hcsr::kHvip, h.csr.hvip | hcsr::kVSTIP);
        setTimer(UINT64_MAX);
    } else if (trap.cause == hcsr::kEcallFromVS) {
        vmExit(ExitReason::SbiCall, hcsr::kEcallFromVS, h.x[17]);
        ++stats_.sbiCalls;
        ++stats_.emulatedInstructions;
        const bool setTimerCall = h.x[17] == kSbiTime && h.x[16] == 0;
        VirtualCpu unused;
        serveSbi(h.x, unused, machine, [this](uint64_t d) { setTimer(d); });
        if (setTimerCall) machine.writeCsr(hcsr::kHvip, h.csr.hvip & ~hcsr::kVSTIP);
        h.pc = trap.pc + 4;
    } else if (trap.cause == hcsr::kVirtualInstruction && trap.tval == kWfi) {
        // hstatus.VTW: wfi in VS is a virtual instruction; the VMM idles the vCPU.
        vmExit(ExitReason::PrivilegedInstruction, hcsr::kVirtualInstruction, trap.tval);
        ++stats_.emulatedInstructions;
        h.pc = trap.pc + 4;
        const uint32_t pending = h.csr.mip | (h.csr.hvip & hcsr::kVsInterrupts);
        if (!(pending & h.csr.mie)) h.waitingForInterrupt = true;
    } else if (trap.cause == hcsr::kInstructionGuestPageFault ||
               trap.cause == hcsr::kLoadGuestPageFault ||
               trap.cause == hcsr::kStoreGuestPageFault) {
        stopOnGuestPageFault(trap);
    } else {
        return false;
    }
    machine.emitEvent(EventType::WorldSwitch, 1);
    return true;
}

// Every hardware walk of this VM is a two-dimensional one (the hart runs only the
// guest): count it with its references, as the MMU recorded them.
void HardwareAssisted::onEvent(const Event&) {
    ++nestedWalks_;
    nestedReferences_ += static_cast<uint64_t>(machine_->lastPageWalk().refCount);
}

HwExitControls HardwareAssisted::controls() const {
    const CsrFile& c = machine_->hart().csr;
    return {c.hstatus, c.hedeleg, c.hideleg, c.hvip, c.hgatp, c.vsatp, c.hcounteren};
}

GuestState HardwareAssisted::guestState() const {
    GuestState s;
    const HartState& h = machine_->hart();
    std::copy(std::begin(h.x), std::end(h.x), s.x);
    s.pc = h.pc;
    s.priv = h.priv;
    const CsrFile& c = h.csr;
    // The VS CSRs: what the guest reads as its sstatus, sie, sip...
    s.csrs = {c.vsstatus,
              machine_->readCsr(hcsr::kVsie).value_or(0),
              machine_->readCsr(hcsr::kVsip).value_or(0),
              c.vstvec,
              c.vsscratch,
              c.vsepc,
              c.vscause,
              c.vstval,
              c.vsatp,
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
