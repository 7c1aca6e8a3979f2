// The binary translator's code cache: guest kernel code translated block by block
// into a compact pre-decoded form, keyed by (guest pc, guest address space), with
// direct chaining between blocks and invalidation by guest-physical code page.
#pragma once

#include <cstdint>
#include <deque>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace vizor::hv {

// How the block executor runs one translated instruction.
enum class TranslatedKind : uint8_t {
    Alu,     // register-only: executed by the block executor itself
    Branch,  // conditional branch, jal, jalr: executed by the executor, ends the block
    Direct,  // memory access, fence...: one step of the real hart (shadow MMU, devices)
    Callout, // sensitive: the VMM emulates it, no trap
};

struct TranslatedOp {
    TranslatedKind kind = TranslatedKind::Alu;
    uint8_t op = 0; // isa::Op
    uint8_t rd = 0, rs1 = 0, rs2 = 0;
    int32_t imm = 0;
    uint32_t raw = 0;
};

struct TranslatedBlock {
    uint32_t pc = 0;       // guest virtual address of the first instruction
    uint32_t space = 0;    // guest satp it was translated under
    uint32_t codePage = 0; // guest-physical page holding it (blocks never cross a page)
    bool valid = true;
    std::vector<TranslatedOp> ops;
    // Chains to known successors: [0] the taken target of a direct branch or jal, [1] the
    // fall-through. Followed without the dispatcher while the target stays valid.
    uint32_t successorPc[2] = {0, 0};
    TranslatedBlock* successor[2] = {nullptr, nullptr};
};

class TranslationCache {
public:
    TranslationCache() = default;
    // A copy is a cache of its own: its chains point into its own blocks (time travel
    // keeps one per snapshot).
    TranslationCache(const TranslationCache& other);
    TranslationCache& operator=(const TranslationCache& other);
    TranslatedBlock* find(uint32_t pc, uint32_t space) const;
    TranslatedBlock* insert(TranslatedBlock block);
    bool holdsCode(uint32_t gpaPage) const { return codePages_.count(gpaPage) != 0; }
    // Drops every block whose code lies in that page and unchains every block that
    // jumps into one of them. Returns how many blocks were dropped.
    std::size_t invalidatePage(uint32_t gpaPage);
    void clear();
    std::size_t size() const { return map_.size(); }
    // Changes whenever blocks are dropped or replaced (invalidation, clear, a copy
    // assigned): code generated from the blocks must be dropped with them.
    uint64_t generation() const { return generation_; }
    // One byte per 4 KiB page from RAM's base: nonzero where translated code lies (the
    // same map as holdsCode, for generated code to test). At least `pages` long.
    const uint8_t* codePageMap(std::size_t pages);

private:
    static uint64_t key(uint32_t pc, uint32_t space) { return uint64_t{space} << 32 | pc; }
    std::deque<TranslatedBlock> storage_; // stable addresses: chains point into it
    std::unordered_map<uint64_t, TranslatedBlock*> map_;
    std::unordered_map<uint32_t, std::vector<TranslatedBlock*>> byPage_;
    std::unordered_set<uint32_t> codePages_;
    std::vector<uint8_t> codePageMap_;
    uint64_t generation_ = 0;
    void markPage(uint32_t gpaPage, bool code);
};

} // namespace vizor::hv
