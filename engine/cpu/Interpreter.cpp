// The interpreter's hot loop. Instructions come pre-decoded from a per-page cache
// (DecodedPage), the current code page's translation is latched while pc stays in it,
// RAM loads and stores go through a host pointer on a TLB hit, and the counters are
// updated in bulk. Anything rare leaves the loop through a slow path that first
// synchronises hart.pc and the counters, so traps and events see exact values.
#include "isa/Decoder.h"
#include "machine/MachineImpl.h"

#include <iterator>

namespace vizor {

using isa::Op;
using namespace csr;

namespace {
constexpr uint8_t kUndecoded = static_cast<uint8_t>(Op::Count);

template <typename T> T readHost(const uint8_t* p) {
    T v;
    std::memcpy(&v, p, sizeof v);
    return v;
}
template <typename T> void writeHost(uint8_t* p, T v) {
    std::memcpy(p, &v, sizeof v);
}

int32_t s32(uint32_t v) {
    return static_cast<int32_t>(v);
}
uint32_t u32(int64_t v) {
    return static_cast<uint32_t>(v);
}
} // namespace

MicroOp Machine::Impl::decodeWord(uint32_t word) const {
    const isa::DecodedInstruction d = isa::decode(word);
    MicroOp u{static_cast<uint8_t>(d.op), d.rd, d.rs1, d.rs2, d.imm};
    switch (d.op) {
    case Op::Csrrw:
    case Op::Csrrs:
    case Op::Csrrc:
    case Op::Csrrwi:
    case Op::Csrrsi:
    case Op::Csrrci:
        u.imm = d.csr;
        break; // uimm5 stays in rs1
    default:
        break;
    }
    return u;
}

// Latch the decoded page for pc; nullptr when the fetch trapped.
const MicroOp* Machine::Impl::fetchPage(uint32_t pc, uint32_t& ramOffset) {
    if (pc & 3) {
        raiseException(kInstructionMisaligned, pc);
        return nullptr;
    }
    uint32_t paddr = pc;
    if (fetchTranslated && !translate(pc, AccessType::Fetch, paddr)) return nullptr;
    if (!inRam(paddr, 4)) {
        raiseException(kInstructionAccessFault, pc);
        return nullptr;
    }
    const uint32_t offset = paddr - board::kRamBase;
    const uint32_t page = offset >> kPageShift;
    if (!decoded[page]) {
        decoded[page] = std::make_unique<DecodedPage>();
        for (MicroOp& u : decoded[page]->ops)
            u = MicroOp{kUndecoded, 0, 0, 0, 0};
        pageFlags[page] |= kPageCode;
    }
    ramOffset = offset & ~(kPageBytes - 1);
    return decoded[page]->ops.data();
}

// One function on purpose: pc, the retired count and the latched code page stay in
// host registers across instructions. Dispatch is threaded through a table of label
// addresses (computed goto, a GCC/Clang extension: hence the pragma), which measured
// about 1.5x faster than one central switch. Anything uncommon calls out.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wpedantic"
uint64_t Machine::Impl::executeBlock(uint64_t budget,
                                     const std::unordered_set<uint32_t>* breakpoints,
                                     bool skipFirstBreakpoint, const FetchLatch* latch) {
    uint32_t* const x = hart.x;
    uint32_t pc = hart.pc;
    uint64_t n = 0; // retired since the last sync
    uint64_t left = budget;
    const uint64_t stepsAtStart = hart.steps;
    MicroOp* ops = nullptr;
    uint32_t opsPage = 1; // never a page address: the first fetch latches
    uint32_t ramOffset = 0;
    stopBlock = false;

    auto sync = [&] {
        hart.pc = pc;
        hart.cycle += n;
        hart.instret += n;
        hart.steps += n;
        n = 0;
    };
    // The raw word of the current instruction, for mtval on illegal instruction.
    auto rawWord = [&] { return readHost<uint32_t>(&ram[ramOffset + (pc & (kPageBytes - 1))]); };

// Each handler ends with its own copy of the dispatch ("threaded code"): the host's
// branch predictor then learns per-instruction successors instead of sharing one
// indirect jump. Bookkeeping: count the step, stop at the budget, a breakpoint or a
// device event, and re-latch the code page when pc leaves it.
#define VIZOR_DISPATCH()                                                                           \
    do {                                                                                           \
        x[0] = 0;                                                                                  \
        ++n;                                                                                       \
        if (--left == 0 || stopBlock) goto finished;                                               \
        if (breakpoints && breakpoints->count(pc)) goto finished;                                  \
        if ((pc & ~(kPageBytes - 1)) != opsPage) goto refetch;                                     \
        u = &ops[(pc >> 2) & (kOpsPerPage - 1)];                                                   \
        goto* kHandlers[u->op];                                                                    \
    } while (0)
#define VIZOR_NEXT                                                                                 \
    pc += 4;                                                                                       \
    VIZOR_DISPATCH()
#define VIZOR_LOAD(T, SIZE)                                                                        \
    {                                                                                              \
        const uint32_t a = x[u->rs1] + static_cast<uint32_t>(u->imm);                              \
        uint32_t v;                                                                                \
        if (const uint8_t* p = fastData(a, SIZE, false)) {                                         \
            v = static_cast<uint32_t>(readHost<T>(p));                                             \
        } else {                                                                                   \
            sync();                                                                                \
            if (!loadSlow(a, SIZE, v)) goto out;                                                   \
            v = static_cast<uint32_t>(static_cast<T>(v));                                          \
        }                                                                                          \
        x[u->rd] = v;                                                                              \
        VIZOR_NEXT;                                                                                \
    }
#define VIZOR_STORE(T, SIZE)                                                                       \
    {                                                                                              \
        const uint32_t a = x[u->rs1] + static_cast<uint32_t>(u->imm);                              \
        const uint32_t v = x[u->rs2];                                                              \
        if (uint8_t* p = fastData(a, SIZE, true)) {                                                \
            writeHost<T>(p, static_cast<T>(v));                                                    \
        } else {                                                                                   \
            sync();                                                                                \
            if (!storeSlow(a, SIZE, v)) goto out;                                                  \
        }                                                                                          \
        VIZOR_NEXT;                                                                                \
    }
#define VIZOR_BRANCH(cond)                                                                         \
    if (cond) {                                                                                    \
        const uint32_t target = pc + static_cast<uint32_t>(u->imm);                                \
        if (target & 3) {                                                                          \
            sync();                                                                                \
            raiseException(kInstructionMisaligned, target);                                        \
            goto out;                                                                              \
        }                                                                                          \
        pc = target;                                                                               \
        VIZOR_DISPATCH();                                                                          \
    }                                                                                              \
    VIZOR_NEXT;

    // One handler per isa::Op, in enum order (the same X-macro), then Illegal and the
    // "not decoded yet" marker.
    static const void* const kHandlers[] = {
#define VIZOR_X(name, mnemonic, format, match, mask) &&op_##name,
        VIZOR_RV32_INSTRUCTIONS(VIZOR_X)
#undef VIZOR_X
            && op_Illegal,
        &&op_Count,
    };
    static_assert(std::size(kHandlers) == static_cast<std::size_t>(Op::Count) + 1);
    MicroOp* u = nullptr;
    if (!left) goto finished;
    if (breakpoints && !skipFirstBreakpoint && breakpoints->count(pc)) goto finished;
    if (latch && (pc & ~(kPageBytes - 1)) == latch->page) { // already translated
        ops = latch->ops;
        opsPage = latch->page;
        ramOffset = latch->ramOffset;
        u = &ops[(pc >> 2) & (kOpsPerPage - 1)];
        goto dispatch;
    }
refetch:
    sync();
    ops = const_cast<MicroOp*>(fetchPage(pc, ramOffset));
    if (!ops) goto out;
    opsPage = pc & ~(kPageBytes - 1);
    u = &ops[(pc >> 2) & (kOpsPerPage - 1)];
dispatch:
    goto* kHandlers[u->op];
    {

    op_Lui:
        x[u->rd] = static_cast<uint32_t>(u->imm);
        VIZOR_NEXT;
    op_Auipc:
        x[u->rd] = pc + static_cast<uint32_t>(u->imm);
        VIZOR_NEXT;
    op_Jal : {
        const uint32_t target = pc + static_cast<uint32_t>(u->imm);
        if (target & 3) {
            sync();
            raiseException(kInstructionMisaligned, target);
            goto out;
        }
        x[u->rd] = pc + 4;
        pc = target;
        VIZOR_DISPATCH();
    }
    op_Jalr : {
        const uint32_t target = (x[u->rs1] + static_cast<uint32_t>(u->imm)) & ~1u;
        if (target & 3) {
            sync();
            raiseException(kInstructionMisaligned, target);
            goto out;
        }
        x[u->rd] = pc + 4;
        pc = target;
        VIZOR_DISPATCH();
    }
    op_Beq:
        VIZOR_BRANCH(x[u->rs1] == x[u->rs2])
    op_Bne:
        VIZOR_BRANCH(x[u->rs1] != x[u->rs2])
    op_Blt:
        VIZOR_BRANCH(s32(x[u->rs1]) < s32(x[u->rs2]))
    op_Bge:
        VIZOR_BRANCH(s32(x[u->rs1]) >= s32(x[u->rs2]))
    op_Bltu:
        VIZOR_BRANCH(x[u->rs1] < x[u->rs2])
    op_Bgeu:
        VIZOR_BRANCH(x[u->rs1] >= x[u->rs2])
    op_Lb:
        VIZOR_LOAD(int8_t, 1)
    op_Lh:
        VIZOR_LOAD(int16_t, 2)
    op_Lw:
        VIZOR_LOAD(uint32_t, 4)
    op_Lbu:
        VIZOR_LOAD(uint8_t, 1)
    op_Lhu:
        VIZOR_LOAD(uint16_t, 2)
    op_Sb:
        VIZOR_STORE(uint8_t, 1)
    op_Sh:
        VIZOR_STORE(uint16_t, 2)
    op_Sw:
        VIZOR_STORE(uint32_t, 4)
    op_Addi:
        x[u->rd] = x[u->rs1] + static_cast<uint32_t>(u->imm);
        VIZOR_NEXT;
    op_Slti:
        x[u->rd] = s32(x[u->rs1]) < u->imm;
        VIZOR_NEXT;
    op_Sltiu:
        x[u->rd] = x[u->rs1] < static_cast<uint32_t>(u->imm);
        VIZOR_NEXT;
    op_Xori:
        x[u->rd] = x[u->rs1] ^ static_cast<uint32_t>(u->imm);
        VIZOR_NEXT;
    op_Ori:
        x[u->rd] = x[u->rs1] | static_cast<uint32_t>(u->imm);
        VIZOR_NEXT;
    op_Andi:
        x[u->rd] = x[u->rs1] & static_cast<uint32_t>(u->imm);
        VIZOR_NEXT;
    op_Slli:
        x[u->rd] = x[u->rs1] << u->imm;
        VIZOR_NEXT;
    op_Srli:
        x[u->rd] = x[u->rs1] >> u->imm;
        VIZOR_NEXT;
    op_Srai:
        x[u->rd] = static_cast<uint32_t>(s32(x[u->rs1]) >> u->imm);
        VIZOR_NEXT;
    op_Add:
        x[u->rd] = x[u->rs1] + x[u->rs2];
        VIZOR_NEXT;
    op_Sub:
        x[u->rd] = x[u->rs1] - x[u->rs2];
        VIZOR_NEXT;
    op_Sll:
        x[u->rd] = x[u->rs1] << (x[u->rs2] & 31);
        VIZOR_NEXT;
    op_Slt:
        x[u->rd] = s32(x[u->rs1]) < s32(x[u->rs2]);
        VIZOR_NEXT;
    op_Sltu:
        x[u->rd] = x[u->rs1] < x[u->rs2];
        VIZOR_NEXT;
    op_Xor:
        x[u->rd] = x[u->rs1] ^ x[u->rs2];
        VIZOR_NEXT;
    op_Srl:
        x[u->rd] = x[u->rs1] >> (x[u->rs2] & 31);
        VIZOR_NEXT;
    op_Sra:
        x[u->rd] = static_cast<uint32_t>(s32(x[u->rs1]) >> (x[u->rs2] & 31));
        VIZOR_NEXT;
    op_Or:
        x[u->rd] = x[u->rs1] | x[u->rs2];
        VIZOR_NEXT;
    op_And:
        x[u->rd] = x[u->rs1] & x[u->rs2];
        VIZOR_NEXT;
    op_Fence:
        VIZOR_NEXT; // one hart, in-order memory: nothing to order
    op_Mul:
        x[u->rd] = x[u->rs1] * x[u->rs2];
        VIZOR_NEXT;
    op_Mulh:
        x[u->rd] = u32((int64_t{s32(x[u->rs1])} * int64_t{s32(x[u->rs2])}) >> 32);
        VIZOR_NEXT;
    op_Mulhsu:
        x[u->rd] = u32((int64_t{s32(x[u->rs1])} * int64_t{x[u->rs2]}) >> 32);
        VIZOR_NEXT;
    op_Mulhu:
        x[u->rd] = static_cast<uint32_t>((uint64_t{x[u->rs1]} * uint64_t{x[u->rs2]}) >> 32);
        VIZOR_NEXT;
    op_Div : {
        const int32_t a = s32(x[u->rs1]), b = s32(x[u->rs2]);
        if (b == 0)
            x[u->rd] = ~0u;
        else if (a == INT32_MIN && b == -1)
            x[u->rd] = static_cast<uint32_t>(a);
        else
            x[u->rd] = static_cast<uint32_t>(a / b);
        VIZOR_NEXT;
    }
    op_Divu : {
        const uint32_t b = x[u->rs2];
        x[u->rd] = b ? x[u->rs1] / b : ~0u;
        VIZOR_NEXT;
    }
    op_Rem : {
        const int32_t a = s32(x[u->rs1]), b = s32(x[u->rs2]);
        if (b == 0)
            x[u->rd] = static_cast<uint32_t>(a);
        else if (a == INT32_MIN && b == -1)
            x[u->rd] = 0;
        else
            x[u->rd] = static_cast<uint32_t>(a % b);
        VIZOR_NEXT;
    }
    op_Remu : {
        const uint32_t b = x[u->rs2];
        x[u->rd] = b ? x[u->rs1] % b : x[u->rs1];
        VIZOR_NEXT;
    }
    op_LrW:
    op_ScW:
    op_AmoswapW:
    op_AmoaddW:
    op_AmoxorW:
    op_AmoandW:
    op_AmoorW:
    op_AmominW:
    op_AmomaxW:
    op_AmominuW:
    op_AmomaxuW:
        sync();
        if (!executeAmo(*u)) goto out;
        VIZOR_NEXT;
    op_FenceI:
    op_Ecall:
    op_Ebreak:
    op_Csrrw:
    op_Csrrs:
    op_Csrrc:
    op_Csrrwi:
    op_Csrrsi:
    op_Csrrci:
    op_Sret:
    op_Mret:
    op_Wfi:
    op_SfenceVma:
    op_HfenceVvma:
    op_HfenceGvma:
        sync();
        executeSystem(*u, rawWord());
        goto out; // it retired or trapped, and may have changed the mode
    op_Illegal:
    op_Count:
        if (u->op == kUndecoded) {
            *u = decodeWord(rawWord());
            goto dispatch;
        }
        sync();
        // A parcel whose low bits are not 11 is a 16-bit (compressed) one; with
        // no C extension QEMU reports just those 16 bits in mtval.
        raiseException(kIllegalInstruction, (rawWord() & 3) == 3 ? rawWord() : rawWord() & 0xffff);
        goto out;
    }
finished:
    sync();
out:
    x[0] = 0;
    return hart.steps - stepsAtStart;
#undef VIZOR_NEXT
#undef VIZOR_DISPATCH
#undef VIZOR_LOAD
#undef VIZOR_STORE
#undef VIZOR_BRANCH
}
#pragma GCC diagnostic pop

} // namespace vizor
