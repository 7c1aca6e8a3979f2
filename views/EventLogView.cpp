#include "views/EventLogView.h"

#include "views/EventLogModel.h"
#include "views/EventText.h"

#include <QAction>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QMenu>
#include <QScrollBar>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace vizor::views {

namespace {
constexpr EventMask kTraps = maskOf(EventType::Exception) | maskOf(EventType::Interrupt);
const char* const kBreakNames[] = {
    QT_TRANSLATE_NOOP("vizor::views::EventLogView", "Any trap"),
    QT_TRANSLATE_NOOP("vizor::views::EventLogView", "Interrupt"),
    QT_TRANSLATE_NOOP("vizor::views::EventLogView", "Page fault"),
    QT_TRANSLATE_NOOP("vizor::views::EventLogView", "Trap return (sret/mret)"),
    QT_TRANSLATE_NOOP("vizor::views::EventLogView", "satp write"),
    QT_TRANSLATE_NOOP("vizor::views::EventLogView", "Context switch"),
    QT_TRANSLATE_NOOP("vizor::views::EventLogView", "Balloon change"),
    QT_TRANSLATE_NOOP("vizor::views::EventLogView", "Any VM exit"),
    // One per hv::ExitReason, in its order.
    QT_TRANSLATE_NOOP("vizor::views::EventLogView", "VM exit: privileged instruction"),
    QT_TRANSLATE_NOOP("vizor::views::EventLogView", "VM exit: SBI call"),
    QT_TRANSLATE_NOOP("vizor::views::EventLogView", "VM exit: guest exception"),
    QT_TRANSLATE_NOOP("vizor::views::EventLogView", "VM exit: hidden page fault"),
    QT_TRANSLATE_NOOP("vizor::views::EventLogView", "VM exit: page-table write"),
    QT_TRANSLATE_NOOP("vizor::views::EventLogView", "VM exit: timer interrupt"),
    QT_TRANSLATE_NOOP("vizor::views::EventLogView", "VM exit: hypercall"),
    QT_TRANSLATE_NOOP("vizor::views::EventLogView", "VM exit: MMIO access"),
};
const EventMask kBreakMasks[] = {kTraps,
                                 maskOf(EventType::Interrupt),
                                 kPageFaultBreak,
                                 maskOf(EventType::TrapReturn),
                                 maskOf(EventType::SatpWrite),
                                 maskOf(EventType::ContextSwitch),
                                 maskOf(EventType::BalloonChange),
                                 maskOf(EventType::VmExit),
                                 vmExitReasonBreak(0),
                                 vmExitReasonBreak(1),
                                 vmExitReasonBreak(2),
                                 vmExitReasonBreak(3),
                                 vmExitReasonBreak(4),
                                 vmExitReasonBreak(5),
                                 vmExitReasonBreak(6),
                                 vmExitReasonBreak(7)};
static_assert(std::size(kBreakNames) == std::size(kBreakMasks));
} // namespace

EventLogView::EventLogView(QWidget* parent)
    : QWidget(parent), model_(new EventLogModel(this)), filter_(new QToolButton(this)),
      breaks_(new QToolButton(this)), filterMenu_(new QMenu(this)), breakMenu_(new QMenu(this)),
      table_(new QTableView(this)) {
    table_->setModel(model_);
    table_->setShowGrid(false);
    table_->setWordWrap(false);
    table_->setAlternatingRowColors(true);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->verticalHeader()->hide();
    table_->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    table_->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 4);
    table_->horizontalHeader()->setStretchLastSection(true);
    // Fixed widths: measuring 50,000 rows to fit their contents would stall the GUI.
    const int digit = fontMetrics().horizontalAdvance(QLatin1Char('0'));
    for (const auto& [column, digits] : {std::pair{0, 10}, {1, 11}, {2, 10}, {3, 5}, {4, 24}})
        table_->setColumnWidth(column, digit * digits);
    for (QToolButton* b : {filter_, breaks_})
        b->setPopupMode(QToolButton::InstantPopup);
    filter_->setMenu(filterMenu_);
    breaks_->setMenu(breakMenu_);
    buildFilterMenu();
    buildBreakMenu();

    auto* bar = new QHBoxLayout;
    bar->addWidget(filter_);
    bar->addWidget(breaks_);
    bar->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(table_, 1);

    connect(table_, &QTableView::activated, this, [this](const QModelIndex& index) {
        Q_EMIT stepRequested(model_->stepAt(index.row()));
    });
    connect(table_, &QTableView::clicked, this, [this](const QModelIndex& index) {
        Q_EMIT stepRequested(model_->stepAt(index.row()));
    });
    // Follow new events while the view is scrolled to the end, as a terminal does.
    connect(model_, &EventLogModel::rowsInserted, this, [this] {
        QScrollBar* scroll = table_->verticalScrollBar();
        if (scroll->value() >=
            scroll->maximum() - 2 * table_->verticalHeader()->defaultSectionSize())
            table_->scrollToBottom();
    });
    retranslate();
}

void EventLogView::buildFilterMenu() {
    for (std::size_t t = 0; t < kEventTypeCount; ++t) {
        const auto type = static_cast<EventType>(t);
        QAction* a = filterMenu_->addAction(eventTypeText(type));
        a->setCheckable(true);
        a->setChecked(true);
        a->setData(QVariant::fromValue<quint64>(maskOf(type)));
        connect(a, &QAction::toggled, this, &EventLogView::applyFilter);
    }
}

void EventLogView::buildBreakMenu() {
    for (std::size_t i = 0; i < std::size(kBreakMasks); ++i) {
        QAction* a = breakMenu_->addAction(tr(kBreakNames[i]));
        a->setCheckable(true);
        a->setData(QVariant::fromValue<quint64>(kBreakMasks[i]));
        connect(a, &QAction::toggled, this,
                [this] { Q_EMIT eventBreakpointsChanged(eventBreakpoints()); });
    }
}

void EventLogView::applyFilter() {
    EventMask mask = 0;
    for (const QAction* a : filterMenu_->actions())
        if (a->isChecked()) mask |= a->data().value<quint64>();
    model_->setFilter(mask);
}

EventMask EventLogView::eventBreakpoints() const {
    EventMask mask = 0;
    for (const QAction* a : breakMenu_->actions())
        if (a->isChecked()) mask |= a->data().value<quint64>();
    return mask;
}

void EventLogView::setEventBreakpoints(EventMask types) {
    for (QAction* a : breakMenu_->actions())
        a->setChecked((a->data().value<quint64>() & ~types) == 0);
}

void EventLogView::retranslate() {
    filter_->setText(tr("Show"));
    filter_->setToolTip(tr("Which event types the log lists"));
    breaks_->setText(tr("Break on"));
    breaks_->setToolTip(tr("Stop a run right after an event of these kinds"));
    const QList<QAction*> types = filterMenu_->actions();
    for (int t = 0; t < types.size(); ++t)
        types[t]->setText(eventTypeText(static_cast<EventType>(t)));
    const QList<QAction*> breaks = breakMenu_->actions();
    for (int i = 0; i < breaks.size(); ++i)
        breaks[i]->setText(tr(kBreakNames[i]));
}

void EventLogView::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslate();
    QWidget::changeEvent(event);
}

} // namespace vizor::views
