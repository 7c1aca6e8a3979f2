// The consolidation view fed a shipped scenario placed by the engine: as many host
// columns as the scenario has, each with as many VM blocks as the engine placed on it,
// before and after, and switched-off hosts drawn as such.
#include "views/concepts/ConsolidationRun.h"

#include <QTest>

using namespace vizor;
using namespace vizor::views::concepts;

class ConsolidationViewTest : public QObject {
    Q_OBJECT
private slots:
    void vmsPerHostMatchTheEngine();
};

namespace {

int countOf(const SceneItems& items, const QString& id) {
    return static_cast<int>(
        std::count_if(items.begin(), items.end(), [&](const SceneItem& i) { return i.id == id; }));
}

} // namespace

void ConsolidationViewTest::vmsPerHostMatchTheEngine() {
    const ConsolidationRun run =
        runConsolidation("forty-servers.cluster", dc::Policy::FirstFitDecreasing);
    QVERIFY2(run.ok(), run.error.c_str());
    QVERIFY(run.after.hostsOn < run.before.hostsOn); // consolidation did something
    ConsolidationView view;
    view.setPicture(run.picture);
    const SceneItems items = view.items(ConsolidationView::defaultExportSize());
    const auto n = static_cast<int>(run.cluster.hosts.size());
    QCOMPARE(countOf(items, QStringLiteral("host-before")), n);
    QCOMPARE(countOf(items, QStringLiteral("host-after")), n);
    int placed = 0;
    for (const dc::HostReport& h : run.after.hosts)
        placed += static_cast<int>(h.vms.size());
    QCOMPARE(countOf(items, QStringLiteral("vm-after")), placed);
    QCOMPARE(countOf(items, QStringLiteral("vm-before")), static_cast<int>(run.cluster.vms.size()));
    // Each column's label is the engine's VM count on that host, or "off".
    const SceneItems counts = view.itemsWithId(QStringLiteral("host-count-after"));
    QCOMPARE(counts.size(), n);
    int off = 0;
    for (int h = 0; h < n; ++h) {
        const std::size_t vms = run.after.hosts[static_cast<std::size_t>(h)].vms.size();
        QCOMPARE(counts[h].text, vms ? QString::number(vms) : QStringLiteral("off"));
        off += vms == 0;
    }
    QCOMPARE(static_cast<std::size_t>(n - off), run.after.hostsOn);
    int dashed = 0;
    for (const SceneItem& i : view.itemsWithId(QStringLiteral("host-after")))
        dashed += i.dashed;
    QCOMPARE(dashed, off);
}

QTEST_MAIN(ConsolidationViewTest)
#include "test_concept_consolidation.moc"
