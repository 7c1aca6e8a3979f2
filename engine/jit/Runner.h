// The code generator's run loop: RV32IM code the hart would interpret, compiled block
// by block into x86-64 host code and run from there, with exactly the interpreter's
// retirements, counters, TLB use, traps and stops (see README.md in this directory).
// A hypervisor mode installs it on its Machine (Machine::setBlockRunner); the Machine
// hands it only quiet runs: no tracing, no breakpoints.
#pragma once

#include "jit/CodeSpace.h"
#include "jit/JitContext.h"
#include "machine/Machine.h"

#include <bitset>
#include <cstdint>
#include <memory>
#include <unordered_map>

namespace vizor::jit {

// Whether this build can generate host code (x86-64 with POSIX mmap); elsewhere the
// runner hands every step back to the interpreter.
bool hostSupported();

struct CompiledBlock {
    uint32_t pc = 0;        // guest virtual address of its first instruction
    uint32_t ramOffset = 0; // where that instruction lies in guest RAM
    uint32_t length = 0;    // guest instructions, all retired when it runs through
    const uint8_t* entry = nullptr;
};

struct RunnerStats {
    uint64_t blocksCompiled = 0;
    uint64_t instructionsCompiled = 0;
    uint64_t blockEntries = 0; // from the run loop (chained entries are not counted)
    uint64_t chainsPatched = 0;
    uint64_t flushes = 0; // whole cache dropped (code written, restore, full)
};

class Runner {
public:
    Runner();
    ~Runner();
    Runner(const Runner&) = delete;
    Runner& operator=(const Runner&) = delete;

    // Runs up to `budget` steps as Machine::Impl::executeBlock would; returns the steps.
    uint64_t run(Machine::Impl& machine, uint64_t budget);
    // A store reached a RAM page with decoded code (noteRamWrite): generated code for
    // that word is dropped before it could run again.
    void codeWritten(uint32_t ramOffset);
    // Decoded code was dropped (load, restore, fence.i): so is all generated code.
    void flush() { flushPending_ = true; }
    const RunnerStats& stats() const { return stats_; }

    // For bt's translated kernel blocks (engine/hypervisor/BinaryTranslation): whether
    // a step of the hart would now go straight to its instruction (no interrupt to
    // take, translation on, not tracing) and, if so, `ctx` filled for generated code.
    // ctx.timerCycle: the first cycle at which a timer interrupt may be due.
    static bool kernelEntry(Machine& machine, JitContext& ctx);

    // For the helpers the generated code calls.
    Machine::Impl* machine() const { return machine_; }
    bool mustStop() const;

private:
    bool usable(const Machine::Impl& m) const;
    void dropAll();
    const CompiledBlock* find(uint32_t pc, uint32_t ramOffset) const;
    const CompiledBlock* compile(Machine::Impl& m, uint32_t pc, void* ops, uint32_t pageRam);

    CodeSpace code_;
    std::unordered_map<uint64_t, CompiledBlock> blocks_;
    // Which words of which RAM pages generated code was made from.
    std::unordered_map<uint32_t, std::bitset<1024>> covered_;
    JitContext ctx_{};
    Machine::Impl* machine_ = nullptr;
    bool flushPending_ = false;
    RunnerStats stats_;
};

} // namespace vizor::jit
