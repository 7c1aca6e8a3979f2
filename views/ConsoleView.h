// What the guest wrote to its UART, as a terminal would show it.
#pragma once

#include <QPlainTextEdit>

namespace vizor::views {

class ConsoleView : public QPlainTextEdit {
    Q_OBJECT
public:
    explicit ConsoleView(QWidget* parent = nullptr);
    void appendOutput(const QString& text);
    void setOutput(const QString& text);
};

} // namespace vizor::views
