// Register use in generated code (System V AMD64, so the helpers are plain C++):
//   rbx  the hart's register file (x[i] at [rbx + 4 i])   r12  steps left (budget)
//   r13  retired since entry                               r14  the JitContext
//   r15  host address of guest RAM                         rax, rcx, rdx: scratch
// Guest registers live in memory: every instruction loads its sources and stores its
// result, which keeps each instruction's code independent and the helpers' view of
// the hart exact. x0 is never written (an instruction with rd = 0 writes nothing).
#include "jit/Compiler.h"

#include "isa/InstructionTable.h"
#include "jit/JitContext.h"
#include "machine/MachineImpl.h"

#include <cstddef>
#include <cstring>
#include <functional>

namespace vizor::jit {

using isa::Op;

namespace {

static_assert(offsetof(HartState, x) == 0, "rbx points at the register file");

int32_t s32(uint32_t v) {
    return static_cast<int32_t>(v);
}
// RV32M: division by zero and the one overflow have defined results (x86 would fault).
uint32_t divHelper(uint32_t a, uint32_t b) {
    if (b == 0) return ~0u;
    if (a == 0x80000000u && b == ~0u) return a;
    return static_cast<uint32_t>(s32(a) / s32(b));
}
uint32_t divuHelper(uint32_t a, uint32_t b) {
    return b ? a / b : ~0u;
}
uint32_t remHelper(uint32_t a, uint32_t b) {
    if (b == 0) return a;
    if (a == 0x80000000u && b == ~0u) return 0;
    return static_cast<uint32_t>(s32(a) % s32(b));
}
uint32_t remuHelper(uint32_t a, uint32_t b) {
    return b ? a % b : a;
}
using DivideFn = uint32_t (*)(uint32_t, uint32_t);
constexpr DivideFn kDivide[4] = {divHelper, divuHelper, remHelper, remuHelper};
static_assert(sizeof(TlbEntry) == 16, "the TLB index is scaled by 16");

constexpr Reg kHart = RBX, kLeft = R12, kRetired = R13, kCtx = R14, kRam = R15;

Mem x(unsigned r) {
    return {kHart, static_cast<int32_t>(4 * r)};
}
Mem ctx(std::size_t offset) {
    return {kCtx, static_cast<int32_t>(offset)};
}

bool isBranch(Op op) {
    return op >= Op::Beq && op <= Op::Bgeu;
}

Cond branchCond(Op op) {
    switch (op) {
    case Op::Beq:
        return Cond::E;
    case Op::Bne:
        return Cond::NE;
    case Op::Blt:
        return Cond::L;
    case Op::Bge:
        return Cond::GE;
    case Op::Bltu:
        return Cond::B;
    default:
        return Cond::AE;
    }
}

struct MemAccess {
    unsigned size;
    bool isSigned;
    bool store;
};

MemAccess memAccess(Op op) {
    switch (op) {
    case Op::Lb:
        return {1, true, false};
    case Op::Lh:
        return {2, true, false};
    case Op::Lw:
        return {4, false, false};
    case Op::Lbu:
        return {1, false, false};
    case Op::Lhu:
        return {2, false, false};
    case Op::Sb:
        return {1, false, true};
    case Op::Sh:
        return {2, false, true};
    default:
        return {4, false, true};
    }
}

class BlockWriter {
public:
    BlockWriter(uint32_t pc, uint32_t length, uint64_t origin, const CodeTargets& t,
                const KernelBlock* kernel = nullptr)
        : pc0_(pc), length_(length), origin_(origin), t_(t), kernel_(kernel) {}

    std::vector<uint8_t> finish() { return std::move(a_.bytes()); }

    // Budget first: a block runs whole or not at all (the run loop interprets a
    // partial one), so every retirement inside is counted up front.
    void prologue() {
        Label enough;
        a_.alu64Imm(Alu::Cmp, kLeft, static_cast<int32_t>(length_));
        a_.jcc(Cond::AE, enough);
        if (kernel_) {
            a_.storeImm(ctx(offsetof(JitContext, exitPc)), pc0_);
            kernelExit(kExitBudget);
        } else {
            exitTo(kExitBudget, pc0_);
        }
        a_.bind(enough);
        a_.alu64Imm(Alu::Sub, kLeft, static_cast<int32_t>(length_));
        a_.alu64Imm(Alu::Add, kRetired, static_cast<int32_t>(length_));
    }

    void instruction(const MicroOp& u, uint32_t index) {
        const auto op = static_cast<Op>(u.op);
        const uint32_t pc = pc0_ + 4 * index;
        const auto imm = static_cast<uint32_t>(u.imm);
        switch (op) {
        case Op::Lui:
            if (u.rd) a_.storeImm(x(u.rd), imm);
            return;
        case Op::Auipc:
            if (u.rd) a_.storeImm(x(u.rd), pc + imm);
            return;
        case Op::Addi:
            return aluImm(u, Alu::Add);
        case Op::Xori:
            return aluImm(u, Alu::Xor);
        case Op::Ori:
            return aluImm(u, Alu::Or);
        case Op::Andi:
            return aluImm(u, Alu::And);
        case Op::Slti:
        case Op::Sltiu:
            if (!u.rd) return;
            a_.load(RAX, x(u.rs1));
            a_.aluImm(Alu::Cmp, RAX, imm);
            a_.setcc(op == Op::Slti ? Cond::L : Cond::B, RAX);
            a_.store(x(u.rd), RAX);
            return;
        case Op::Slli:
        case Op::Srli:
        case Op::Srai:
            if (!u.rd) return;
            a_.load(RAX, x(u.rs1));
            a_.shiftImm(op == Op::Slli   ? Shift::Shl
                        : op == Op::Srli ? Shift::Shr
                                         : Shift::Sar,
                        RAX, static_cast<uint8_t>(imm & 31));
            a_.store(x(u.rd), RAX);
            return;
        case Op::Add:
            return aluReg(u, Alu::Add);
        case Op::Sub:
            return aluReg(u, Alu::Sub);
        case Op::Xor:
            return aluReg(u, Alu::Xor);
        case Op::Or:
            return aluReg(u, Alu::Or);
        case Op::And:
            return aluReg(u, Alu::And);
        case Op::Sll:
        case Op::Srl:
        case Op::Sra:
            if (!u.rd) return;
            a_.load(RAX, x(u.rs1));
            a_.load(RCX, x(u.rs2));
            // x86 masks a 32-bit shift count to 5 bits, as RV32 does.
            a_.shiftCl(op == Op::Sll ? Shift::Shl : op == Op::Srl ? Shift::Shr : Shift::Sar, RAX);
            a_.store(x(u.rd), RAX);
            return;
        case Op::Slt:
        case Op::Sltu:
            if (!u.rd) return;
            a_.load(RAX, x(u.rs1));
            a_.aluMem(Alu::Cmp, RAX, x(u.rs2));
            a_.setcc(op == Op::Slt ? Cond::L : Cond::B, RAX);
            a_.store(x(u.rd), RAX);
            return;
        case Op::Mul:
            if (!u.rd) return;
            a_.load(RAX, x(u.rs1));
            a_.load(RCX, x(u.rs2));
            a_.imul(RAX, RCX);
            a_.store(x(u.rd), RAX);
            return;
        case Op::Mulh:
        case Op::Mulhsu:
        case Op::Mulhu:
            // The full 64-bit product of the (sign- or zero-) extended operands, high half.
            if (!u.rd) return;
            a_.load(RAX, x(u.rs1));
            a_.load(RCX, x(u.rs2));
            if (op != Op::Mulhu) a_.movsxd(RAX, RAX);
            if (op == Op::Mulh) a_.movsxd(RCX, RCX);
            a_.imul64(RAX, RCX);
            a_.shift64Imm(Shift::Shr, RAX, 32);
            a_.store(x(u.rd), RAX);
            return;
        case Op::Div:
        case Op::Divu:
        case Op::Rem:
        case Op::Remu: {
            // A helper: x86's divide faults where RV32 defines a result (by zero, overflow).
            if (!u.rd) return;
            const int which = static_cast<int>(op) - static_cast<int>(Op::Div);
            a_.load(RDI, x(u.rs1));
            a_.load(RSI, x(u.rs2));
            a_.callAbs(reinterpret_cast<uint64_t>(kDivide[which]));
            a_.store(x(u.rd), RAX);
            return;
        }
        case Op::Fence:
            return; // one hart, in-order memory: nothing to order
        case Op::Lb:
        case Op::Lh:
        case Op::Lw:
        case Op::Lbu:
        case Op::Lhu:
        case Op::Sb:
        case Op::Sh:
        case Op::Sw:
            if (kernel_) return kernelMemory(u, index, memAccess(op));
            return memory(u, index, memAccess(op));
        case Op::Jal:
            if (u.rd) a_.storeImm(x(u.rd), pc + 4);
            if (kernel_) return followSlot(pc + imm);
            return exitOrChain(pc + imm);
        case Op::Jalr:
            if (kernel_) return kernelJalr(u, index);
            return jalr(u, index);
        default:
            if (isBranch(op)) return kernel_ ? kernelBranch(u, pc) : branch(u, pc);
            return amo(u, index); // generates() admits nothing else
        }
    }

    // The block ended without a jump: continue at the next instruction.
    void fallThrough(uint32_t nextPc) {
        if (!kernel_) return exitOrChain(nextPc);
        if (kernel_->whole) return followSlot(nextPc); // the block's size or page limit
        resumeAt(length_); // the executor runs the rest (a callout, an AMO...)
    }

    // Out-of-line slow paths, after the block's straight-line code.
    void slowPaths() {
        for (auto& emit : deferred_)
            emit();
        deferred_.clear();
    }

private:
    void aluImm(const MicroOp& u, Alu op) {
        if (!u.rd) return;
        a_.load(RAX, x(u.rs1));
        if (u.imm != 0 || op == Alu::And) a_.aluImm(op, RAX, static_cast<uint32_t>(u.imm));
        a_.store(x(u.rd), RAX);
    }
    void aluReg(const MicroOp& u, Alu op) {
        if (!u.rd) return;
        a_.load(RAX, x(u.rs1));
        a_.aluMem(op, RAX, x(u.rs2));
        a_.store(x(u.rd), RAX);
    }

    void exitTo(ExitStatus status, uint32_t pc) {
        a_.storeImm(ctx(offsetof(JitContext, exitPc)), pc);
        a_.movImm(RAX, status);
        a_.jmpAbs(origin_, t_.epilogue);
    }

    // A jump to a known target: within the page, a patchable jmp whose first target is
    // a stub asking the run loop to link it; elsewhere, back to the run loop (it must
    // translate the fetch of the new page as the interpreter would).
    void exitOrChain(uint32_t target) {
        if (!samePage(target)) return exitTo(kExitJump, target);
        a_.bytes().push_back(0xe9);
        const std::size_t site = a_.size();
        for (int i = 0; i < 4; ++i)
            a_.bytes().push_back(0);
        chainStub(site, target);
    }
    void chainStub(std::size_t site, uint32_t target) {
        const auto rel = static_cast<uint32_t>(a_.size() - (site + 4));
        for (int i = 0; i < 4; ++i)
            a_.bytes()[site + i] = static_cast<uint8_t>(rel >> (8 * i));
        a_.movImm64(RAX, origin_ + site);
        a_.store64(ctx(offsetof(JitContext, exitSite)), RAX);
        a_.storeImm(ctx(offsetof(JitContext, exitPc)), target);
        a_.movImm(RAX, kExitChain);
        a_.jmpAbs(origin_, t_.epilogue);
    }
    bool samePage(uint32_t target) const { return (target ^ pc0_) < kPageBytes; }

    void branch(const MicroOp& u, uint32_t pc) {
        const uint32_t taken = pc + static_cast<uint32_t>(u.imm);
        a_.load(RAX, x(u.rs1));
        a_.aluMem(Alu::Cmp, RAX, x(u.rs2));
        if (samePage(taken)) {
            // The jcc's own rel32 is the patchable link; its stub comes after the
            // fall-through's.
            a_.bytes().push_back(0x0f);
            a_.bytes().push_back(static_cast<uint8_t>(
                0x80 | static_cast<uint8_t>(branchCond(static_cast<Op>(u.op)))));
            const std::size_t site = a_.size();
            for (int i = 0; i < 4; ++i)
                a_.bytes().push_back(0);
            exitOrChain(pc + 4);
            chainStub(site, taken);
        } else {
            Label notTaken;
            a_.jcc(negate(branchCond(static_cast<Op>(u.op))), notTaken);
            exitTo(kExitJump, taken);
            a_.bind(notTaken);
            exitOrChain(pc + 4);
        }
    }
    static Cond negate(Cond c) { return static_cast<Cond>(static_cast<uint8_t>(c) ^ 1); }

    void jalr(const MicroOp& u, uint32_t index) {
        const uint32_t pc = pc0_ + 4 * index;
        Label misaligned;
        a_.load(RAX, x(u.rs1));
        a_.aluImm(Alu::Add, RAX, static_cast<uint32_t>(u.imm));
        a_.aluImm(Alu::And, RAX, ~1u);
        a_.testImm(RAX, 3);
        a_.jcc(Cond::NE, misaligned);
        if (u.rd) a_.storeImm(x(u.rd), pc + 4); // after reading rs1: rd may be rs1
        a_.store(ctx(offsetof(JitContext, exitPc)), RAX);
        a_.movImm(RAX, kExitJump);
        a_.jmpAbs(origin_, t_.epilogue);
        a_.bind(misaligned);
        // Not retired: give its step back and let the interpreter raise the exception.
        a_.alu64Imm(Alu::Add, kLeft, 1);
        a_.alu64Imm(Alu::Sub, kRetired, 1);
        exitTo(kExitInterpret, pc);
    }

    // retiredBefore = r13 - length + index: the steps before this instruction.
    void loadRetiredBefore(Reg r, uint32_t index) {
        a_.lea64(r, {kRetired, static_cast<int32_t>(index) - static_cast<int32_t>(length_)});
    }
    void callThenCheck(uint64_t helper) {
        a_.mov64(RDI, kCtx);
        a_.callAbs(helper);
        a_.aluImm(Alu::Cmp, RAX, 0);
        a_.jccAbs(Cond::NE, origin_, t_.exitSynced);
    }

    void amo(const MicroOp& u, uint32_t index) {
        uint64_t bits = 0;
        static_assert(sizeof(MicroOp) == 8);
        std::memcpy(&bits, &u, sizeof bits);
        a_.movImm(RSI, pc0_ + 4 * index);
        loadRetiredBefore(RDX, index);
        a_.movImm64(RCX, bits);
        callThenCheck(t_.amo);
    }

    // The data TLB lookup of Machine::Impl::fastData, inline: an exact-tag hit whose
    // PTE bits allow the access, on RAM (and for a store, a page already dirty with no
    // code or log to update). Anything else calls the helper, which does what the
    // interpreter does (fastData again, then the slow path).
    void memory(const MicroOp& u, uint32_t index, MemAccess m) {
        auto slow = std::make_shared<Label>();
        auto resume = std::make_shared<Label>();
        dataAccess(u, m, *slow, 1);
        a_.bind(*resume);
        const uint32_t pc = pc0_ + 4 * index;
        const uint32_t info = m.size | (m.isSigned ? kMemSigned : 0) | (m.store ? kMemStore : 0) |
                              uint32_t{u.rd} << kMemRdShift;
        const MicroOp op = u;
        deferred_.push_back([this, slow, resume, op, index, pc, info, m] {
            a_.bind(*slow);
            a_.load(RSI, x(op.rs1));
            if (op.imm) a_.aluImm(Alu::Add, RSI, static_cast<uint32_t>(op.imm));
            a_.movImm(RDX, pc);
            loadRetiredBefore(RCX, index);
            a_.movImm(R8, info);
            if (m.store) a_.load(R9, x(op.rs2));
            callThenCheck(t_.memory);
            a_.jmp(*resume);
        });
    }

    // The interpreter's TLB lookup in host code, for fetches and data alike: RAX holds
    // the VPN; the entry must match it and the current tag, be valid, and its PTE bits
    // must allow the access (the `ok` table indexed by them). On such a hit RDX points at
    // the entry; anything else jumps to `miss`.
    void tlbProbe(std::size_t maskAt, std::size_t tableAt, std::size_t okAt, Label& miss) {
        a_.mov(RDX, RAX);
        a_.aluMem(Alu::And, RDX, ctx(maskAt));
        a_.shiftImm(Shift::Shl, RDX, 4);
        a_.alu64Mem(Alu::Add, RDX, ctx(tableAt));
        a_.aluMem(Alu::Cmp, RAX, {RDX, static_cast<int32_t>(offsetof(TlbEntry, vpn))});
        a_.jcc(Cond::NE, miss);
        a_.load(RAX, {RDX, static_cast<int32_t>(offsetof(TlbEntry, tag))});
        a_.aluMem(Alu::Cmp, RAX, ctx(offsetof(JitContext, tlbTag)));
        a_.jcc(Cond::NE, miss);
        a_.cmpMem8Imm({RDX, static_cast<int32_t>(offsetof(TlbEntry, valid))}, 0);
        a_.jcc(Cond::E, miss);
        a_.loadZx8(RAX, {RDX, static_cast<int32_t>(offsetof(TlbEntry, pte))});
        a_.alu64Mem(Alu::Add, RAX, ctx(okAt));
        a_.cmpMem8Imm({RAX, 0}, 0);
        a_.jcc(Cond::E, miss);
    }

    // The access itself; `hits`: TLB hits it counts when it succeeds (the kernel's
    // steps also count their fetch).
    void dataAccess(const MicroOp& u, MemAccess m, Label& slowPath, int hits) {
        Label& slow = slowPath;
        a_.load(RCX, x(u.rs1));
        if (u.imm) a_.aluImm(Alu::Add, RCX, static_cast<uint32_t>(u.imm));
        if (m.size > 1) {
            a_.testImm(RCX, m.size - 1);
            a_.jcc(Cond::NE, slow);
        }
        a_.mov(RAX, RCX);
        a_.shiftImm(Shift::Shr, RAX, kPageShift);
        tlbProbe(offsetof(JitContext, dtlbMask), offsetof(JitContext, dtlb),
                 m.store ? offsetof(JitContext, storeOk) : offsetof(JitContext, loadOk), slow);
        a_.load(RAX, {RDX, static_cast<int32_t>(offsetof(TlbEntry, ppn))});
        a_.shiftImm(Shift::Shl, RAX, kPageShift);
        a_.aluImm(Alu::And, RCX, kPageBytes - 1);
        a_.alu(Alu::Or, RAX, RCX);
        a_.aluImm(Alu::Sub, RAX, board::kRamBase);
        a_.aluMem(Alu::Cmp, RAX, ctx(offsetof(JitContext, ramLimit) + sizeof(uint32_t) * m.size));
        a_.jcc(Cond::A, slow);
        if (m.store) {
            a_.mov(RDX, RAX);
            a_.shiftImm(Shift::Shr, RDX, kPageShift);
            a_.alu64Mem(Alu::Add, RDX, ctx(offsetof(JitContext, pageFlags)));
            a_.cmpMem8Imm({RDX, 0}, kPageDirty);
            a_.jcc(Cond::NE, slow);
            if (kernel_) { // bt's per-page code map: the executor drops the blocks
                a_.mov(RDX, RAX);
                a_.shiftImm(Shift::Shr, RDX, kPageShift);
                a_.alu64Mem(Alu::Add, RDX, ctx(offsetof(JitContext, codePages)));
                a_.cmpMem8Imm({RDX, 0}, 0);
                a_.jcc(Cond::NE, slow);
            }
        }
        a_.load64(RDX, ctx(offsetof(JitContext, tlbHits)));
        for (int i = 0; i < hits; ++i)
            a_.incMem64({RDX, 0});
        a_.alu64(Alu::Add, RAX, kRam);
        if (m.store) {
            a_.load(RCX, x(u.rs2));
            if (m.size == 1) a_.store8({RAX, 0}, RCX);
            if (m.size == 2) a_.store16({RAX, 0}, RCX);
            if (m.size == 4) a_.store({RAX, 0}, RCX);
        } else {
            if (m.size == 1) m.isSigned ? a_.loadSx8(RCX, {RAX, 0}) : a_.loadZx8(RCX, {RAX, 0});
            if (m.size == 2) m.isSigned ? a_.loadSx16(RCX, {RAX, 0}) : a_.loadZx16(RCX, {RAX, 0});
            if (m.size == 4) a_.load(RCX, {RAX, 0});
            if (u.rd) a_.store(x(u.rd), RCX);
        }
    }

    // --- translated kernel blocks ---------------------------------------------------
    void kernelExit(ExitStatus status) {
        a_.movImm64(RAX, kernel_->tag);
        a_.store64(ctx(offsetof(JitContext, exitBlock)), RAX);
        a_.movImm(RAX, status);
        a_.jmpAbs(origin_, t_.epilogue);
    }

    // Gives the instructions from `index` on back (not retired) to the block executor.
    void resumeAt(uint32_t index) {
        const auto back = static_cast<int32_t>(length_ - index);
        if (back) {
            a_.alu64Imm(Alu::Add, kLeft, back);
            a_.alu64Imm(Alu::Sub, kRetired, back);
        }
        a_.storeImm(ctx(offsetof(JitContext, exitIndex)), index);
        kernelExit(kExitResume);
    }

    // The successor slot BinaryTranslation::follow would use for `target`, or -1.
    int slotFor(uint32_t target) const {
        for (int i = 0; i < 2; ++i)
            if (kernel_->successorPc[i] == target && target != 0) return i;
        return -1;
    }

    // Leaves for the dispatcher with no block in hand: it looks `target` up.
    void exitNextUnknown(uint32_t target) {
        a_.storeImm(ctx(offsetof(JitContext, exitPc)), target);
        a_.movImm64(RAX, 0);
        a_.store64(ctx(offsetof(JitContext, exitBlock)), RAX);
        a_.movImm(RAX, kExitNext);
        a_.jmpAbs(origin_, t_.epilogue);
    }

    // The stub a follow slot starts out pointing at: the run loop follows (counting and
    // linking as the executor does) and may patch the slot to a chain link.
    void followStub(std::size_t site, uint32_t target) {
        const auto rel = static_cast<uint32_t>(a_.size() - (site + 4));
        for (int i = 0; i < 4; ++i)
            a_.bytes()[site + i] = static_cast<uint8_t>(rel >> (8 * i));
        const int slot = slotFor(target);
        if (slot < 0) return exitNextUnknown(target);
        a_.movImm64(RAX, origin_ + site);
        a_.store64(ctx(offsetof(JitContext, exitSite)), RAX);
        a_.storeImm(ctx(offsetof(JitContext, exitPc)), target);
        a_.storeImm(ctx(offsetof(JitContext, exitSlot)), static_cast<uint32_t>(slot));
        kernelExit(kExitFollow);
    }

    void followSlot(uint32_t target) {
        if (slotFor(target) < 0) return exitNextUnknown(target);
        a_.bytes().push_back(0xe9);
        const std::size_t site = a_.size();
        for (int i = 0; i < 4; ++i)
            a_.bytes().push_back(0);
        followStub(site, target);
    }

    void kernelBranch(const MicroOp& u, uint32_t pc) {
        const uint32_t taken = pc + static_cast<uint32_t>(u.imm);
        a_.load(RAX, x(u.rs1));
        a_.aluMem(Alu::Cmp, RAX, x(u.rs2));
        a_.bytes().push_back(0x0f);
        a_.bytes().push_back(
            static_cast<uint8_t>(0x80 | static_cast<uint8_t>(branchCond(static_cast<Op>(u.op)))));
        const std::size_t site = a_.size();
        for (int i = 0; i < 4; ++i)
            a_.bytes().push_back(0);
        followSlot(pc + 4);
        followStub(site, taken);
    }

    void kernelJalr(const MicroOp& u, uint32_t index) {
        const uint32_t pc = pc0_ + 4 * index;
        Label misaligned;
        a_.load(RAX, x(u.rs1));
        a_.aluImm(Alu::Add, RAX, static_cast<uint32_t>(u.imm));
        a_.aluImm(Alu::And, RAX, ~1u);
        a_.testImm(RAX, 3);
        a_.jcc(Cond::NE, misaligned);
        if (u.rd) a_.storeImm(x(u.rd), pc + 4);
        a_.store(ctx(offsetof(JitContext, exitPc)), RAX);
        a_.movImm64(RAX, 0); // an indirect jump has no chain: the dispatcher looks it up
        a_.store64(ctx(offsetof(JitContext, exitBlock)), RAX);
        a_.movImm(RAX, kExitNext);
        a_.jmpAbs(origin_, t_.epilogue);
        a_.bind(misaligned);
        resumeAt(index);
    }

    // One step of the real hart, when it would run the access on its fast path: no
    // timer interrupt due (Machine::run takes one first), the fetch an ITLB hit, the
    // data access a DTLB hit on RAM, and a store not into translated code.
    void kernelMemory(const MicroOp& u, uint32_t index, MemAccess m) {
        auto resume = std::make_shared<Label>();
        const uint32_t pc = pc0_ + 4 * index;
        a_.load64(RAX, {kHart, static_cast<int32_t>(offsetof(HartState, cycle))});
        a_.alu64(Alu::Add, RAX, kRetired);
        if (index != length_)
            a_.alu64Imm(Alu::Add, RAX, static_cast<int32_t>(index) - static_cast<int32_t>(length_));
        a_.alu64Mem(Alu::Cmp, RAX, ctx(offsetof(JitContext, timerCycle)));
        a_.jcc(Cond::AE, *resume);
        if (!fetchChecked_) fetchCheck(pc, *resume);
        fetchChecked_ = true; // the ITLB does not change inside the block's code
        dataAccess(u, m, *resume, 2);
        deferred_.push_back([this, resume, index] {
            a_.bind(*resume);
            resumeAt(index);
        });
    }

    // The step's fetch: an ITLB hit that allows it.
    void fetchCheck(uint32_t pc, Label& resume) {
        a_.movImm(RAX, pc >> kPageShift);
        tlbProbe(offsetof(JitContext, itlbMask), offsetof(JitContext, itlb),
                 offsetof(JitContext, fetchOk), resume);
    }

    X86Emitter a_;
    uint32_t pc0_;
    uint32_t length_;
    uint64_t origin_;
    const CodeTargets& t_;
    const KernelBlock* kernel_;
    bool fetchChecked_ = false;
    std::vector<std::function<void()>> deferred_;
};

} // namespace

bool generates(uint8_t opByte, uint32_t pc, int32_t imm) {
    const auto op = static_cast<Op>(opByte);
    if (op == Op::Jal || isBranch(op)) return ((pc + static_cast<uint32_t>(imm)) & 3) == 0;
    if (op >= Op::LrW && op <= Op::AmomaxuW) return true;
    switch (op) {
    case Op::Lui:
    case Op::Auipc:
    case Op::Jalr:
    case Op::Lb:
    case Op::Lh:
    case Op::Lw:
    case Op::Lbu:
    case Op::Lhu:
    case Op::Sb:
    case Op::Sh:
    case Op::Sw:
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
    case Op::Fence:
    case Op::Mul:
    case Op::Mulh:
    case Op::Mulhsu:
    case Op::Mulhu:
    case Op::Div:
    case Op::Divu:
    case Op::Rem:
    case Op::Remu:
        return true;
    default: // system instructions, illegal: the interpreter's
        return false;
    }
}

GeneratedBlock generateBlock(const MicroOp* ops, uint32_t count, uint32_t pc, uint64_t origin,
                             const CodeTargets& targets) {
    uint32_t length = 0;
    bool jumps = false;
    while (length < count && length < kMaxBlock) {
        const MicroOp& u = ops[length];
        if (!generates(u.op, pc + 4 * length, u.imm)) break;
        ++length;
        const auto op = static_cast<Op>(u.op);
        if (op == Op::Jal || op == Op::Jalr || isBranch(op)) {
            jumps = true;
            break;
        }
    }
    GeneratedBlock out;
    if (length == 0) return out;
    BlockWriter w(pc, length, origin, targets);
    w.prologue();
    for (uint32_t i = 0; i < length; ++i)
        w.instruction(ops[i], i);
    if (!jumps) w.fallThrough(pc + 4 * length);
    w.slowPaths();
    out.bytes = w.finish();
    out.length = length;
    return out;
}

namespace {
MicroOp micro(const GuestOp& g) {
    return MicroOp{g.op, g.rd, g.rs1, g.rs2, g.imm};
}
} // namespace

uint32_t kernelPrefix(const GuestOp* guestOps, uint32_t count, uint32_t pc) {
    std::vector<MicroOp> ops;
    for (uint32_t i = 0; i < count; ++i)
        ops.push_back(micro(guestOps[i]));
    uint32_t n = 0;
    for (; n < count; ++n) {
        const auto op = static_cast<Op>(ops[n].op);
        const bool access = op >= Op::Lb && op <= Op::Sw;
        const bool jump = op == Op::Jal || op == Op::Jalr || isBranch(op);
        const bool alu =
            !access && !jump && op != Op::Fence && !(op >= Op::LrW && op <= Op::AmomaxuW);
        if (!generates(ops[n].op, pc + 4 * n, ops[n].imm) || !(access || jump || alu)) break;
        if (jump) return n + 1; // the block's last instruction
    }
    return n;
}

GeneratedBlock generateKernelBlock(const KernelBlock& block, uint64_t origin,
                                   const CodeTargets& targets) {
    GeneratedBlock out;
    if (block.length == 0) return out;
    BlockWriter w(block.pc, block.length, origin, targets, &block);
    w.prologue();
    for (uint32_t i = 0; i < block.length; ++i)
        w.instruction(micro(block.ops[i]), i);
    const auto last = static_cast<Op>(block.ops[block.length - 1].op);
    if (!(block.whole && (last == Op::Jal || last == Op::Jalr || isBranch(last))))
        w.fallThrough(block.pc + 4 * block.length);
    w.slowPaths();
    out.bytes = w.finish();
    out.length = block.length;
    return out;
}

std::vector<uint8_t> generateChainLink(uint32_t target, uint64_t nextTag, const uint8_t* nextEntry,
                                       uint64_t chainEvent, uint64_t origin,
                                       const CodeTargets& targets) {
    X86Emitter a;
    a.load64(RDX, ctx(offsetof(JitContext, chainFollows)));
    a.incMem64({RDX, 0});
    Label quiet, due;
    a.cmpMem8Imm(ctx(offsetof(JitContext, wantsEvents)), 0);
    a.jcc(Cond::E, quiet);
    a.mov64(RDI, kCtx);
    a.movImm(RSI, target);
    a.mov64(RDX, kRetired);
    a.callAbs(chainEvent);
    a.bind(quiet);
    a.load64(RAX, {kHart, static_cast<int32_t>(offsetof(HartState, cycle))});
    a.alu64(Alu::Add, RAX, kRetired);
    a.alu64Mem(Alu::Cmp, RAX, ctx(offsetof(JitContext, timerCycle)));
    a.jcc(Cond::AE, due);
    a.jmpAbs(origin, reinterpret_cast<uint64_t>(nextEntry));
    a.bind(due);
    a.storeImm(ctx(offsetof(JitContext, exitPc)), target);
    a.movImm64(RAX, nextTag);
    a.store64(ctx(offsetof(JitContext, exitBlock)), RAX);
    a.movImm(RAX, kExitNext);
    a.jmpAbs(origin, targets.epilogue);
    return std::move(a.bytes());
}

} // namespace vizor::jit
