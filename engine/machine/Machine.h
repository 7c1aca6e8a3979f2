// The whole guest machine: one RV32IMA hart on a subset of QEMU's `virt` board.
// Owns RAM, devices, the MMU/TLB and the event stream. No globals: tests create
// as many machines as they like. Not thread-safe: one thread drives a Machine.
#pragma once

#include "asm/Program.h"
#include "cpu/HartState.h"
#include "events/EventStream.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

namespace vizor {

// QEMU `virt` memory map subset.
namespace board {
constexpr uint32_t kTestFinisherBase = 0x00100000u; // sifive_test: 0x5555 pass, 0x3333 fail
constexpr uint32_t kClintBase = 0x02000000u;        // msip @+0, mtimecmp @+0x4000, mtime @+0xbff8
constexpr uint32_t kUartBase = 0x10000000u;         // ns16550a, 8-bit registers
constexpr uint32_t kRamBase = 0x80000000u;
} // namespace board

struct MachineConfig {
    uint32_t ramSize = 16u << 20;
    unsigned tlbEntries = 32;         // power of two, >= 1
    uint32_t cyclesPerTimerTick = 10; // mtime advances once every N virtual cycles
    bool traceInstructions = false;   // emit InstructionRetired / TlbHit events (slow path)
    // TEACHING VARIANT, not RISC-V: "x86-style sensitive instructions" (Popek-Goldberg).
    // Executed in U-mode, a csrr of sstatus or satp does not trap but returns the real
    // value (as x86 PUSHF / SMSW / SGDT do at CPL 3), and clearing sstatus.SIE is
    // silently dropped (as POPF drops IF at CPL > IOPL). See cpu/System.cpp and
    // engine/hypervisor/README.md.
    bool x86Sensitive = false;
    // The RISC-V hypervisor extension (a documented subset, engine/hypervisor/README.md
    // "hw"): the V bit, VS/VU modes, the H and VS CSRs, two-stage translation, hfence.
    // Off by default so the base hart stays the one the QEMU conformance suite checks.
    bool hypervisorExtension = false;
    // TLB entries tagged with ASID, VMID and V. Untagged, an entry belongs to whatever
    // address space was current when it was filled, so the hardware must drop every
    // entry when that changes (a write of satp, vsatp or hgatp, and every world switch
    // between V=1 and V=0), as an x86 TLB without PCID and VPID does on a CR3 write
    // and on VM entry and exit.
    bool tlbTagged = true;
};

// What the TLBs did since load/reset (also part of snapshots). Hits are counted per
// lookup: a data access through the TLB, and a fetch when pc enters another code page
// (fetches within the latched page need no lookup).
struct TlbStats {
    uint64_t hits = 0;
    uint64_t misses = 0;             // lookups that walked the page tables
    uint64_t flushes = 0;            // full flushes (sfence.vma/hfence without operands too)
    uint64_t worldSwitchFlushes = 0; // full flushes because V changed (untagged TLB)
    uint64_t worldSwitches = 0;      // changes of V: VM exits and VM entries
    uint64_t walkReferences = 0;     // page-table reads by the hardware walker
};

enum class HaltReason : uint8_t {
    None,             // still runnable
    PowerOff,         // sifive_test written with pass (exit code 0)
    Failure,          // sifive_test written with fail (exit code in upper 16 bits)
    InstructionLimit, // run() budget exhausted
    Breakpoint,       // stopped before executing an instruction at a breakpoint
    Deadlock,         // wfi with no interrupt that could ever wake the hart
};

std::string_view haltReasonName(HaltReason reason); // "poweroff", "failure", ...

struct RunResult {
    HaltReason reason = HaltReason::None;
    uint64_t executed = 0; // steps taken during this call (see HartState::steps)
};

// One page-table walk as the MMU performed it: for the page-walk view. A native Sv32
// walk makes at most 2 references; a two-stage one (V=1: VS-stage Sv32 over G-stage
// Sv32x4) up to (2+1)(2+1)-1 = 8, each VS-stage entry's guest-physical address
// translated by the G-stage before it is read.
struct PageWalkRecord {
    uint32_t vaddr = 0;
    enum class Stage : uint8_t { Single = 0, VS = 0, G = 1 }; // single stage: as VS
    struct Reference {
        uint32_t pteAddress; // host-physical address read
        uint32_t pteValue;   // the entry, after any A/D update
        int level;
        Stage stage = Stage::Single;
        uint64_t table = 0; // table base: guest-physical for VS, host-physical otherwise
        uint32_t index = 0; // entry index in that table
    };
    Reference refs[8] = {};
    int refCount = 0;
    uint32_t paddr = 0;
    bool faulted = false;
};

// A trap as the hart is about to take it (before any CSR changes).
struct TrapInfo {
    uint32_t cause = 0; // mcause encoding: interrupt bit 31 | exception or interrupt code
    uint32_t tval = 0;
    uint32_t pc = 0; // pc of the trapping instruction (or of the next one, for interrupts)
    Privilege priv = Privilege::Machine; // mode the hart was in
    bool virt = false;                   // V at the time: a trap out of VS or VU
    uint32_t tval2 = 0; // guest-page faults: the guest-physical address >> 2 (htval)
    bool interrupt() const { return cause & 0x80000000u; }
};

class Machine;
namespace jit {
class Runner;
}

// Software running "below" the guest in C++ — a hypervisor, or the host model serving
// a task's system calls as qemu-user does — sees every trap first. A handler that
// returns true has dealt with it by changing the machine's state (registers, pc, CSRs,
// memory); the trap then never reaches the guest's own trap vector. One that returns
// false lets the hart deliver the trap as usual. The Exception/Interrupt event is
// recorded either way: the hardware trapped.
class TrapHandler {
public:
    virtual ~TrapHandler() = default;
    virtual bool handleTrap(Machine& machine, const TrapInfo& trap) = 0;
};

// Complete machine state. Memory pages are shared between snapshots that did not
// change them (copy-on-write by page), so keeping many snapshots is cheap.
struct MachineSnapshot;
using SnapshotPtr = std::shared_ptr<const MachineSnapshot>;

class Machine {
public:
    explicit Machine(const MachineConfig& config = {});
    ~Machine();
    Machine(const Machine&) = delete;
    Machine& operator=(const Machine&) = delete;

    // Reset everything, copy the program's sections into RAM, start at its entry in M-mode.
    void load(const Program& program);
    // Back to the state right after load().
    void reset();

    // Run until a halt, a breakpoint or `maxSteps` steps (see HartState::steps). A breakpoint at
    // the current pc is ignored for the first instruction, so "continue" moves off it.
    RunResult run(uint64_t maxSteps, const std::unordered_set<uint32_t>* breakpoints = nullptr);
    RunResult step() { return run(1); }

    const HartState& hart() const;
    HartState& hart(); // for the debugger's register edits while paused
    HaltReason haltReason() const;
    uint32_t exitCode() const;
    // What the UART transmitted: all of it up to 256 KiB; beyond, the first 16 KiB, a
    // "… N bytes dropped …" line and the most recent bytes (machine/ConsoleLog.h).
    const std::string& console() const;
    EventStream& events();
    const EventStream& events() const;
    const MachineConfig& config() const;

    // Debugger memory access: no side effects on devices, TLB or A/D bits.
    std::optional<uint32_t> peekPhysical(uint32_t paddr, unsigned size) const;
    bool pokePhysical(uint32_t paddr, uint32_t value, unsigned size);
    // Translate with the current satp and privilege, without side effects.
    std::optional<uint32_t> translateForDebugger(uint32_t vaddr) const;
    const PageWalkRecord& lastPageWalk() const;
    const TlbStats& tlbStats() const;

    // nullptr removes the handler. Not part of snapshots: the owner of the handler
    // saves and restores its own state alongside the machine's.
    void setTrapHandler(TrapHandler* handler);
    // CSR access as M-mode software would have it (no privilege checks, all side
    // effects of a write, such as satp's event); nullopt/false for an unknown CSR.
    std::optional<uint32_t> readCsr(uint16_t number);
    bool writeCsr(uint16_t number, uint32_t value);
    // Drop every cached translation, as sfence.vma with no operands does: for a
    // handler that edited page tables or satp behind the guest's back.
    void flushTranslations();
    // Ends the current run() after the instruction or trap in progress (reason
    // InstructionLimit): for a trap handler whose VMM must take over from here, as
    // binary translation does when the guest enters its kernel. Ignored outside run().
    void requestStop();
    // Physical accesses as the bus performs them, devices included (a UART write
    // prints, a finisher write halts): for a VMM emulating a guest's access. Sizes 1,
    // 2 or 4; nullopt/false for an access fault (a hole in the map).
    std::optional<uint32_t> busRead(uint32_t paddr, unsigned size);
    bool busWrite(uint32_t paddr, uint32_t value, unsigned size);
    // Record an event stamped with the machine's current cycle, pc and privilege:
    // software below the guest reports its own actions in the same stream.
    void emitEvent(EventType type, uint32_t a = 0, uint32_t b = 0, uint32_t c = 0, uint32_t d = 0);

    SnapshotPtr snapshot() const;
    void restore(const SnapshotPtr& snapshot);
    // A faster executor for quiet runs (engine/jit): while one is set, run() hands it the
    // steps it would interpret when neither tracing nor breakpoints ask for one
    // instruction at a time. nullptr: the interpreter alone. Not owned.
    void setBlockRunner(jit::Runner* runner);
    // Hash of the whole architectural state (registers, CSRs, RAM, devices, counters).
    uint64_t stateHash() const;

private:
    friend class DirtyLog; // machine/DirtyLog.*: the dirty-page log and page transfer
    friend class jit::Runner; // jit/Runner.*: generated code runs on the hart's state
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace vizor
