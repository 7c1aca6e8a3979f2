// The memory and event-log panes and their wiring to the engine bridge, kept out of
// MainWindow so that it stays a short list of connections. Each pane emits requests;
// this object turns them into bridge commands and feeds snapshots back.
#pragma once

#include "app/EngineSnapshot.h"

#include <QObject>

namespace vizor::views {
class EventLogView;
class MemoryView;
} // namespace vizor::views

namespace vizor::app {

class EngineBridge;

class InspectorPanes : public QObject {
    Q_OBJECT
public:
    InspectorPanes(EngineBridge& bridge, QWidget* parent);

    views::MemoryView* memory() const { return memory_; }
    views::EventLogView* eventLog() const { return eventLog_; }

    void showSnapshot(const EngineSnapshot& snapshot);
    // A new program: symbols for "go to", and the memory window at its entry.
    void programLoaded();

private:
    EngineBridge& bridge_;
    views::MemoryView* memory_;
    views::EventLogView* eventLog_;
};

} // namespace vizor::app
