// GUI responsiveness while a guest runs flat out: the window is shown (offscreen), a
// trap-heavy guest runs unthrottled (every loop iteration is an ecall and an mret, so
// the event log, the timeline and the registers all have work), and a 5 ms timer
// measures how late the GUI thread's event loop serves it. Also counts paints of the
// register table per second. Fails if the GUI thread is ever blocked for more than
// 50 ms or the registers repaint fewer than 30 times a second.
#include "app/MainWindow.h"
#include "views/RegisterView.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEvent>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QTimer>
#include <algorithm>
#include <cstdio>
#include <vector>

namespace {

const char* const kTrapLoop = R"(_start:
    la   t0, handler
    csrw mtvec, t0
loop:
    ecall
    addi a0, a0, 1
    j    loop
handler:
    csrr t1, mepc
    addi t1, t1, 4
    csrw mepc, t1
    mret
)";

class PaintCounter : public QObject {
public:
    int paints = 0;
    bool eventFilter(QObject*, QEvent* event) override {
        if (event->type() == QEvent::Paint) ++paints;
        return false;
    }
};

} // namespace

class GuiLatencyBenchmark : public QObject {
    Q_OBJECT
private slots:
    void guiStaysResponsiveWhileTheGuestRuns();
    void costOfExactWatchpoints();
};

void GuiLatencyBenchmark::guiStaysResponsiveWhileTheGuestRuns() {
    QStandardPaths::setTestModeEnabled(true);
    const int seconds = qEnvironmentVariableIntValue("VIZOR_BENCH_SECONDS") > 0
                            ? qEnvironmentVariableIntValue("VIZOR_BENCH_SECONDS")
                            : 3;
    vizor::app::MainWindow window;
    window.openSource(QString::fromLatin1(kTrapLoop), QStringLiteral("traps.s"));
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.bridge().setSpeed(0);
    PaintCounter counter;
    window.registerView()->registerTable()->viewport()->installEventFilter(&counter);

    // Ticks of a 5 ms timer for `ms` milliseconds; each entry is how late it came.
    QElapsedTimer clock, sinceTick;
    const auto measure = [&](int ms) {
        std::vector<qint64> late;
        QTimer tick;
        tick.setTimerType(Qt::PreciseTimer);
        tick.setInterval(5);
        QObject::connect(&tick, &QTimer::timeout, [&] {
            late.push_back(std::max<qint64>(0, sinceTick.nsecsElapsed() / 1'000'000 - 5));
            sinceTick.restart();
        });
        counter.paints = 0;
        clock.start();
        sinceTick.start();
        tick.start();
        QEventLoop loop;
        QTimer::singleShot(ms, &loop, &QEventLoop::quit);
        loop.exec();
        return late;
    };
    // Baseline with the guest paused: on a loaded machine even an idle loop is late.
    const std::vector<qint64> idle = measure(1000);
    window.bridge().run();
    QTRY_COMPARE(window.bridge().snapshot().state, vizor::app::RunState::Running);
    std::vector<qint64> lateness = measure(seconds * 1000);
    const double elapsed = static_cast<double>(clock.elapsed()) / 1000.0;
    const uint64_t steps = window.bridge().snapshot().hart.steps;
    window.bridge().pause();
    std::printf("idle baseline: %zu ticks in 1 s, lateness max %lld ms\n", idle.size(),
                static_cast<long long>(*std::max_element(idle.begin(), idle.end())));

    std::sort(lateness.begin(), lateness.end());
    QVERIFY(!lateness.empty());
    const qint64 maxLate = lateness.back();
    const qint64 p95 = lateness[lateness.size() * 95 / 100];
    const double paintsPerSecond = counter.paints / elapsed;
    std::printf("gui latency: %zu ticks in %.1f s, lateness max %lld ms, p95 %lld ms; "
                "register repaints %.1f/s; guest %.1f M steps/s\n",
                lateness.size(), elapsed, static_cast<long long>(maxLate),
                static_cast<long long>(p95), paintsPerSecond,
                static_cast<double>(steps) / elapsed / 1e6);
    QVERIFY2(maxLate <= 50, "the GUI thread was blocked for more than 50 ms");
    QVERIFY2(paintsPerSecond >= 30, "fewer than 30 repaints a second");
}

// Not a pass/fail check: prints the engine's speed with and without a watchpoint, the
// price of stepping one instruction at a time to stop exactly (see EngineRun.cpp).
void GuiLatencyBenchmark::costOfExactWatchpoints() {
    const auto stepsPerSecond = [](bool watch) {
        vizor::app::EngineBridge bridge;
        bridge.load(QStringLiteral("_start:\n addi a0, a0, 1\n j _start\n"));
        if (watch) bridge.setWatchpoints({0x80100000u}, false);
        bridge.run();
        QElapsedTimer clock;
        clock.start();
        QEventLoop loop;
        QTimer::singleShot(1500, &loop, &QEventLoop::quit);
        loop.exec();
        const double steps = static_cast<double>(bridge.snapshot().hart.steps);
        return steps / (static_cast<double>(clock.elapsed()) / 1000.0);
    };
    const double plain = stepsPerSecond(false);
    const double watched = stepsPerSecond(true);
    std::printf("engine speed: %.1f M steps/s unwatched, %.2f M steps/s with a watchpoint "
                "(%.0fx slower)\n",
                plain / 1e6, watched / 1e6, plain / std::max(watched, 1.0));
    QVERIFY(watched > 0);
}

QTEST_MAIN(GuiLatencyBenchmark)
#include "bench_gui_latency.moc"
