// What generated code reads and writes besides the hart's registers: one block of
// plain fields at a fixed address (r14 holds it), refreshed by the run loop before
// each entry. Standard layout, so the code generator addresses fields by offsetof.
#pragma once

#include <cstdint>

namespace vizor {
struct HartState;
struct TlbEntry;
} // namespace vizor

namespace vizor::jit {

class Runner;

struct JitContext {
    uint8_t* ram = nullptr;    // r15: host address of guest RAM byte 0
    HartState* hart = nullptr; // rbx: the register file is its first member
    const TlbEntry* dtlb = nullptr;
    uint32_t dtlbMask = 0;
    uint32_t tlbTag = 0;          // the current address space's TLB tag
    uint32_t ramLimit[5] = {};    // by access size: the largest RAM offset it may start at
    uint32_t exitPc = 0;          // where the guest goes next when the code returns
    const bool* loadOk = nullptr; // by PTE bits: does a TLB hit allow a load / a store
    const bool* storeOk = nullptr;
    const uint8_t* pageFlags = nullptr;
    uint64_t* tlbHits = nullptr;
    uint64_t left = 0;     // r12: steps the code may still take
    uint64_t retired = 0;  // r13: retired since entry, not yet added to the hart's counters
    uint64_t exitSite = 0; // address of the rel32 a chain exit asks to have patched
    Runner* runner = nullptr;
    // bt's translated kernel blocks (Compiler.h, generateKernelBlock) also use:
    uint64_t exitBlock = 0;  // the translated block the code left from (or went to)
    uint32_t exitIndex = 0;  // kExitResume: the first of its instructions not run
    uint32_t exitSlot = 0;   // kExitFollow: which successor
    uint64_t timerCycle = 0; // from this cycle on a timer interrupt may be due: leave
    const TlbEntry* itlb = nullptr;
    uint32_t itlbMask = 0;
    uint8_t wantsEvents = 0;            // someone records chain follows (translation_chain)
    const bool* fetchOk = nullptr;      // by PTE bits: does an ITLB hit allow the fetch
    const uint8_t* codePages = nullptr; // by RAM page: holds translated code (a store leaves)
    uint64_t* chainFollows = nullptr;
    void* owner = nullptr; // the mode running the blocks (its event helper's argument)
};

// Why generated code returned to the run loop (eax).
enum ExitStatus : uint32_t {
    kExitJump = 0,      // continue at exitPc (indirect jump, another page, uncompiled next)
    kExitChain = 1,     // continue at exitPc, and link exitSite to its block
    kExitBudget = 2,    // the block at exitPc needs more steps than are left
    kExitSynced = 3,    // a helper already synchronised the hart and asked to stop
    kExitInterpret = 4, // the instruction at exitPc must be interpreted (it will trap)
    // Translated kernel blocks:
    kExitResume = 5, // the block executor runs exitBlock on from exitIndex
    kExitFollow = 6, // exitBlock jumped to exitPc: follow (count, look up, link) exitSlot
    kExitNext = 7,   // continue at exitPc with exitBlock (0: look it up) from the dispatcher
};

} // namespace vizor::jit
