// Splits one line of RISC-V assembly (GNU `as` syntax) into coloured tokens. A tiny
// hand-written scanner rather than regular expressions, because what a word is depends
// on where it stands: the first word of a statement is a mnemonic or a directive, a word
// followed by ':' is a label, and '#' starts a comment only outside strings.
#pragma once

#include <QList>
#include <QStringView>

namespace vizor::views {

enum class AsmTokenKind {
    Mnemonic,
    Register,
    Directive,
    Label,
    Number,
    Comment,
    String,
    Relocation
};

struct AsmToken {
    int start = 0;
    int length = 0;
    AsmTokenKind kind = AsmTokenKind::Mnemonic;
    friend bool operator==(const AsmToken&, const AsmToken&) = default;
};

struct AsmLine {
    QList<AsmToken> tokens;
    bool endsInBlockComment = false; // an unterminated /* ... continues on the next line
};

AsmLine lexAsmLine(QStringView text, bool startsInBlockComment);

// Integer registers (x0..x31 and ABI names) and the CSR names the engine implements.
bool isRegisterName(QStringView word);

} // namespace vizor::views
