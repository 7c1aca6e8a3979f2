// Binary translation (as VMware's first VMM did on x86): the guest kernel runs
// deprivileged as in trap-and-emulate (same virtual CPU, shadow page tables, SBI,
// interrupt injection), but its code is never executed as it stands. The VMM
// translates each basic block of virtual-S code into a TranslationCache; a block
// executor runs the pre-decoded form, sensitive instructions become callouts into
// the VMM's emulation, blocks chain to their direct successors, and a store into a
// page holding translated code invalidates its blocks. Virtual-U code runs directly.
// With the code generator (engine/jit, VmConfig::generateCode) both halves run as host
// code: the hart's direct execution, and each translated block's fast path with chain
// links between blocks; every count, and so every virtual cycle, stays the same.
#pragma once

#include "hypervisor/TranslationCache.h"
#include "hypervisor/TrapAndEmulate.h"
#include "jit/CodeSpace.h"
#include "jit/Runner.h"

#include <memory>
#include <unordered_map>

namespace vizor::hv {

// TranslationCache event kinds (Translation event's `b`; a chain follow is reported as a
// TranslationChain event, b = Chain, recorded only when asked for).
enum class TranslationEvent : uint8_t { Translate, Hit, Miss, Chain, Invalidate, Callout };

class BinaryTranslation final : public TrapAndEmulate {
public:
    explicit BinaryTranslation(const VmConfig& config);
    ~BinaryTranslation() override;
    std::string_view mode() const override { return "bt"; }
    bool load(const Program& program, std::string& error) override;
    RunResult run(uint64_t maxSteps) override;
    const TranslationCache& cache() const { return cache_; }
    // The code generator the hart's direct execution goes through, or nullptr (off, or
    // no code generator for this host).
    const jit::Runner* codeGenerator() const { return jit_.get(); }
    // How many times translated kernel blocks were entered as host code.
    uint64_t kernelCodeEntries() const { return kernelEntries_; }
    // Translated blocks run whole, so a stop is checked one guest instruction at a time.
    RunResult runUntil(uint64_t maxSteps, const std::unordered_set<uint32_t>* stops) override {
        return Hypervisor::runUntil(maxSteps, stops);
    }
    VmmStatePtr saveState() const override;
    void restoreState(const VmmStatePtr& state) override;
    struct State; // what it saves (VmmState.cpp)

private:
    bool handleTrap(Machine& machine, const TrapInfo& trap) override;
    TranslatedBlock* lookup(uint32_t pc);
    TranslatedBlock* translate(uint32_t pc);
    // Runs one block, or its first `budget` instructions (a debugger's step must end
    // exactly where asked: the rest runs as a block of its own next time); returns the
    // block to chain into, or nullptr for the dispatcher.
    TranslatedBlock* execute(TranslatedBlock& block, uint64_t budget, std::size_t first = 0);
    // The same through the block's generated code where it has some and the hart would
    // take no interrupt; execute() does the rest.
    TranslatedBlock* runBlock(TranslatedBlock& block, uint64_t budget);
    struct KernelCode {
        const uint8_t* entry = nullptr; // nullptr: no code for its first instruction
        uint32_t length = 0;
    };
    const KernelCode* kernelCode(TranslatedBlock& block);
    void linkKernelCode(TranslatedBlock& from, uint32_t slot, uint64_t site, TranslatedBlock* next);
    void dropKernelCode();
    static void chainEventFromCode(jit::JitContext* ctx, uint32_t target, uint64_t retired);
    TranslatedBlock* follow(TranslatedBlock& block, uint32_t target);
    bool directStep(const TranslatedOp& op, uint32_t pc);
    void noteStore(uint32_t address);
    bool timerDue() const;
    void event(uint32_t pc, TranslationEvent kind, uint32_t count = 0);
    void chainEvent(uint32_t target); // a TranslationChain event, when recorded

    TranslationCache cache_;
    std::unique_ptr<jit::Runner> jit_;
    // Translated kernel blocks as host code (with the code generator on).
    std::unique_ptr<jit::CodeSpace> kernelSpace_;
    std::unordered_map<const TranslatedBlock*, KernelCode> kernelCode_;
    uint64_t kernelGeneration_ = 0; // cache_.generation() the code was made for
    uint64_t kernelResets_ = 0;
    uint64_t kernelEntries_ = 0;
    jit::JitContext kernelCtx_{};
};

} // namespace vizor::hv
