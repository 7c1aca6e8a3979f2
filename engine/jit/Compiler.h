// RV32IM block to x86-64: the code generator proper. A block runs from its first
// instruction to the first branch or jump (included), the first instruction it does
// not generate code for (excluded: the run loop interprets it), the end of the page
// or kMaxBlock instructions.
#pragma once

#include "jit/X86Emitter.h"

#include <cstdint>
#include <vector>

namespace vizor {
struct MicroOp;
}

namespace vizor::jit {

constexpr uint32_t kMaxBlock = 64;

// Addresses the generated code jumps or calls to.
struct CodeTargets {
    uint64_t epilogue = 0;   // return to the run loop with eax = ExitStatus
    uint64_t exitSynced = 0; // return kExitSynced
    uint64_t memory = 0;     // uint32_t (JitContext*, vaddr, pc, retiredBefore, info, value)
    uint64_t amo = 0;        // uint32_t (JitContext*, pc, retiredBefore, MicroOp bits)
};

// info bits of a memory helper call.
constexpr uint32_t kMemSizeMask = 7;
constexpr uint32_t kMemSigned = 8;
constexpr uint32_t kMemStore = 16;
constexpr unsigned kMemRdShift = 8;

struct GeneratedBlock {
    std::vector<uint8_t> bytes;
    uint32_t length = 0; // guest instructions; 0: the first one is not generated
};

// bt's translated kernel blocks: the same instructions, but the block executor's rules
// (engine/hypervisor/BinaryTranslation): a memory access is one step of the real hart,
// which takes a due timer interrupt first and fetches through the ITLB; a store into a
// page holding translated code, and anything not on the fast path, goes back to the
// executor at that instruction; the block's jump follows the translator's chains.
// One decoded instruction as bt's translator keeps it (isa::Op and fields).
struct GuestOp {
    uint8_t op = 0;
    uint8_t rd = 0, rs1 = 0, rs2 = 0;
    int32_t imm = 0;
};

struct KernelBlock {
    const GuestOp* ops = nullptr;
    uint32_t length = 0; // instructions with code: a prefix of the translated block
    uint32_t pc = 0;
    bool whole = false; // the prefix is the whole block (it ends with its jump, or
                        // at its size limit, and then falls through)
    uint64_t tag = 0;   // handed back in JitContext::exitBlock
    uint32_t successorPc[2] = {0, 0};
    uint64_t chainEvent = 0; // void (JitContext*, uint32_t target, uint64_t retired)
};

// How much of a translated kernel block gets code (0: none).
uint32_t kernelPrefix(const GuestOp* ops, uint32_t count, uint32_t pc);
GeneratedBlock generateKernelBlock(const KernelBlock& block, uint64_t origin,
                                   const CodeTargets& targets);
// A chain link between translated kernel blocks: counts the follow, calls out to
// report it only when someone records translation_chain events (JitContext::wantsEvents,
// one byte compared), leaves for the dispatcher when a timer may be due, else jumps
// into the next block's code.
std::vector<uint8_t> generateChainLink(uint32_t target, uint64_t nextTag, const uint8_t* nextEntry,
                                       uint64_t chainEvent, uint64_t origin,
                                       const CodeTargets& targets);

// Whether the code generator handles this isa::Op.
bool generates(uint8_t op, uint32_t pc, int32_t imm);

// ops: the decoded instructions from pc to the end of its page (count of them);
// origin: the host address the code will be copied to.
GeneratedBlock generateBlock(const MicroOp* ops, uint32_t count, uint32_t pc, uint64_t origin,
                             const CodeTargets& targets);

} // namespace vizor::jit
