// The call/trap stack pane: the traps in progress at the current position (cause,
// where the trapped code resumes, privilege before and after), innermost on top, and
// the most recent VM exit. Rebuilt at each stop from the event log (TrapStack.h).
#pragma once

#include "views/TrapStack.h"

#include <QWidget>

class QLabel;
class QTableWidget;

namespace vizor::views {

class TrapStackView : public QWidget {
    Q_OBJECT
public:
    explicit TrapStackView(QWidget* parent = nullptr);
    void show(const TrapStack& stack);
    QTableWidget* table() const { return table_; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();

    QTableWidget* table_;
    QLabel* lastExit_;
    TrapStack shown_;
};

} // namespace vizor::views
