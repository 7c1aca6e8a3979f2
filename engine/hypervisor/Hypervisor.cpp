// The mode registry, what all modes share, and `native`: the image runs bare from
// `_start`, its own firmware stub included, as on QEMU.
#include "hypervisor/Hypervisor.h"

#include "cpu/Csr.h"
#include "hypervisor/BinaryPatching.h"
#include "hypervisor/BinaryTranslation.h"
#include "hypervisor/EmulateMode.h"
#include "hypervisor/HardwareAssisted.h"
#include "hypervisor/ParavirtMode.h"
#include "hypervisor/TrapAndEmulate.h"

#include <algorithm>

namespace vizor::hv {

std::string_view exitReasonName(ExitReason reason) {
    switch (reason) {
    case ExitReason::PrivilegedInstruction:
        return "privileged_instruction";
    case ExitReason::SbiCall:
        return "sbi_call";
    case ExitReason::GuestException:
        return "guest_exception";
    case ExitReason::HiddenPageFault:
        return "hidden_page_fault";
    case ExitReason::PageTableWrite:
        return "page_table_write";
    case ExitReason::TimerInterrupt:
        return "timer_interrupt";
    case ExitReason::Hypercall:
        return "hypercall";
    case ExitReason::MmioAccess:
        return "mmio_access";
    case ExitReason::Count:
        break;
    }
    return "unknown";
}

uint64_t VmStats::totalExits() const {
    uint64_t total = 0;
    for (uint64_t e : exits)
        total += e;
    return total;
}

uint64_t VmStats::guestInstructions() const {
    return directInstructions + emulatedInstructions + interpretedInstructions;
}

double VmStats::directFraction() const {
    const uint64_t all = guestInstructions();
    return all ? static_cast<double>(directInstructions) / static_cast<double>(all) : 0.0;
}

Hypervisor::Hypervisor(const VmConfig& config, uint32_t machineRamSize) : config_(config) {
    MachineConfig mc;
    mc.ramSize = machineRamSize;
    mc.x86Sensitive = config.x86Sensitive;
    mc.traceInstructions = config.traceInstructions;
    machine_ = std::make_unique<Machine>(mc);
}

uint64_t Hypervisor::virtualCycles() const {
    return config_.costs.cycles(stats());
}

// One guest instruction per run(1) while a stop is set: slow, but exact for the modes
// that advance the guest their own way. A step that does not advance (the guest halted)
// ends the run with the mode's own reason.
RunResult Hypervisor::runUntil(uint64_t maxSteps, const std::unordered_set<uint32_t>* stops) {
    if (!stops || stops->empty()) return run(maxSteps);
    RunResult total{HaltReason::InstructionLimit, 0};
    while (total.executed < maxSteps) {
        if (total.executed > 0 && stops->contains(guestPc()))
            return {HaltReason::Breakpoint, total.executed};
        const RunResult r = run(1);
        total.executed += r.executed;
        if (r.reason != HaltReason::InstructionLimit && r.reason != HaltReason::None)
            return {r.reason, total.executed};
        if (r.executed == 0) break;
    }
    return total;
}

namespace {

class NativeMode final : public Hypervisor {
public:
    explicit NativeMode(const VmConfig& config) : Hypervisor(config, config.guestRamSize) {}
    std::string_view mode() const override { return "native"; }
    bool load(const Program& program, std::string&) override {
        machine_->load(program);
        return true;
    }
    RunResult run(uint64_t maxSteps) override { return machine_->run(maxSteps); }
    RunResult runUntil(uint64_t maxSteps, const std::unordered_set<uint32_t>* stops) override {
        return machine_->run(maxSteps, stops);
    }
    // Native has no VMM: the Machine's snapshot is the whole state.
    VmmStatePtr saveState() const override { return std::make_shared<VmmState>(); }
    void restoreState(const VmmStatePtr&) override {}
    GuestState guestState() const override {
        GuestState s;
        const HartState& h = machine_->hart();
        std::copy(std::begin(h.x), std::end(h.x), s.x);
        s.pc = h.pc;
        s.priv = h.priv;
        const CsrFile& c = h.csr;
        s.csrs = {c.mstatus & csr::kSstatusMask,
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
    VmStats stats() const override {
        VmStats s;
        const EventStream& e = machine_->events();
        s.directInstructions = machine_->hart().instret;
        s.hardwareTraps = e.count(EventType::Exception) + e.count(EventType::Interrupt);
        s.walkReferences = e.count(EventType::PageWalkStep);
        return s;
    }
};

} // namespace

const std::vector<std::string>& modeNames() {
    static const std::vector<std::string> kNames = {"native", "emulate", "trap", "bt",
                                                    "patch",  "pv",      "hw"};
    return kNames;
}

bool modeImplemented(std::string_view mode) {
    return mode == "native" || mode == "emulate" || mode == "trap" || mode == "pv" ||
           mode == "hw" || mode == "bt" || mode == "patch";
}

std::unique_ptr<Hypervisor> makeHypervisor(std::string_view mode, const VmConfig& config) {
    if (mode == "native") return std::make_unique<NativeMode>(config);
    if (mode == "trap") return std::make_unique<TrapAndEmulate>(config);
    if (mode == "emulate") return std::make_unique<EmulateMode>(config);
    if (mode == "pv") return std::make_unique<ParavirtMode>(config);
    if (mode == "hw") return std::make_unique<HardwareAssisted>(config);
    if (mode == "bt") return std::make_unique<BinaryTranslation>(config);
    if (mode == "patch") return std::make_unique<BinaryPatching>(config);
    return nullptr;
}

} // namespace vizor::hv
