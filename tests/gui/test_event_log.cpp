// The event log: every event with its step, cycle, pc and mode, trap causes named as
// the privileged spec names them, a filter by type, the future kept after travelling
// back, a click that travels to the event, and event breakpoints that stop a run right
// after the event.
#include "BridgeTestUtil.h"
#include "views/EventLogModel.h"
#include "views/EventLogView.h"
#include "views/EventText.h"

#include <QAbstractItemModelTester>
#include <QMenu>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace vizor;
using views::EventLogModel;
using views::EventRow;

class EventLogTest : public QObject {
    Q_OBJECT
private slots:
    void causesAreNamedAsInTheSpec();
    void modelFiltersAndTruncates();
    void runLogsTheEcallWithItsStep();
    void clickingAnEventTravelsThere();
    void eventBreakpointStopsAfterTheFirstTrap();
    void pageFaultBreakpointIgnoresOtherTraps();
    void aStopFillsTheGapsOfAFastRun();
};

namespace {
EventRow row(EventType type, uint64_t step, uint64_t sequence, uint32_t a = 0) {
    Event e;
    e.type = type;
    e.a = a;
    e.cycle = step;
    return {e, step, sequence};
}
std::vector<app::LoggedEvent> eventsOf(const app::EngineBridge& bridge, EventType type,
                                       const std::vector<app::LoggedEvent>& all) {
    std::vector<app::LoggedEvent> found;
    for (const auto& e : all)
        if (e.event.type == type) found.push_back(e);
    Q_UNUSED(bridge);
    return found;
}
} // namespace

void EventLogTest::causesAreNamedAsInTheSpec() {
    QCOMPARE(views::trapCauseText(8), QStringLiteral("ecall from U-mode"));
    QCOMPARE(views::trapCauseText(13), QStringLiteral("load page fault"));
    QCOMPARE(views::trapCauseText(0x80000007u), QStringLiteral("machine timer interrupt"));
    QCOMPARE(views::trapCauseText(42), QStringLiteral("cause 42"));
    Event e;
    e.type = EventType::Exception;
    e.a = 15;
    e.b = 0x1234;
    e.c = 1;
    QCOMPARE(views::eventDetail(e),
             QStringLiteral("store/AMO page fault, tval 0x00001234 → S-mode"));
    QVERIFY(views::isPageFault(12) && views::isPageFault(13) && views::isPageFault(15));
    QVERIFY(!views::isPageFault(8));
}

void EventLogTest::modelFiltersAndTruncates() {
    EventLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.update(UINT64_MAX,
                 {row(EventType::Exception, 10, 0, 8), row(EventType::ConsoleOutput, 12, 1, 'A'),
                  row(EventType::TrapReturn, 20, 2)});
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(0, EventLogModel::Detail).data().toString().left(17),
             QStringLiteral("ecall from U-mode"));
    QCOMPARE(model.index(1, EventLogModel::Detail).data().toString(), QStringLiteral("'A'"));
    model.setFilter(maskOf(EventType::Exception) | maskOf(EventType::TrapReturn));
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.stepAt(1), 20u);
    model.update(UINT64_MAX,
                 {row(EventType::ConsoleOutput, 25, 3), row(EventType::Exception, 30, 4)});
    QCOMPARE(model.rowCount(), 3);
    model.update(2, {}); // the timeline was rewritten from event 2 on
    QCOMPARE(model.totalEvents(), 2);
    QCOMPARE(model.rowCount(), 1);
    model.setFilter(kAllEvents);
    QCOMPARE(model.rowCount(), 2);
}

void EventLogTest::runLogsTheEcallWithItsStep() {
    app::EngineBridge bridge;
    std::vector<app::LoggedEvent> all;
    connect(&bridge, &app::EngineBridge::snapshotChanged, this, [&](const app::EngineSnapshot& s) {
        all.insert(all.end(), s.newEvents.begin(), s.newEvents.end());
    });
    bridge.load(QString::fromLatin1(kWatchProgram));
    bridge.run();
    QTRY_COMPARE(bridge.snapshot().state, app::RunState::Halted);
    QVERIFY(settle(bridge));
    const auto traps = eventsOf(bridge, EventType::Exception, all);
    QCOMPARE(traps.size(), std::size_t{1});
    QCOMPARE(traps[0].event.a, 11u); // ecall from M-mode
    QCOMPARE(traps[0].event.pc, *bridge.program()->symbol("after_second"));
    QCOMPARE(eventsOf(bridge, EventType::TrapReturn, all).size(), std::size_t{1});
    QCOMPARE(eventsOf(bridge, EventType::Halt, all).size(), std::size_t{1});
    // Travelling back and running again does not log the same events twice.
    const std::size_t logged = all.size();
    bridge.goTo(3);
    bridge.run();
    QTRY_COMPARE(bridge.snapshot().state, app::RunState::Halted);
    QVERIFY(settle(bridge));
    QCOMPARE(all.size(), logged);
}

void EventLogTest::clickingAnEventTravelsThere() {
    app::EngineBridge bridge;
    views::EventLogView view;
    connect(&bridge, &app::EngineBridge::snapshotChanged, this, [&](const app::EngineSnapshot& s) {
        std::vector<EventRow> rows;
        for (const auto& e : s.newEvents)
            rows.push_back({e.event, e.step, e.sequence});
        view.model()->update(s.eventsKeepBelow, rows);
    });
    connect(&view, &views::EventLogView::stepRequested, &bridge, &app::EngineBridge::goTo);
    bridge.load(QString::fromLatin1(kWatchProgram));
    bridge.run();
    QTRY_COMPARE(bridge.snapshot().state, app::RunState::Halted);
    QVERIFY(settle(bridge));
    view.model()->setFilter(maskOf(EventType::Exception));
    QCOMPARE(view.model()->rowCount(), 1);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const QRect cell = view.table()->visualRect(view.model()->index(0, 0));
    QTest::mouseClick(view.table()->viewport(), Qt::LeftButton, {}, cell.center());
    // Before the ecall executes: the trapping instruction is the next one.
    QTRY_COMPARE(bridge.snapshot().hart.pc, *bridge.program()->symbol("after_second"));
    QCOMPARE(bridge.snapshot().state, app::RunState::Paused);
    QCOMPARE(view.model()->totalEvents(), 3); // the mret and the halt, still ahead, stay listed
}

void EventLogTest::eventBreakpointStopsAfterTheFirstTrap() {
    app::EngineBridge bridge;
    views::EventLogView view;
    connect(&view, &views::EventLogView::eventBreakpointsChanged, &bridge,
            &app::EngineBridge::setEventBreakpoints);
    view.breakMenu()->actions().at(0)->setChecked(true); // "Any trap"
    bridge.load(QString::fromLatin1(kWatchProgram));
    bridge.run();
    QVERIFY(settle(bridge)); // the run has started
    QTRY_COMPARE(bridge.snapshot().state, app::RunState::Paused);
    QCOMPARE(bridge.snapshot().hart.pc, *bridge.program()->symbol("handler"));
    QVERIFY(bridge.snapshot().eventBreakpointHit);
}

void EventLogTest::pageFaultBreakpointIgnoresOtherTraps() {
    app::EngineBridge bridge;
    bridge.setEventBreakpoints(views::kPageFaultBreak);
    bridge.load(QString::fromLatin1(kWatchProgram));
    bridge.run();
    QTRY_COMPARE(bridge.snapshot().state, app::RunState::Halted); // the ecall did not stop it
}

// Unthrottled, a trap loop makes millions of events a second, more than a snapshot
// carries; at the stop the newest ones come again from the engine's ring, with steps.
void EventLogTest::aStopFillsTheGapsOfAFastRun() {
    app::EngineBridge bridge;
    EventLogModel model;
    connect(&bridge, &app::EngineBridge::snapshotChanged, this, [&](const app::EngineSnapshot& s) {
        std::vector<EventRow> rows;
        for (const auto& e : s.newEvents)
            rows.push_back({e.event, e.step, e.sequence});
        model.update(s.eventsKeepBelow, rows);
    });
    bridge.load(QStringLiteral("_start:\n la t0, h\n csrw mtvec, t0\nloop:\n ecall\n j loop\n"
                               "h:\n csrr t1, mepc\n addi t1, t1, 4\n csrw mepc, t1\n mret\n"));
    bridge.run();
    QTRY_VERIFY(bridge.snapshot().hart.steps > 3'000'000);
    bridge.pause();
    QVERIFY(settle(bridge));
    QCOMPARE(bridge.snapshot().state, app::RunState::Paused);
    const uint32_t ecall = *bridge.program()->symbol("loop");
    const int rows = model.rowCount();
    QVERIFY(rows > 20000);
    for (int i = rows - 20000; i < rows; ++i) {
        const EventRow& e = model.rowEvent(i);
        QCOMPARE(e.sequence, model.rowEvent(i - 1).sequence + 1);
        if (e.event.type == EventType::Exception) QCOMPARE(e.event.pc, ecall);
    }
    // The steps are real: travelling to the newest trap stops on its ecall.
    int last = rows - 1;
    while (model.rowEvent(last).event.type != EventType::Exception)
        --last;
    bridge.goTo(model.stepAt(last));
    QVERIFY(settle(bridge));
    QCOMPARE(bridge.snapshot().hart.pc, ecall);
    QCOMPARE(bridge.snapshot().hart.steps, model.stepAt(last));
}

QTEST_MAIN(EventLogTest)
#include "test_event_log.moc"
