#include "views/CodeEditor.h"

#include "views/AsmHighlighter.h"
#include "views/CodeTheme.h"

#include <QFontDatabase>
#include <QHelpEvent>
#include <QPainter>
#include <QPainterPath>
#include <QScrollBar>
#include <QTextBlock>
#include <QToolTip>

namespace vizor::views {

namespace {

// Marks a text block as carrying a breakpoint; block user data travels with the line
// when text above it is inserted or deleted.
class BreakpointData : public QTextBlockUserData {};

bool blockHasBreakpoint(const QTextBlock& block) {
    return dynamic_cast<BreakpointData*>(block.userData()) != nullptr;
}

void setBlockBreakpoint(QTextBlock block, bool on) {
    block.setUserData(on ? new BreakpointData : nullptr);
}

} // namespace

class CodeGutter : public QWidget {
public:
    explicit CodeGutter(CodeEditor* editor) : QWidget(editor), editor_(editor) {
        setCursor(Qt::PointingHandCursor);
        setToolTip(CodeEditor::tr("Click to set or clear a breakpoint"));
    }
    QSize sizeHint() const override { return {editor_->gutterWidth(), 0}; }

protected:
    void paintEvent(QPaintEvent* event) override { editor_->paintGutter(event); }
    void mousePressEvent(QMouseEvent* event) override {
        if (event->button() == Qt::LeftButton)
            editor_->gutterClicked(event->position().toPoint().y());
    }
    bool event(QEvent* event) override {
        if (event->type() == QEvent::ToolTip) {
            auto* help = static_cast<QHelpEvent*>(event);
            const QString issue = editor_->issueTextAt(editor_->lineAt(help->pos().y()));
            QToolTip::showText(help->globalPos(), issue.isEmpty() ? toolTip() : issue, this);
            return true;
        }
        return QWidget::event(event);
    }

private:
    CodeEditor* editor_;
};

CodeEditor::CodeEditor(QWidget* parent)
    : QPlainTextEdit(parent), highlighter_(new AsmHighlighter(document())),
      gutter_(new CodeGutter(this)) {
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    font.setPointSizeF(std::max(font.pointSizeF(), 11.0));
    setFont(font);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setTabStopDistance(fontMetrics().horizontalAdvance(QLatin1Char(' ')) * 8);
    connect(this, &QPlainTextEdit::blockCountChanged, this, &CodeEditor::updateGutterWidth);
    connect(this, &QPlainTextEdit::updateRequest, this, &CodeEditor::updateGutter);
    applyTheme();
    updateGutterWidth();
}

QList<int> CodeEditor::breakpointLines() const {
    QList<int> lines;
    for (QTextBlock b = document()->firstBlock(); b.isValid(); b = b.next())
        if (blockHasBreakpoint(b)) lines.append(b.blockNumber() + 1);
    return lines;
}

bool CodeEditor::hasBreakpoint(int line) const {
    return blockHasBreakpoint(document()->findBlockByNumber(line - 1));
}

void CodeEditor::toggleBreakpoint(int line) {
    const QTextBlock block = document()->findBlockByNumber(line - 1);
    if (!block.isValid()) return;
    setBlockBreakpoint(block, !blockHasBreakpoint(block));
    gutter_->update();
    Q_EMIT breakpointsChanged();
}

void CodeEditor::setBreakpointLines(const QList<int>& lines) {
    for (QTextBlock b = document()->firstBlock(); b.isValid(); b = b.next())
        setBlockBreakpoint(b, lines.contains(b.blockNumber() + 1));
    gutter_->update();
    Q_EMIT breakpointsChanged();
}

void CodeEditor::setIssues(const CodeIssues& issues) {
    if (issues == issues_) return;
    issues_ = issues;
    updateExtraSelections();
    gutter_->update();
}

QString CodeEditor::issueTextAt(int line) const {
    QStringList messages;
    for (const CodeIssue& issue : issues_)
        if (issue.line == line) messages.append(issue.message);
    return messages.join(QLatin1Char('\n'));
}

void CodeEditor::setExecutionLine(int line) {
    if (line == executionLine_) return;
    executionLine_ = line;
    updateExtraSelections();
    gutter_->update();
    if (line <= 0) return;
    // Scroll only when the line is out of view, leaving a third of the page above it, so
    // the text does not jump at every step.
    const int first = verticalScrollBar()->value();
    const int visible = std::max(1, viewport()->height() / fontMetrics().lineSpacing());
    if (line - 1 < first || line - 1 >= first + visible - 1) scrollToLine(line);
}

void CodeEditor::scrollToLine(int line) {
    const int visible = std::max(1, viewport()->height() / fontMetrics().lineSpacing());
    verticalScrollBar()->setValue(std::max(0, line - 1 - visible / 3));
}

int CodeEditor::cursorLine() const {
    return textCursor().blockNumber() + 1;
}

void CodeEditor::goToLine(int line, int column) {
    const QTextBlock block = document()->findBlockByNumber(line - 1);
    if (!block.isValid()) return;
    QTextCursor cursor(block);
    cursor.movePosition(QTextCursor::Right, QTextCursor::MoveAnchor,
                        std::clamp(column - 1, 0, block.length() - 1));
    setTextCursor(cursor);
    centerCursor();
    setFocus();
}

QWidget* CodeEditor::gutter() const {
    return gutter_;
}

QRect CodeEditor::lineRect(int line) const {
    const QTextBlock block = document()->findBlockByNumber(line - 1);
    if (!block.isValid()) return {};
    return blockBoundingGeometry(block).translated(contentOffset()).toRect();
}

int CodeEditor::lineAt(int y) const {
    for (QTextBlock b = firstVisibleBlock(); b.isValid(); b = b.next()) {
        const QRectF r = blockBoundingGeometry(b).translated(contentOffset());
        if (r.top() > y) break;
        if (y < r.bottom()) return b.blockNumber() + 1;
    }
    return 0;
}

void CodeEditor::resizeEvent(QResizeEvent* event) {
    QPlainTextEdit::resizeEvent(event);
    const QRect r = contentsRect();
    gutter_->setGeometry(QRect(r.left(), r.top(), gutterWidth(), r.height()));
}

void CodeEditor::changeEvent(QEvent* event) {
    QPlainTextEdit::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) applyTheme();
}

bool CodeEditor::viewportEvent(QEvent* event) {
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const QString issue = issueTextAt(lineAt(help->pos().y()));
        if (issue.isEmpty()) {
            QToolTip::hideText();
        } else {
            QToolTip::showText(help->globalPos(), issue, viewport());
        }
        return true;
    }
    return QPlainTextEdit::viewportEvent(event);
}

// Layout: [breakpoint dot][line number][marker: execution arrow or error sign].
int CodeEditor::gutterWidth() const {
    const int digits = std::max(3, static_cast<int>(QString::number(blockCount()).size()));
    const int marker = fontMetrics().height();
    return marker + fontMetrics().horizontalAdvance(QLatin1Char('9')) * digits + marker + 4;
}

void CodeEditor::updateGutterWidth() {
    setViewportMargins(gutterWidth(), 0, 0, 0);
}

void CodeEditor::updateGutter(const QRect& rect, int dy) {
    if (dy != 0) {
        gutter_->scroll(0, dy);
    } else {
        gutter_->update(0, rect.y(), gutter_->width(), rect.height());
    }
}

void CodeEditor::gutterClicked(int y) {
    if (const int line = lineAt(y); line > 0) toggleBreakpoint(line);
}

void CodeEditor::applyTheme() {
    highlighter_->setDark(isDarkPalette(palette()));
    updateExtraSelections();
    gutter_->update();
}

void CodeEditor::updateExtraSelections() {
    const CodeTheme& theme = codeThemeFor(palette());
    QList<QTextEdit::ExtraSelection> selections;
    if (const QTextBlock block = document()->findBlockByNumber(executionLine_ - 1);
        executionLine_ > 0 && block.isValid()) {
        QTextEdit::ExtraSelection line;
        line.format.setBackground(theme.executionLine);
        line.format.setProperty(QTextFormat::FullWidthSelection, true);
        line.cursor = QTextCursor(block);
        selections.append(line);
    }
    for (const CodeIssue& issue : issues_) {
        const QTextBlock block = document()->findBlockByNumber(issue.line - 1);
        if (!block.isValid()) continue;
        const QString text = block.text();
        int start = issue.column > 0 ? std::min<int>(issue.column - 1, text.size()) : 0;
        int end = start;
        while (end < text.size() && !text[end].isSpace() && text[end] != u',')
            ++end;
        if (issue.column <= 0) end = static_cast<int>(text.size());
        if (end == start && start > 0) --start; // at end of line: underline the last character
        QTextEdit::ExtraSelection underline;
        underline.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        underline.format.setUnderlineColor(theme.error);
        underline.format.setToolTip(issue.message);
        underline.cursor = QTextCursor(block);
        underline.cursor.setPosition(block.position() + start);
        underline.cursor.setPosition(block.position() + std::max(end, start + 1),
                                     QTextCursor::KeepAnchor);
        selections.append(underline);
    }
    setExtraSelections(selections);
}

void CodeEditor::paintGutter(QPaintEvent* event) {
    const CodeTheme& theme = codeThemeFor(palette());
    QPainter painter(gutter_);
    painter.fillRect(event->rect(), theme.gutterBackground);
    painter.setRenderHint(QPainter::Antialiasing);
    const int marker = fontMetrics().height();
    const int numbersRight = gutter_->width() - marker - 2;
    for (QTextBlock b = firstVisibleBlock(); b.isValid() && b.isVisible(); b = b.next()) {
        const QRectF r = blockBoundingGeometry(b).translated(contentOffset());
        if (r.top() > event->rect().bottom()) break;
        const int line = b.blockNumber() + 1;
        const qreal top = r.top();
        const qreal h = fontMetrics().height();
        QFont numberFont = font();
        numberFont.setBold(line == executionLine_);
        painter.setFont(numberFont);
        painter.setPen(line == executionLine_ ? palette().color(QPalette::Text) : theme.gutterText);
        painter.drawText(QRectF(marker, top, numbersRight - marker, h),
                         Qt::AlignRight | Qt::AlignVCenter, QString::number(line));
        if (blockHasBreakpoint(b)) {
            painter.setPen(Qt::NoPen);
            painter.setBrush(theme.breakpoint);
            painter.drawEllipse(QPointF(marker / 2.0 + 1, top + h / 2), h * 0.32, h * 0.32);
        }
        const QRectF slot(numbersRight + 3, top + h * 0.15, marker - 4, h * 0.7);
        if (line == executionLine_) {
            QPainterPath arrow;
            arrow.moveTo(slot.left(), slot.top());
            arrow.lineTo(slot.right(), slot.center().y());
            arrow.lineTo(slot.left(), slot.bottom());
            arrow.closeSubpath();
            painter.fillPath(arrow, theme.executionMarker);
        } else if (!issueTextAt(line).isEmpty()) {
            painter.setPen(Qt::NoPen);
            painter.setBrush(theme.error);
            painter.drawRoundedRect(slot, 2, 2);
            QFont bang = font();
            bang.setBold(true);
            painter.setFont(bang);
            painter.setPen(Qt::white);
            painter.drawText(slot, Qt::AlignCenter, QStringLiteral("!"));
        }
    }
}

} // namespace vizor::views
