// The CPU-share plot fed a real host-model run (resources/host/scenarios/weights.txt:
// cpu.weight 100 and 300, and a group capped by cpu.max at 20%): what its bands add up
// to per group is the group's cpu.stat usage_usec, and its throttle marks are the
// engine's nr_throttled.
#include "host/CgroupTree.h"
#include "host/HostModel.h"
#include "views/concepts/CpuSharePlotView.h"
#include "views/concepts/ScenarioRun.h"

#include <QTest>
#include <qcustomplot.h>

using namespace vizor;
using namespace vizor::views::concepts;

class TestCpuSharePlot : public QObject {
    Q_OBJECT
private slots:
    void bandsAddUpToEachGroupsUsage();
    void cappedGroupStaysAtItsQuota();
};

namespace {

const host::Cgroup* groupAt(const host::HostModel& host, const QString& path) {
    auto& tree = const_cast<host::CgroupTree&>(host.cgroups());
    for (const host::Cgroup* g : tree.all())
        if (QString::fromStdString(g->path()) == path) return g;
    return nullptr;
}

} // namespace

void TestCpuSharePlot::bandsAddUpToEachGroupsUsage() {
    const HostScenarioRun run = runHostScenario("weights.txt");
    QVERIFY2(run.ok(), run.error.c_str());
    CpuSharePlotView view;
    view.setGroups(cpuShareGroupsOf(*run.host));
    feedView(view, 0, run.events);
    QCOMPARE(view.shownGroups().size(), std::size_t{3}); // /light, /heavy, /capped

    // The bands cover time up to the last context switch; the task on the hart since
    // then is charged the rest of the run by the engine.
    const host::ContextSwitchRecord& last = run.host->contextSwitches().back();
    const uint64_t tail = run.host->now() - last.time;
    const QList<CpuShareGroup> groups = cpuShareGroupsOf(*run.host);
    for (std::size_t row = 0; row < view.shownGroups().size(); ++row) {
        const CpuShareGroup& group = groups[view.shownGroups()[row]];
        double plotted = 0;
        for (double usec : view.usecPerSlice()[row])
            plotted += usec;
        const host::Cgroup* g = groupAt(*run.host, group.path);
        QVERIFY(g);
        const uint64_t after = group.pids.contains(last.nextPid) ? tail : 0;
        QCOMPARE(static_cast<uint64_t>(plotted) + after, g->cpuStat.usageUsec);
        QVERIFY(plotted > 0);
        // The band's points are the µs of each slice as a percentage, stacked.
        const QCPGraph* band = view.plot()->graph(static_cast<int>(row));
        const QCPGraph* under = row ? view.plot()->graph(static_cast<int>(row) - 1) : nullptr;
        for (int s = 0; s < band->dataCount(); ++s) {
            const double share =
                band->data()->at(s)->value - (under ? under->data()->at(s)->value : 0);
            QCOMPARE(share, view.usecPerSlice()[row][static_cast<std::size_t>(s)] * 100.0 /
                                static_cast<double>(view.sliceUsec()));
        }
    }
    // Every throttling the engine counted is marked.
    const host::Cgroup* capped = groupAt(*run.host, QStringLiteral("/capped"));
    QVERIFY(capped && capped->cpuStat.nrThrottled > 0);
    QCOMPARE(view.throttles().at(capped->id).size(), capped->cpuStat.nrThrottled);
    const QCPGraph* marks = view.plot()->graph(view.plot()->graphCount() - 1);
    QVERIFY(marks->name().contains(QString::number(capped->cpuStat.nrThrottled)));
}

void TestCpuSharePlot::cappedGroupStaysAtItsQuota() {
    const HostScenarioRun run = runHostScenario("weights.txt");
    QVERIFY2(run.ok(), run.error.c_str());
    CpuSharePlotView view;
    view.setGroups(cpuShareGroupsOf(*run.host));
    feedView(view, 0, run.events);
    // cpu.max 20000 100000 and slices of one period: no full period above its quota
    // plus the overrun of one 1 ms tick, which the next period pays back.
    const QList<CpuShareGroup> groups = cpuShareGroupsOf(*run.host);
    const auto& rows = view.shownGroups();
    const auto it = std::find_if(rows.begin(), rows.end(),
                                 [&](int g) { return groups[g].path == QLatin1String("/capped"); });
    QVERIFY(it != rows.end());
    const std::vector<double>& capped =
        view.usecPerSlice()[static_cast<std::size_t>(it - rows.begin())];
    QVERIFY(capped.size() >= 10);
    double total = 0;
    for (std::size_t s = 0; s + 1 < capped.size(); ++s) {
        QVERIFY2(capped[s] <= 20'000 + 1'000, qPrintable(QString::number(capped[s])));
        total += capped[s];
    }
    QVERIFY(qAbs(total / (capped.size() - 1) - 20'000) < 1'000);
}

QTEST_MAIN(TestCpuSharePlot)
#include "test_concept_cpu_share_plot.moc"
