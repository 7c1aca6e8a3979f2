// The page-walk view fed real runs: a native walk has one reference per Sv32 level,
// the shadow work under trap-and-emulate is counted as the engine reported it, and a
// cold nested walk under hw has exactly 8 references, placed in the 2-D grid in the
// order the engine made them.
#include "views/concepts/PageWalkView.h"
#include "views/concepts/ScenarioRun.h"

#include <QTest>
#include <algorithm>
#include <functional>

using namespace vizor;
using namespace vizor::views::concepts;

namespace {

// The events up to and including the first walk for which `accept` holds.
std::vector<NumberedEvent> upToFirstWalk(const ScenarioRun& run,
                                         const std::function<bool(const RecordedWalk&)>& accept) {
    std::vector<NumberedEvent> prefix;
    RecordedWalk current;
    for (const NumberedEvent& e : run.events) {
        prefix.push_back(e);
        if (e.event.type == EventType::PageWalkStep)
            current.refs.push_back({e.sequence, e.event.b, e.event.c,
                                    static_cast<int>(e.event.d & 0xff),
                                    ((e.event.d >> 8) & 0xff) == 1, e.event.d >> 16});
        if (e.event.type == EventType::PageWalkDone) {
            if (accept(current)) return prefix;
            current = {};
        }
    }
    return {};
}

uint64_t countOf(const ScenarioRun& run, EventType type, int b = -1) {
    uint64_t n = 0;
    for (const NumberedEvent& e : run.events)
        n += e.event.type == type && (b < 0 || e.event.b == static_cast<uint32_t>(b));
    return n;
}

} // namespace

class TestConceptPageWalk : public QObject {
    Q_OBJECT
private slots:
    void nativeWalkHasOneReferencePerLevel() {
        ScenarioOptions o;
        o.mode = "native";
        o.workload = "pagefaults";
        o.maxSteps = 2'000'000;
        const ScenarioRun run = runScenario(o);
        QVERIFY2(run.ok(), run.error.c_str());
        const auto prefix =
            upToFirstWalk(run, [](const RecordedWalk& w) { return w.refs.size() == 2; });
        QVERIFY(!prefix.empty());
        PageWalkView view;
        view.setReduceMotion(true);
        feedView(view, UINT64_MAX, prefix);
        QCOMPARE(view.walk().refs.size(), std::size_t{2});
        const SceneItems refs = view.itemsWithId("reference");
        QCOMPARE(refs.size(), 2);
        QCOMPARE(view.walk().refs[0].level, 1);
        QCOMPARE(view.walk().refs[1].level, 0);
        // The boxes name the PTE addresses the engine read, in its order.
        for (int i = 0; i < 2; ++i) {
            QCOMPARE(refs[i].sequence, static_cast<qint64>(view.walk().refs[i].sequence));
            QVERIFY(refs[i].text.contains(QString::number(view.walk().refs[i].pteAddress, 16)));
        }
        QVERIFY(!view.walk().nested());
    }

    void trapModeCountsTheShadowWork() {
        ScenarioOptions o;
        o.mode = "trap";
        o.workload = "pagefaults";
        const ScenarioRun run = runScenario(o);
        QVERIFY2(run.ok(), run.error.c_str());
        PageWalkView view;
        view.setReduceMotion(true);
        feedRun(view, run, 2048);
        QCOMPARE(view.hiddenFaults(), countOf(run, EventType::ShadowFault, 0));
        QCOMPARE(view.trueFaults(), countOf(run, EventType::ShadowFault, 1));
        QCOMPARE(view.shadowSyncs(), countOf(run, EventType::ShadowSync));
        QVERIFY(view.hiddenFaults() > 0);
        QCOMPARE(view.walkCount(), countOf(run, EventType::PageWalkDone));
        // The hardware walks the VMM's shadow tables, above the guest's RAM.
        QVERIFY(!view.walk().refs.empty());
        QVERIFY(view.walk().refs.front().pteAddress >= 0x81000000u);
        QVERIFY(view.itemsWithId("reference").front().text.contains("shadow"));
    }

    void coldNestedWalkHasEightReferencesInEngineOrder() {
        ScenarioOptions o;
        o.mode = "hw";
        o.workload = "compute";
        o.maxSteps = 2'000'000;
        const ScenarioRun run = runScenario(o);
        QVERIFY2(run.ok(), run.error.c_str());
        // The first walk through both stages down to a 4 KiB page: two guest levels.
        // (Before the guest turns paging on its accesses go through the G-stage alone,
        // and its kernel's megapages end the guest walk at level 1.)
        const auto prefix = upToFirstWalk(run, [](const RecordedWalk& w) {
            return w.nested() &&
                   std::count_if(w.refs.begin(), w.refs.end(),
                                 [](const WalkReference& r) { return !r.gStage; }) == 2;
        });
        QVERIFY2(!prefix.empty(), "hw mode made no nested walk");
        PageWalkView view;
        view.setReduceMotion(true);
        feedView(view, UINT64_MAX, prefix);
        QCOMPARE(view.walk().refs.size(), std::size_t{8});
        const SceneItems refs = view.itemsWithId("reference");
        QCOMPARE(refs.size(), 8);
        // G G VS G G VS G G: two G-stage references before each guest PTE, two after.
        const QList<QPoint> cells = PageWalkView::nestedCells(view.walk());
        const QList<QPoint> expected = {{0, 0}, {1, 0}, {2, 0}, {0, 1},
                                        {1, 1}, {2, 1}, {0, 2}, {1, 2}};
        QCOMPARE(cells, expected);
        for (int i = 1; i < refs.size(); ++i)
            QVERIFY(refs[i - 1].sequence < refs[i].sequence);
    }
};

QTEST_MAIN(TestConceptPageWalk)
#include "test_concept_page_walk.moc"
