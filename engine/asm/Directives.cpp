// Assembler directives: sections, data, alignment, symbols, and the accepted-but-
// ignored ones GNU toolchains emit (.type, .size, .option ...).
#include "asm/Pass.h"

#include <algorithm>
#include <set>

namespace vizor::assembler {
namespace {

constexpr std::size_t kMaxSectionSize = 64u << 20; // all sections: a guest never needs more
constexpr uint32_t kNop = 0x00000013u;             // addi x0, x0, 0
constexpr uint32_t kCNop = 0x0001u; // c.nop: GNU pads with it even without the C extension

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
    if (name == ".rept") return beginRept(args, head, endColumn);
    if (name == ".irp") return beginIrp(args, head, endColumn);
    if (name == ".endr") return error(head.column, ".endr without .rept or .irp");
    if (name == ".exitm") {
        if (macroDepth_ == 0) return error(head.column, ".exitm outside a macro");
        exitMacro_ = true;
        return;
    }
    if (name == ".error")
        return error(head.column, args.empty() ? std::string(".error") : ".error: " + args[0].text);
    if (ignoredDirectives().count(name)) return;
    if (name == ".text" || name == ".data" || name == ".rodata" || name == ".bss")
        return sectionDirective(name);
    if (name == ".section") {
        if (args.empty() ||
            (args[0].kind != TokenKind::Identifier && args[0].kind != TokenKind::String))
            return error(args.empty() ? endColumn : args[0].column,
                         "expected a section name after .section");
        // Flags ("ax") say whether the section holds code, which decides its padding.
        const bool executable = args.size() >= 3 && args[1].is(",") &&
                                args[2].kind == TokenKind::String &&
                                args[2].text.find('x') != std::string::npos;
        return sectionDirective(args[0].text, executable);
    }
    const bool alignment = name == ".align" || name == ".p2align" || name == ".balign";
    const auto ops = splitOperands(args, endColumn, alignment);
    if (name == ".word" || name == ".long" || name == ".4byte") return dataDirective(4, ops);
    if (name == ".half" || name == ".short" || name == ".2byte") return dataDirective(2, ops);
    if (name == ".byte") return dataDirective(1, ops);
    if (name == ".quad" || name == ".dword" || name == ".8byte") return dataDirective(8, ops);
    if (name == ".fill") return fillDirective(head, ops, endColumn);
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

void Pass::sectionDirective(const std::string& name, bool executable) {
    for (std::size_t k = 0; k < sections_.size(); ++k) {
        if (sections_[k].name == name) {
            current_ = k;
            return;
        }
    }
    const auto it = previous_.sectionBases.find(name);
    const uint32_t base = it == previous_.sectionBases.end() ? 0u : it->second;
    sections_.push_back({name, base, {}, {}, executable || isCodeSection(name)});
    current_ = sections_.size() - 1;
}

void Pass::dataDirective(unsigned size, const std::vector<Operand>& ops) {
    const bool checked = size < 8; // 8-byte data takes any 64-bit value
    const int64_t min = checked ? -(int64_t{1} << (8 * size - 1)) : 0;
    const int64_t max = checked ? (int64_t{1} << (8 * size)) - 1 : 0;
    for (const auto& op : ops) {
        if (op.tokens.empty()) continue;
        const int64_t v = value(op);
        if (checked && (v < min || v > max))
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
    if (ops.empty() || ops[0].tokens.empty())
        return error(ops.empty() ? head.column + static_cast<int>(head.text.size()) + 1
                                 : ops[0].column,
                     "missing alignment for " + lower(head.text));
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
    // The optional third operand is GNU's max-skip: align only if that costs no more.
    const uint64_t pad = (boundary - section().bytes.size() % boundary) % boundary;
    // GNU takes code alignment of 4 or less as given and makes no frag for it.
    if (!fill && section().code && boundary <= 4) return;
    if (ops.size() > 2 && !ops[2].tokens.empty() && static_cast<int64_t>(pad) > value(ops[2]))
        return endFrag();
    if (!fill && section().code) {
        alignCode(boundary);
    } else {
        const auto fillByte = fill ? static_cast<uint64_t>(value(ops[1])) & 0xff : 0;
        while (section().bytes.size() % boundary != 0)
            emitBytes(fillByte, 1);
    }
    endFrag();
}

// Code is padded exactly as GNU as pads it without relaxation (riscv_make_nops): a zero
// byte if odd, one 2-byte c.nop if needed, then nops. GNU treats code alignment of 4 or
// less as already satisfied, so it emits nothing for it - and neither do we.
void Pass::alignCode(uint64_t boundary) {
    if (boundary <= 4) return;
    uint64_t pad = (boundary - section().bytes.size() % boundary) % boundary;
    if (pad % 2 == 1) {
        emitBytes(0, 1);
        --pad;
    }
    if (pad % 4 == 2) {
        emitBytes(kCNop, 2);
        pad -= 2;
    }
    for (; pad > 0; pad -= 4)
        emitBytes(kNop, 4);
}

void Pass::spaceDirective(const Token& head, const std::vector<Operand>& ops, int endColumn) {
    if (ops.empty() || ops.size() > 2) {
        expectOperands(head, ops, ops.empty() ? 1 : 2, endColumn);
        return;
    }
    const int64_t n = value(ops[0]);
    if (n < 0 || imageSize() + static_cast<uint64_t>(n) > kMaxSectionSize)
        return error(ops[0].column, "size " + std::to_string(n) + " out of range (0.." +
                                        std::to_string(kMaxSectionSize) + " bytes in all)");
    const int64_t fill = ops.size() > 1 ? value(ops[1]) : 0;
    section().bytes.insert(section().bytes.end(), static_cast<std::size_t>(n),
                           static_cast<uint8_t>(fill));
    if (n > 0) endFrag(); // GNU: .space makes a frag of its own
}

// .fill repeat, size, value: `repeat` copies of a little-endian `size`-byte value.
void Pass::fillDirective(const Token& head, const std::vector<Operand>& ops, int endColumn) {
    if (ops.empty() || ops.size() > 3) {
        expectOperands(head, ops, ops.empty() ? 1 : 3, endColumn);
        return;
    }
    const int64_t repeat = value(ops[0]);
    const int64_t size = ops.size() > 1 ? value(ops[1]) : 1;
    const int64_t fill = ops.size() > 2 ? value(ops[2]) : 0;
    if (size < 0 || size > 8) return error(ops[1].column, "fill size must be 0..8 bytes");
    if (repeat < 0 || repeat > static_cast<int64_t>(kMaxSectionSize) ||
        static_cast<uint64_t>(repeat) * static_cast<uint64_t>(size) + imageSize() > kMaxSectionSize)
        return error(ops[0].column, "repeat count " + std::to_string(repeat) + " out of range");
    for (int64_t i = 0; i < repeat; ++i) {
        // GNU: a size over 4 takes the value as 4 bytes followed by zeros.
        emitBytes(static_cast<uint64_t>(fill) & 0xffffffffu,
                  static_cast<unsigned>(std::min<int64_t>(size, 4)));
        if (size > 4) emitBytes(0, static_cast<unsigned>(size - 4));
    }
    if (size > 0) endFrag(); // GNU: .fill makes a frag of its own
}

void Pass::equDirective(const Token& head, const std::vector<Operand>& ops, bool redefinable,
                        int endColumn) {
    if (!expectOperands(head, ops, 2, endColumn)) return;
    if (ops[0].tokens.size() != 1 || ops[0].tokens[0].kind != TokenKind::Identifier)
        return error(ops[0].column, "expected a symbol name");
    defineSymbol(ops[0].tokens[0], value(ops[1]), redefinable);
}

} // namespace vizor::assembler
