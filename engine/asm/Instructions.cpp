// The instructions of isa/InstructionTable.h, encoded from each row's MATCH and Format,
// with the operand forms GNU as accepts for them.
#include "asm/Encoding.h"
#include "asm/Names.h"
#include "asm/Pass.h"

namespace vizor::assembler {
namespace {

// "amoadd.w.aqrl" -> row of "amoadd.w" and the aq/rl bits (aq = 2, rl = 1).
const isa::InstructionInfo* lookup(const std::string& name, uint32_t& aqrl) {
    aqrl = 0;
    if (const auto* info = isa::infoFor(name)) return info;
    static constexpr std::pair<std::string_view, uint32_t> suffixes[] = {
        {".aqrl", 3}, {".aq", 2}, {".rl", 1}};
    for (const auto& [suffix, bits] : suffixes) {
        if (name.size() <= suffix.size() ||
            name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0)
            continue;
        const auto* info = isa::infoFor(name.substr(0, name.size() - suffix.size()));
        if (info && (info->format == isa::Format::Amo || info->format == isa::Format::AmoLr)) {
            aqrl = bits;
            return info;
        }
    }
    return nullptr;
}

// "iorw" style fence sets; nullopt when the text is not one.
std::optional<uint32_t> fenceSet(const Token& t) {
    if (t.kind == TokenKind::Number && t.value == 0) return 0;
    if (t.kind != TokenKind::Identifier) return std::nullopt;
    uint32_t bits = 0;
    for (char c : t.text) {
        const auto at = std::string_view("wroi").find(c);
        if (at == std::string_view::npos || (bits & (1u << at))) return std::nullopt;
        bits |= 1u << at;
    }
    return bits;
}

} // namespace

void Pass::instruction(const Token& head, std::span<const Token> args, int endColumn) {
    const std::string name = lower(head.text);
    const auto ops = splitOperands(args, endColumn);
    if (pseudoInstruction(name, head, ops, endColumn)) return;
    uint32_t aqrl = 0;
    const auto* info = lookup(name, aqrl);
    if (!info) {
        error(head.column, "unknown instruction '" + head.text + "'");
        return;
    }
    realInstruction(*info, aqrl, head, ops, endColumn);
}

void Pass::realInstruction(const isa::InstructionInfo& info, uint32_t aqrl, const Token& head,
                           const std::vector<Operand>& ops, int endColumn) {
    using isa::Format;
    switch (info.format) {
    case Format::R:
        if (!expectOperands(head, ops, 3, endColumn)) return emitInstruction(info.match);
        return emitInstruction(encodeR(info.match, reg(ops[0]), reg(ops[1]), reg(ops[2])));
    case Format::I:
    case Format::Shift: {
        if (!expectOperands(head, ops, 3, endColumn)) return emitInstruction(info.match);
        const bool shift = info.format == Format::Shift;
        const uint8_t rd = reg(ops[0]);
        const uint8_t rs1 = reg(ops[1]);
        const int64_t imm =
            shift ? immediate(ops[2], head, 0, 31) : immediate(ops[2], head, -2048, 2047);
        return emitInstruction(encodeI(info.match, rd, rs1, imm));
    }
    case Format::U: {
        if (!expectOperands(head, ops, 2, endColumn)) return emitInstruction(info.match);
        const uint8_t rd = reg(ops[0]);
        return emitInstruction(encodeU(info.match, rd, immediate(ops[1], head, 0, 0xfffff)));
    }
    case Format::Load:
    case Format::Store:
        return loadStore(info, head, ops, endColumn);
    case Format::Branch:
    case Format::Jal:
    case Format::Jalr:
        return branchOrJump(info, head, ops, endColumn);
    case Format::CsrReg:
    case Format::CsrImm:
        return csrInstruction(info, head, ops, endColumn);
    case Format::AmoLr:
    case Format::Amo:
        return atomic(info, aqrl, head, ops, endColumn);
    case Format::Fence:
    case Format::None:
    case Format::SfenceVma:
        return system(info, head, ops, endColumn);
    }
}

void Pass::loadStore(const isa::InstructionInfo& info, const Token& head,
                     const std::vector<Operand>& ops, int endColumn) {
    const bool store = info.format == isa::Format::Store;
    if (ops.size() == 2 &&
        (isMemory(ops[1]) || ops[1].tokens.empty() || ops[1].tokens.back().is(")"))) {
        const uint8_t r = reg(ops[0]);
        const auto mem = memory(ops[1]);
        const int64_t imm = mem ? immediate(mem->first, head, -2048, 2047) : 0;
        const uint8_t base = mem ? mem->second : 0;
        return emitInstruction(store ? encodeS(info.match, r, base, imm)
                                     : encodeI(info.match, r, base, imm));
    }
    // "lw rd, symbol" and "sw rs2, symbol, rt": auipc + access through %pcrel_lo.
    if (!expectOperands(head, ops, store ? 3 : 2, endColumn)) {
        emitInstruction(info.match);
        return emitInstruction(info.match);
    }
    const uint8_t r = reg(ops[0]);
    const uint8_t hiReg = store ? reg(ops[2]) : r;
    const int64_t target = value(ops[1]);
    const int64_t lo = lo12(target - dot());
    pcrelPair(hiReg, store ? encodeS(info.match, r, hiReg, lo) : encodeI(info.match, r, hiReg, lo),
              target);
}

void Pass::branchOrJump(const isa::InstructionInfo& info, const Token& head,
                        const std::vector<Operand>& ops, int endColumn) {
    using isa::Format;
    if (info.format == Format::Branch) return branch(info, head, ops, endColumn);
    if (info.format == Format::Jal) {
        if (ops.size() != 1 && !expectOperands(head, ops, 2, endColumn))
            return emitInstruction(info.match);
        const uint8_t rd = ops.size() == 1 ? 1 : reg(ops[0]); // "jal label" links ra
        emitInstruction(encodeJ(info.match, rd, pcOffset(ops.back(), head, 21)));
        if (refersToLabel(ops.back())) endFrag(); // GNU: a jump to a label ends a frag
        return;
    }
    // jalr rs | jalr rd, rs | jalr rd, imm(rs) | jalr rd, rs, imm
    if (ops.size() == 1) return emitInstruction(encodeI(info.match, 1, reg(ops[0]), 0));
    if (ops.size() == 3) {
        const uint8_t rd = reg(ops[0]);
        const uint8_t rs1 = reg(ops[1]);
        return emitInstruction(encodeI(info.match, rd, rs1, immediate(ops[2], head, -2048, 2047)));
    }
    if (!expectOperands(head, ops, 2, endColumn)) return emitInstruction(info.match);
    const uint8_t rd = reg(ops[0]);
    if (isRegister(ops[1])) return emitInstruction(encodeI(info.match, rd, reg(ops[1]), 0));
    const auto mem = memory(ops[1]);
    const int64_t imm = mem ? immediate(mem->first, head, -2048, 2047) : 0;
    emitInstruction(encodeI(info.match, rd, mem ? mem->second : 0, imm));
}

// A conditional branch to a label that is out of reach becomes, as GNU as makes it,
// the inverse branch over a jump: "bne rs1, rs2, .+8; jal zero, label". Which branches
// are long is decided as GNU decides it (Relaxation.cpp).
void Pass::branch(const isa::InstructionInfo& info, const Token& head,
                  const std::vector<Operand>& ops, int endColumn) {
    if (!expectOperands(head, ops, 3, endColumn)) return emitInstruction(info.match);
    const uint8_t rs1 = reg(ops[0]);
    const uint8_t rs2 = reg(ops[1]);
    if (!refersToLabel(ops[2]))
        return emitInstruction(encodeB(info.match, rs1, rs2, pcOffset(ops[2], head, 13)));
    const bool narrow = branchFits(ops[2]);
    const int64_t target = value(ops[2]);
    const bool placed = !valueFailed_;
    if (narrow) {
        emitInstruction(
            encodeB(info.match, rs1, rs2, placed ? checkedOffset(target, ops[2], head, 13) : 0));
    } else {
        constexpr uint32_t kInverse = 0x1000u; // funct3 bit 0: beq<->bne, blt<->bge, ...
        emitInstruction(encodeB(info.match ^ kInverse, rs1, rs2, 8));
        emitInstruction(encodeJ(kJal, 0, placed ? checkedOffset(target, ops[2], head, 21) : 0));
    }
    endFrag();
}

void Pass::csrInstruction(const isa::InstructionInfo& info, const Token& head,
                          const std::vector<Operand>& ops, int endColumn) {
    if (!expectOperands(head, ops, 3, endColumn)) return emitInstruction(info.match);
    const uint8_t rd = reg(ops[0]);
    const uint32_t number = csr(ops[1]).value_or(0);
    // GNU accepts an immediate in csrrw/csrrs/csrrc and picks the *i form (funct3 bit 2).
    // A lone unknown name is taken as a misspelt register rather than an undefined symbol.
    const Operand& src = ops[2];
    const bool lone = src.tokens.size() == 1 && src.tokens[0].kind == TokenKind::Identifier;
    const bool symbol =
        lone && (symbols_.count(src.tokens[0].text) || previous_.symbols.count(src.tokens[0].text));
    const bool immediateForm =
        info.format == isa::Format::CsrImm || (!isRegister(src) && (!lone || symbol));
    const uint32_t match = immediateForm ? info.match | 0x4000u : info.match;
    const uint32_t source =
        immediateForm ? static_cast<uint32_t>(immediate(src, head, 0, 31)) : reg(src);
    emitInstruction(match | uint32_t{rd} << 7 | source << 15 | number << 20);
}

void Pass::atomic(const isa::InstructionInfo& info, uint32_t aqrl, const Token& head,
                  const std::vector<Operand>& ops, int endColumn) {
    const bool lr = info.format == isa::Format::AmoLr;
    const uint32_t match = info.match | aqrl << 25;
    if (!expectOperands(head, ops, lr ? 2 : 3, endColumn)) return emitInstruction(match);
    const uint8_t rd = reg(ops[0]);
    const uint8_t rs2 = lr ? 0 : reg(ops[1]);
    const auto mem = memory(ops.back());
    if (mem && !mem->first.tokens.empty() && value(mem->first) != 0)
        error(mem->first.column, "expected (rs1) or 0(rs1): atomics take no offset");
    emitInstruction(encodeR(match, rd, mem ? mem->second : 0, rs2));
}

void Pass::system(const isa::InstructionInfo& info, const Token& head,
                  const std::vector<Operand>& ops, int endColumn) {
    if (info.format == isa::Format::None) {
        expectOperands(head, ops, 0, endColumn);
        return emitInstruction(info.match);
    }
    if (info.format == isa::Format::SfenceVma) {
        if (ops.size() > 2) expectOperands(head, ops, 2, endColumn);
        const uint8_t rs1 = ops.size() > 0 ? reg(ops[0]) : 0;
        const uint8_t rs2 = ops.size() > 1 ? reg(ops[1]) : 0;
        return emitInstruction(encodeR(info.match, 0, rs1, rs2));
    }
    if (ops.empty()) return emitInstruction(info.match | 0xffu << 20); // fence = iorw, iorw
    if (!expectOperands(head, ops, 2, endColumn)) return emitInstruction(info.match);
    uint32_t sets[2] = {0, 0};
    for (int k = 0; k < 2; ++k) {
        const auto& op = ops[static_cast<std::size_t>(k)];
        const auto set = op.tokens.size() == 1 ? fenceSet(op.tokens[0]) : std::nullopt;
        if (!set) error(op.column, "expected a fence set made of i, o, r, w (e.g. iorw)");
        sets[k] = set.value_or(0);
    }
    emitInstruction(info.match | sets[0] << 24 | sets[1] << 20);
}

} // namespace vizor::assembler
