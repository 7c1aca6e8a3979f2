// The source editor: RISC-V highlighting, a gutter with line numbers, breakpoint dots
// (click to toggle) and error markers, the line about to execute, and assembler errors
// underlined at their column. It only shows and requests; it never talks to the engine.
#pragma once

#include "views/CodeIssue.h"

#include <QPlainTextEdit>

namespace vizor::views {

class AsmHighlighter;
class CodeGutter;

class CodeEditor : public QPlainTextEdit {
    Q_OBJECT
public:
    explicit CodeEditor(QWidget* parent = nullptr);

    // Breakpoints belong to lines (text blocks), so they move with the text as it is edited.
    QList<int> breakpointLines() const; // 1-based, ascending
    bool hasBreakpoint(int line) const;
    void toggleBreakpoint(int line);
    void setBreakpointLines(const QList<int>& lines);

    void setIssues(const CodeIssues& issues);
    const CodeIssues& issues() const { return issues_; }
    QString issueTextAt(int line) const;

    // The line of the instruction at pc (0 = none). Scrolls it into view.
    void setExecutionLine(int line);
    int executionLine() const { return executionLine_; }
    // Scrolls so that a line stands a third of the way down the page.
    void scrollToLine(int line);

    int cursorLine() const;
    void goToLine(int line, int column = 0);

    QWidget* gutter() const;
    // Where a line is drawn, in viewport (and gutter) coordinates.
    QRect lineRect(int line) const;

signals:
    void breakpointsChanged();

protected:
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;
    bool viewportEvent(QEvent* event) override;

private:
    friend class CodeGutter;
    int gutterWidth() const;
    void paintGutter(QPaintEvent* event);
    void gutterClicked(int y);
    void updateGutterWidth();
    void updateGutter(const QRect& rect, int dy);
    void updateExtraSelections();
    void applyTheme();
    int lineAt(int y) const;

    AsmHighlighter* highlighter_;
    CodeGutter* gutter_;
    CodeIssues issues_;
    int executionLine_ = 0;
};

} // namespace vizor::views
