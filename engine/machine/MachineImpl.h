// Internal state of a Machine, shared by the files that implement it: the interpreter
// (cpu/Interpreter.cpp), CSRs and traps (cpu/Csr.cpp, cpu/Trap.cpp), the MMU
// (mmu/Translate.cpp), physical memory and devices (machine/Memory.cpp) and snapshots
// (machine/Snapshot.cpp). Not part of the engine's public interface.
#pragma once

#include "board/Clint.h"
#include "board/Uart16550.h"
#include "cpu/Csr.h"
#include "machine/ConsoleLog.h"
#include "machine/Machine.h"
#include "mmu/Tlb.h"

#include <array>
#include <cstring>
#include <memory>
#include <vector>

namespace vizor {

// One pre-decoded instruction: the interpreter dispatches on `op` (an isa::Op value).
// rd/rs1/rs2 are the raw instruction fields (ops ignore those they do not use); CSR
// ops keep the CSR number in `imm` and, for the immediate forms, uimm5 in rs1.
struct MicroOp {
    uint8_t op;
    uint8_t rd;
    uint8_t rs1;
    uint8_t rs2;
    int32_t imm;
};

// VSSIP, VSTIP, VSEIP (the H extension's bits of mip/mie/hvip).
constexpr uint32_t kVsInterruptBits = (1u << 2) | (1u << 6) | (1u << 10);

constexpr unsigned kPageShift = 12;
constexpr uint32_t kPageBytes = 1u << kPageShift;
constexpr unsigned kOpsPerPage = kPageBytes / 4;

// The decoded form of one physical RAM page, filled lazily one word at a time.
struct DecodedPage {
    std::array<MicroOp, kOpsPerPage> ops;
};

enum class AccessType : uint8_t { Fetch = 0, Load = 1, Store = 2 }; // PageWalkDone c values

// Per-RAM-page flags. A store tests them once: only pages that are clean or hold
// decoded code need more than the plain write.
constexpr uint8_t kPageDirty = 1; // written since the last snapshot (or restore)
constexpr uint8_t kPageCode = 2;  // has a DecodedPage that stores must invalidate

using RamPage = std::array<uint8_t, kPageBytes>;

// The interpreter's latched code page (its fetch translated), handed over by a block
// runner so that finishing its work does not translate the same fetch again.
struct FetchLatch {
    MicroOp* ops = nullptr;
    uint32_t page = 1; // the virtual page; 1 is never one
    uint32_t ramOffset = 0;
};

// Software may write mcycle and minstret (QEMU allows it). The machine's own cycle
// and instret never go back — they are the timeline and the time base — so a write
// is kept as an offset between the CSR's value and the internal counter.
struct CounterOffsets {
    uint64_t mcycle = 0;
    uint64_t minstret = 0;
};

struct Machine::Impl {
    explicit Impl(const MachineConfig& c);

    // --- state -------------------------------------------------------------------
    MachineConfig config;
    HartState hart;
    EventStream events;
    std::vector<uint8_t> ram;
    std::vector<uint8_t> pageFlags;
    std::vector<std::unique_ptr<DecodedPage>> decoded;
    board::Uart16550 uart;
    board::ClintState clint;
    CounterOffsets counters;
    HaltReason halt = HaltReason::None;
    uint32_t exitCode = 0;
    ConsoleLog console; // bounded: machine/ConsoleLog.h
    // Split, as most cores have. Only fetch walks fill the ITLB, so latching the code
    // page's translation while pc stays in it is exactly what per-fetch lookups would
    // do, and run() slicing cannot change which walks happen.
    Tlb itlb, dtlb;
    PageWalkRecord lastWalk;
    TlbStats tlbStats;
    Program program;
    // The snapshot RAM was last synchronised with: clean pages equal its pages.
    mutable std::shared_ptr<const MachineSnapshot> base;

    // --- derived, recomputed by refreshDerived() after any change of mode ---------
    bool fetchTranslated = false; // satp.MODE = Sv32 and priv < M
    bool dataTranslated = false;  // as fetch, but with MPRV's effective privilege
    Privilege dataPriv = Privilege::Machine;
    uint32_t tlbTag = 0;                 // the current address space's TLB tag (mmu/Tlb.h)
    uint64_t timerDeadline = UINT64_MAX; // cycle at which MTIP rises
    // Whether a TLB entry with these PTE bits (low 8) allows the access in the current
    // mode (U/SUM/MXR rules; stores also need D so the first store re-walks to set it).
    std::array<bool, 256> fetchOk{}, loadOk{}, storeOk{};
    bool dataTlbFast = false;     // data TLB hits may skip translate() (not when tracing)
    uint32_t permissionKey = ~0u; // inputs the tables above were built from
    bool stopBlock = false;       // set by anything that must end the current interpreter block
    bool stopRun = false;         // Machine::requestStop(): end run() at the next step
    Machine* owner = nullptr;     // the public object, passed to the trap handler
    TrapHandler* trapHandler = nullptr;
    jit::Runner* blockRunner = nullptr; // Machine::setBlockRunner

    // --- Machine.cpp --------------------------------------------------------------
    void resetState();
    void refreshDerived();
    void emit(EventType type, uint32_t a = 0, uint32_t b = 0, uint32_t c = 0, uint32_t d = 0);
    void setHalt(HaltReason reason, uint32_t code);
    RunResult run(uint64_t maxSteps, const std::unordered_set<uint32_t>* breakpoints);
    bool idleStep();
    void traceStep(const std::unordered_set<uint32_t>* breakpoints, bool first);

    // --- cpu/Interpreter.cpp --------------------------------------------------------
    // Runs up to `budget` steps without checking interrupts; stops early at anything
    // that can change them. Returns the steps taken.
    uint64_t executeBlock(uint64_t budget, const std::unordered_set<uint32_t>* breakpoints,
                          bool skipFirstBreakpoint, const FetchLatch* latch = nullptr);
    // The slow path of the interpreter: system instructions and everything rare.
    void executeSystem(MicroOp u, uint32_t raw);
    void executeVirtualCsr(MicroOp u, uint32_t raw, uint16_t number, uint32_t src, bool swap,
                           bool writes);
    bool executeAmo(MicroOp u);
    bool x86SilentCsr(uint16_t number, bool writes, bool clears, uint32_t src, uint32_t& old);
    const MicroOp* fetchPage(uint32_t pc, uint32_t& ramOffset);
    MicroOp decodeWord(uint32_t word) const;

    // --- cpu/Csr.cpp ----------------------------------------------------------------
    bool csrRead(uint16_t number, uint32_t& value);
    bool csrWrite(uint16_t number, uint32_t value);
    bool csrAllowed(uint16_t number, bool write) const;
    // The hypervisor extension's CSRs (cpu/HypervisorCsr.cpp); false: not one of them.
    bool hCsrRead(uint16_t number, uint32_t& value);
    bool hCsrWrite(uint16_t number, uint32_t value);
    // V=1: the CSR a VS-mode access really reaches, or nullopt with the exception to
    // raise in `cause` (virtual instruction or illegal instruction).
    std::optional<uint16_t> virtualCsr(uint16_t number, bool write, uint32_t& cause) const;
    bool hasH() const { return config.hypervisorExtension; }
    // mip with the VS bits hvip drives (zero without the extension).
    uint32_t pendingBits() const { return hart.csr.mip | (hart.csr.hvip & kVsInterruptBits); }
    uint64_t mtime() const { return board::mtimeAt(clint, hart.cycle, config.cyclesPerTimerTick); }
    void updateTimerPending();

    // --- cpu/Trap.cpp ---------------------------------------------------------------
    void raiseException(uint32_t cause, uint32_t tval, uint32_t tval2 = 0);
    // V changed (a VM exit or entry): counted, and an untagged TLB is dropped.
    void worldSwitch();
    // An untagged TLB must forget the old address space (satp, vsatp, hgatp written).
    void addressSpaceChanged();
    bool takePendingInterrupt();
    uint32_t pendingInterrupts() const;
    void trapReturn(bool machine);
    // Offers a trap to the trap handler; true when it dealt with it.
    bool offerTrap(uint32_t cause, uint32_t tval, uint32_t tval2 = 0);

    // --- mmu/Translate.cpp ----------------------------------------------------------
    // Virtual to physical for the current mode; raises the page fault and returns false
    // on failure.
    bool translate(uint32_t vaddr, AccessType access, uint32_t& paddr);
    void refreshPermissions();
    bool walk(uint32_t vaddr, AccessType access, Privilege priv, uint32_t& paddr);
    // V=1: the two-dimensional walk, VS-stage (vsatp) over G-stage (hgatp).
    bool walkTwoStage(uint32_t vaddr, AccessType access, Privilege priv, uint32_t& paddr);
    std::optional<uint32_t> twoStageQuietly(uint32_t vaddr); // no A/D, events or TLB fill
    void hfence(bool guestStage, uint32_t rs1Value, uint32_t rs2Value, bool byAddress,
                bool bySpace);
    std::optional<uint32_t> walkQuietly(uint32_t vaddr) const;
    void sfenceVma(uint32_t vaddr, uint32_t asidValue, bool byAddress, bool byAsid);

    // --- machine/Memory.cpp ---------------------------------------------------------
    // Virtual accesses with every check; false when a trap was raised.
    bool loadSlow(uint32_t vaddr, unsigned size, uint32_t& value);
    bool storeSlow(uint32_t vaddr, unsigned size, uint32_t value);
    bool translateSecondPage(uint32_t vaddr, unsigned size, AccessType access, uint32_t& page2);
    // Physical accesses; false = access fault (nothing raised yet).
    bool readPhysical(uint32_t paddr, unsigned size, uint32_t& value);
    bool writePhysical(uint32_t paddr, unsigned size, uint32_t value);
    void writeClint(uint32_t offset, unsigned size, uint32_t value);
    void noteRamWrite(uint32_t ramOffset);
    void invalidateDecoded();

    bool inRam(uint32_t paddr, unsigned size) const {
        return paddr - board::kRamBase <= config.ramSize - size;
    }

    // Interpreter fast path: host pointer for an aligned RAM access that needs neither
    // a page walk nor a device, else nullptr (the caller then takes the slow path).
    uint8_t* fastData(uint32_t vaddr, unsigned size, bool store) {
        if (vaddr & (size - 1)) return nullptr;
        uint32_t paddr = vaddr;
        if (dataTranslated) {
            if (!dataTlbFast) return nullptr;
            const TlbEntry* e = dtlb.lookup(vaddr >> kPageShift, tlbTag);
            if (!e || !(store ? storeOk : loadOk)[e->pte]) return nullptr;
            ++tlbStats.hits;
            paddr = (e->ppn << kPageShift) | (vaddr & (kPageBytes - 1));
        }
        const uint32_t offset = paddr - board::kRamBase;
        if (offset > config.ramSize - size) return nullptr;
        if (store && pageFlags[offset >> kPageShift] != kPageDirty) noteRamWrite(offset);
        return ram.data() + offset;
    }
};

} // namespace vizor
