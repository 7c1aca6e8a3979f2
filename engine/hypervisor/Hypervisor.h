// The hypervisor: one interface, one implementation per execution mode. Each mode runs
// the same guest image (see README.md for the guest/VMM contract) on a Machine and
// reports what it did in counts; virtual cycles come from those counts and the
// CostModel, never from numbers written per workload.
#pragma once

#include "asm/Program.h"
#include "hypervisor/CostModel.h"
#include "hypervisor/VirtualCpu.h"
#include "machine/Machine.h"

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace vizor::hv {

// Why the guest left direct execution and the VMM ran (VmExit event's `a`).
enum class ExitReason : uint8_t {
    PrivilegedInstruction, // csr*, sret, wfi, sfence.vma executed in virtual S: emulated
    SbiCall,               // ecall from virtual S: the VMM plays the firmware
    GuestException,        // an exception for the guest's own handler (syscall, true fault...)
    HiddenPageFault,       // missing shadow entry: filled without the guest knowing
    PageTableWrite,        // store to a write-protected guest page-table page: resynced
    TimerInterrupt,        // the host timer fired: becomes the guest's virtual timer interrupt
    Hypercall,             // pv: an explicit call to the VMM (the "VIZ" SBI extension)
    MmioAccess,            // pv: a load or store to an emulated device register
    Count
};
std::string_view exitReasonName(ExitReason reason);
constexpr std::size_t kExitReasonCount = static_cast<std::size_t>(ExitReason::Count);

struct VmConfig {
    uint32_t guestRamSize = 16u << 20; // what the guest sees at 0x80000000
    uint32_t vmmRamSize = 4u << 20;    // above it, out of the guest's reach: shadow tables
    bool x86Sensitive = false;         // the Popek-Goldberg teaching variant
    bool traceInstructions = false;    // InstructionRetired events (the instruction-class view)
    // bt: guest code the hart runs goes through the x86-64 code generator (engine/jit)
    // where the host has one; false (or VIZOR_NO_JIT=1 in the environment): interpreted.
    bool generateCode = true;
    CostModel costs;
};

// What each mode counts. A mode leaves at zero what it does not do.
struct VmStats {
    uint64_t directInstructions = 0;      // retired by the real hart running guest code
    uint64_t emulatedInstructions = 0;    // executed by the VMM on the guest's behalf
    uint64_t interpretedInstructions = 0; // emulate mode: every guest instruction
    uint64_t hardwareTraps = 0;           // traps the guest itself took (native)
    std::array<uint64_t, kExitReasonCount> exits{};
    uint64_t worldSwitches = 0;
    uint64_t vmExitRoundTrips = 0; // hw: hardware VM exit + entry pairs
    uint64_t virtualTraps = 0;  // traps and interrupts delivered to the guest's stvec
    uint64_t shadowSyncs = 0;   // guest PTE writes propagated to the shadow
    uint64_t shadowFlushes = 0; // whole shadow dropped (satp write, sfence.vma)
    uint64_t shadowRootSwitches = 0;  // the real root changed (guest satp write, role change)
    uint64_t shadowRootCacheHits = 0; // ... to a shadow root already in the cache
    uint64_t accessedDirtyUpdates = 0; // guest PTEs whose A/D bits the VMM set for the guest
    uint64_t hiddenFaults = 0;
    uint64_t trueFaults = 0;
    uint64_t walkReferences = 0; // page-table reads: hardware walks + VMM walks
    uint64_t sbiCalls = 0;
    uint64_t hypercalls = 0;     // pv
    uint64_t pteUpdates = 0;     // pv: PTE writes applied through MMU_UPDATE
    uint64_t mmuUpdateCalls = 0; // pv: MMU_UPDATE hypercalls (batches)
    uint64_t pteRefused = 0;     // pv: MMU_UPDATE entries refused by validation
    uint64_t consoleKicks = 0;   // pv: CONSOLE_KICK hypercalls
    uint64_t consoleBuffers = 0; // pv: buffers the virtio console back end consumed
    uint64_t callouts = 0;              // bt/patch: sensitive instructions handed to the VMM
    uint64_t translatedBlocks = 0;      // bt: blocks translated
    uint64_t translatedInstructions = 0; // bt: guest instructions translated
    uint64_t cacheHits = 0, cacheMisses = 0; // bt: translation cache lookups
    uint64_t chainFollows = 0;          // bt: block to block without the dispatcher
    uint64_t invalidations = 0;         // bt: blocks dropped because their code was written
    uint64_t patchesApplied = 0, patchHits = 0, patchesDropped = 0; // patch
    uint64_t totalExits() const;
    uint64_t guestInstructions() const; // every instruction the guest executed, any way
    // Popek-Goldberg efficiency: the fraction executed with no VMM intervention.
    double directFraction() const;
    bool operator==(const VmStats&) const = default;
};

// Guest-visible final state: what equivalence between modes compares.
struct GuestState {
    uint32_t x[32] = {};
    uint32_t pc = 0;
    Privilege priv = Privilege::Supervisor; // the guest's own (virtual) privilege
    VirtualCsrs csrs;
    bool operator==(const GuestState&) const = default;
};

// The VMM's own state, outside the Machine: what a mode must hand back for time travel
// to land where a straight run would (virtual CSRs, shadow bookkeeping, translation
// cache, patch table, counts). Each mode derives its own; the Machine's snapshot holds
// the rest (guest RAM, the shadow tables in VMM RAM, the real hart).
struct VmmState {
    virtual ~VmmState() = default;
};
using VmmStatePtr = std::shared_ptr<const VmmState>;

class Hypervisor {
public:
    virtual ~Hypervisor() = default;
    virtual std::string_view mode() const = 0;
    // Loads the guest image and sets up the VM (false: the image lacks what the mode needs).
    virtual bool load(const Program& program, std::string& error) = 0;
    virtual RunResult run(uint64_t maxSteps) = 0;
    // As run, but stops (HaltReason::Breakpoint) before executing an instruction whose
    // guest pc is in `stops` (the first one is passed over: that is how a debugger
    // leaves a breakpoint). Modes that run the guest on the hart pass `stops` to it;
    // the others step one guest instruction at a time while any stop is set.
    virtual RunResult runUntil(uint64_t maxSteps, const std::unordered_set<uint32_t>* stops);
    // The pc of the guest's next instruction (the hart's, unless the mode interprets).
    virtual uint32_t guestPc() const { return machine_->hart().pc; }
    // Time travel: a copy of the VMM's state, and going back to one taken earlier from
    // this same hypervisor (together with the Machine snapshot taken at that moment).
    virtual VmmStatePtr saveState() const = 0;
    virtual void restoreState(const VmmStatePtr& state) = 0;
    virtual GuestState guestState() const = 0;
    virtual VmStats stats() const = 0;
    Machine& machine() { return *machine_; }
    const Machine& machine() const { return *machine_; }
    uint64_t virtualCycles() const;

protected:
    Hypervisor(const VmConfig& config, uint32_t machineRamSize);
    VmConfig config_;
    std::unique_ptr<Machine> machine_;
};

// All mode names in display order; `implemented` says which exist in this build.
const std::vector<std::string>& modeNames();
bool modeImplemented(std::string_view mode);
// nullptr for an unknown or not yet implemented mode.
std::unique_ptr<Hypervisor> makeHypervisor(std::string_view mode, const VmConfig& config);

} // namespace vizor::hv
