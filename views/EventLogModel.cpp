#include "views/EventLogModel.h"

#include "views/EventText.h"

#include <QFontDatabase>
#include <algorithm>

namespace vizor::views {

EventLogModel::EventLogModel(QObject* parent) : QAbstractTableModel(parent) {}

void EventLogModel::update(uint64_t keepBelow, const std::vector<EventRow>& added) {
    if (!all_.empty() && all_.back().sequence >= keepBelow) {
        beginResetModel();
        while (!all_.empty() && all_.back().sequence >= keepBelow)
            all_.pop_back();
        rebuildVisible();
        endResetModel();
    }
    if (added.empty()) return;
    // Bounded: the oldest go first, a fifth of the log at a time, so that a busy guest
    // costs one reset every many snapshots rather than one per snapshot.
    if (all_.size() + added.size() > kMaxRows) {
        beginResetModel();
        for (const EventRow& e : added)
            all_.push_back(e);
        while (all_.size() > kMaxRows * 4 / 5) {
            all_.pop_front();
            ++dropped_;
        }
        rebuildVisible();
        endResetModel();
        return;
    }
    const auto newShown =
        std::count_if(added.begin(), added.end(), [this](const EventRow& e) { return shown(e); });
    const int first = rowCount();
    if (newShown > 0) beginInsertRows({}, first, first + static_cast<int>(newShown) - 1);
    for (const EventRow& e : added) {
        all_.push_back(e);
        if (shown(e)) visible_.push_back(dropped_ + all_.size() - 1);
    }
    if (newShown > 0) endInsertRows();
}

void EventLogModel::clear() {
    beginResetModel();
    all_.clear();
    visible_.clear();
    dropped_ = 0;
    endResetModel();
}

void EventLogModel::setFilter(EventMask types) {
    if (types == filter_) return;
    beginResetModel();
    filter_ = types;
    rebuildVisible();
    endResetModel();
}

void EventLogModel::rebuildVisible() {
    visible_.clear();
    for (std::size_t i = 0; i < all_.size(); ++i)
        if (shown(all_[i])) visible_.push_back(dropped_ + i);
}

const EventRow& EventLogModel::rowEvent(int row) const {
    return all_[visible_[static_cast<std::size_t>(row)] - dropped_];
}

std::vector<uint64_t> EventLogModel::stepsOf(EventMask types) const {
    std::vector<uint64_t> steps;
    for (const EventRow& e : all_)
        if (types & maskOf(e.event.type)) steps.push_back(e.step);
    return steps;
}

std::vector<EventRow> EventLogModel::eventsBefore(uint64_t step, EventMask types) const {
    std::vector<EventRow> rows;
    for (const EventRow& e : all_)
        if (e.step < step && (types & maskOf(e.event.type))) rows.push_back(e);
    return rows;
}

int EventLogModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(visible_.size());
}

int EventLogModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventLogModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return {};
    const EventRow& row = rowEvent(index.row());
    const Event& e = row.event;
    if (role == Qt::FontRole && index.column() <= Pc)
        return QFontDatabase::systemFont(QFontDatabase::FixedFont);
    if (role == Qt::TextAlignmentRole && index.column() <= Cycle)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole) return {};
    switch (index.column()) {
    case Step:
        return QStringLiteral("%L1").arg(row.step);
    case Cycle:
        return QStringLiteral("%L1").arg(e.cycle);
    case Pc:
        return QStringLiteral("%1").arg(e.pc, 8, 16, QLatin1Char('0'));
    case Mode:
        return privilegeLetter(e.priv);
    case Type:
        return eventTypeText(e.type);
    case Detail:
        return eventDetail(e);
    default:
        return {};
    }
}

QVariant EventLogModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case Step:
        return tr("Step");
    case Cycle:
        return tr("Cycle");
    case Pc:
        return tr("pc");
    case Mode:
        return tr("Mode");
    case Type:
        return tr("Event");
    case Detail:
        return tr("Details");
    default:
        return {};
    }
}

} // namespace vizor::views
