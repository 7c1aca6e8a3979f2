// The code editor: token colours from the lexer, breakpoints toggled from the gutter
// that move with the text, and assembler errors shown at their line and column while
// the user types.
#include "app/SourceChecker.h"
#include "views/AsmLexer.h"
#include "views/CodeEditor.h"
#include "views/CodeTheme.h"

#include <QSignalSpy>
#include <QTest>
#include <QTextBlock>
#include <QTextLayout>

using namespace vizor;
using views::AsmTokenKind;

class CodeEditorTest : public QObject {
    Q_OBJECT
private slots:
    void lexerClassifiesTokens_data();
    void lexerClassifiesTokens();
    void lexerCarriesBlockCommentsAcrossLines();
    void highlighterAppliesTokenFormats();
    void gutterClickTogglesBreakpoint();
    void breakpointsMoveWithTheText();
    void typingABadLineShowsItsErrorAtLineAndColumn();
    void executionLineIsHighlighted();
};

namespace {

// "kind@text" for every token, so a failing row shows what the lexer saw.
QString describe(const QString& text) {
    static const char* names[] = {"mnemonic", "register", "directive", "label",
                                  "number",   "comment",  "string",    "relocation"};
    QStringList parts;
    for (const auto& t : views::lexAsmLine(text, false).tokens)
        parts << QStringLiteral("%1@%2").arg(QLatin1String(names[static_cast<int>(t.kind)]),
                                             text.mid(t.start, t.length));
    return parts.join(QLatin1Char(' '));
}

QTextCharFormat formatAt(const QTextBlock& block, int position) {
    for (const QTextLayout::FormatRange& r : block.layout()->formats())
        if (position >= r.start && position < r.start + r.length) return r.format;
    return {};
}

} // namespace

void CodeEditorTest::lexerClassifiesTokens_data() {
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("expected");
    QTest::newRow("instruction") << "loop: addi a0, a0, -1 # count down"
                                 << "label@loop: mnemonic@addi register@a0 register@a0 "
                                    "number@1 comment@# count down";
    QTest::newRow("memory operand") << "  lw t0, 8(sp)"
                                    << "mnemonic@lw register@t0 number@8 register@sp";
    QTest::newRow("directive") << ".word 0x10, 2"
                               << "directive@.word number@0x10 number@2";
    QTest::newRow("hash in string") << "msg: .asciz \"a # b\""
                                    << "label@msg: directive@.asciz string@\"a # b\"";
    QTest::newRow("relocation") << "lui a0, %hi(msg)"
                                << "mnemonic@lui register@a0 relocation@%hi";
    QTest::newRow("local label") << "1: j 1b"
                                 << "label@1: mnemonic@j number@1b";
    QTest::newRow("csr") << "csrw mtvec, t0"
                         << "mnemonic@csrw register@mtvec register@t0";
    QTest::newRow("two statements") << "nop; ret"
                                    << "mnemonic@nop mnemonic@ret";
    QTest::newRow("symbol is plain") << "call print"
                                     << "mnemonic@call";
}

void CodeEditorTest::lexerClassifiesTokens() {
    QFETCH(QString, line);
    QFETCH(QString, expected);
    QCOMPARE(describe(line), expected);
}

void CodeEditorTest::lexerCarriesBlockCommentsAcrossLines() {
    const auto first = views::lexAsmLine(u"nop /* starts", false);
    QVERIFY(first.endsInBlockComment);
    const auto second = views::lexAsmLine(u"still */ ret", true);
    QVERIFY(!second.endsInBlockComment);
    QCOMPARE(second.tokens.size(), 2);
    QCOMPARE(second.tokens[0].kind, AsmTokenKind::Comment);
    QCOMPARE(second.tokens[1].kind, AsmTokenKind::Mnemonic);
}

void CodeEditorTest::highlighterAppliesTokenFormats() {
    views::CodeEditor editor;
    editor.setPlainText(QStringLiteral("start: li a0, 42 # answer"));
    const QTextBlock block = editor.document()->firstBlock();
    const views::CodeTheme& theme = views::codeThemeFor(editor.palette());
    QCOMPARE(formatAt(block, 0).foreground().color(),
             views::tokenColor(theme, AsmTokenKind::Label));
    QVERIFY(formatAt(block, 0).font().bold() || formatAt(block, 0).fontWeight() == QFont::Bold);
    QCOMPARE(formatAt(block, 7).foreground().color(),
             views::tokenColor(theme, AsmTokenKind::Mnemonic));
    QCOMPARE(formatAt(block, 10).foreground().color(),
             views::tokenColor(theme, AsmTokenKind::Register));
    QCOMPARE(formatAt(block, 14).foreground().color(),
             views::tokenColor(theme, AsmTokenKind::Number));
    QCOMPARE(formatAt(block, 17).foreground().color(),
             views::tokenColor(theme, AsmTokenKind::Comment));
    QVERIFY(formatAt(block, 17).fontItalic());
}

void CodeEditorTest::gutterClickTogglesBreakpoint() {
    views::CodeEditor editor;
    editor.setPlainText(QStringLiteral("nop\nnop\nnop\n"));
    editor.resize(400, 300);
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    QSignalSpy changed(&editor, &views::CodeEditor::breakpointsChanged);
    const QPoint onLine2(4, editor.lineRect(2).center().y());
    QTest::mouseClick(editor.gutter(), Qt::LeftButton, {}, onLine2);
    QCOMPARE(editor.breakpointLines(), QList<int>{2});
    QCOMPARE(changed.size(), 1);
    QTest::mouseClick(editor.gutter(), Qt::LeftButton, {}, onLine2);
    QVERIFY(editor.breakpointLines().isEmpty());
    QCOMPARE(changed.size(), 2);
}

void CodeEditorTest::breakpointsMoveWithTheText() {
    views::CodeEditor editor;
    editor.setPlainText(QStringLiteral("a: nop\nb: nop\n"));
    editor.toggleBreakpoint(2);
    QTextCursor cursor(editor.document());
    cursor.insertText(QStringLiteral("# a new first line\n"));
    QCOMPARE(editor.breakpointLines(), QList<int>{3});
}

void CodeEditorTest::typingABadLineShowsItsErrorAtLineAndColumn() {
    views::CodeEditor editor;
    app::SourceChecker checker;
    checker.watch(editor.document());
    QObject::connect(&checker, &app::SourceChecker::issuesChanged, &editor,
                     &views::CodeEditor::setIssues);
    editor.setPlainText(QStringLiteral("_start:\n    nop\n"));
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    editor.moveCursor(QTextCursor::End);
    QTest::keyClicks(&editor, QStringLiteral("  addx a0, a1, a2"));
    QTRY_COMPARE_WITH_TIMEOUT(editor.issues().size(), 1, 5000);
    const views::CodeIssue issue = editor.issues().front();
    QCOMPARE(issue.line, 3);
    QCOMPARE(issue.column, 3);
    QVERIFY2(issue.message.contains(QLatin1String("addx")), qPrintable(issue.message));
    QVERIFY(!editor.issueTextAt(3).isEmpty());
    bool underlined = false;
    for (const QTextEdit::ExtraSelection& s : editor.extraSelections())
        if (s.format.underlineStyle() == QTextCharFormat::WaveUnderline) {
            QCOMPARE(s.cursor.block().blockNumber(), 2);
            QCOMPARE(s.cursor.selectionStart() - s.cursor.block().position(), 2);
            QCOMPARE(s.cursor.selectedText(), QStringLiteral("addx"));
            underlined = true;
        }
    QVERIFY(underlined);
    // Fixing the line clears the error.
    QTest::keyClick(&editor, Qt::Key_Home);
    for (int i = 0; i < 6; ++i)
        QTest::keyClick(&editor, Qt::Key_Right);
    QTest::keyClick(&editor, Qt::Key_Backspace); // "addx" -> "add"
    QTRY_VERIFY_WITH_TIMEOUT(editor.issues().isEmpty(), 5000);
}

void CodeEditorTest::executionLineIsHighlighted() {
    views::CodeEditor editor;
    editor.setPlainText(QStringLiteral("nop\nnop\nnop\n"));
    editor.setExecutionLine(2);
    QCOMPARE(editor.executionLine(), 2);
    bool found = false;
    for (const QTextEdit::ExtraSelection& s : editor.extraSelections())
        if (s.format.property(QTextFormat::FullWidthSelection).toBool()) {
            QCOMPARE(s.cursor.block().blockNumber(), 1);
            found = true;
        }
    QVERIFY(found);
}

QTEST_MAIN(CodeEditorTest)
#include "test_code_editor.moc"
