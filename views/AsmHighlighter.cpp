#include "views/AsmHighlighter.h"

#include "views/AsmLexer.h"
#include "views/CodeTheme.h"

namespace vizor::views {

namespace {
constexpr int kInBlockComment = 1; // QSyntaxHighlighter block state
}

AsmHighlighter::AsmHighlighter(QTextDocument* document) : QSyntaxHighlighter(document) {}

void AsmHighlighter::setDark(bool dark) {
    if (dark == dark_) return;
    dark_ = dark;
    rehighlight();
}

void AsmHighlighter::highlightBlock(const QString& text) {
    const CodeTheme& theme = codeTheme(dark_);
    const AsmLine line = lexAsmLine(text, previousBlockState() == kInBlockComment);
    for (const AsmToken& token : line.tokens) {
        QTextCharFormat format;
        format.setForeground(tokenColor(theme, token.kind));
        if (token.kind == AsmTokenKind::Label) format.setFontWeight(QFont::Bold);
        if (token.kind == AsmTokenKind::Comment) format.setFontItalic(true);
        setFormat(token.start, token.length, format);
    }
    setCurrentBlockState(line.endsInBlockComment ? kInBlockComment : 0);
}

} // namespace vizor::views
