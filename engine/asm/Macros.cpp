// Conditional assembly (.if family) and macros (.macro / .endm).
#include "asm/Pass.h"

#include <algorithm>

namespace vizor::assembler {
namespace {

constexpr int kMaxMacroDepth = 64; // a recursive macro stops here

bool isConditionalName(const std::string& n) {
    return n == ".if" || n == ".ifdef" || n == ".ifndef" || n == ".ifeq" || n == ".ifne" ||
           n == ".ifc" || n == ".ifnc" || n == ".ifb" || n == ".ifnb" || n == ".else" ||
           n == ".elseif" || n == ".endif";
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

std::string trim(std::string_view s) {
    const auto first = s.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {};
    const auto last = s.find_last_not_of(" \t");
    return std::string(s.substr(first, last - first + 1));
}

// A macro argument written as one quoted string arrives without its quotes (GNU).
std::string unquote(std::string arg) {
    if (arg.size() >= 2 && arg.front() == '"' && arg.back() == '"') {
        bool inner = false; // a quote inside (not escaped) means two strings: keep as is
        for (std::size_t i = 1; i + 1 < arg.size(); ++i) {
            if (arg[i] == '\\')
                ++i;
            else if (arg[i] == '"')
                inner = true;
        }
        if (!inner) return arg.substr(1, arg.size() - 2);
    }
    return arg;
}

// Splits the text of a macro call's arguments as GNU does: at top-level commas, or at
// whitespace when there is no comma; quotes and parentheses group.
std::vector<std::string> splitArguments(std::string_view text) {
    const auto split = [&](bool atComma) {
        std::vector<std::string> parts;
        std::string current;
        int depth = 0;
        char quote = 0;
        bool separated = false;
        for (std::size_t i = 0; i < text.size(); ++i) {
            const char c = text[i];
            if (quote) {
                if (c == '\\' && i + 1 < text.size()) {
                    current += c; // an escape stays as written, with the character it escapes
                    current += text[++i];
                    continue;
                }
                if (c == quote) quote = 0;
            } else if (c == '"') {
                quote = c;
            } else if (c == '(') {
                ++depth;
            } else if (c == ')') {
                --depth;
            } else if (depth <= 0 && (atComma ? c == ',' : (c == ' ' || c == '\t'))) {
                if (atComma || !trim(current).empty()) parts.push_back(unquote(trim(current)));
                current.clear();
                separated = true;
                continue;
            }
            current += c;
        }
        if (atComma || !trim(current).empty() || !separated)
            parts.push_back(unquote(trim(current)));
        return parts;
    };
    auto byComma = split(true);
    return byComma.size() > 1 ? byComma : split(false);
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
        if (name == ".ifb" || name == ".ifnb") return args.empty() == (name == ".ifb");
        if (name == ".ifc" || name == ".ifnc") { // compare two strings, as in macro bodies
            const auto parts =
                splitArguments(args.empty() ? "" : sourceText(args.front().column, endColumn));
            if (parts.size() != 2) {
                error(args.empty() ? endColumn : args.front().column,
                      "expected two strings separated by a comma");
                return false;
            }
            return (parts[0] == parts[1]) == (name == ".ifc");
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
    const bool rept = reptCount_ >= 0; // .rept and .irp both end at .endr
    if (rept ? (first == ".rept" || first == ".irp") : first == ".macro") ++captureDepth_;
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

// .irp PARAM, value1, value2 ...: the body once per value, with \PARAM replaced.
void Pass::beginIrp(std::span<const Token> args, const Token& head, int endColumn) {
    if (args.empty() || args[0].kind != TokenKind::Identifier) {
        error(args.empty() ? endColumn : args[0].column, "expected a parameter name after .irp");
        return;
    }
    std::size_t first = 1;
    if (first < args.size() && args[first].is(",")) ++first;
    repeatValues_.clear();
    if (first < args.size())
        repeatValues_ = splitArguments(sourceText(args[first].column, endColumn));
    if (repeatValues_.empty()) repeatValues_.emplace_back(); // GNU: once, with nothing
    captured_ = {};
    captured_.params = {args[0].text};
    reptCount_ = static_cast<int64_t>(repeatValues_.size());
    capturingMacro_ = ".rept";
    captureDepth_ = 1;
    captureLine_ = line_;
    captureColumn_ = head.column;
}

void Pass::repeat(std::vector<SourceLine> body) {
    // Copy the capture state first: the body may itself start a .rept or .irp.
    const int64_t count = reptCount_;
    const std::vector<std::string> params = captured_.params;
    const std::vector<std::string> values = std::move(repeatValues_);
    reptCount_ = -1;
    const int reptLine = captureLine_;
    const int reptColumn = captureColumn_;
    for (int64_t i = 0; i < count; ++i) {
        expandedLines_ += body.size() + 1;
        if (expandedLines_ > kMaxExpandedLines) {
            addError(reptLine, reptColumn, ".rept/.irp expands to too many lines");
            return;
        }
        const int expansion = static_cast<int>(expandedLines_);
        for (const auto& bodyLine : body) {
            line_ = bodyLine.line;
            mapLine_ = bodyLine.line;
            if (params.empty()) {
                processLine(bodyLine);
                continue;
            }
            const std::vector<std::string> value = {values[static_cast<std::size_t>(i)]};
            processLine({bodyLine.line, substitute(bodyLine.text, params, value, expansion)});
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
            const int from = k + 2 < args.size() ? args[k + 2].column : endColumn;
            const int to = e < args.size() ? args[e].column : endColumn;
            captured_.defaults.back() = unquote(sourceText(from, to));
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
    if (!args.empty()) values = splitArguments(sourceText(args.front().column, endColumn));
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
    const std::size_t openConditionals = conditionals_.size();
    const int expansion = static_cast<int>(expandedLines_);
    for (const auto& bodyLine : def.body) {
        if (exitMacro_) break;
        ++expandedLines_;
        line_ = bodyLine.line;
        mapLine_ = savedMapLine;
        processLine({bodyLine.line, substitute(bodyLine.text, def.params, values, expansion)});
    }
    --macroDepth_;
    // .exitm usually sits inside an .if of the body: close what the body left open.
    if (exitMacro_) conditionals_.resize(std::min(conditionals_.size(), openConditionals));
    exitMacro_ = false;
    macroContext_ = savedContext;
    line_ = callLine;
    mapLine_ = savedMapLine;
}

} // namespace vizor::assembler
