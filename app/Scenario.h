// What machine the workbench debugs on: the execution mode (native or one of the
// hypervisor's), the Popek-Goldberg x86-sensitive switch and a cost-model file. The
// engine thread rebuilds its machine from one of these (EngineWorker::setScenario);
// settings and sessions store it as JSON. Paging and VM count join here as fields when
// the engine's runs take them, and old files without them still read.
#pragma once

#include <QJsonObject>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace vizor::app {

struct Scenario {
    QString mode = QStringLiteral("native"); // hv::modeNames()
    bool x86Sensitive = false;
    QString costModelFile; // empty = the built-in costs
    friend bool operator==(const Scenario&, const Scenario&) = default;

    QJsonObject toJson() const;
    // Unknown or missing fields keep their defaults; an unknown mode becomes native.
    static Scenario fromJson(const QJsonObject& json);
};

// The modes this build runs, in display order ("native", "emulate", "trap", ...).
QStringList scenarioModes();

} // namespace vizor::app

Q_DECLARE_METATYPE(vizor::app::Scenario)
