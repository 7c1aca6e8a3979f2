// The split-driver view as a dock of the main window: listed in the Concepts menu, fed
// the bridge's snapshots like the other views, so a pv run's ring shows up in it.
#include "app/ConceptDocks.h"
#include "app/MainWindow.h"
#include "views/concepts/ScenarioRun.h"
#include "views/concepts/SplitDriverView.h"

#include <QDockWidget>
#include <QMenuBar>
#include <QTest>

using namespace vizor;
using namespace vizor::views::concepts;

class TestConceptSplitDriverDock : public QObject {
    Q_OBJECT
private slots:
    void theDockShowsThePvRunsRing() {
        app::MainWindow window;
        auto* docks = window.findChild<app::ConceptDocks*>();
        QVERIFY(docks);
        auto* view = window.findChild<SplitDriverView*>();
        QVERIFY(view);
        QDockWidget* dock = nullptr;
        for (QDockWidget* d : docks->docks())
            if (d->widget() == view) dock = d;
        QVERIFY(dock);
        QCOMPARE(dock->objectName(), QStringLiteral("split-driverDock"));
        bool listed = false;
        for (QAction* a : window.menuBar()->actions())
            if (a->menu() && a->menu()->title().remove('&') == "Concepts")
                listed = a->menu()->actions().contains(dock->toggleViewAction());
        QVERIFY(listed);

        ScenarioOptions o;
        o.mode = "pv";
        o.workload = "io";
        const ScenarioRun run = runScenario(o);
        QVERIFY2(run.ok(), run.error.c_str());
        app::EngineSnapshot snapshot;
        for (const NumberedEvent& e : run.events)
            snapshot.newEvents.append(app::LoggedEvent{e.event, 0, e.sequence});
        docks->showSnapshot(snapshot);
        window.show();
        dock->show();
        QTRY_COMPARE(view->state().kicks, run.vm->stats().consoleKicks);
        QCOMPARE(view->state().served, run.vm->stats().consoleBuffers);
    }
};

QTEST_MAIN(TestConceptSplitDriverDock)
#include "test_concept_split_driver_dock.moc"
