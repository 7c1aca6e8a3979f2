// The panes of the hypervisor's side of the workbench — the scenario (which machine to
// debug on), the virtual CPU beside the real one, the trap stack — and their wiring to the engine
// bridge, kept out of MainWindow as InspectorPanes is. The scenario in force is saved in
// the settings whenever the engine confirms it.
#pragma once

#include "app/EngineSnapshot.h"
#include "app/Scenario.h"

#include <QObject>

namespace vizor::views {
class EventLogModel;
class ScenarioView;
class TrapStackView;
class VirtualCpuView;
} // namespace vizor::views

namespace vizor::app {

class EngineBridge;

class HypervisorPanes : public QObject {
    Q_OBJECT
public:
    HypervisorPanes(EngineBridge& bridge, QWidget* parent);

    views::ScenarioView* scenario() const { return scenario_; }
    views::VirtualCpuView* virtualCpu() const { return virtualCpu_; }
    views::TrapStackView* trapStack() const { return trapStack_; }

    // Rebuilds the machine for `scenario` (through the bridge, on the engine thread).
    void setScenario(const Scenario& scenario);
    // The trap stack is rebuilt from the log at stops (while running it would only flicker).
    void showSnapshot(const EngineSnapshot& snapshot, const views::EventLogModel& events);

private:
    EngineBridge& bridge_;
    views::ScenarioView* scenario_;
    views::VirtualCpuView* virtualCpu_;
    views::TrapStackView* trapStack_;
};

} // namespace vizor::app
