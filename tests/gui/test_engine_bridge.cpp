// The engine bridge: commands reach the worker thread in order, snapshots come back,
// time travel works through it, and a guest that never stops can still be paused at
// once while the GUI thread keeps running its event loop.
#include "app/EngineBridge.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace vizor;
using app::EngineBridge;
using app::RunState;

namespace {

// Line numbers below refer to this program.
const char* const kProgram = R"(    .text
_start:
    addi a0, zero, 1
    addi a1, zero, 2
    add  a2, a0, a1
    call twice
    li   t0, 0x10000000
    li   t1, 79
    sb   t1, 0(t0)
    li   t1, 75
    sb   t1, 0(t0)
    li   t0, 0x100000
    li   t1, 0x5555
    sw   t1, 0(t0)
1:  j    1b
twice:
    add  a2, a2, a2
    ret
)";

const char* const kInfiniteLoop = R"(_start:
    addi a0, a0, 1
    j _start
)";

} // namespace

class EngineBridgeTest : public QObject {
    Q_OBJECT
private slots:
    void loadsAndPublishesTheInitialState();
    void stepsAndStepsBack();
    void stepOverRunsTheCall();
    void runsToPowerOffWithConsoleOutput();
    void stopsAtABreakpointLine();
    void editsARegisterWhilePaused();
    void reportsAssemblyErrors();
    void pausesAnEndlessGuestQuicklyWhileTheGuiStaysResponsive();
    void aChattyGuestSendsOnlyTheConsoleTail();
    void closesPromptlyWhileAGuestRuns();

private:
    // Waits until every command sent so far has been handled and published.
    static bool settle(EngineBridge& bridge) {
        QSignalSpy spy(&bridge, &EngineBridge::synced);
        const quint64 token = bridge.requestSync();
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 10000) {
            for (const auto& args : spy)
                if (args.at(0).toULongLong() == token) return true;
            spy.wait(100);
        }
        return false;
    }
};

void EngineBridgeTest::loadsAndPublishesTheInitialState() {
    EngineBridge bridge;
    QSignalSpy loaded(&bridge, &EngineBridge::programLoaded);
    bridge.load(QString::fromLatin1(kProgram));
    QVERIFY(settle(bridge));
    QCOMPARE(loaded.size(), 1);
    QCOMPARE(bridge.snapshot().state, RunState::Paused);
    QCOMPARE(bridge.snapshot().hart.pc, 0x80000000u);
    QCOMPARE(bridge.lineForAddress(bridge.snapshot().hart.pc), 3);
    QVERIFY(!bridge.snapshot().canStepBack);
}

void EngineBridgeTest::stepsAndStepsBack() {
    EngineBridge bridge;
    bridge.load(QString::fromLatin1(kProgram));
    bridge.stepInto();
    bridge.stepInto();
    bridge.stepInto();
    QVERIFY(settle(bridge));
    const app::EngineSnapshot& s = bridge.snapshot();
    QCOMPARE(s.hart.x[12], 3u); // a2 = a0 + a1
    QCOMPARE(s.hart.steps, 3u);
    QCOMPARE(bridge.lineForAddress(s.hart.pc), 6);
    QVERIFY(s.canStepBack);
    QVERIFY(s.stopped);
    QCOMPARE(s.stopReason, HaltReason::None); // a finished step, not a "limit
    bridge.stepBack();
    QVERIFY(settle(bridge));
    QCOMPARE(bridge.snapshot().hart.steps, 2u);
    QCOMPARE(bridge.snapshot().hart.x[12], 0u);
    QCOMPARE(bridge.lineForAddress(bridge.snapshot().hart.pc), 5);
}

void EngineBridgeTest::stepOverRunsTheCall() {
    EngineBridge bridge;
    bridge.load(QString::fromLatin1(kProgram));
    bridge.stepInto(3);
    bridge.stepOver(); // "call twice" is auipc + jalr: one press runs the line and the call
    QVERIFY(settle(bridge));
    QCOMPARE(bridge.snapshot().hart.x[12], 6u);
    QCOMPARE(bridge.lineForAddress(bridge.snapshot().hart.pc), 7);
    QCOMPARE(bridge.snapshot().hart.steps, 3u + 4u); // auipc, jalr, add, ret
    bridge.stepOver();                               // li t0, 0x10000000: one instruction
    bridge.stepOver();                               // li t1, 79
    QVERIFY(settle(bridge));
    QCOMPARE(bridge.lineForAddress(bridge.snapshot().hart.pc), 9);
    QCOMPARE(bridge.snapshot().hart.steps, 9u);
    bridge.stepInto(4); // to line 13: li t1, 0x5555 is lui + addi
    bridge.stepOver();
    QVERIFY(settle(bridge));
    QCOMPARE(bridge.lineForAddress(bridge.snapshot().hart.pc), 14);
    QCOMPARE(bridge.snapshot().hart.x[6], 0x5555u);
}

void EngineBridgeTest::runsToPowerOffWithConsoleOutput() {
    EngineBridge bridge;
    QString console;
    connect(&bridge, &EngineBridge::snapshotChanged, this, [&](const app::EngineSnapshot& s) {
        console = s.consoleReset ? s.consoleAppend : console + s.consoleAppend;
    });
    bridge.load(QString::fromLatin1(kProgram));
    bridge.run();
    QTRY_COMPARE_WITH_TIMEOUT(bridge.snapshot().state, RunState::Halted, 5000);
    QCOMPARE(bridge.snapshot().haltReason, HaltReason::PowerOff);
    QCOMPARE(console, QStringLiteral("OK"));
    bridge.reverseContinue(); // no breakpoints: back to the start
    QVERIFY(settle(bridge));
    QCOMPARE(bridge.snapshot().hart.steps, 0u);
    QCOMPARE(bridge.snapshot().state, RunState::Paused);
    QCOMPARE(console, QString());
}

void EngineBridgeTest::stopsAtABreakpointLine() {
    EngineBridge bridge;
    bridge.setBreakpointLines({17}); // inside twice
    bridge.load(QString::fromLatin1(kProgram));
    bridge.run();
    // (Synchronising is not enough here: a run goes on in slices after its command.)
    QTRY_COMPARE_WITH_TIMEOUT(bridge.snapshot().stopReason, HaltReason::Breakpoint, 5000);
    QCOMPARE(bridge.snapshot().state, RunState::Paused);
    QCOMPARE(bridge.lineForAddress(bridge.snapshot().hart.pc), 17);
    bridge.reset();
    bridge.setBreakpointLines({16}); // the label "twice:" stops at its first instruction
    bridge.run();
    QTRY_COMPARE_WITH_TIMEOUT(bridge.snapshot().stopReason, HaltReason::Breakpoint, 5000);
    QCOMPARE(bridge.lineForAddress(bridge.snapshot().hart.pc), 17);
    bridge.setBreakpointLines({});
    bridge.run();
    QTRY_COMPARE_WITH_TIMEOUT(bridge.snapshot().state, RunState::Halted, 5000);
}

void EngineBridgeTest::editsARegisterWhilePaused() {
    EngineBridge bridge;
    bridge.load(QString::fromLatin1(kProgram));
    bridge.stepInto(2);
    bridge.setRegister(QStringLiteral("x10"), 40);
    bridge.stepInto(); // a2 = a0 + a1 = 40 + 2
    QVERIFY(settle(bridge));
    QCOMPARE(bridge.snapshot().hart.x[12], 42u);
    bridge.setRegister(QStringLiteral("x0"), 5); // hard-wired: ignored
    QVERIFY(settle(bridge));
    QCOMPARE(bridge.snapshot().hart.x[0], 0u);
}

void EngineBridgeTest::reportsAssemblyErrors() {
    EngineBridge bridge;
    QSignalSpy failed(&bridge, &EngineBridge::loadFailed);
    bridge.load(QStringLiteral("nop\n  addx a0, a1, a2\n"));
    QVERIFY(settle(bridge));
    QCOMPARE(failed.size(), 1);
    const auto issues = failed.at(0).at(0).value<views::CodeIssues>();
    QCOMPARE(issues.size(), 1);
    QCOMPARE(issues.front().line, 2);
    QCOMPARE(issues.front().column, 3);
    QCOMPARE(bridge.snapshot().state, RunState::Empty);
    QVERIFY(!bridge.program());
}

void EngineBridgeTest::pausesAnEndlessGuestQuicklyWhileTheGuiStaysResponsive() {
    EngineBridge bridge;
    bridge.load(QString::fromLatin1(kInfiniteLoop));
    QVERIFY(settle(bridge));
    int ticks = 0;
    QTimer ticker;
    connect(&ticker, &QTimer::timeout, this, [&] { ++ticks; });
    ticker.start(10);
    QSignalSpy snapshots(&bridge, &EngineBridge::snapshotChanged);
    QElapsedTimer runTime;
    runTime.start();
    bridge.run();
    QTRY_VERIFY_WITH_TIMEOUT(bridge.snapshot().state == RunState::Running, 5000);
    // The GUI thread's timers keep firing while the guest runs, and progress arrives.
    QTRY_VERIFY_WITH_TIMEOUT(ticks > 30, 5000);
    QCOMPARE(bridge.snapshot().state, RunState::Running);
    QVERIFY(bridge.snapshot().hart.steps > 100'000);
    QElapsedTimer pauseTime;
    pauseTime.start();
    bridge.pause();
    QTRY_VERIFY_WITH_TIMEOUT(bridge.snapshot().state == RunState::Paused, 1000);
    QVERIFY(pauseTime.elapsed() < 1000);
    QVERIFY(bridge.snapshot().stopped);
    const uint64_t stoppedAt = bridge.snapshot().hart.steps;
    QVERIFY(settle(bridge));
    QCOMPARE(bridge.snapshot().hart.steps, stoppedAt); // really paused
    // Progress snapshots are throttled (about 60 per second), never one per slice.
    QVERIFY2(
        snapshots.size() <= 5 + runTime.elapsed() * 65 / 1000,
        qPrintable(
            QStringLiteral("%1 snapshots in %2 ms").arg(snapshots.size()).arg(runTime.elapsed())));
}

void EngineBridgeTest::aChattyGuestSendsOnlyTheConsoleTail() {
    EngineBridge bridge;
    qsizetype largest = 0;
    connect(&bridge, &EngineBridge::snapshotChanged, this, [&](const app::EngineSnapshot& s) {
        largest = std::max(largest, s.consoleAppend.size());
    });
    bridge.load(
        QStringLiteral("    li t0, 0x10000000\n    li t1, 65\n1:  sb t1, 0(t0)\n    j 1b\n"));
    bridge.run();
    QTRY_VERIFY_WITH_TIMEOUT(bridge.snapshot().hart.steps > 1'000'000, 10000);
    bridge.pause();
    QTRY_COMPARE_WITH_TIMEOUT(bridge.snapshot().state, RunState::Paused, 1000);
    QVERIFY(largest > 0);
    QVERIFY2(largest <= 64 * 1024, qPrintable(QString::number(largest)));
}

void EngineBridgeTest::closesPromptlyWhileAGuestRuns() {
    auto bridge = std::make_unique<EngineBridge>();
    bridge->load(QString::fromLatin1(kInfiniteLoop));
    bridge->run();
    QTRY_COMPARE_WITH_TIMEOUT(bridge->snapshot().state, RunState::Running, 5000);
    QElapsedTimer timer;
    timer.start();
    bridge.reset(); // stops the thread between two slices
    QVERIFY2(timer.elapsed() < 1000, qPrintable(QString::number(timer.elapsed())));
}

QTEST_MAIN(EngineBridgeTest)
#include "test_engine_bridge.moc"
