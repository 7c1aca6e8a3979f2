// The RV32IMA + Zicsr + Zifencei + privileged instruction set (with the hypervisor
// extension's fences) as data.
// One row per instruction: enum name, mnemonic, operand format, MATCH and MASK
// (the same match/mask convention as the riscv-opcodes project: a word w is the
// instruction when (w & MASK) == MATCH). The assembler encodes from MATCH, the
// decoder and disassembler identify by MASK, so all three agree by construction.
#pragma once

#include <cstdint>
#include <string_view>

namespace vizor::isa {

// Operand shape of an instruction; decides which fields are encoded and printed.
enum class Format : uint8_t {
    R,         // rd, rs1, rs2
    I,         // rd, rs1, imm12           (arithmetic with immediate)
    Load,      // rd, imm12(rs1)
    Store,     // rs2, imm12(rs1)
    Branch,    // rs1, rs2, pc-relative 13-bit offset
    U,         // rd, imm20 (upper)
    Jal,       // rd, pc-relative 21-bit offset
    Jalr,      // rd, imm12(rs1)
    Shift,     // rd, rs1, shamt5
    CsrReg,    // rd, csr, rs1
    CsrImm,    // rd, csr, uimm5
    AmoLr,     // rd, (rs1)                aq/rl bits
    Amo,       // rd, rs2, (rs1)           aq/rl bits
    Fence,     // pred, succ
    None,      // no operands (ecall, mret, wfi, fence.i ...)
    SfenceVma, // rs1, rs2
};

#define VIZOR_RV32_INSTRUCTIONS(X)                                                                 \
    X(Lui, "lui", U, 0x00000037u, 0x0000007fu)                                                     \
    X(Auipc, "auipc", U, 0x00000017u, 0x0000007fu)                                                 \
    X(Jal, "jal", Jal, 0x0000006fu, 0x0000007fu)                                                   \
    X(Jalr, "jalr", Jalr, 0x00000067u, 0x0000707fu)                                                \
    X(Beq, "beq", Branch, 0x00000063u, 0x0000707fu)                                                \
    X(Bne, "bne", Branch, 0x00001063u, 0x0000707fu)                                                \
    X(Blt, "blt", Branch, 0x00004063u, 0x0000707fu)                                                \
    X(Bge, "bge", Branch, 0x00005063u, 0x0000707fu)                                                \
    X(Bltu, "bltu", Branch, 0x00006063u, 0x0000707fu)                                              \
    X(Bgeu, "bgeu", Branch, 0x00007063u, 0x0000707fu)                                              \
    X(Lb, "lb", Load, 0x00000003u, 0x0000707fu)                                                    \
    X(Lh, "lh", Load, 0x00001003u, 0x0000707fu)                                                    \
    X(Lw, "lw", Load, 0x00002003u, 0x0000707fu)                                                    \
    X(Lbu, "lbu", Load, 0x00004003u, 0x0000707fu)                                                  \
    X(Lhu, "lhu", Load, 0x00005003u, 0x0000707fu)                                                  \
    X(Sb, "sb", Store, 0x00000023u, 0x0000707fu)                                                   \
    X(Sh, "sh", Store, 0x00001023u, 0x0000707fu)                                                   \
    X(Sw, "sw", Store, 0x00002023u, 0x0000707fu)                                                   \
    X(Addi, "addi", I, 0x00000013u, 0x0000707fu)                                                   \
    X(Slti, "slti", I, 0x00002013u, 0x0000707fu)                                                   \
    X(Sltiu, "sltiu", I, 0x00003013u, 0x0000707fu)                                                 \
    X(Xori, "xori", I, 0x00004013u, 0x0000707fu)                                                   \
    X(Ori, "ori", I, 0x00006013u, 0x0000707fu)                                                     \
    X(Andi, "andi", I, 0x00007013u, 0x0000707fu)                                                   \
    X(Slli, "slli", Shift, 0x00001013u, 0xfe00707fu)                                               \
    X(Srli, "srli", Shift, 0x00005013u, 0xfe00707fu)                                               \
    X(Srai, "srai", Shift, 0x40005013u, 0xfe00707fu)                                               \
    X(Add, "add", R, 0x00000033u, 0xfe00707fu)                                                     \
    X(Sub, "sub", R, 0x40000033u, 0xfe00707fu)                                                     \
    X(Sll, "sll", R, 0x00001033u, 0xfe00707fu)                                                     \
    X(Slt, "slt", R, 0x00002033u, 0xfe00707fu)                                                     \
    X(Sltu, "sltu", R, 0x00003033u, 0xfe00707fu)                                                   \
    X(Xor, "xor", R, 0x00004033u, 0xfe00707fu)                                                     \
    X(Srl, "srl", R, 0x00005033u, 0xfe00707fu)                                                     \
    X(Sra, "sra", R, 0x40005033u, 0xfe00707fu)                                                     \
    X(Or, "or", R, 0x00006033u, 0xfe00707fu)                                                       \
    X(And, "and", R, 0x00007033u, 0xfe00707fu)                                                     \
    X(Fence, "fence", Fence, 0x0000000fu, 0x0000707fu)                                             \
    X(FenceI, "fence.i", None, 0x0000100fu, 0x0000707fu)                                           \
    X(Ecall, "ecall", None, 0x00000073u, 0xffffffffu)                                              \
    X(Ebreak, "ebreak", None, 0x00100073u, 0xffffffffu)                                            \
    X(Csrrw, "csrrw", CsrReg, 0x00001073u, 0x0000707fu)                                            \
    X(Csrrs, "csrrs", CsrReg, 0x00002073u, 0x0000707fu)                                            \
    X(Csrrc, "csrrc", CsrReg, 0x00003073u, 0x0000707fu)                                            \
    X(Csrrwi, "csrrwi", CsrImm, 0x00005073u, 0x0000707fu)                                          \
    X(Csrrsi, "csrrsi", CsrImm, 0x00006073u, 0x0000707fu)                                          \
    X(Csrrci, "csrrci", CsrImm, 0x00007073u, 0x0000707fu)                                          \
    X(Mul, "mul", R, 0x02000033u, 0xfe00707fu)                                                     \
    X(Mulh, "mulh", R, 0x02001033u, 0xfe00707fu)                                                   \
    X(Mulhsu, "mulhsu", R, 0x02002033u, 0xfe00707fu)                                               \
    X(Mulhu, "mulhu", R, 0x02003033u, 0xfe00707fu)                                                 \
    X(Div, "div", R, 0x02004033u, 0xfe00707fu)                                                     \
    X(Divu, "divu", R, 0x02005033u, 0xfe00707fu)                                                   \
    X(Rem, "rem", R, 0x02006033u, 0xfe00707fu)                                                     \
    X(Remu, "remu", R, 0x02007033u, 0xfe00707fu)                                                   \
    X(LrW, "lr.w", AmoLr, 0x1000202fu, 0xf9f0707fu)                                                \
    X(ScW, "sc.w", Amo, 0x1800202fu, 0xf800707fu)                                                  \
    X(AmoswapW, "amoswap.w", Amo, 0x0800202fu, 0xf800707fu)                                        \
    X(AmoaddW, "amoadd.w", Amo, 0x0000202fu, 0xf800707fu)                                          \
    X(AmoxorW, "amoxor.w", Amo, 0x2000202fu, 0xf800707fu)                                          \
    X(AmoandW, "amoand.w", Amo, 0x6000202fu, 0xf800707fu)                                          \
    X(AmoorW, "amoor.w", Amo, 0x4000202fu, 0xf800707fu)                                            \
    X(AmominW, "amomin.w", Amo, 0x8000202fu, 0xf800707fu)                                          \
    X(AmomaxW, "amomax.w", Amo, 0xa000202fu, 0xf800707fu)                                          \
    X(AmominuW, "amominu.w", Amo, 0xc000202fu, 0xf800707fu)                                        \
    X(AmomaxuW, "amomaxu.w", Amo, 0xe000202fu, 0xf800707fu)                                        \
    X(Sret, "sret", None, 0x10200073u, 0xffffffffu)                                                \
    X(Mret, "mret", None, 0x30200073u, 0xffffffffu)                                                \
    X(Wfi, "wfi", None, 0x10500073u, 0xffffffffu)                                                  \
    X(SfenceVma, "sfence.vma", SfenceVma, 0x12000073u, 0xfe007fffu)                                \
    X(HfenceVvma, "hfence.vvma", SfenceVma, 0x22000073u, 0xfe007fffu) /* H extension */            \
    X(HfenceGvma, "hfence.gvma", SfenceVma, 0x62000073u, 0xfe007fffu)

enum class Op : uint8_t {
#define VIZOR_X(name, mnemonic, format, match, mask) name,
    VIZOR_RV32_INSTRUCTIONS(VIZOR_X)
#undef VIZOR_X
        Illegal,
    Count
};

struct InstructionInfo {
    Op op;
    std::string_view mnemonic;
    Format format;
    uint32_t match;
    uint32_t mask;
};

// All rows of the table, in table order (Illegal excluded).
const InstructionInfo* instructionTable(std::size_t& count);
// Row for an op; nullptr for Op::Illegal.
const InstructionInfo* infoFor(Op op);
// Row for a mnemonic ("addi", "lr.w"); nullptr when unknown. Case-sensitive, lower case.
const InstructionInfo* infoFor(std::string_view mnemonic);

} // namespace vizor::isa
