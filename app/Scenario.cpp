#include "app/Scenario.h"

#include "hypervisor/Hypervisor.h"

namespace vizor::app {

QJsonObject Scenario::toJson() const {
    return {{QStringLiteral("mode"), mode},
            {QStringLiteral("x86Sensitive"), x86Sensitive},
            {QStringLiteral("costModelFile"), costModelFile}};
}

Scenario Scenario::fromJson(const QJsonObject& json) {
    Scenario s;
    const QString mode = json.value(QStringLiteral("mode")).toString(s.mode);
    if (scenarioModes().contains(mode)) s.mode = mode;
    s.x86Sensitive = json.value(QStringLiteral("x86Sensitive")).toBool(false);
    s.costModelFile = json.value(QStringLiteral("costModelFile")).toString();
    return s;
}

QStringList scenarioModes() {
    QStringList modes;
    for (const std::string& m : hv::modeNames())
        if (hv::modeImplemented(m)) modes.append(QString::fromStdString(m));
    return modes;
}

} // namespace vizor::app
