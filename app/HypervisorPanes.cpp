#include "app/HypervisorPanes.h"

#include "app/AppSettings.h"
#include "app/EngineBridge.h"
#include "views/EventLogModel.h"
#include "views/ScenarioView.h"
#include "views/TrapStackView.h"
#include "views/VirtualCpuView.h"

namespace vizor::app {

HypervisorPanes::HypervisorPanes(EngineBridge& bridge, QWidget* parent)
    : QObject(parent), bridge_(bridge), scenario_(new views::ScenarioView(parent)),
      virtualCpu_(new views::VirtualCpuView(parent)), trapStack_(new views::TrapStackView(parent)) {
    trapStack_->setObjectName(QStringLiteral("trapStackView"));
    scenario_->setObjectName(QStringLiteral("scenarioView"));
    virtualCpu_->setObjectName(QStringLiteral("virtualCpuView"));
    scenario_->setModes(scenarioModes());
    const Scenario& current = bridge_.scenario();
    scenario_->showScenario(current.mode, current.x86Sensitive, current.costModelFile);
    connect(scenario_, &views::ScenarioView::applyRequested, this,
            [this](const QString& mode, bool x86, const QString& costs) {
                setScenario({mode, x86, costs});
            });
    connect(&bridge_, &EngineBridge::scenarioChanged, this, [this](const Scenario& s) {
        scenario_->showScenario(s.mode, s.x86Sensitive, s.costModelFile);
        AppSettings::saveScenario(s);
    });
    connect(&bridge_, &EngineBridge::scenarioFailed, scenario_, &views::ScenarioView::showError);
}

void HypervisorPanes::setScenario(const Scenario& scenario) {
    bridge_.setScenario(scenario);
}

void HypervisorPanes::showSnapshot(const EngineSnapshot& s, const views::EventLogModel& events) {
    virtualCpu_->show(s.mode, s.hart, s.guest, s.vmStats, s.stopped);
    if (s.stopped || s.state != RunState::Running)
        trapStack_->show(
            views::buildTrapStack(events.eventsBefore(s.hart.steps, views::trapStackEvents())));
}

} // namespace vizor::app
