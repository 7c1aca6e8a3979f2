#include "isa/Disassembler.h"

#include "asm/Names.h"
#include "asm/Program.h"
#include "isa/Decoder.h"

#include <cstdio>

namespace vizor::isa {
namespace {

std::string hex(uint32_t v) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "0x%x", v);
    return buf;
}

std::string word(uint32_t w) {
    char buf[24];
    std::snprintf(buf, sizeof buf, ".word 0x%08x", w);
    return buf;
}

std::string r(uint8_t n) {
    return std::string(assembler::registerName(n));
}

std::string csr(uint16_t n) {
    const std::string name = assembler::csrName(n);
    return name.empty() ? hex(n) : name;
}

std::string fenceSet(uint32_t bits) {
    std::string s;
    if (bits & 8) s += 'i';
    if (bits & 4) s += 'o';
    if (bits & 2) s += 'r';
    if (bits & 1) s += 'w';
    return s.empty() ? "0" : s;
}

std::string target(uint32_t pc, int32_t offset, const Program* program) {
    const uint32_t address = pc + static_cast<uint32_t>(offset);
    if (program) {
        if (auto sym = program->symbolAtOrBelow(address)) {
            const uint32_t delta = address - sym->second;
            // Only near symbols read better than the address; far ones would mislead.
            if (delta == 0) return sym->first;
            if (delta < 0x1000) return sym->first + "+" + std::to_string(delta);
        }
    }
    return hex(address);
}

struct Text {
    const DecodedInstruction& d;
    const InstructionInfo& info;
    uint32_t pc;
    const Program* program;

    std::string m() const { return std::string(info.mnemonic); }
    std::string rd() const { return r(d.rd); }
    std::string rs1() const { return r(d.rs1); }
    std::string rs2() const { return r(d.rs2); }
    std::string imm() const { return std::to_string(d.imm); }
    std::string mem() const { return imm() + "(" + rs1() + ")"; }
};

std::string arithmetic(const Text& t) {
    const auto& d = t.d;
    if (d.op == Op::Addi) {
        if (d.rd == 0 && d.rs1 == 0 && d.imm == 0) return "nop";
        if (d.rs1 == 0) return "li " + t.rd() + ", " + t.imm();
        if (d.imm == 0) return "mv " + t.rd() + ", " + t.rs1();
    }
    if (d.op == Op::Xori && d.imm == -1) return "not " + t.rd() + ", " + t.rs1();
    if (d.op == Op::Sltiu && d.imm == 1) return "seqz " + t.rd() + ", " + t.rs1();
    if (d.op == Op::Sub && d.rs1 == 0) return "neg " + t.rd() + ", " + t.rs2();
    if (d.op == Op::Sltu && d.rs1 == 0) return "snez " + t.rd() + ", " + t.rs2();
    if (d.op == Op::Slt && d.rs2 == 0) return "sltz " + t.rd() + ", " + t.rs1();
    if (d.op == Op::Slt && d.rs1 == 0) return "sgtz " + t.rd() + ", " + t.rs2();
    if (t.info.format == Format::R) return t.m() + " " + t.rd() + ", " + t.rs1() + ", " + t.rs2();
    return t.m() + " " + t.rd() + ", " + t.rs1() + ", " + t.imm();
}

std::string branch(const Text& t) {
    const auto& d = t.d;
    const std::string to = target(t.pc, d.imm, t.program);
    if (d.rs2 == 0) {
        const char* alias = d.op == Op::Beq   ? "beqz"
                            : d.op == Op::Bne ? "bnez"
                            : d.op == Op::Bge ? "bgez"
                            : d.op == Op::Blt ? "bltz"
                                              : nullptr;
        if (alias) return std::string(alias) + " " + t.rs1() + ", " + to;
    }
    if (d.rs1 == 0 && (d.op == Op::Bge || d.op == Op::Blt))
        return std::string(d.op == Op::Bge ? "blez " : "bgtz ") + t.rs2() + ", " + to;
    return t.m() + " " + t.rs1() + ", " + t.rs2() + ", " + to;
}

std::string jump(const Text& t) {
    const auto& d = t.d;
    if (d.op == Op::Jal) {
        const std::string to = target(t.pc, d.imm, t.program);
        if (d.rd == 0) return "j " + to;
        if (d.rd == 1) return "jal " + to;
        return "jal " + t.rd() + ", " + to;
    }
    if (d.rd == 0 && d.rs1 == 1 && d.imm == 0) return "ret";
    if (d.rd == 0 && d.imm == 0) return "jr " + t.rs1();
    if (d.rd == 1 && d.imm == 0) return "jalr " + t.rs1();
    return "jalr " + t.rd() + ", " + t.mem();
}

std::string csrText(const Text& t) {
    const auto& d = t.d;
    const std::string c = csr(d.csr);
    const bool immediate = t.info.format == Format::CsrImm;
    const std::string source = immediate ? std::to_string(d.imm) : t.rs1();
    if (d.op == Op::Csrrs && d.rs1 == 0) {
        switch (d.csr) {
        case 0xc00:
            return "rdcycle " + t.rd();
        case 0xc80:
            return "rdcycleh " + t.rd();
        case 0xc01:
            return "rdtime " + t.rd();
        case 0xc81:
            return "rdtimeh " + t.rd();
        case 0xc02:
            return "rdinstret " + t.rd();
        case 0xc82:
            return "rdinstreth " + t.rd();
        default:
            return "csrr " + t.rd() + ", " + c;
        }
    }
    if (d.rd == 0) {
        static constexpr const char* aliases[] = {"", "csrw",  "csrs",  "csrc",
                                                  "", "csrwi", "csrsi", "csrci"};
        return std::string(aliases[(d.raw >> 12) & 7]) + " " + c + ", " + source;
    }
    return t.m() + " " + t.rd() + ", " + c + ", " + source;
}

std::string system(const Text& t) {
    const auto& d = t.d;
    const uint32_t w = d.raw;
    if (d.op == Op::Fence) {
        if (w == 0x8330000fu) return "fence.tso";
        if ((w & 0xf00fff80u) != 0) return word(w); // fm, rs1, rd must be zero
        if (d.imm == 0xff) return "fence";
        return "fence " + fenceSet(static_cast<uint32_t>(d.imm) >> 4) + ", " +
               fenceSet(static_cast<uint32_t>(d.imm) & 15);
    }
    if (d.op == Op::FenceI) return (w & 0xffff8f80u) ? word(w) : "fence.i";
    if (t.info.format == Format::SfenceVma) { // sfence.vma, hfence.vvma, hfence.gvma
        if (d.rs2 != 0) return t.m() + " " + t.rs1() + ", " + t.rs2();
        return d.rs1 != 0 ? t.m() + " " + t.rs1() : t.m();
    }
    return t.m();
}

std::string atomic(const Text& t) {
    static constexpr const char* suffix[] = {"", ".rl", ".aq", ".aqrl"};
    const std::string m = t.m() + suffix[t.d.imm & 3];
    if (t.info.format == Format::AmoLr) return m + " " + t.rd() + ", (" + t.rs1() + ")";
    return m + " " + t.rd() + ", " + t.rs2() + ", (" + t.rs1() + ")";
}

} // namespace

std::string disassemble(uint32_t w, uint32_t pc) {
    return disassemble(w, pc, nullptr);
}

std::string disassemble(uint32_t w, uint32_t pc, const Program* program) {
    const DecodedInstruction d = decode(w);
    const InstructionInfo* info = infoFor(d.op);
    if (!info) return word(w);
    const Text t{d, *info, pc, program};
    switch (info->format) {
    case Format::R:
    case Format::I:
    case Format::Shift:
        return arithmetic(t);
    case Format::Load:
        return t.m() + " " + t.rd() + ", " + t.mem();
    case Format::Store:
        return t.m() + " " + t.rs2() + ", " + std::to_string(d.imm) + "(" + t.rs1() + ")";
    case Format::Branch:
        return branch(t);
    case Format::U:
        return t.m() + " " + t.rd() + ", " + hex(static_cast<uint32_t>(d.imm) >> 12);
    case Format::Jal:
    case Format::Jalr:
        return jump(t);
    case Format::CsrReg:
    case Format::CsrImm:
        return csrText(t);
    case Format::AmoLr:
    case Format::Amo:
        return atomic(t);
    case Format::Fence:
    case Format::None:
    case Format::SfenceVma:
        return system(t);
    }
    return word(w);
}

} // namespace vizor::isa
