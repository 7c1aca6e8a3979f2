// The event log as a table: step, virtual cycle, pc, privilege, event and its decoded
// fields. It keeps the newest events of the whole recorded timeline (not just up to the
// present: after travelling back, the future stays listed) and shows the types chosen
// by the filter. Appending touches only the new rows, so a running guest stays cheap.
#pragma once

#include "events/Event.h"

#include <QAbstractTableModel>
#include <deque>
#include <vector>

namespace vizor::views {

struct EventRow {
    Event event;
    uint64_t step = 0;
    uint64_t sequence = 0;
};

class EventLogModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Step, Cycle, Pc, Mode, Type, Detail, ColumnCount };
    static constexpr std::size_t kMaxRows = 50000;

    explicit EventLogModel(QObject* parent = nullptr);

    // Drops events with sequence >= keepBelow (the timeline was rewritten), then appends.
    void update(uint64_t keepBelow, const std::vector<EventRow>& added);
    void clear();
    void setFilter(EventMask types);
    EventMask filter() const { return filter_; }
    // The step to travel to for a row, and the row at or just before a step.
    uint64_t stepAt(int row) const { return rowEvent(row).step; }
    const EventRow& rowEvent(int row) const;
    int totalEvents() const { return static_cast<int>(all_.size()); }
    // Steps of the events of the given types (for the timeline's markers).
    std::vector<uint64_t> stepsOf(EventMask types) const;
    // The events of the given types that happened before timeline position `step`, oldest
    // first (an event is stamped with the step during which it happened).
    std::vector<EventRow> eventsBefore(uint64_t step, EventMask types) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    void rebuildVisible();
    bool shown(const EventRow& row) const { return filter_ & maskOf(row.event.type); }

    std::deque<EventRow> all_;
    std::deque<std::size_t> visible_; // indices into all_, offset by dropped_
    std::size_t dropped_ = 0;         // events removed from the front (the log is bounded)
    EventMask filter_ = kAllEvents;
};

} // namespace vizor::views
