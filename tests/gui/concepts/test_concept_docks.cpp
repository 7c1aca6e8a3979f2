// The concept views in the main window: a Concepts menu with one entry per dock, and
// snapshots fed to the views — at once to a shown dock, on showing to a hidden one, and
// a rewritten range (stepping back) dropped again.
#include "app/ConceptDocks.h"
#include "app/MainWindow.h"
#include "views/concepts/ScenarioRun.h"
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
};

QTEST_MAIN(TestConceptDocks)
#include "test_concept_docks.moc"
