// The concept views in the main window: a Concepts menu with one entry per dock, and
// snapshots fed to the views — at once to a shown dock, on showing to a hidden one, and
// a rewritten range (stepping back) dropped again.
#include "app/ConceptDocks.h"
#include "app/MainWindow.h"
#include "views/concepts/CpuSharePlotView.h"
#include "views/concepts/DirtyPagesPlotView.h"
#include "views/concepts/MigrationRun.h"
#include "views/concepts/ScenarioRun.h"
#include "views/concepts/ShippedScenes.h"
#include "views/concepts/WorldSwitchView.h"

#include <QDockWidget>
#include <QMenuBar>
#include <QTest>

using namespace vizor;
using namespace vizor::views::concepts;

namespace {

app::EngineSnapshot snapshotOf(const std::vector<NumberedEvent>& events, uint64_t keepBelow) {
    app::EngineSnapshot s;
    s.eventsKeepBelow = keepBelow;
    for (const NumberedEvent& e : events)
        s.newEvents.append(app::LoggedEvent{e.event, 0, e.sequence});
    return s;
}

} // namespace

class TestConceptDocks : public QObject {
    Q_OBJECT
private slots:
    void theWindowHasAConceptsMenuAndFeedsTheViews() {
        app::MainWindow window;
        auto* docks = window.findChild<app::ConceptDocks*>();
        QVERIFY(docks);
        QMenu* menu = nullptr;
        for (QAction* a : window.menuBar()->actions())
            if (a->menu() && a->menu()->title().remove('&') == "Concepts") menu = a->menu();
        QVERIFY(menu);
        QCOMPARE(menu->actions().size(), docks->docks().size());
        WorldSwitchView* view = window.findChild<WorldSwitchView*>();
        QVERIFY(view);

        ScenarioOptions o;
        o.mode = "trap";
        o.workload = "syscalls";
        o.maxSteps = 200'000;
        const ScenarioRun run = runScenario(o);
        QVERIFY2(run.ok(), run.error.c_str());
        // Hidden: kept for later, not drawn.
        docks->showSnapshot(snapshotOf(run.events, UINT64_MAX));
        QVERIFY(view->transitions().empty());
        window.show();
        QDockWidget* dock = docks->docks().front();
        dock->show();
        QTRY_VERIFY(!view->transitions().empty());
        const std::size_t all = view->transitions().size();
        QCOMPARE(all, transitionsFromEvents(run.plainEvents(), 0).size());
        // Stepping back: the bridge rewrites the timeline from a sequence number on.
        view->setReduceMotion(true);
        const uint64_t cut = view->transitions()[all / 2].sequence;
        docks->showSnapshot(snapshotOf({}, cut));
        QVERIFY(view->transitions().size() < all);
        for (const Transition& t : view->transitions())
            QVERIFY(t.sequence < cut);
    }

    // Every view with a shipped scenario has a dock, and showing it runs the scenario:
    // the dirty-pages plot then holds the rounds of a real migration, the CPU-share
    // plot the groups of weights.txt. The workbench's own events do not reach them.
    void shippedScenarioViewsAreDockedAndShowTheirRun() {
        app::MainWindow window;
        auto* docks = window.findChild<app::ConceptDocks*>();
        QVERIFY(docks);
        for (const QString& name : shippedSceneViews()) {
            bool found = false;
            for (const ConceptView* view : docks->views())
                found |= view->viewName() == name;
            QVERIFY2(found, qPrintable(name));
        }
        auto* plot = window.findChild<DirtyPagesPlotView*>();
        auto* share = window.findChild<CpuSharePlotView*>();
        QVERIFY(plot && share);
        ScenarioOptions o;
        o.maxSteps = 100'000;
        const ScenarioRun run = runScenario(o);
        QVERIFY2(run.ok(), run.error.c_str());
        docks->showSnapshot(snapshotOf(run.events, UINT64_MAX));
        window.show();
        // Docks are tabbed together: a dock's run starts when its tab comes to the front.
        auto bringUp = [&](QWidget* view) {
            for (QDockWidget* dock : docks->docks())
                if (dock->widget() == view) dock->show(), dock->raise();
        };
        bringUp(plot);
        const MigrationRun migration = runMigration({{"PAGES", 8}, {"PASSES", 1'000'000}}, 200'000);
        QVERIFY2(migration.ok(), migration.error.c_str());
        QTRY_COMPARE_WITH_TIMEOUT(plot->rounds().size(),
                                  static_cast<qsizetype>(migration.report.rounds.size()), 20000);
        QVERIFY(share->shownGroups().empty()); // not shown yet: not run
        bringUp(share);
        QTRY_COMPARE_WITH_TIMEOUT(share->shownGroups().size(), std::size_t{3}, 20000);
        QCOMPARE(static_cast<std::size_t>(plot->endSequence()), migration.events.size());
    }
};

QTEST_MAIN(TestConceptDocks)
#include "test_concept_docks.moc"
