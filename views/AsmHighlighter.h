// Syntax colouring of RISC-V assembly for the code editor, driven by AsmLexer.
#pragma once

#include <QSyntaxHighlighter>

namespace vizor::views {

class AsmHighlighter : public QSyntaxHighlighter {
    Q_OBJECT
public:
    explicit AsmHighlighter(QTextDocument* document);

    // Re-reads colours (after a palette change between light and dark).
    void setDark(bool dark);

protected:
    void highlightBlock(const QString& text) override;

private:
    bool dark_ = false;
};

} // namespace vizor::views
