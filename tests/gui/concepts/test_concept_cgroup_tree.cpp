// The cgroup-tree view fed a real host-model scenario (resources/host/scenarios): one
// group box per cgroup, the processes as leaves, and the throttling and OOM kills the
// engine reported, matching the groups' own cpu.stat and memory.events.
#include "views/concepts/CgroupTreeView.h"
#include "views/concepts/ScenarioRun.h"

#include "host/HostModel.h"
#include "host/Scenario.h"

#include <QTest>

using namespace vizor;
using namespace vizor::views::concepts;

namespace {

HostScenarioRun runHost(const std::string& name) {
    HostScenarioRun run = runHostScenario(name);
    if (!run.ok()) qWarning("%s", run.error.c_str());
    return run;
}

int eventsFor(const HostScenarioRun& run, EventType type, uint32_t group, int b = -1) {
    int n = 0;
    for (const NumberedEvent& e : run.events)
        n += e.event.type == type && e.event.a == group &&
             (b < 0 || e.event.b == static_cast<uint32_t>(b));
    return n;
}

} // namespace

class TestConceptCgroupTree : public QObject {
    Q_OBJECT
private slots:
    void weightsScenarioThrottlesTheCappedGroup() {
        const HostScenarioRun run = runHost("weights.txt");
        QVERIFY(run.ok());
        CgroupTreeView view;
        view.setReduceMotion(true);
        view.setForest(forestOf(*run.host));
        feedView(view, UINT64_MAX, run.events);
        auto& tree = const_cast<host::CgroupTree&>(run.host->cgroups());
        QCOMPARE(view.itemsWithId("group").size(), static_cast<qsizetype>(tree.all().size()));
        const host::Cgroup* capped = tree.find("/capped");
        QVERIFY(capped);
        QVERIFY(capped->cpuStat.nrThrottled > 0);
        QCOMPARE(static_cast<uint64_t>(view.throttleCount(capped->id)),
                 capped->cpuStat.nrThrottled);
        QCOMPARE(view.throttleCount(tree.find("/heavy")->id), 0);
        // Each task is a leaf of its group.
        int leaves = 0;
        for (const host::Cgroup* g : tree.all())
            leaves += static_cast<int>(g->procs.size());
        QCOMPARE(view.itemsWithId("process").size(), leaves);
        // CPU shares: heavy (weight 300) got about three times light's (weight 100).
        double light = 0, heavy = 0;
        for (const CgroupNode& n : view.forest().nodes) {
            if (n.path == "/light") light = n.cpuShare;
            if (n.path == "/heavy") heavy = n.cpuShare;
        }
        QVERIFY(light > 0);
        QVERIFY(heavy / light > 2.5 && heavy / light < 3.5);
    }

    void memoryScenarioShowsTheOomKillWhereItHappened() {
        const HostScenarioRun run = runHost("memory.txt");
        QVERIFY(run.ok());
        CgroupTreeView view;
        view.setReduceMotion(true);
        view.setForest(forestOf(*run.host));
        feedView(view, UINT64_MAX, run.events);
        auto& tree = const_cast<host::CgroupTree&>(run.host->cgroups());
        const host::Cgroup* hard = tree.find("/hard");
        QCOMPARE(view.oomKills(hard->id), eventsFor(run, EventType::OomKill, hard->id));
        QVERIFY(view.oomKills(hard->id) >= 1);
        QCOMPARE(view.oomKills(tree.find("/bystander")->id), 0);
        bool shown = false;
        for (const SceneItem& item : view.itemsWithId("group-events"))
            shown |= item.text.contains("OOM kills");
        QVERIFY(shown);
    }
};

QTEST_MAIN(TestConceptCgroupTree)
#include "test_concept_cgroup_tree.moc"
