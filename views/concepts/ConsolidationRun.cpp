#include "views/concepts/ConsolidationRun.h"

#include "datacenter/ClusterScenario.h"
#include "views/concepts/ScenarioRun.h"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace vizor::views::concepts {

ConsolidationLayout layoutOf(const dc::Cluster& cluster, const dc::PlacementReport& report) {
    ConsolidationLayout layout;
    layout.hostsOn = static_cast<int>(report.hostsOn);
    layout.meanUtilization = report.meanUtilization;
    layout.overCapacity = report.overCapacity;
    for (std::size_t h = 0; h < report.hosts.size(); ++h) {
        const dc::HostReport& hr = report.hosts[h];
        ConsolidatedHost host;
        host.name = QString::fromStdString(cluster.hosts[h].name);
        host.capacity = cluster.hosts[h].capacity();
        host.peakUsed = hr.used.empty() ? 0 : *std::max_element(hr.used.begin(), hr.used.end());
        for (int v : hr.vms) {
            const std::vector<double>& granted = report.granted[static_cast<std::size_t>(v)];
            host.vms << ConsolidatedVm{
                QString::fromStdString(cluster.vms[static_cast<std::size_t>(v)].name),
                granted.empty() ? 0 : *std::max_element(granted.begin(), granted.end())};
        }
        layout.hosts << host;
    }
    return layout;
}

ConsolidationRun runConsolidation(const std::string& scenario, dc::Policy policy) {
    ConsolidationRun run;
    const std::string path = dataRoot() + "/resources/datacenter/" + scenario;
    std::ifstream in(path);
    if (!in) {
        run.error = "cannot read " + path;
        return run;
    }
    std::ostringstream text;
    text << in.rdbuf();
    std::optional<dc::Cluster> cluster = dc::parseClusterScenario(text.str(), scenario, run.error);
    if (!cluster) return run;
    run.cluster = *cluster;
    const std::optional<dc::Placement> before = dc::placementBefore(run.cluster, run.error);
    if (!before) return run;
    run.before = dc::evaluate(run.cluster, *before);
    run.after = dc::evaluate(run.cluster, dc::place(run.cluster, policy));
    run.picture.scenario = QString::fromStdString(scenario);
    run.picture.policy = QString::fromStdString(std::string(dc::policyName(policy)));
    run.picture.before = layoutOf(run.cluster, run.before);
    run.picture.after = layoutOf(run.cluster, run.after);
    return run;
}

} // namespace vizor::views::concepts
