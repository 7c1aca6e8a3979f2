#include "hypervisor/BinaryTranslation.h"

#include "cpu/Csr.h"
#include "jit/Compiler.h"

#include <cstdlib>

namespace vizor::hv {

using namespace csr;
using isa::Op;

namespace {

constexpr uint32_t kPage = 4096;
constexpr std::size_t kMaxBlock = 64;
constexpr std::size_t kKernelCodeBytes = 8u << 20;
constexpr std::size_t kKernelCodeHeadroom = 64u << 10;

bool finalHalt(HaltReason r) {
    return r == HaltReason::PowerOff || r == HaltReason::Failure || r == HaltReason::Deadlock ||
           r == HaltReason::Breakpoint;
}

TranslatedKind classify(Op op) {
    switch (op) {
    case Op::Lui:
    case Op::Auipc:
    case Op::Addi:
    case Op::Slti:
    case Op::Sltiu:
    case Op::Xori:
    case Op::Ori:
    case Op::Andi:
    case Op::Slli:
    case Op::Srli:
    case Op::Srai:
    case Op::Add:
    case Op::Sub:
    case Op::Sll:
    case Op::Slt:
    case Op::Sltu:
    case Op::Xor:
    case Op::Srl:
    case Op::Sra:
    case Op::Or:
    case Op::And:
    case Op::Mul:
    case Op::Mulh:
    case Op::Mulhsu:
    case Op::Mulhu:
    case Op::Div:
    case Op::Divu:
    case Op::Rem:
    case Op::Remu:
        return TranslatedKind::Alu;
    case Op::Jal:
    case Op::Jalr:
    case Op::Beq:
    case Op::Bne:
    case Op::Blt:
    case Op::Bge:
    case Op::Bltu:
    case Op::Bgeu:
        return TranslatedKind::Branch;
    // The sensitive set: what would trap (or, with the x86-style switch, misbehave)
    // when run deprivileged. The VMM emulates it on the virtual CPU instead.
    case Op::Csrrw:
    case Op::Csrrs:
    case Op::Csrrc:
    case Op::Csrrwi:
    case Op::Csrrsi:
    case Op::Csrrci:
    case Op::Sret:
    case Op::Wfi:
    case Op::SfenceVma:
    case Op::Ecall:
        return TranslatedKind::Callout;
    default: // loads, stores, AMOs, fences, and what must raise a real exception
        return TranslatedKind::Direct;
    }
}

int32_t s32(uint32_t v) {
    return static_cast<int32_t>(v);
}

// RV32IM register-register and register-immediate semantics (M: the spec's
// division-by-zero and overflow results).
uint32_t alu(const TranslatedOp& o, const uint32_t* x, uint32_t pc) {
    const uint32_t a = x[o.rs1], b = x[o.rs2], i = static_cast<uint32_t>(o.imm);
    switch (static_cast<Op>(o.op)) {
    case Op::Lui:
        return i;
    case Op::Auipc:
        return pc + i;
    case Op::Addi:
        return a + i;
    case Op::Slti:
        return s32(a) < o.imm;
    case Op::Sltiu:
        return a < i;
    case Op::Xori:
        return a ^ i;
    case Op::Ori:
        return a | i;
    case Op::Andi:
        return a & i;
    case Op::Slli:
        return a << (i & 31);
    case Op::Srli:
        return a >> (i & 31);
    case Op::Srai:
        return static_cast<uint32_t>(s32(a) >> (i & 31));
    case Op::Add:
        return a + b;
    case Op::Sub:
        return a - b;
    case Op::Sll:
        return a << (b & 31);
    case Op::Slt:
        return s32(a) < s32(b);
    case Op::Sltu:
        return a < b;
    case Op::Xor:
        return a ^ b;
    case Op::Srl:
        return a >> (b & 31);
    case Op::Sra:
        return static_cast<uint32_t>(s32(a) >> (b & 31));
    case Op::Or:
        return a | b;
    case Op::And:
        return a & b;
    case Op::Mul:
        return a * b;
    case Op::Mulh:
        return static_cast<uint32_t>((int64_t{s32(a)} * int64_t{s32(b)}) >> 32);
    case Op::Mulhsu:
        return static_cast<uint32_t>((int64_t{s32(a)} * static_cast<int64_t>(b)) >> 32);
    case Op::Mulhu:
        return static_cast<uint32_t>((uint64_t{a} * uint64_t{b}) >> 32);
    case Op::Div:
        if (b == 0) return ~0u;
        if (a == 0x80000000u && b == ~0u) return a;
        return static_cast<uint32_t>(s32(a) / s32(b));
    case Op::Divu:
        return b ? a / b : ~0u;
    case Op::Rem:
        if (b == 0) return a;
        if (a == 0x80000000u && b == ~0u) return 0;
        return static_cast<uint32_t>(s32(a) % s32(b));
    case Op::Remu:
        return b ? a % b : a;
    default:
        return 0;
    }
}

bool taken(const TranslatedOp& o, const uint32_t* x) {
    const uint32_t a = x[o.rs1], b = x[o.rs2];
    switch (static_cast<Op>(o.op)) {
    case Op::Beq:
        return a == b;
    case Op::Bne:
        return a != b;
    case Op::Blt:
        return s32(a) < s32(b);
    case Op::Bge:
        return s32(a) >= s32(b);
    case Op::Bltu:
        return a < b;
    case Op::Bgeu:
        return a >= b;
    default:
        return true; // jal, jalr
    }
}

bool isStore(Op op) {
    return op == Op::Sb || op == Op::Sh || op == Op::Sw || op == Op::ScW ||
           (op >= Op::AmoswapW && op <= Op::AmomaxuW);
}

} // namespace

namespace {
bool codeGenerationWanted(const VmConfig& config) {
    const char* off = std::getenv("VIZOR_NO_JIT");
    return config.generateCode && jit::hostSupported() && !(off && *off && *off != '0');
}
} // namespace

// Direct execution goes through the code generator: on VMware's x86 the deprivileged
// code ran on the CPU itself; here the hart is an interpreter, so its equivalent of
// "the CPU runs it" is host code generated from the guest's. Retirements, counters,
// traps and therefore virtual cycles are the interpreter's exactly.
BinaryTranslation::BinaryTranslation(const VmConfig& config) : TrapAndEmulate(config) {
    if (codeGenerationWanted(config)) {
        jit_ = std::make_unique<jit::Runner>();
        machine_->setBlockRunner(jit_.get());
        kernelSpace_ = std::make_unique<jit::CodeSpace>(kKernelCodeBytes);
        if (!kernelSpace_->ok()) kernelSpace_.reset();
    }
}

BinaryTranslation::~BinaryTranslation() {
    machine_->setBlockRunner(nullptr);
}

bool BinaryTranslation::load(const Program& program, std::string& error) {
    cache_.clear();
    return TrapAndEmulate::load(program, error);
}

// The trap path as in trap mode; when it leaves the guest in its kernel, the real
// hart must stop so that the kernel's code goes through the translator.
bool BinaryTranslation::handleTrap(Machine& machine, const TrapInfo& trap) {
    const bool handled = TrapAndEmulate::handleTrap(machine, trap);
    if (vcpu_.priv == Privilege::Supervisor) machine.requestStop();
    return handled;
}

void BinaryTranslation::event(uint32_t pc, TranslationEvent kind, uint32_t count) {
    machine_->emitEvent(EventType::Translation, pc, static_cast<uint32_t>(kind), count);
}

// A chain follow is its own event type, made only when someone records it: the compute
// loop follows ten million chains a run, and writing each into the ring halved bt's
// speed. VmStats::chainFollows counts every one either way.
void BinaryTranslation::chainEvent(uint32_t target) {
    if (!machine_->events().wants(EventType::TranslationChain)) return;
    machine_->emitEvent(EventType::TranslationChain, target,
                        static_cast<uint32_t>(TranslationEvent::Chain));
}

bool BinaryTranslation::timerDue() const {
    Machine& m = *machine_;
    const uint64_t lo = m.busRead(board::kClintBase + 0x4000, 4).value_or(~0u);
    const uint64_t hi = m.busRead(board::kClintBase + 0x4004, 4).value_or(~0u);
    const uint64_t deadline = hi << 32 | lo;
    if (deadline == UINT64_MAX) return false;
    return m.hart().cycle / m.config().cyclesPerTimerTick >= deadline;
}

RunResult BinaryTranslation::run(uint64_t maxSteps) {
    HartState& h = machine_->hart();
    const uint64_t start = h.steps;
    TranslatedBlock* next = nullptr;
    while (true) {
        if (finalHalt(machine_->haltReason())) return {machine_->haltReason(), h.steps - start};
        const uint64_t done = h.steps - start;
        if (done >= maxSteps) return {HaltReason::InstructionLimit, done};
        if (vcpu_.priv == Privilege::User || h.waitingForInterrupt || timerDue()) {
            // User code (and idling, and taking the host timer) on the real hart; the
            // trap handler stops it as soon as the guest is in its kernel again.
            const RunResult r = machine_->run(
                vcpu_.priv == Privilege::User || h.waitingForInterrupt ? maxSteps - done : 1);
            if (finalHalt(r.reason)) return {r.reason, h.steps - start};
            next = nullptr;
            continue;
        }
        TranslatedBlock* block = next ? next : lookup(h.pc);
        next = block ? runBlock(*block, maxSteps - done) : nullptr;
        if (!block) directStep({}, h.pc); // untranslatable (fetch fault): let it trap
    }
}

TranslatedBlock* BinaryTranslation::lookup(uint32_t pc) {
    if (TranslatedBlock* b = cache_.find(pc, vcpu_.csr.satp)) {
        ++stats_.cacheHits;
        event(pc, TranslationEvent::Hit);
        return b;
    }
    ++stats_.cacheMisses;
    event(pc, TranslationEvent::Miss);
    return translate(pc);
}

// Decodes guest code from pc to the first branch, jump or sensitive instruction (or
// the end of the page) into a block.
TranslatedBlock* BinaryTranslation::translate(uint32_t pc) {
    if (pc & 3) return nullptr;
    const GuestWalk w = walkGuest(*machine_, mmuContext(vcpu_.priv), pc, Access::Fetch, false);
    stats_.walkReferences += static_cast<uint64_t>(w.references);
    if (!w.ok || w.gpa < board::kRamBase) return nullptr;
    TranslatedBlock block;
    block.pc = pc;
    block.space = vcpu_.csr.satp;
    block.codePage = w.gpa & ~(kPage - 1);
    uint32_t gpa = w.gpa;
    do {
        const auto word = machine_->busRead(gpa, 4);
        if (!word) break;
        const isa::DecodedInstruction d = isa::decode(*word);
        TranslatedOp o{classify(d.op), static_cast<uint8_t>(d.op), d.rd, d.rs1, d.rs2, d.imm,
                       d.raw};
        block.ops.push_back(o);
        gpa += 4;
        if (o.kind == TranslatedKind::Branch || o.kind == TranslatedKind::Callout) break;
    } while (block.ops.size() < kMaxBlock && (gpa & (kPage - 1)) != 0);
    if (block.ops.empty()) return nullptr;
    const TranslatedOp& last = block.ops.back();
    const uint32_t lastPc = pc + 4 * static_cast<uint32_t>(block.ops.size() - 1);
    if (last.op == static_cast<uint8_t>(Op::Jal) ||
        (last.kind == TranslatedKind::Branch && last.op != static_cast<uint8_t>(Op::Jalr)))
        block.successorPc[0] = lastPc + static_cast<uint32_t>(last.imm);
    if (last.op != static_cast<uint8_t>(Op::Jal) && last.op != static_cast<uint8_t>(Op::Jalr))
        block.successorPc[1] = lastPc + 4;
    ++stats_.translatedBlocks;
    stats_.translatedInstructions += block.ops.size();
    event(pc, TranslationEvent::Translate, static_cast<uint32_t>(block.ops.size()));
    return cache_.insert(std::move(block));
}

// The block executor: register operations and branches run here on the hart's
// registers from the pre-decoded form (no fetch, no decode, no TLB); memory accesses
// take one step of the real hart so that the shadow MMU and the devices see them.
TranslatedBlock* BinaryTranslation::execute(TranslatedBlock& block, uint64_t budget,
                                            std::size_t first) {
    HartState& h = machine_->hart();
    uint32_t* const x = h.x;
    uint32_t pc = block.pc + 4 * static_cast<uint32_t>(first);
    auto retire = [&h] {
        ++h.instret;
        ++h.cycle;
        ++h.steps;
    };
    for (std::size_t i = first; i < block.ops.size(); ++i) {
        const TranslatedOp& o = block.ops[i];
        if (budget-- == 0) {
            h.pc = pc;
            return nullptr;
        }
        switch (o.kind) {
        case TranslatedKind::Alu:
            if (o.rd) x[o.rd] = alu(o, x, pc);
            retire();
            pc += 4;
            break;
        case TranslatedKind::Direct:
            h.pc = pc;
            if (!directStep(o, pc) || !block.valid) return nullptr;
            pc += 4;
            break;
        case TranslatedKind::Callout:
            h.pc = pc;
            ++h.steps; // as the trap it replaces: a step and a cycle
            ++h.cycle;
            event(pc, TranslationEvent::Callout, o.raw);
            callout({o.op == static_cast<uint8_t>(Op::Ecall) ? kEcallFromU : kIllegalInstruction,
                     o.op == static_cast<uint8_t>(Op::Ecall) ? 0 : o.raw, pc, Privilege::User});
            if (vcpu_.priv != Privilege::Supervisor || h.waitingForInterrupt) return nullptr;
            return follow(block, h.pc);
        case TranslatedKind::Branch: {
            uint32_t target = pc + 4;
            if (taken(o, x))
                target = o.op == static_cast<uint8_t>(Op::Jalr)
                             ? (x[o.rs1] + static_cast<uint32_t>(o.imm)) & ~1u
                             : pc + static_cast<uint32_t>(o.imm);
            if (target & 3) { // the hart raises the misaligned-target exception
                h.pc = pc;
                directStep(o, pc);
                return nullptr;
            }
            const bool link =
                o.op == static_cast<uint8_t>(Op::Jal) || o.op == static_cast<uint8_t>(Op::Jalr);
            if (link && o.rd) x[o.rd] = pc + 4; // B-type has no rd (those bits are imm)
            retire();
            h.pc = target;
            return follow(block, target);
        }
        }
    }
    h.pc = pc; // the block ended at its size limit or the end of its page
    return follow(block, pc);
}

// Chaining: a block's direct successors are looked up once and then linked, so the
// next execution goes from block to block without the dispatcher.
TranslatedBlock* BinaryTranslation::follow(TranslatedBlock& block, uint32_t target) {
    for (int i = 0; i < 2; ++i) {
        if (block.successorPc[i] != target || target == 0) continue;
        TranslatedBlock* next = block.successor[i];
        if (next && next->valid && next->space == vcpu_.csr.satp) {
            ++stats_.chainFollows;
            chainEvent(target);
            return next;
        }
        next = lookup(target);
        if (next && next->space == vcpu_.csr.satp) block.successor[i] = next;
        return next;
    }
    return nullptr;
}

// One instruction on the real hart (still deprivileged, on the shadow tables); true
// when it completed and the guest is still in its kernel at the next instruction.
bool BinaryTranslation::directStep(const TranslatedOp& op, uint32_t pc) {
    HartState& h = machine_->hart();
    const Op o = static_cast<Op>(op.op);
    const bool amo = o == Op::ScW || (o >= Op::AmoswapW && o <= Op::AmomaxuW);
    const uint32_t address = h.x[op.rs1] + (amo ? 0 : static_cast<uint32_t>(op.imm));
    const RunResult r = machine_->run(1);
    const bool done = !finalHalt(r.reason) && h.pc == pc + 4 &&
                      vcpu_.priv == Privilege::Supervisor && !h.waitingForInterrupt;
    if (h.pc == pc + 4 && isStore(o)) noteStore(address);
    return done;
}

// A per-page code map checked on every store the kernel makes: a store into a page
// holding translated code drops its blocks (the next execution retranslates).
void BinaryTranslation::noteStore(uint32_t address) {
    const auto paddr = machine_->translateForDebugger(address);
    if (!paddr) return;
    const uint32_t page = *paddr & ~(kPage - 1);
    if (!cache_.holdsCode(page)) return;
    const std::size_t dropped = cache_.invalidatePage(page);
    stats_.invalidations += dropped;
    event(address, TranslationEvent::Invalidate, static_cast<uint32_t>(dropped));
}

// --- translated kernel blocks as host code ---------------------------------------------

void BinaryTranslation::dropKernelCode() {
    kernelCode_.clear();
    kernelSpace_->reset();
    ++kernelResets_;
}

const BinaryTranslation::KernelCode* BinaryTranslation::kernelCode(TranslatedBlock& block) {
    // Blocks dropped or replaced (invalidation, time travel): their code and chain links
    // go with them, all at once.
    if (cache_.generation() != kernelGeneration_) {
        dropKernelCode();
        kernelGeneration_ = cache_.generation();
    }
    if (const auto it = kernelCode_.find(&block); it != kernelCode_.end()) return &it->second;
    if (kernelSpace_->free() < kKernelCodeHeadroom) dropKernelCode();
    std::vector<jit::GuestOp> ops;
    ops.reserve(block.ops.size());
    for (const TranslatedOp& o : block.ops)
        ops.push_back({o.op, o.rd, o.rs1, o.rs2, o.imm});
    jit::KernelBlock k;
    k.ops = ops.data();
    k.length = jit::kernelPrefix(ops.data(), static_cast<uint32_t>(ops.size()), block.pc);
    k.pc = block.pc;
    k.whole = k.length == ops.size();
    k.tag = reinterpret_cast<uint64_t>(&block);
    k.successorPc[0] = block.successorPc[0];
    k.successorPc[1] = block.successorPc[1];
    jit::CodeTargets t;
    t.epilogue = kernelSpace_->epilogue();
    t.exitSynced = kernelSpace_->exitSynced();
    const jit::GeneratedBlock g = jit::generateKernelBlock(k, kernelSpace_->origin(), t);
    KernelCode code;
    if (g.length) code = {kernelSpace_->append(g.bytes), g.length};
    return &(kernelCode_[&block] = code);
}

// The run loop followed a successor the executor has linked: link the generated code
// too, so the next time it goes block to block without leaving host code.
void BinaryTranslation::linkKernelCode(TranslatedBlock& from, uint32_t slot, uint64_t site,
                                       TranslatedBlock* next) {
    if (!next || slot > 1 || from.successor[slot] != next) return;
    const uint64_t resets = kernelResets_;
    const KernelCode* code = kernelCode(*next);
    if (resets != kernelResets_ || !code->entry) return; // `site` went with a reset
    jit::CodeTargets t;
    t.epilogue = kernelSpace_->epilogue();
    const std::vector<uint8_t> link = jit::generateChainLink(
        from.successorPc[slot], reinterpret_cast<uint64_t>(next), code->entry,
        reinterpret_cast<uint64_t>(&chainEventFromCode), kernelSpace_->origin(), t);
    if (const uint8_t* at = kernelSpace_->append(link)) kernelSpace_->patch(site, at);
}

// A chain followed in host code, reported as follow() reports it: the hart as the
// executor leaves it at that moment (pc at the target, every retirement counted).
void BinaryTranslation::chainEventFromCode(jit::JitContext* ctx, uint32_t target,
                                           uint64_t retired) {
    auto* self = static_cast<BinaryTranslation*>(ctx->owner);
    HartState& h = self->machine_->hart();
    const uint32_t pc = h.pc;
    h.pc = target;
    h.cycle += retired;
    h.instret += retired;
    h.steps += retired;
    self->chainEvent(target);
    h.cycle -= retired;
    h.instret -= retired;
    h.steps -= retired;
    h.pc = pc;
}

TranslatedBlock* BinaryTranslation::runBlock(TranslatedBlock& block, uint64_t budget) {
    if (!kernelSpace_) return execute(block, budget);
    const KernelCode* code = kernelCode(block);
    if (!code->entry || code->length > budget) return execute(block, budget);
    jit::JitContext& c = kernelCtx_;
    if (!jit::Runner::kernelEntry(*machine_, c)) return execute(block, budget);
    c.left = budget;
    c.retired = 0;
    c.chainFollows = &stats_.chainFollows;
    c.wantsEvents = machine_->events().wants(EventType::TranslationChain) ? 1 : 0;
    c.owner = this;
    c.codePages = cache_.codePageMap(machine_->config().ramSize / kPage);
    ++kernelEntries_;
    const uint32_t status = kernelSpace_->enter(&c, code->entry);
    HartState& h = machine_->hart();
    h.cycle += c.retired;
    h.instret += c.retired;
    h.steps += c.retired;
    auto* at = reinterpret_cast<TranslatedBlock*>(c.exitBlock);
    if (status == jit::kExitResume) {
        h.pc = at->pc + 4 * c.exitIndex;
        return execute(*at, c.left, c.exitIndex);
    }
    h.pc = c.exitPc;
    if (status == jit::kExitFollow) {
        TranslatedBlock* next = follow(*at, h.pc);
        linkKernelCode(*at, c.exitSlot, c.exitSite, next);
        return next;
    }
    return at; // kExitNext, kExitBudget: the dispatcher goes on with it (or looks up)
}

} // namespace vizor::hv
