// The interpreter's hot loop. Instructions come pre-decoded from a per-page cache
// (DecodedPage), the current code page's translation is latched while pc stays in it,
// RAM loads and stores go through a host pointer on a TLB hit, and the counters are
// updated in bulk. Anything rare leaves the loop through a slow path that first
// synchronises hart.pc and the counters, so traps and events see exact values.
#include "isa/Decoder.h"
#include "machine/MachineImpl.h"

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

// One function with one switch on purpose: pc, the retired count and the latched
// code page stay in host registers across instructions, and the compiler turns the
// dense isa::Op switch into a single jump table. Anything uncommon calls out.
uint64_t Machine::Impl::executeBlock(uint64_t budget,
                                     const std::unordered_set<uint32_t>* breakpoints,
                                     bool skipFirstBreakpoint) {
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

#define VIZOR_NEXT                                                                                 \
    pc += 4;                                                                                       \
    break
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
        break;                                                                                     \
    }                                                                                              \
    VIZOR_NEXT;

    while (left) {
        if (breakpoints && (left != budget || !skipFirstBreakpoint) && breakpoints->count(pc))
            break; // run() reports it
        if ((pc & ~(kPageBytes - 1)) != opsPage) {
            sync();
            ops = const_cast<MicroOp*>(fetchPage(pc, ramOffset));
            if (!ops) goto out;
            opsPage = pc & ~(kPageBytes - 1);
        }
        {
            MicroOp* u = &ops[(pc >> 2) & (kOpsPerPage - 1)];
        dispatch:
            switch (static_cast<Op>(u->op)) {
            case Op::Lui:
                x[u->rd] = static_cast<uint32_t>(u->imm);
                VIZOR_NEXT;
            case Op::Auipc:
                x[u->rd] = pc + static_cast<uint32_t>(u->imm);
                VIZOR_NEXT;
            case Op::Jal: {
                const uint32_t target = pc + static_cast<uint32_t>(u->imm);
                if (target & 3) {
                    sync();
                    raiseException(kInstructionMisaligned, target);
                    goto out;
                }
                x[u->rd] = pc + 4;
                pc = target;
                break;
            }
            case Op::Jalr: {
                const uint32_t target = (x[u->rs1] + static_cast<uint32_t>(u->imm)) & ~1u;
                if (target & 3) {
                    sync();
                    raiseException(kInstructionMisaligned, target);
                    goto out;
                }
                x[u->rd] = pc + 4;
                pc = target;
                break;
            }
            case Op::Beq:
                VIZOR_BRANCH(x[u->rs1] == x[u->rs2])
            case Op::Bne:
                VIZOR_BRANCH(x[u->rs1] != x[u->rs2])
            case Op::Blt:
                VIZOR_BRANCH(s32(x[u->rs1]) < s32(x[u->rs2]))
            case Op::Bge:
                VIZOR_BRANCH(s32(x[u->rs1]) >= s32(x[u->rs2]))
            case Op::Bltu:
                VIZOR_BRANCH(x[u->rs1] < x[u->rs2])
            case Op::Bgeu:
                VIZOR_BRANCH(x[u->rs1] >= x[u->rs2])
            case Op::Lb:
                VIZOR_LOAD(int8_t, 1)
            case Op::Lh:
                VIZOR_LOAD(int16_t, 2)
            case Op::Lw:
                VIZOR_LOAD(uint32_t, 4)
            case Op::Lbu:
                VIZOR_LOAD(uint8_t, 1)
            case Op::Lhu:
                VIZOR_LOAD(uint16_t, 2)
            case Op::Sb:
                VIZOR_STORE(uint8_t, 1)
            case Op::Sh:
                VIZOR_STORE(uint16_t, 2)
            case Op::Sw:
                VIZOR_STORE(uint32_t, 4)
            case Op::Addi:
                x[u->rd] = x[u->rs1] + static_cast<uint32_t>(u->imm);
                VIZOR_NEXT;
            case Op::Slti:
                x[u->rd] = s32(x[u->rs1]) < u->imm;
                VIZOR_NEXT;
            case Op::Sltiu:
                x[u->rd] = x[u->rs1] < static_cast<uint32_t>(u->imm);
                VIZOR_NEXT;
            case Op::Xori:
                x[u->rd] = x[u->rs1] ^ static_cast<uint32_t>(u->imm);
                VIZOR_NEXT;
            case Op::Ori:
                x[u->rd] = x[u->rs1] | static_cast<uint32_t>(u->imm);
                VIZOR_NEXT;
            case Op::Andi:
                x[u->rd] = x[u->rs1] & static_cast<uint32_t>(u->imm);
                VIZOR_NEXT;
            case Op::Slli:
                x[u->rd] = x[u->rs1] << u->imm;
                VIZOR_NEXT;
            case Op::Srli:
                x[u->rd] = x[u->rs1] >> u->imm;
                VIZOR_NEXT;
            case Op::Srai:
                x[u->rd] = static_cast<uint32_t>(s32(x[u->rs1]) >> u->imm);
                VIZOR_NEXT;
            case Op::Add:
                x[u->rd] = x[u->rs1] + x[u->rs2];
                VIZOR_NEXT;
            case Op::Sub:
                x[u->rd] = x[u->rs1] - x[u->rs2];
                VIZOR_NEXT;
            case Op::Sll:
                x[u->rd] = x[u->rs1] << (x[u->rs2] & 31);
                VIZOR_NEXT;
            case Op::Slt:
                x[u->rd] = s32(x[u->rs1]) < s32(x[u->rs2]);
                VIZOR_NEXT;
            case Op::Sltu:
                x[u->rd] = x[u->rs1] < x[u->rs2];
                VIZOR_NEXT;
            case Op::Xor:
                x[u->rd] = x[u->rs1] ^ x[u->rs2];
                VIZOR_NEXT;
            case Op::Srl:
                x[u->rd] = x[u->rs1] >> (x[u->rs2] & 31);
                VIZOR_NEXT;
            case Op::Sra:
                x[u->rd] = static_cast<uint32_t>(s32(x[u->rs1]) >> (x[u->rs2] & 31));
                VIZOR_NEXT;
            case Op::Or:
                x[u->rd] = x[u->rs1] | x[u->rs2];
                VIZOR_NEXT;
            case Op::And:
                x[u->rd] = x[u->rs1] & x[u->rs2];
                VIZOR_NEXT;
            case Op::Fence:
                VIZOR_NEXT; // one hart, in-order memory: nothing to order
            case Op::Mul:
                x[u->rd] = x[u->rs1] * x[u->rs2];
                VIZOR_NEXT;
            case Op::Mulh:
                x[u->rd] = u32((int64_t{s32(x[u->rs1])} * int64_t{s32(x[u->rs2])}) >> 32);
                VIZOR_NEXT;
            case Op::Mulhsu:
                x[u->rd] = u32((int64_t{s32(x[u->rs1])} * int64_t{x[u->rs2]}) >> 32);
                VIZOR_NEXT;
            case Op::Mulhu:
                x[u->rd] = static_cast<uint32_t>((uint64_t{x[u->rs1]} * uint64_t{x[u->rs2]}) >> 32);
                VIZOR_NEXT;
            case Op::Div: {
                const int32_t a = s32(x[u->rs1]), b = s32(x[u->rs2]);
                if (b == 0)
                    x[u->rd] = ~0u;
                else if (a == INT32_MIN && b == -1)
                    x[u->rd] = static_cast<uint32_t>(a);
                else
                    x[u->rd] = static_cast<uint32_t>(a / b);
                VIZOR_NEXT;
            }
            case Op::Divu: {
                const uint32_t b = x[u->rs2];
                x[u->rd] = b ? x[u->rs1] / b : ~0u;
                VIZOR_NEXT;
            }
            case Op::Rem: {
                const int32_t a = s32(x[u->rs1]), b = s32(x[u->rs2]);
                if (b == 0)
                    x[u->rd] = static_cast<uint32_t>(a);
                else if (a == INT32_MIN && b == -1)
                    x[u->rd] = 0;
                else
                    x[u->rd] = static_cast<uint32_t>(a % b);
                VIZOR_NEXT;
            }
            case Op::Remu: {
                const uint32_t b = x[u->rs2];
                x[u->rd] = b ? x[u->rs1] % b : x[u->rs1];
                VIZOR_NEXT;
            }
            case Op::LrW:
            case Op::ScW:
            case Op::AmoswapW:
            case Op::AmoaddW:
            case Op::AmoxorW:
            case Op::AmoandW:
            case Op::AmoorW:
            case Op::AmominW:
            case Op::AmomaxW:
            case Op::AmominuW:
            case Op::AmomaxuW:
                sync();
                if (!executeAmo(*u)) goto out;
                VIZOR_NEXT;
            case Op::FenceI:
            case Op::Ecall:
            case Op::Ebreak:
            case Op::Csrrw:
            case Op::Csrrs:
            case Op::Csrrc:
            case Op::Csrrwi:
            case Op::Csrrsi:
            case Op::Csrrci:
            case Op::Sret:
            case Op::Mret:
            case Op::Wfi:
            case Op::SfenceVma:
                sync();
                executeSystem(*u, rawWord());
                goto out; // it retired or trapped, and may have changed the mode
            case Op::Illegal:
            case Op::Count:
                if (u->op == kUndecoded) {
                    *u = decodeWord(rawWord());
                    goto dispatch;
                }
                sync();
                // A parcel whose low bits are not 11 is a 16-bit (compressed) one; with
                // no C extension QEMU reports just those 16 bits in mtval.
                raiseException(kIllegalInstruction,
                               (rawWord() & 3) == 3 ? rawWord() : rawWord() & 0xffff);
                goto out;
            }
        }
        x[0] = 0;
        ++n;
        --left;
        if (stopBlock) break; // a device write or halt that the outer loop must see
    }
    sync();
out:
    x[0] = 0;
    return hart.steps - stepsAtStart;
#undef VIZOR_NEXT
#undef VIZOR_LOAD
#undef VIZOR_STORE
#undef VIZOR_BRANCH
}

} // namespace vizor
