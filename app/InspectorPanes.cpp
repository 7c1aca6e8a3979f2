#include "app/InspectorPanes.h"

#include "app/EngineBridge.h"
#include "views/EventLogModel.h"
#include "views/EventLogView.h"
#include "views/MemoryModel.h"
#include "views/MemoryView.h"

#include <vector>

namespace vizor::app {

InspectorPanes::InspectorPanes(EngineBridge& bridge, QWidget* parent)
    : QObject(parent), bridge_(bridge), memory_(new views::MemoryView(parent)),
      eventLog_(new views::EventLogView(parent)) {
    memory_->setObjectName(QStringLiteral("memoryView"));
    eventLog_->setObjectName(QStringLiteral("eventLogView"));
    connect(memory_, &views::MemoryView::windowRequested, &bridge_, &EngineBridge::setMemoryWindow);
    connect(memory_, &views::MemoryView::watchpointsChanged, &bridge_,
            &EngineBridge::setWatchpoints);
    connect(memory_, &views::MemoryView::byteEditRequested, &bridge_, &EngineBridge::setMemoryByte);
    connect(eventLog_, &views::EventLogView::stepRequested, &bridge_, &EngineBridge::goTo);
    connect(eventLog_, &views::EventLogView::eventBreakpointsChanged, &bridge_,
            &EngineBridge::setEventBreakpoints);
}

void InspectorPanes::programLoaded() {
    QHash<QString, quint32> symbols;
    if (const ProgramPtr& program = bridge_.program()) {
        for (const auto& [name, address] : program->symbols)
            symbols.insert(QString::fromStdString(name), address);
    }
    memory_->setSymbols(symbols);
    memory_->model()->clearHistory();
    // Open on the program's data, where its stores land; code if it has none.
    uint32_t start = 0x80000000u;
    if (const ProgramPtr& program = bridge_.program()) {
        start = program->entry;
        for (const Section& section : program->sections)
            if (section.name == ".data" && !section.bytes.empty()) start = section.address;
    }
    memory_->goTo(QStringLiteral("0x%1").arg(start, 8, 16, QLatin1Char('0')));
}

void InspectorPanes::showSnapshot(const EngineSnapshot& s) {
    const MemoryWindow& m = s.memory;
    memory_->model()->setWindow(m.address, m.isVirtual, m.bytes, m.readable, s.stopped);
    memory_->model()->setEditable(s.state == RunState::Paused);
    std::vector<views::EventRow> rows;
    rows.reserve(static_cast<std::size_t>(s.newEvents.size()));
    for (const LoggedEvent& e : s.newEvents)
        rows.push_back({e.event, e.step, e.sequence});
    eventLog_->model()->update(s.eventsKeepBelow, rows);
}

} // namespace vizor::app
