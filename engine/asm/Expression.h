// Expressions in operands and directives, with GNU as semantics: 64-bit values,
// GNU operator ranks (* / % << >> bind tighter than | & ^, which bind tighter than
// + -), logical '>>', comparisons giving -1 for true, and the RISC-V relocation
// operators %hi, %lo, %pcrel_hi and %pcrel_lo evaluated directly (the assembler is
// also the linker, so every address is known).
#pragma once

#include "asm/Lexer.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>

namespace vizor::assembler {

// What an expression may ask of the assembler.
class ExpressionContext {
public:
    virtual ~ExpressionContext() = default;
    // Value of a symbol, or nullopt (after reporting) when undefined.
    virtual std::optional<int64_t> symbolValue(const Token& name) = 0;
    // "1f" / "1b".
    virtual std::optional<int64_t> localLabelValue(const Token& ref) = 0;
    // Address of the statement being assembled: the value of '.'.
    virtual int64_t dot() const = 0;
    // %pcrel_lo(label): the low 12 bits of the %pcrel_hi target recorded at label.
    virtual std::optional<int64_t> pcrelLo(int64_t labelAddress, int column) = 0;
    // %pcrel_hi(target) was evaluated at dot(): %pcrel_lo(label of dot) will need it.
    virtual void notePcrelHi(int64_t target) = 0;
    virtual void error(int column, std::string message) = 0;
};

// Which relocation operator, if any, is the outermost form of the expression; the
// encoder uses it to choose the right range check (e.g. %lo is always in range).
enum class RelocKind : uint8_t { None, Hi, Lo, PcrelHi, PcrelLo };

struct ExprValue {
    int64_t value = 0;
    RelocKind reloc = RelocKind::None;
};

// Evaluates all of `tokens` as one expression. Reports errors (with columns) through
// the context and returns nullopt on failure.
std::optional<ExprValue> evaluate(std::span<const Token> tokens, ExpressionContext& context,
                                  int endColumn);

// Low and high parts of a 32-bit value as %lo / %hi compute them.
int64_t lo12(int64_t value);
int64_t hi20(int64_t value);

} // namespace vizor::assembler
