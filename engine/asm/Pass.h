// One pass of the assembler over the whole source. assemble() repeats passes, each
// seeded with the symbol values the previous one found, until nothing moves; the
// diagnostics and the program of that last pass are the result. Forward references
// are therefore resolved exactly, without fix-up lists; the passes also replay GNU
// as's branch relaxation (Relaxation.cpp).
#pragma once

#include "asm/Assembler.h"
#include "asm/Expression.h"
#include "asm/Lexer.h"
#include "isa/InstructionTable.h"

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <vector>

namespace vizor::assembler {

std::string lower(std::string_view s);

inline constexpr std::size_t kMaxErrors = 100;
inline constexpr std::size_t kMaxExpandedLines = 200000; // per pass: bounds .rept and macros

// A label's section and its offset within its GNU "frag" (see Relaxation.cpp).
struct LabelPlace {
    std::string section;
    int64_t fragOffset = 0;
    bool operator==(const LabelPlace&) const = default;
};

// What one pass learns and the next one starts from.
struct PassFacts {
    std::map<std::string, int64_t> symbols;
    std::map<std::string, uint32_t> sectionBases;
    std::map<int64_t, int64_t> pcrelHiTargets;     // auipc address -> full %pcrel_hi target
    std::set<std::string> labels;                  // which symbols are labels (not .equ)
    std::map<std::string, LabelPlace> labelPlaces; // where each label sits (Relaxation.cpp)
    bool operator==(const PassFacts&) const = default;
};

struct SourceLine {
    int line = 0;
    std::string text;
};

struct Operand {
    std::span<const Token> tokens;
    int column = 1;
    int endColumn = 1;
};

struct MacroDefinition {
    std::vector<std::string> params;
    std::vector<std::optional<std::string>> defaults;
    std::vector<SourceLine> body;
};

struct SectionBuffer {
    std::string name;
    uint32_t base = 0;
    std::vector<uint8_t> bytes;
    std::vector<std::pair<uint32_t, int>> lines; // (offset, source line) per instruction
    bool code = false;         // .text* or flagged "x": padded with nops like GNU pads code
    std::size_t fragStart = 0; // where GNU's current frag began (Relaxation.cpp)
};

class Pass : public ExpressionContext {
public:
    // passIndex 0 learns the layout, 1 makes GNU's first branch-size estimate, later
    // passes repeat GNU's relaxation rounds until nothing moves.
    Pass(const AssemblerOptions& options, const PassFacts& previous, int passIndex);

    void run(const std::vector<SourceLine>& lines);
    void addError(int line, int column, std::string message);

    PassFacts facts() const;
    Program program() const;
    std::vector<Diagnostic> takeErrors() { return std::move(errors_); }

    // ExpressionContext
    std::optional<int64_t> symbolValue(const Token& name) override;
    std::optional<int64_t> localLabelValue(const Token& ref) override;
    int64_t dot() const override;
    std::optional<int64_t> pcrelLo(int64_t labelAddress, int column) override;
    void notePcrelHi(int64_t target) override;
    void error(int column, std::string message) override;

private:
    // Driver (Pass.cpp)
    void processLine(const SourceLine& line);
    bool captureMacroLine(const SourceLine& line);
    void statement(std::span<const Token> tokens, int endColumn);
    bool conditional(const std::string& name, std::span<const Token> args, const Token& head,
                     int endColumn);
    bool active() const;
    // Trimmed text of the line being assembled between two columns (macro arguments).
    std::string sourceText(int fromColumn, int toColumn) const;
    void defineLabel(const Token& name);
    void defineSymbol(const Token& name, int64_t value, bool redefinable);
    // Empty operands are errors unless allowed (".balign 4,,8", macro arguments).
    std::vector<Operand> splitOperands(std::span<const Token> tokens, int endColumn,
                                       bool allowEmpty = false);
    bool expectOperands(const Token& head, const std::vector<Operand>& ops, std::size_t count,
                        int endColumn);
    void finishChecks();

    // Macros (Macros.cpp)
    void beginMacro(std::span<const Token> args, const Token& head, int endColumn);
    void beginRept(std::span<const Token> args, const Token& head, int endColumn);
    void beginIrp(std::span<const Token> args, const Token& head, int endColumn);
    void repeat(std::vector<SourceLine> body);
    void expandMacro(const std::string& name, std::span<const Token> args, const Token& head,
                     int endColumn);

    // Directives (Directives.cpp)
    void directive(const std::string& name, const Token& head, std::span<const Token> args,
                   int endColumn);
    void dataDirective(unsigned size, const std::vector<Operand>& ops);
    void stringDirective(bool terminate, const std::vector<Operand>& ops);
    void alignDirective(bool byteForm, const Token& head, const std::vector<Operand>& ops);
    void spaceDirective(const Token& head, const std::vector<Operand>& ops, int endColumn);
    void alignCode(uint64_t boundary);
    void fillDirective(const Token& head, const std::vector<Operand>& ops, int endColumn);
    void sectionDirective(const std::string& name, bool executable = false);
    void equDirective(const Token& head, const std::vector<Operand>& ops, bool redefinable,
                      int endColumn);

    // Instructions (Instructions.cpp)
    void instruction(const Token& head, std::span<const Token> args, int endColumn);
    void realInstruction(const isa::InstructionInfo& info, uint32_t aqrl, const Token& head,
                         const std::vector<Operand>& ops, int endColumn);
    void loadStore(const isa::InstructionInfo& info, const Token& head,
                   const std::vector<Operand>& ops, int endColumn);
    void branchOrJump(const isa::InstructionInfo& info, const Token& head,
                      const std::vector<Operand>& ops, int endColumn);
    void branch(const isa::InstructionInfo& info, const Token& head,
                const std::vector<Operand>& ops, int endColumn);
    void csrInstruction(const isa::InstructionInfo& info, const Token& head,
                        const std::vector<Operand>& ops, int endColumn);
    void atomic(const isa::InstructionInfo& info, uint32_t aqrl, const Token& head,
                const std::vector<Operand>& ops, int endColumn);
    void system(const isa::InstructionInfo& info, const Token& head,
                const std::vector<Operand>& ops, int endColumn);

    // Pseudo-instructions (Pseudo.cpp)
    bool pseudoInstruction(const std::string& name, const Token& head,
                           const std::vector<Operand>& ops, int endColumn);
    bool templatePseudo(const std::string& name, const Token& head, const std::vector<Operand>& ops,
                        int endColumn);
    enum class PcrelForm : uint8_t { Address, Call, Tail };
    void pcrelPseudo(PcrelForm form, const Token& head, const std::vector<Operand>& ops,
                     int endColumn);
    void loadImmediate(const Token& head, const std::vector<Operand>& ops, int endColumn);
    void pcrelPair(uint8_t hiReg, uint32_t loWord, int64_t target);

    // Operand helpers (Operands.cpp)
    uint8_t reg(const Operand& op); // 0 after reporting a bad register
    int64_t value(const Operand& op, RelocKind* reloc = nullptr);
    int64_t immediate(const Operand& op, const Token& head, int64_t min, int64_t max);
    std::optional<uint16_t> csr(const Operand& op);
    bool isRegister(const Operand& op) const;
    bool isMemory(const Operand& op) const;
    // "imm(rs1)", "(rs1)", "%lo(x)(rs1)": offset operand and base register.
    std::optional<std::pair<Operand, uint8_t>> memory(const Operand& op);
    int64_t pcOffset(const Operand& target, const Token& head, int bits);
    int64_t checkedOffset(int64_t target, const Operand& op, const Token& head, int bits);
    bool refersToLabel(const Operand& op) const;
    const int64_t* lookupSymbol(const std::string& key) const; // per lookup_

    // Branch relaxation as GNU as does it (Relaxation.cpp)
    enum class Lookup : uint8_t { Normal, CurrentOnly, PreviousFirst };
    bool branchFits(const Operand& target);
    std::optional<std::string> targetLabel(const Operand& op);
    std::optional<int64_t> trialValue(const Operand& op, Lookup mode);
    void endFrag() { section().fragStart = section().bytes.size(); }

    // The mnemonic as the user wrote it, for messages: "csrs", not its expansion "csrrs".
    std::string shownName(const Token& head) const {
        return aliasName_.empty() ? lower(head.text) : aliasName_;
    }

    // Emission
    void emitInstruction(uint32_t word);
    void emitBytes(uint64_t value, unsigned size);
    SectionBuffer& section() { return sections_[current_]; }
    std::size_t imageSize() const {
        std::size_t total = 0;
        for (const auto& s : sections_)
            total += s.bytes.size();
        return total;
    }

    const AssemblerOptions& options_;
    const PassFacts& previous_;
    std::vector<Diagnostic> errors_;
    // Past kMaxErrors errors are dropped, but the pass still runs to the end: an early
    // pass reports forward references as undefined, and must still define every label.
    bool stopped_ = false;

    std::vector<SectionBuffer> sections_;
    std::size_t current_ = 0;

    std::map<std::string, int64_t> symbols_; // defined so far in this pass
    std::map<std::string, int> labelLines_;  // labels (not .equ) and where defined
    std::map<int64_t, int> localCounts_;     // definitions of numeric local labels
    std::map<int64_t, int64_t> pcrelHi_;
    std::map<std::string, LabelPlace> labelPlaces_;
    int passIndex_ = 0;
    Lookup lookup_ = Lookup::Normal; // which pass's symbol values an evaluation prefers
    bool silent_ = false;            // a trial evaluation: its errors do not count

    struct Conditional {
        bool parentActive;
        bool active;
        bool taken;
        bool sawElse;
        int line;
        int column;
    };
    std::vector<Conditional> conditionals_;

    std::map<std::string, MacroDefinition> macros_;
    std::string capturingMacro_; // ".macro" or ".rept" while capturing a body
    std::string macroName_;
    int64_t reptCount_ = -1;                // >= 0 while capturing a .rept or .irp body
    std::vector<std::string> repeatValues_; // .irp values
    bool exitMacro_ = false;                // .exitm seen: leave the current macro
    MacroDefinition captured_;
    int captureDepth_ = 0;
    int captureLine_ = 0;
    int captureColumn_ = 0;
    std::string aliasName_; // pseudo-instruction being expanded through a template
    int macroDepth_ = 0;
    bool macroOverflow_ = false;
    std::size_t expandedLines_ = 0;
    std::string macroContext_; // " (in macro 'm' used at line 7)" while expanding

    bool valueFailed_ = false;  // the last value() reported an error
    std::string_view lineText_; // the line being assembled
    int line_ = 0;              // line of the statement being assembled (for diagnostics)
    int mapLine_ = 0;           // line the line map records (the macro call site inside macros)
};

} // namespace vizor::assembler
