// Conditional assembly (.if family) and macros (.macro / .endm).
#include "asm/Pass.h"

namespace vizor::assembler {
namespace {

constexpr int kMaxMacroDepth = 64; // a recursive macro stops here

bool isConditionalName(const std::string& n) {
    return n == ".if" || n == ".ifdef" || n == ".ifndef" || n == ".ifeq" || n == ".ifne" ||
           n == ".else" || n == ".elseif" || n == ".endif";
}

// Replaces "\name" by its argument; longest parameter names first so \ab beats \a.
std::string substitute(std::string text, const std::vector<std::string>& params,
                       const std::vector<std::string>& args, int expansion) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '\\' || i + 1 >= text.size()) {
            out += text[i];
            continue;
        }
        if (text.compare(i + 1, 2, "()") == 0) { // "\()" joins text: drop it
            i += 2;
            continue;
        }
        if (text[i + 1] == '@') {
            out += std::to_string(expansion);
            ++i;
            continue;
        }
        std::size_t best = params.size();
        for (std::size_t p = 0; p < params.size(); ++p)
            if (text.compare(i + 1, params[p].size(), params[p]) == 0 &&
                (best == params.size() || params[p].size() > params[best].size()))
                best = p;
        if (best == params.size()) {
            out += text[i];
            continue;
        }
        out += args[best];
        i += params[best].size();
    }
    return out;
}

std::string joinTokens(std::span<const Token> tokens) {
    std::string s;
    int lastEnd = -1;
    for (const auto& t : tokens) {
        if (lastEnd >= 0 && t.column > lastEnd) s += ' ';
        if (t.kind == TokenKind::String)
            s += '"' + t.text + '"';
        else
            s += t.text;
        lastEnd = t.column + static_cast<int>(t.text.size());
    }
    return s;
}

} // namespace

bool Pass::conditional(const std::string& name, std::span<const Token> args, const Token& head,
                       int endColumn) {
    if (!isConditionalName(name)) return false;
    const auto condition = [&]() -> bool {
        if (name == ".ifdef" || name == ".ifndef") {
            if (args.size() != 1 || args[0].kind != TokenKind::Identifier) {
                error(args.empty() ? endColumn : args[0].column, "expected a symbol name");
                return false;
            }
            const bool defined = symbols_.count(args[0].text) > 0;
            return name == ".ifdef" ? defined : !defined;
        }
        const auto ops = splitOperands(args, endColumn);
        if (ops.size() != 1) {
            error(ops.empty() ? endColumn : ops.back().column, "expected one expression");
            return false;
        }
        const int64_t v = value(ops[0]);
        return name == ".ifeq" ? v == 0 : v != 0;
    };
    if (name == ".endif") {
        if (conditionals_.empty())
            error(head.column, ".endif without .if");
        else
            conditionals_.pop_back();
        return true;
    }
    if (name == ".else" || name == ".elseif") {
        if (conditionals_.empty() || conditionals_.back().sawElse) {
            error(head.column, name + " without .if");
            return true;
        }
        auto& c = conditionals_.back();
        const bool take = c.parentActive && !c.taken && (name == ".else" || condition());
        c.sawElse = name == ".else";
        c.active = take;
        c.taken = c.taken || take;
        return true;
    }
    if (conditionals_.size() >= 256) {
        error(head.column, ".if nested too deeply");
        return true;
    }
    const bool parent = active();
    const bool take = parent && condition();
    conditionals_.push_back({parent, take, take, false, line_, head.column});
    return true;
}

bool Pass::captureMacroLine(const SourceLine& line) {
    if (capturingMacro_.empty()) return false;
    std::vector<LexError> ignored;
    const auto statements = tokenizeLine(line.text, ignored);
    const auto& tokens = statements.front().tokens;
    const std::string first = tokens.empty() ? "" : lower(tokens[0].text);
    const bool rept = reptCount_ >= 0;
    if (first == (rept ? ".rept" : ".macro")) ++captureDepth_;
    if (first == (rept ? ".endr" : ".endm") && --captureDepth_ == 0) {
        capturingMacro_.clear();
        if (rept)
            repeat(std::move(captured_.body));
        else
            macros_[macroName_] = std::move(captured_);
        return true;
    }
    captured_.body.push_back(line);
    return true;
}

void Pass::beginRept(std::span<const Token> args, const Token& head, int endColumn) {
    const auto ops = splitOperands(args, endColumn);
    if (!expectOperands(head, ops, 1, endColumn)) return;
    const int64_t count = value(ops[0]);
    if (count < 0 || count > static_cast<int64_t>(kMaxExpandedLines)) {
        error(ops[0].column, "repeat count " + std::to_string(count) + " out of range (0.." +
                                 std::to_string(kMaxExpandedLines) + ")");
        return;
    }
    captured_ = {};
    reptCount_ = count;
    capturingMacro_ = ".rept";
    captureDepth_ = 1;
    captureLine_ = line_;
    captureColumn_ = head.column;
}

void Pass::repeat(std::vector<SourceLine> body) {
    const int64_t count = reptCount_;
    reptCount_ = -1;
    const int reptLine = captureLine_;
    for (int64_t i = 0; i < count; ++i) {
        expandedLines_ += body.size() + 1;
        if (expandedLines_ > kMaxExpandedLines) {
            addError(reptLine, captureColumn_, ".rept expands to too many lines");
            return;
        }
        for (const auto& bodyLine : body) {
            line_ = bodyLine.line;
            mapLine_ = bodyLine.line;
            processLine(bodyLine);
        }
    }
}

void Pass::beginMacro(std::span<const Token> args, const Token& head, int endColumn) {
    if (args.empty() || args[0].kind != TokenKind::Identifier) {
        error(args.empty() ? endColumn : args[0].column, "expected a macro name after .macro");
        return;
    }
    captured_ = {};
    for (std::size_t k = 1; k < args.size(); ++k) {
        if (args[k].is(",")) continue;
        if (args[k].kind != TokenKind::Identifier) {
            error(args[k].column, "expected a macro parameter name");
            return;
        }
        captured_.params.push_back(args[k].text);
        captured_.defaults.emplace_back();
        if (k + 1 < args.size() && args[k + 1].is("=")) {
            std::size_t e = k + 2;
            while (e < args.size() && !args[e].is(","))
                ++e;
            captured_.defaults.back() = joinTokens(args.subspan(k + 2, e - (k + 2)));
            k = e;
        }
    }
    capturingMacro_ = ".macro";
    macroName_ = args[0].text;
    reptCount_ = -1;
    captureDepth_ = 1;
    captureLine_ = line_;
    captureColumn_ = head.column;
}

void Pass::expandMacro(const std::string& name, std::span<const Token> args, const Token& head,
                       int endColumn) {
    if (macroDepth_ >= kMaxMacroDepth || expandedLines_ > kMaxExpandedLines) {
        // Report a runaway expansion once, not once per pending call.
        if (!macroOverflow_)
            error(head.column, "macro '" + name + "' expanded too deeply (recursive macro?)");
        macroOverflow_ = true;
        return;
    }
    const MacroDefinition def = macros_.at(name); // copy: the body may redefine the macro
    std::vector<std::string> values;
    bool hasComma = false;
    for (const auto& t : args)
        hasComma = hasComma || t.is(",");
    if (hasComma) {
        for (const auto& op : splitOperands(args, endColumn, true))
            values.push_back(joinTokens(op.tokens));
    } else {
        for (const auto& t : args)
            values.push_back(joinTokens(std::span(&t, 1)));
    }
    if (values.size() > def.params.size()) {
        error(head.column, "too many arguments for macro '" + name + "'");
        return;
    }
    for (std::size_t p = 0; p < def.params.size(); ++p) {
        if (p < values.size() && !values[p].empty()) continue;
        values.resize(def.params.size());
        values[p] = def.defaults[p].value_or("");
    }
    const std::string savedContext = macroContext_;
    const int callLine = line_;
    const int savedMapLine = mapLine_;
    macroContext_ = " (in macro '" + name + "' used at line " + std::to_string(callLine) + ")";
    ++macroDepth_;
    const int expansion = static_cast<int>(expandedLines_);
    for (const auto& bodyLine : def.body) {
        ++expandedLines_;
        line_ = bodyLine.line;
        mapLine_ = savedMapLine;
        processLine({bodyLine.line, substitute(bodyLine.text, def.params, values, expansion)});
    }
    --macroDepth_;
    macroContext_ = savedContext;
    line_ = callLine;
    mapLine_ = savedMapLine;
}

} // namespace vizor::assembler
