// The event log pane: a filter by event type, event breakpoints ("stop on any trap, an
// interrupt, a page fault"), and the table. Activating a row asks to travel to that
// event's step; the owner forwards it to the engine.
#pragma once

#include "events/Event.h"

#include <QWidget>

class QMenu;
class QTableView;
class QToolButton;

namespace vizor::views {

class EventLogModel;

class EventLogView : public QWidget {
    Q_OBJECT
public:
    explicit EventLogView(QWidget* parent = nullptr);
    EventLogModel* model() const { return model_; }
    QTableView* table() const { return table_; }
    QMenu* filterMenu() const { return filterMenu_; }
    QMenu* breakMenu() const { return breakMenu_; }
    EventMask eventBreakpoints() const;
    void setEventBreakpoints(EventMask types);

signals:
    void stepRequested(quint64 step);
    void eventBreakpointsChanged(vizor::EventMask types);

protected:
    void changeEvent(QEvent* event) override;

private:
    void buildFilterMenu();
    void buildBreakMenu();
    void retranslate();
    void applyFilter();

    EventLogModel* model_;
    QToolButton* filter_;
    QToolButton* breaks_;
    QMenu* filterMenu_;
    QMenu* breakMenu_;
    QTableView* table_;
};

} // namespace vizor::views
