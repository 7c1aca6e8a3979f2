// Reading operands: registers, immediates with range checks, CSRs, memory operands
// and pc-relative targets. Every reader reports its own error at the operand's column
// and still returns a value, so the instruction keeps its size and the pass goes on.
#include "asm/Names.h"
#include "asm/Pass.h"

namespace vizor::assembler {

bool Pass::isRegister(const Operand& op) const {
    return op.tokens.size() == 1 && op.tokens[0].kind == TokenKind::Identifier &&
           registerNumber(op.tokens[0].text).has_value();
}

uint8_t Pass::reg(const Operand& op) {
    if (op.tokens.size() == 1 && op.tokens[0].kind == TokenKind::Identifier) {
        if (auto n = registerNumber(op.tokens[0].text)) return *n;
        error(op.column,
              "unknown register '" + op.tokens[0].text + "' (expected x0-x31 or an ABI name)");
        return 0;
    }
    if (!op.tokens.empty())
        error(op.column, "expected a register, found '" + op.tokens[0].text + "'");
    return 0;
}

int64_t Pass::value(const Operand& op, RelocKind* reloc) {
    valueFailed_ = op.tokens.empty();
    if (op.tokens.empty()) return 0;
    const auto v = evaluate(op.tokens, *this, op.endColumn);
    valueFailed_ = !v;
    if (reloc) *reloc = v ? v->reloc : RelocKind::None;
    return v ? v->value : 0;
}

int64_t Pass::immediate(const Operand& op, const Token& head, int64_t min, int64_t max) {
    RelocKind reloc = RelocKind::None;
    const int64_t v = value(op, &reloc);
    if (valueFailed_ || reloc == RelocKind::Lo || reloc == RelocKind::PcrelLo) return v;
    if (v < min || v > max) {
        error(op.column, "immediate " + std::to_string(v) + " out of range for " + shownName(head) +
                             " (" + std::to_string(min) + ".." + std::to_string(max) + ")");
        return 0;
    }
    return v;
}

std::optional<uint16_t> Pass::csr(const Operand& op) {
    if (op.tokens.size() == 1 && op.tokens[0].kind == TokenKind::Identifier) {
        const std::string& name = op.tokens[0].text;
        if (auto n = csrNumber(name)) return *n;
        if (!symbols_.count(name) && !previous_.symbols.count(name)) {
            error(op.column, "unknown CSR '" + name + "' (expected a CSR name or number)");
            return std::nullopt;
        }
    }
    const int64_t v = value(op);
    if (v < 0 || v > 0xfff) {
        error(op.column, "CSR number " + std::to_string(v) + " out of range (0..4095)");
        return std::nullopt;
    }
    return static_cast<uint16_t>(v);
}

bool Pass::isMemory(const Operand& op) const {
    const auto& t = op.tokens;
    const std::size_t n = t.size();
    return n >= 3 && t[n - 1].is(")") && t[n - 3].is("(") &&
           t[n - 2].kind == TokenKind::Identifier && registerNumber(t[n - 2].text).has_value();
}

std::optional<std::pair<Operand, uint8_t>> Pass::memory(const Operand& op) {
    const std::size_t n = op.tokens.size();
    if (!isMemory(op)) {
        // Point at a bad base register when the shape is right, else at the operand.
        if (n >= 3 && op.tokens[n - 1].is(")") && op.tokens[n - 3].is("("))
            reg(Operand{op.tokens.subspan(n - 2, 1), op.tokens[n - 2].column, op.endColumn});
        else
            error(op.column, "expected a memory operand such as 8(sp) or (a0)");
        return std::nullopt;
    }
    const uint8_t base = *registerNumber(op.tokens[n - 2].text);
    Operand offset{op.tokens.subspan(0, n - 3), op.column, op.tokens[n - 3].column};
    return std::pair{offset, base};
}

int64_t Pass::pcOffset(const Operand& target, const Token& head, int bits) {
    const int64_t v = value(target);
    return valueFailed_ ? 0 : checkedOffset(v, target, head, bits);
}

int64_t Pass::checkedOffset(int64_t target, const Operand& op, const Token& head, int bits) {
    const int64_t offset = static_cast<int32_t>(static_cast<uint32_t>(target - dot()));
    const int64_t limit = int64_t{1} << (bits - 1);
    const bool branch = bits == 13;
    if (offset < -limit || offset >= limit) {
        error(op.column, std::string(branch ? "branch" : "jump") + " target out of range for " +
                             shownName(head) + " (offset " + std::to_string(offset) +
                             ", expected " + std::to_string(-limit) + ".." +
                             std::to_string(limit - 2) + ")");
        return 0;
    }
    if (offset & 1) {
        error(op.column, "target offset " + std::to_string(offset) + " is odd");
        return 0;
    }
    return offset;
}

bool Pass::refersToLabel(const Operand& op) const {
    for (const auto& t : op.tokens) {
        if (t.kind == TokenKind::LocalRef) return true;
        if (t.kind != TokenKind::Identifier) continue;
        if (t.text == "." || labelLines_.count(t.text) || previous_.labels.count(t.text))
            return true;
    }
    return false;
}

} // namespace vizor::assembler
