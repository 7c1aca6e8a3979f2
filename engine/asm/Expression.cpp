#include "asm/Expression.h"

namespace vizor::assembler {

int64_t lo12(int64_t value) {
    return static_cast<int64_t>((static_cast<uint64_t>(value) & 0xfff) ^ 0x800) - 0x800;
}

int64_t hi20(int64_t value) {
    return static_cast<int64_t>(((static_cast<uint64_t>(value) + 0x800) >> 12) & 0xfffff);
}

namespace {

constexpr int kMaxDepth = 200; // bounds recursion on inputs like "((((((..."

int rankOf(const Token& t) {
    if (t.kind != TokenKind::Punct) return 0;
    const std::string& s = t.text;
    if (s == "*" || s == "/" || s == "%" || s == "<<" || s == ">>") return 5;
    if (s == "|" || s == "&" || s == "^" || s == "!") return 4;
    if (s == "+" || s == "-") return 3;
    if (s == "==" || s == "!=" || s == "<>" || s == "<" || s == ">" || s == "<=" || s == ">=")
        return 2;
    if (s == "&&" || s == "||") return 1;
    return 0;
}

class Parser {
public:
    Parser(std::span<const Token> tokens, ExpressionContext& context, int endColumn)
        : tokens_(tokens), context_(context), endColumn_(endColumn) {}

    std::optional<ExprValue> run() {
        auto v = binary(1, 0);
        if (!v) return std::nullopt;
        if (pos_ < tokens_.size()) {
            const Token& t = tokens_[pos_];
            context_.error(t.column, "unexpected '" + t.text + "' in expression");
            return std::nullopt;
        }
        return v;
    }

private:
    const Token* peek() const { return pos_ < tokens_.size() ? &tokens_[pos_] : nullptr; }
    int column() const { return peek() ? peek()->column : endColumn_; }

    std::optional<ExprValue> fail(int col, std::string message) {
        context_.error(col, std::move(message));
        return std::nullopt;
    }

    std::optional<ExprValue> binary(int minRank, int depth) {
        auto lhs = unary(depth + 1);
        while (lhs && peek() && rankOf(*peek()) >= minRank) {
            const Token op = *peek();
            const int rank = rankOf(op);
            ++pos_;
            auto rhs = binary(rank + 1, depth + 1);
            if (!rhs) return std::nullopt;
            auto r = apply(op, lhs->value, rhs->value);
            if (!r) return std::nullopt;
            lhs = ExprValue{*r, RelocKind::None};
        }
        return lhs;
    }

    std::optional<int64_t> apply(const Token& op, int64_t a, int64_t b) {
        const auto ua = static_cast<uint64_t>(a);
        const auto ub = static_cast<uint64_t>(b);
        const std::string& s = op.text;
        if (s == "+") return static_cast<int64_t>(ua + ub);
        if (s == "-") return static_cast<int64_t>(ua - ub);
        if (s == "*") return static_cast<int64_t>(ua * ub);
        if (s == "/" || s == "%") {
            if (b == 0) {
                context_.error(op.column, "division by zero");
                return std::nullopt;
            }
            if (b == -1) return s == "/" ? static_cast<int64_t>(0 - ua) : 0;
            return s == "/" ? a / b : a % b;
        }
        if (s == "<<") return ub >= 64 ? 0 : static_cast<int64_t>(ua << ub);
        if (s == ">>") return ub >= 64 ? 0 : static_cast<int64_t>(ua >> ub); // GNU: logical
        if (s == "|") return a | b;
        if (s == "&") return a & b;
        if (s == "^") return a ^ b;
        if (s == "!") return a | ~b; // GNU "or not"
        if (s == "==") return a == b ? -1 : 0;
        if (s == "!=" || s == "<>") return a != b ? -1 : 0;
        if (s == "<") return a < b ? -1 : 0;
        if (s == ">") return a > b ? -1 : 0;
        if (s == "<=") return a <= b ? -1 : 0;
        if (s == ">=") return a >= b ? -1 : 0;
        if (s == "&&") return (a && b) ? 1 : 0;
        return (a || b) ? 1 : 0; // "||"
    }

    std::optional<ExprValue> unary(int depth) {
        if (depth > kMaxDepth) return fail(column(), "expression nested too deeply");
        const Token* t = peek();
        if (!t) return fail(endColumn_, "expected an expression");
        if (t->is("-") || t->is("+") || t->is("~") || t->is("!")) {
            const std::string op = t->text;
            ++pos_;
            auto v = unary(depth + 1);
            if (!v) return std::nullopt;
            const auto u = static_cast<uint64_t>(v->value);
            if (op == "-") return ExprValue{static_cast<int64_t>(0 - u), RelocKind::None};
            if (op == "~") return ExprValue{static_cast<int64_t>(~u), RelocKind::None};
            if (op == "!") return ExprValue{v->value == 0 ? 1 : 0, RelocKind::None};
            return v;
        }
        return primary(depth);
    }

    std::optional<ExprValue> primary(int depth) {
        const Token& t = *peek();
        ++pos_;
        switch (t.kind) {
        case TokenKind::Number:
            return ExprValue{t.value, RelocKind::None};
        case TokenKind::LocalRef: {
            auto v = context_.localLabelValue(t);
            return v ? std::optional(ExprValue{*v, RelocKind::None}) : std::nullopt;
        }
        case TokenKind::Identifier: {
            if (t.text == ".") return ExprValue{context_.dot(), RelocKind::None};
            auto v = context_.symbolValue(t);
            return v ? std::optional(ExprValue{*v, RelocKind::None}) : std::nullopt;
        }
        case TokenKind::String:
            return fail(t.column, "unexpected string in expression");
        case TokenKind::Punct:
            break;
        }
        if (t.is("(")) {
            auto v = binary(1, depth + 1);
            if (!v) return std::nullopt;
            if (!peek() || !peek()->is(")")) return fail(column(), "expected ')'");
            ++pos_;
            return ExprValue{v->value, RelocKind::None};
        }
        if (t.is("%")) return relocation(depth);
        return fail(t.column, "expected an expression, found '" + t.text + "'");
    }

    std::optional<ExprValue> relocation(int depth) {
        const Token* name = peek();
        if (!name || name->kind != TokenKind::Identifier)
            return fail(column(), "expected %hi, %lo, %pcrel_hi or %pcrel_lo");
        RelocKind kind = RelocKind::None;
        if (name->text == "hi")
            kind = RelocKind::Hi;
        else if (name->text == "lo")
            kind = RelocKind::Lo;
        else if (name->text == "pcrel_hi")
            kind = RelocKind::PcrelHi;
        else if (name->text == "pcrel_lo")
            kind = RelocKind::PcrelLo;
        else
            return fail(name->column, "unknown relocation '%" + name->text +
                                          "' (expected %hi, %lo, %pcrel_hi or %pcrel_lo)");
        ++pos_;
        if (!peek() || !peek()->is("(")) return fail(column(), "expected '(' after %" + name->text);
        ++pos_;
        const int argColumn = column();
        auto v = binary(1, depth + 1);
        if (!v) return std::nullopt;
        if (!peek() || !peek()->is(")")) return fail(column(), "expected ')'");
        ++pos_;
        switch (kind) {
        case RelocKind::Hi:
            return ExprValue{hi20(v->value), kind};
        case RelocKind::Lo:
            return ExprValue{lo12(v->value), kind};
        case RelocKind::PcrelHi:
            context_.notePcrelHi(v->value);
            return ExprValue{hi20(v->value - context_.dot()), kind};
        default: {
            auto lo = context_.pcrelLo(v->value, argColumn);
            return lo ? std::optional(ExprValue{*lo, kind}) : std::nullopt;
        }
        }
    }

    std::span<const Token> tokens_;
    ExpressionContext& context_;
    int endColumn_;
    std::size_t pos_ = 0;
};

} // namespace

std::optional<ExprValue> evaluate(std::span<const Token> tokens, ExpressionContext& context,
                                  int endColumn) {
    return Parser(tokens, context, endColumn).run();
}

} // namespace vizor::assembler
