#include "asm/Pass.h"

#include <algorithm>
#include <cctype>

namespace vizor::assembler {

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

Pass::Pass(const AssemblerOptions& options, const PassFacts& previous, int passIndex)
    : options_(options), previous_(previous), passIndex_(passIndex) {
    sections_.push_back({".text", options.baseAddress, {}, {}, true});
    for (const auto& [name, value] : options.defines)
        symbols_[name] = value;
}

void Pass::addError(int line, int column, std::string message) {
    if (stopped_) return;
    if (errors_.size() >= kMaxErrors) {
        errors_.push_back(
            {{options_.fileName, line, column}, "too many errors; further errors are not shown"});
        stopped_ = true;
        return;
    }
    errors_.push_back({{options_.fileName, line, column}, std::move(message) + macroContext_});
}

void Pass::error(int column, std::string message) {
    if (silent_) return;
    addError(line_, column, std::move(message));
}

void Pass::run(const std::vector<SourceLine>& lines) {
    for (const auto& line : lines) {
        line_ = line.line;
        mapLine_ = line.line;
        processLine(line);
    }
    finishChecks();
}

void Pass::finishChecks() {
    if (capturingMacro_ == ".macro")
        addError(captureLine_, captureColumn_,
                 "unterminated .macro '" + macroName_ + "' (missing .endm)");
    if (capturingMacro_ == ".rept")
        addError(captureLine_, captureColumn_, "unterminated .rept (missing .endr)");
    for (const auto& c : conditionals_)
        addError(c.line, c.column, "unterminated .if (missing .endif)");
}

void Pass::processLine(const SourceLine& line) {
    if (captureMacroLine(line)) return;
    const std::string_view savedText = lineText_; // a macro call nests lines
    lineText_ = line.text;
    std::vector<LexError> lexErrors;
    const auto statements = tokenizeLine(line.text, lexErrors);
    // A lexical error cuts its statement short: assemble only the complete ones before it.
    const std::size_t complete = statements.size() - (lexErrors.empty() ? 0 : 1);
    for (std::size_t k = 0; k < complete; ++k)
        if (!statements[k].tokens.empty()) statement(statements[k].tokens, statements[k].endColumn);
    // Inside a skipped .if block a lexical error does not count.
    if (active())
        for (const auto& e : lexErrors)
            error(e.column, e.message);
    lineText_ = savedText;
}

std::string Pass::sourceText(int fromColumn, int toColumn) const {
    const auto from =
        std::min(lineText_.size(), static_cast<std::size_t>(std::max(fromColumn, 1) - 1));
    const auto to = std::min(lineText_.size(), static_cast<std::size_t>(std::max(toColumn, 1) - 1));
    if (to <= from) return {};
    std::string_view s = lineText_.substr(from, to - from);
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return std::string(s);
}

bool Pass::active() const {
    return conditionals_.empty() || conditionals_.back().active;
}

void Pass::statement(std::span<const Token> tokens, int endColumn) {
    std::size_t i = 0;
    const auto isHead = [&](std::size_t k) {
        return k < tokens.size() && tokens[k].kind == TokenKind::Identifier;
    };
    if (isHead(0)) {
        const std::string name = lower(tokens[0].text);
        if (conditional(name, tokens.subspan(1), tokens[0], endColumn)) return;
    }
    if (!active()) return;
    while (i + 1 < tokens.size() && tokens[i + 1].is(":") &&
           (tokens[i].kind == TokenKind::Identifier || tokens[i].kind == TokenKind::Number)) {
        defineLabel(tokens[i]);
        i += 2;
    }
    if (i >= tokens.size()) return;
    const Token& head = tokens[i];
    const auto rest = tokens.subspan(i + 1);
    if (head.kind != TokenKind::Identifier) {
        error(head.column, "expected a label, instruction or directive, found '" + head.text + "'");
        return;
    }
    if (!rest.empty() && rest[0].is("=")) {
        const auto ops = splitOperands(rest.subspan(1), endColumn);
        if (ops.size() == 1)
            defineSymbol(head, value(ops[0]), true);
        else
            error(rest[0].column, "expected one expression after '='");
        return;
    }
    if (head.text[0] == '.') {
        directive(lower(head.text), head, rest, endColumn);
    } else if (macros_.count(head.text)) {
        expandMacro(head.text, rest, head, endColumn);
    } else {
        instruction(head, rest, endColumn);
    }
}

void Pass::defineLabel(const Token& name) {
    if (name.kind == TokenKind::Number) {
        const int n = localCounts_[name.value]++;
        const std::string key = std::to_string(name.value) + "\x02" + std::to_string(n);
        symbols_[key] = dot();
        labelPlaces_[key] = {section().name,
                             static_cast<int64_t>(section().bytes.size() - section().fragStart)};
        return;
    }
    const auto it = labelLines_.find(name.text);
    if (it != labelLines_.end()) {
        error(name.column, "duplicate label '" + name.text + "' (first defined at line " +
                               std::to_string(it->second) + ")");
        return;
    }
    if (symbols_.count(name.text)) {
        error(name.column, "symbol '" + name.text + "' is already defined");
        return;
    }
    labelLines_[name.text] = line_;
    symbols_[name.text] = dot();
    labelPlaces_[name.text] = {section().name,
                               static_cast<int64_t>(section().bytes.size() - section().fragStart)};
}

void Pass::defineSymbol(const Token& name, int64_t v, bool redefinable) {
    if (labelLines_.count(name.text) || (!redefinable && symbols_.count(name.text))) {
        error(name.column, "symbol '" + name.text + "' is already defined");
        return;
    }
    symbols_[name.text] = v;
}

const int64_t* Pass::lookupSymbol(const std::string& key) const {
    const bool previousFirst = lookup_ == Lookup::PreviousFirst;
    const auto& first = previousFirst ? previous_.symbols : symbols_;
    const auto& second = previousFirst ? symbols_ : previous_.symbols;
    if (auto it = first.find(key); it != first.end()) return &it->second;
    if (lookup_ == Lookup::CurrentOnly) return nullptr;
    if (auto it = second.find(key); it != second.end()) return &it->second;
    return nullptr;
}

std::optional<int64_t> Pass::symbolValue(const Token& name) {
    if (const int64_t* v = lookupSymbol(name.text)) return *v;
    error(name.column, "undefined symbol '" + name.text + "'");
    return std::nullopt;
}

std::optional<int64_t> Pass::localLabelValue(const Token& ref) {
    const int count = localCounts_[ref.value];
    const bool backward = ref.text.back() == 'b';
    if (backward && count == 0) {
        error(ref.column, "no previous local label '" + std::to_string(ref.value) + ":'");
        return std::nullopt;
    }
    const std::string key =
        std::to_string(ref.value) + "\x02" + std::to_string(backward ? count - 1 : count);
    if (const int64_t* v = lookupSymbol(key)) return *v;
    error(ref.column, "no following local label '" + std::to_string(ref.value) + ":'");
    return std::nullopt;
}

int64_t Pass::dot() const {
    const auto& s = sections_[current_];
    return static_cast<int64_t>(s.base) + static_cast<int64_t>(s.bytes.size());
}

std::optional<int64_t> Pass::pcrelLo(int64_t labelAddress, int column) {
    if (auto it = pcrelHi_.find(labelAddress); it != pcrelHi_.end())
        return lo12(it->second - labelAddress);
    if (auto it = previous_.pcrelHiTargets.find(labelAddress); it != previous_.pcrelHiTargets.end())
        return lo12(it->second - labelAddress);
    error(column, "%pcrel_lo needs the label of an instruction using %pcrel_hi");
    return std::nullopt;
}

void Pass::notePcrelHi(int64_t target) {
    if (!silent_) pcrelHi_[dot()] = target;
}

std::vector<Operand> Pass::splitOperands(std::span<const Token> tokens, int endColumn,
                                         bool allowEmpty) {
    std::vector<Operand> ops;
    if (tokens.empty()) return ops;
    int depth = 0;
    std::size_t start = 0;
    for (std::size_t k = 0; k <= tokens.size(); ++k) {
        const bool end = k == tokens.size();
        if (!end && (tokens[k].is("(") || tokens[k].is("["))) ++depth;
        if (!end && (tokens[k].is(")") || tokens[k].is("]"))) --depth;
        if (!end && !(depth <= 0 && tokens[k].is(","))) continue;
        const int col = start < tokens.size() ? tokens[start].column : endColumn;
        const int stop = end ? endColumn : tokens[k].column;
        if (k == start && !allowEmpty)
            error(col,
                  "expected an operand before '" + std::string(end ? "end of line" : ",") + "'");
        ops.push_back({tokens.subspan(start, k - start), col, stop});
        start = k + 1;
    }
    return ops;
}

bool Pass::expectOperands(const Token& head, const std::vector<Operand>& ops, std::size_t count,
                          int endColumn) {
    if (ops.size() == count) return true;
    const std::string expected = std::to_string(count) + " operand" + (count == 1 ? "" : "s");
    if (ops.size() > count)
        error(ops[count].column,
              "too many operands for " + shownName(head) + " (expected " + expected + ")");
    else
        error(endColumn, "missing operand for " + shownName(head) + " (expected " + expected +
                             ", got " + std::to_string(ops.size()) + ")");
    return false;
}

void Pass::emitInstruction(uint32_t word) {
    auto& s = section();
    s.lines.emplace_back(static_cast<uint32_t>(s.bytes.size()), mapLine_);
    emitBytes(word, 4);
}

void Pass::emitBytes(uint64_t v, unsigned size) {
    auto& bytes = section().bytes;
    for (unsigned k = 0; k < size; ++k)
        bytes.push_back(static_cast<uint8_t>(v >> (8 * k)));
}

PassFacts Pass::facts() const {
    PassFacts f;
    f.symbols = symbols_;
    f.pcrelHiTargets = pcrelHi_;
    f.labelPlaces = labelPlaces_;
    for (const auto& [name, line] : labelLines_)
        f.labels.insert(name);
    uint64_t next = options_.baseAddress;
    for (const auto& s : sections_) {
        next = (next + 15) & ~uint64_t{15};
        f.sectionBases[s.name] = static_cast<uint32_t>(next);
        next += s.bytes.size();
    }
    return f;
}

Program Pass::program() const {
    Program p;
    p.files.push_back(options_.fileName);
    for (const auto& s : sections_) {
        if (s.bytes.empty() && s.name != ".text") continue;
        p.sections.push_back({s.name, s.base, s.bytes});
        for (const auto& [offset, line] : s.lines)
            p.lineMap.push_back({s.base + offset, 0, line});
    }
    std::sort(p.lineMap.begin(), p.lineMap.end(),
              [](const auto& a, const auto& b) { return a.address < b.address; });
    for (const auto& [name, line] : labelLines_) {
        (void)line;
        p.symbols[name] = static_cast<uint32_t>(symbols_.at(name));
    }
    p.entry = p.symbol("_start").value_or(options_.baseAddress);
    return p;
}

} // namespace vizor::assembler
