// Assembler directives: sections, data, alignment, symbols, and the accepted-but-
// ignored ones GNU toolchains emit (.type, .size, .option ...).
#include "asm/Pass.h"

#include <set>

namespace vizor::assembler {
namespace {

constexpr std::size_t kMaxSectionSize = 64u << 20; // a guest image never needs more
constexpr uint32_t kNop = 0x00000013u;             // addi x0, x0, 0

const std::set<std::string, std::less<>>& ignoredDirectives() {
    static const std::set<std::string, std::less<>> names = {
        ".globl",     ".global", ".local",  ".weak",          ".type",        ".size",
        ".file",      ".ident",  ".option", ".attribute",     ".extern",      ".hidden",
        ".protected", ".end",    ".loc",    ".cfi_startproc", ".cfi_endproc", ".p2alignw"};
    return names;
}

bool isCodeSection(const std::string& name) {
    return name.rfind(".text", 0) == 0;
}

} // namespace

void Pass::directive(const std::string& name, const Token& head, std::span<const Token> args,
                     int endColumn) {
    if (name == ".macro") return beginMacro(args, head, endColumn);
    if (name == ".endm") return error(head.column, ".endm without .macro");
    if (ignoredDirectives().count(name)) return;
    if (name == ".text" || name == ".data" || name == ".rodata" || name == ".bss")
        return sectionDirective(name);
    if (name == ".section") {
        if (args.empty() ||
            (args[0].kind != TokenKind::Identifier && args[0].kind != TokenKind::String))
            return error(args.empty() ? endColumn : args[0].column,
                         "expected a section name after .section");
        return sectionDirective(args[0].text);
    }
    const auto ops = splitOperands(args, endColumn);
    if (name == ".word" || name == ".long" || name == ".4byte") return dataDirective(4, ops);
    if (name == ".half" || name == ".short" || name == ".2byte") return dataDirective(2, ops);
    if (name == ".byte") return dataDirective(1, ops);
    if (name == ".ascii") return stringDirective(false, ops);
    if (name == ".asciz" || name == ".string") return stringDirective(true, ops);
    if (name == ".space" || name == ".zero" || name == ".skip")
        return spaceDirective(head, ops, endColumn);
    if (name == ".align" || name == ".p2align") return alignDirective(false, head, ops);
    if (name == ".balign") return alignDirective(true, head, ops);
    if (name == ".equ" || name == ".set" || name == ".equiv")
        return equDirective(head, ops, name != ".equiv", endColumn);
    error(head.column, "unknown directive '" + head.text + "'");
}

void Pass::sectionDirective(const std::string& name) {
    for (std::size_t k = 0; k < sections_.size(); ++k) {
        if (sections_[k].name == name) {
            current_ = k;
            return;
        }
    }
    const auto it = previous_.sectionBases.find(name);
    sections_.push_back({name, it == previous_.sectionBases.end() ? 0u : it->second, {}, {}});
    current_ = sections_.size() - 1;
}

void Pass::dataDirective(unsigned size, const std::vector<Operand>& ops) {
    const int64_t min = -(int64_t{1} << (8 * size - 1));
    const int64_t max = (int64_t{1} << (8 * size)) - 1;
    for (const auto& op : ops) {
        if (op.tokens.empty()) continue;
        const int64_t v = value(op);
        if (v < min || v > max)
            error(op.column, "value " + std::to_string(v) + " does not fit in " +
                                 std::to_string(size) + " byte" + (size == 1 ? "" : "s"));
        emitBytes(static_cast<uint64_t>(v), size);
    }
}

void Pass::stringDirective(bool terminate, const std::vector<Operand>& ops) {
    for (const auto& op : ops) {
        if (op.tokens.empty()) continue;
        if (op.tokens.size() != 1 || op.tokens[0].kind != TokenKind::String) {
            error(op.column, "expected a string in double quotes");
            continue;
        }
        for (char c : op.tokens[0].text)
            emitBytes(static_cast<unsigned char>(c), 1);
        if (terminate) emitBytes(0, 1);
    }
}

void Pass::alignDirective(bool byteForm, const Token& head, const std::vector<Operand>& ops) {
    if (ops.empty())
        return error(head.column + static_cast<int>(head.text.size()) + 1,
                     "missing operand for " + lower(head.text));
    const int64_t n = value(ops[0]);
    uint64_t boundary = 0;
    if (byteForm) {
        if (n < 1 || n > 65536 || (n & (n - 1)) != 0)
            return error(ops[0].column, "alignment must be a power of two (1..65536)");
        boundary = static_cast<uint64_t>(n);
    } else {
        if (n < 0 || n > 16)
            return error(ops[0].column, "alignment must be 0..16 (a power of two)");
        boundary = uint64_t{1} << n;
    }
    const bool fill = ops.size() > 1 && !ops[1].tokens.empty();
    const uint64_t fillByte = fill ? static_cast<uint64_t>(value(ops[1])) & 0xff : 0;
    auto& bytes = section().bytes;
    // Code is padded as GNU as pads it: zero bytes up to a word, then nops.
    const bool nops = !fill && isCodeSection(section().name);
    while (bytes.size() % boundary != 0) {
        if (nops && bytes.size() % 4 == 0)
            emitBytes(kNop, 4);
        else
            emitBytes(fillByte, 1);
    }
}

void Pass::spaceDirective(const Token& head, const std::vector<Operand>& ops, int endColumn) {
    if (ops.empty() || ops.size() > 2) {
        expectOperands(head, ops, ops.empty() ? 1 : 2, endColumn);
        return;
    }
    const int64_t n = value(ops[0]);
    if (n < 0 || section().bytes.size() + static_cast<uint64_t>(n) > kMaxSectionSize)
        return error(ops[0].column, "size " + std::to_string(n) + " out of range (0.." +
                                        std::to_string(kMaxSectionSize) + " bytes per section)");
    const int64_t fill = ops.size() > 1 ? value(ops[1]) : 0;
    section().bytes.insert(section().bytes.end(), static_cast<std::size_t>(n),
                           static_cast<uint8_t>(fill));
}

void Pass::equDirective(const Token& head, const std::vector<Operand>& ops, bool redefinable,
                        int endColumn) {
    if (!expectOperands(head, ops, 2, endColumn)) return;
    if (ops[0].tokens.size() != 1 || ops[0].tokens[0].kind != TokenKind::Identifier)
        return error(ops[0].column, "expected a symbol name");
    defineSymbol(ops[0].tokens[0], value(ops[1]), redefinable);
}

} // namespace vizor::assembler
