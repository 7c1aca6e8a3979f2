#include "views/ConsoleView.h"

#include <QFontDatabase>
#include <QScrollBar>
#include <QTextCursor>

namespace vizor::views {

ConsoleView::ConsoleView(QWidget* parent) : QPlainTextEdit(parent) {
    setReadOnly(true);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setLineWrapMode(QPlainTextEdit::WidgetWidth);
    setMaximumBlockCount(10000); // a runaway guest printing forever must not eat the memory
    setPlaceholderText(tr("The guest's console output (UART) appears here."));
}

void ConsoleView::appendOutput(const QString& text) {
    if (text.isEmpty()) return;
    QScrollBar* bar = verticalScrollBar();
    const bool atEnd = bar->value() == bar->maximum();
    QTextCursor cursor(document());
    cursor.movePosition(QTextCursor::End);
    cursor.insertText(text);
    if (atEnd) bar->setValue(bar->maximum());
}

void ConsoleView::setOutput(const QString& text) {
    clear();
    appendOutput(text);
}

} // namespace vizor::views
