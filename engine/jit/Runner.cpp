#include "jit/Runner.h"

#include "isa/InstructionTable.h"
#include "jit/Compiler.h"
#include "machine/MachineImpl.h"

#include <algorithm>
#include <cstring>

namespace vizor::jit {

using isa::Op;

namespace {

constexpr std::size_t kCodeCapacity = 16u << 20;
constexpr std::size_t kCompileHeadroom = 64u << 10; // more than any one block needs
constexpr uint8_t kUndecoded = static_cast<uint8_t>(Op::Count);

uint64_t key(uint32_t pc, uint32_t ramOffset) {
    return uint64_t{ramOffset} << 32 | pc;
}

// --- helpers the generated code calls --------------------------------------------

// The hart as the interpreter's sync() leaves it before a slow path: pc at the
// instruction, every earlier step counted.
void syncHart(HartState& h, uint32_t pc, uint64_t retired) {
    h.pc = pc;
    h.cycle += retired;
    h.instret += retired;
    h.steps += retired;
}
void unsyncHart(HartState& h, uint64_t retired) {
    h.cycle -= retired;
    h.instret -= retired;
    h.steps -= retired;
}

// After an instruction that completed: stop here (synchronised past it) if the
// interpreter would have ended its block, else continue in generated code.
uint32_t afterSlowPath(JitContext* c, uint32_t pc, uint64_t retiredBefore, bool synced) {
    HartState& h = *c->hart;
    if (c->runner->mustStop()) {
        if (synced) unsyncHart(h, retiredBefore);
        syncHart(h, pc + 4, retiredBefore + 1);
        return 1;
    }
    if (synced) unsyncHart(h, retiredBefore);
    return 0;
}

// A load or store the inline path did not take: exactly the interpreter's VIZOR_LOAD /
// VIZOR_STORE (fastData, then the slow path with the hart synchronised).
uint32_t memoryHelper(JitContext* c, uint32_t vaddr, uint32_t pc, uint64_t retiredBefore,
                      uint32_t info, uint32_t value) {
    auto& m = *c->runner->machine();
    const unsigned size = info & kMemSizeMask;
    const bool store = info & kMemStore;
    const unsigned rd = (info >> kMemRdShift) & 31;
    bool synced = false;
    if (store) {
        if (uint8_t* p = m.fastData(vaddr, size, true)) {
            std::memcpy(p, &value, size); // little-endian host: the low bytes
        } else {
            syncHart(m.hart, pc, retiredBefore);
            synced = true;
            if (!m.storeSlow(vaddr, size, value)) return 1;
        }
    } else {
        uint32_t v = 0;
        if (const uint8_t* p = m.fastData(vaddr, size, false)) {
            std::memcpy(&v, p, size);
        } else {
            syncHart(m.hart, pc, retiredBefore);
            synced = true;
            if (!m.loadSlow(vaddr, size, v)) return 1;
        }
        if (info & kMemSigned)
            v = size == 1 ? static_cast<uint32_t>(static_cast<int8_t>(v))
                          : static_cast<uint32_t>(static_cast<int16_t>(v));
        else if (size < 4)
            v &= (1u << (8 * size)) - 1;
        if (rd) m.hart.x[rd] = v;
    }
    return afterSlowPath(c, pc, retiredBefore, synced);
}

uint32_t amoHelper(JitContext* c, uint32_t pc, uint64_t retiredBefore, uint64_t bits) {
    auto& m = *c->runner->machine();
    MicroOp u{};
    std::memcpy(&u, &bits, sizeof u);
    syncHart(m.hart, pc, retiredBefore);
    if (!m.executeAmo(u)) return 1;
    m.hart.x[0] = 0;
    return afterSlowPath(c, pc, retiredBefore, true);
}

template <typename F> uint64_t address(F* f) {
    return reinterpret_cast<uint64_t>(f);
}

} // namespace

bool hostSupported() {
#if defined(__x86_64__) && defined(__unix__)
    return true;
#else
    return false;
#endif
}

Runner::Runner() : code_(hostSupported() ? kCodeCapacity : 0) {
    ctx_.runner = this;
}

Runner::~Runner() = default;

bool Runner::mustStop() const {
    return machine_->stopBlock || flushPending_;
}

void Runner::codeWritten(uint32_t ramOffset) {
    const auto it = covered_.find(ramOffset >> kPageShift);
    if (it != covered_.end() && it->second.test((ramOffset & (kPageBytes - 1)) >> 2))
        flushPending_ = true;
}

void Runner::dropAll() {
    blocks_.clear();
    covered_.clear();
    code_.reset();
    flushPending_ = false;
    ++stats_.flushes;
}

// Generated code assumes what the interpreter's fast path checks once per access:
// Sv32 translation on for fetches and data, data TLB hits usable (not tracing).
bool Runner::usable(const Machine::Impl& m) const {
    return code_.ok() && m.fetchTranslated && m.dataTranslated && m.dataTlbFast &&
           !m.config.traceInstructions;
}

const CompiledBlock* Runner::find(uint32_t pc, uint32_t ramOffset) const {
    const auto it = blocks_.find(key(pc, ramOffset));
    return it == blocks_.end() ? nullptr : &it->second;
}

// ops: the latched page's decoded instructions. Decodes what the interpreter has not
// decoded yet (as it would on reaching it), then generates code.
const CompiledBlock* Runner::compile(Machine::Impl& m, uint32_t pc, void* opsPage,
                                     uint32_t pageRam) {
    auto* ops = static_cast<MicroOp*>(opsPage);
    const uint32_t first = (pc & (kPageBytes - 1)) >> 2;
    const uint32_t count = std::min<uint32_t>(kOpsPerPage - first, kMaxBlock);
    for (uint32_t i = first; i < first + count; ++i) {
        if (ops[i].op != kUndecoded) continue;
        uint32_t word = 0;
        std::memcpy(&word, &m.ram[pageRam + 4 * i], 4);
        ops[i] = m.decodeWord(word);
    }
    if (code_.free() < kCompileHeadroom) return nullptr;
    CodeTargets t;
    t.epilogue = code_.epilogue();
    t.exitSynced = code_.exitSynced();
    t.memory = address(&memoryHelper);
    t.amo = address(&amoHelper);
    GeneratedBlock g = generateBlock(&ops[first], count, pc, code_.origin(), t);
    if (g.length == 0) return nullptr;
    const uint8_t* entry = code_.append(g.bytes);
    if (!entry) return nullptr;
    const uint32_t ramOffset = pageRam + 4 * first;
    auto& words = covered_[ramOffset >> kPageShift];
    for (uint32_t i = 0; i < g.length; ++i)
        words.set(first + i);
    ++stats_.blocksCompiled;
    stats_.instructionsCompiled += g.length;
    return &(blocks_[key(pc, ramOffset)] = CompiledBlock{pc, ramOffset, g.length, entry});
}

bool Runner::kernelEntry(Machine& machine, JitContext& c) {
    Machine::Impl& m = *machine.impl_;
    if (!hostSupported() || m.halt != HaltReason::InstructionLimit || m.hart.waitingForInterrupt)
        return false;
    m.refreshDerived(); // as Machine::run does before every step
    if (!m.fetchTranslated || !m.dataTranslated || !m.dataTlbFast || m.config.traceInstructions)
        return false;
    // Machine::run(1) would update MTIP/MSIP (here: already as they would be) and find
    // no interrupt to take.
    const bool mtip = m.hart.cycle >= m.timerDeadline;
    if (((m.hart.csr.mip & csr::kMTIP) != 0) != mtip ||
        ((m.hart.csr.mip & csr::kMSIP) != 0) != ((m.clint.msip & 1) != 0) ||
        m.pendingInterrupts() != 0)
        return false;
    c.ram = m.ram.data();
    c.hart = &m.hart;
    c.dtlb = m.dtlb.entries().data();
    c.dtlbMask = static_cast<uint32_t>(m.dtlb.entries().size() - 1);
    c.itlb = m.itlb.entries().data();
    c.itlbMask = static_cast<uint32_t>(m.itlb.entries().size() - 1);
    c.tlbTag = m.tlbTag;
    for (unsigned size : {1u, 2u, 4u})
        c.ramLimit[size] = m.config.ramSize - size;
    c.loadOk = m.loadOk.data();
    c.storeOk = m.storeOk.data();
    c.fetchOk = m.fetchOk.data();
    c.pageFlags = m.pageFlags.data();
    c.tlbHits = &m.tlbStats.hits;
    // bt's dispatcher takes the timer from the cycle mtime (without offset) reaches
    // mtimecmp; the hart from timerDeadline: code leaves at the earlier.
    const uint64_t perTick = m.config.cyclesPerTimerTick;
    const uint64_t cmp = m.clint.mtimecmp;
    const uint64_t due = cmp > UINT64_MAX / perTick ? UINT64_MAX : cmp * perTick;
    c.timerCycle = std::min(due, m.timerDeadline);
    return true;
}

// The interpreter's executeBlock, block by block: the fetch of each new code page is
// translated exactly when the interpreter would (on entry and when pc leaves the
// page), a block that does not fit the budget and any instruction without generated
// code are left to the interpreter with the page still latched.
uint64_t Runner::run(Machine::Impl& m, uint64_t budget) {
    m.stopBlock = false;
    // One step (the bt block executor's memory steps) gains nothing from generated code.
    if (budget < 2 || !usable(m)) return m.executeBlock(budget, nullptr, false);
    if (machine_ != &m) flushPending_ = true;
    machine_ = &m;
    HartState& h = m.hart;
    const uint64_t steps0 = h.steps;
    FetchLatch latch;
    latch.page = 1; // never a page address
    ctx_.ram = m.ram.data();
    ctx_.hart = &h;
    ctx_.dtlb = m.dtlb.entries().data();
    ctx_.dtlbMask = static_cast<uint32_t>(m.dtlb.entries().size() - 1);
    ctx_.tlbTag = m.tlbTag;
    for (unsigned size : {1u, 2u, 4u})
        ctx_.ramLimit[size] = m.config.ramSize - size;
    ctx_.loadOk = m.loadOk.data();
    ctx_.storeOk = m.storeOk.data();
    ctx_.pageFlags = m.pageFlags.data();
    ctx_.tlbHits = &m.tlbStats.hits;
    const auto rest = [&] { return budget - (h.steps - steps0); };
    while (true) {
        if (h.steps - steps0 >= budget || m.stopBlock) break;
        const uint32_t pc = h.pc;
        if ((pc & ~(kPageBytes - 1)) != latch.page) {
            uint32_t ramOffset = 0;
            latch.ops = const_cast<MicroOp*>(m.fetchPage(pc, ramOffset));
            if (!latch.ops) break; // the fetch trapped
            latch.page = pc & ~(kPageBytes - 1);
            latch.ramOffset = ramOffset;
        }
        if (flushPending_) dropAll();
        const uint32_t ramOffset = latch.ramOffset + (pc & (kPageBytes - 1));
        const CompiledBlock* b = find(pc, ramOffset);
        if (!b) b = compile(m, pc, latch.ops, latch.ramOffset);
        if (!b) {
            if (code_.free() < kCompileHeadroom) flushPending_ = true;
            // No code for this instruction (system, illegal...): one interpreted step.
            // Each of those ends the interpreter's block too, so return after it.
            m.executeBlock(1, nullptr, false, &latch);
            break;
        }
        if (b->length > rest()) {
            m.executeBlock(rest(), nullptr, false, &latch);
            break;
        }
        ctx_.left = rest();
        ctx_.retired = 0;
        ++stats_.blockEntries;
        const uint32_t status = code_.enter(&ctx_, b->entry);
        if (status == kExitSynced) break;
        h.pc = ctx_.exitPc;
        h.cycle += ctx_.retired;
        h.instret += ctx_.retired;
        h.steps += ctx_.retired;
        if (status == kExitBudget) {
            m.executeBlock(rest(), nullptr, false, &latch);
            break;
        }
        if (status == kExitInterpret) {
            m.executeBlock(1, nullptr, false, &latch);
            break;
        }
        if (status == kExitChain && !flushPending_) {
            const uint32_t target = ctx_.exitPc;
            const uint32_t targetRam = latch.ramOffset + (target & (kPageBytes - 1));
            const CompiledBlock* next = find(target, targetRam);
            if (!next) next = compile(m, target, latch.ops, latch.ramOffset);
            if (next) {
                code_.patch(ctx_.exitSite, next->entry);
                ++stats_.chainsPatched;
            }
        }
    }
    h.x[0] = 0;
    return h.steps - steps0;
}

} // namespace vizor::jit
