// The workbench controls: preferences survive a restart and a value that does not parse
// falls back to its default; the speed slider is logarithmic and really throttles the
// engine; the timeline travels; Stop (Shift+F5) ends a run; the examples are listed.
#include "BridgeTestUtil.h"
#include "app/AppSettings.h"
#include "app/DebugActions.h"
#include "app/MainWindow.h"
#include "app/WorkbenchControls.h"
#include "views/CodeEditor.h"
#include "views/CodeTheme.h"
#include "views/RegisterView.h"
#include "views/SpeedControl.h"
#include "views/TimelineBar.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QMenu>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

using namespace vizor;
using app::AppSettings;
using views::SpeedControl;

namespace {
const char* const kCounter = R"(_start:
    addi a0, a0, 1
    j _start
)";
} // namespace

class WorkbenchControlsTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("VizorTest"));
        QCoreApplication::setApplicationName(QStringLiteral("test_workbench_controls"));
        QSettings().clear();
    }
    void cleanupTestCase() { QSettings().clear(); }
    void settingsRoundTripAndFallBack();
    void speedScaleIsLogarithmic();
    void slowSpeedThrottlesTheEngine();
    void timelineTravelsBackAndForward();
    void stopEndsTheRun();
    void examplesAreListed();
    void themeSwitchesLiveAndPersists();
};

void WorkbenchControlsTest::settingsRoundTripAndFallBack() {
    AppSettings a;
    a.theme = app::Theme::Dark;
    a.language = QStringLiteral("it");
    a.reduceMotion = true;
    a.speedPosition = 42;
    a.signedDecimal = false;
    a.save();
    const AppSettings b = AppSettings::load();
    QCOMPARE(b.theme, app::Theme::Dark);
    QCOMPARE(b.language, QStringLiteral("it"));
    QVERIFY(b.reduceMotion);
    QCOMPARE(b.speedPosition, 42);
    QVERIFY(!b.signedDecimal);
    {
        QSettings s;
        s.setValue(QStringLiteral("view/theme"), QStringLiteral("purple"));
        s.setValue(QStringLiteral("view/language"), QStringLiteral("klingon"));
        s.setValue(QStringLiteral("view/reduceMotion"), QStringLiteral("maybe"));
        s.setValue(QStringLiteral("debug/speedPosition"), QStringLiteral("fast"));
        s.setValue(QStringLiteral("registers/signedDecimal"), 7);
    }
    const AppSettings c = AppSettings::load();
    const AppSettings defaults;
    QCOMPARE(c.theme, defaults.theme);
    QCOMPARE(c.language, defaults.language);
    QCOMPARE(c.reduceMotion, defaults.reduceMotion);
    QCOMPARE(c.speedPosition, defaults.speedPosition);
    QCOMPARE(c.signedDecimal, defaults.signedDecimal);
    QSettings().setValue(QStringLiteral("debug/speedPosition"), 101);
    QCOMPARE(AppSettings::load().speedPosition, defaults.speedPosition); // out of range
    QSettings().clear();
}

void WorkbenchControlsTest::speedScaleIsLogarithmic() {
    QCOMPARE(SpeedControl::instructionsPerSecond(0), 1.0);
    QCOMPARE(SpeedControl::instructionsPerSecond(SpeedControl::kSteps), 0.0);
    QVERIFY(qFuzzyCompare(SpeedControl::instructionsPerSecond(SpeedControl::kSteps - 1), 1e8));
    const double a = SpeedControl::instructionsPerSecond(10);
    const double b = SpeedControl::instructionsPerSecond(20);
    const double c = SpeedControl::instructionsPerSecond(30);
    QVERIFY(qFuzzyCompare(b / a, c / b)); // equal slider distances, equal ratios
    QCOMPARE(SpeedControl::speedText(0), QStringLiteral("unthrottled"));
}

void WorkbenchControlsTest::slowSpeedThrottlesTheEngine() {
    app::EngineBridge bridge;
    bridge.setSpeed(200); // instructions a second
    bridge.load(QString::fromLatin1(kCounter));
    QVERIFY(settle(bridge));
    QElapsedTimer clock;
    clock.start();
    bridge.run();
    QTRY_VERIFY(bridge.snapshot().hart.steps >= 60);
    const qint64 ms = clock.elapsed();
    bridge.pause();
    QVERIFY(settle(bridge));
    // 60 steps at 200/s take about 300 ms; unthrottled they take microseconds.
    QVERIFY2(ms >= 250, qPrintable(QString::number(ms)));
    QVERIFY2(bridge.snapshot().hart.steps < 200,
             qPrintable(QString::number(bridge.snapshot().hart.steps)));
}

void WorkbenchControlsTest::timelineTravelsBackAndForward() {
    app::MainWindow window;
    window.openSource(QString::fromLatin1(kCounter), QStringLiteral("counter.s"));
    window.bridge().stepInto(1000);
    QVERIFY(settle(window.bridge()));
    views::TimelineBar* timeline = window.controls()->timeline();
    QTRY_COMPARE(timeline->furthest(), quint64{1000});
    QCOMPARE(timeline->position(), quint64{1000});
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const int x = timeline->xOfStep(250);
    QTest::mouseClick(timeline, Qt::LeftButton, {}, QPoint(x, timeline->height() / 2));
    const quint64 target = timeline->stepAtX(x);
    QTRY_COMPARE(window.bridge().snapshot().hart.steps, target);
    QCOMPARE(window.bridge().snapshot().hart.x[10], static_cast<uint32_t>((target + 1) / 2));
    QCOMPARE(timeline->furthest(), quint64{1000}); // the future is still there
    timeline->setFocus();
    QTest::keyClick(timeline, Qt::Key_End);
    QTRY_COMPARE(window.bridge().snapshot().hart.steps, quint64{1000});
}

void WorkbenchControlsTest::stopEndsTheRun() {
    app::MainWindow window;
    window.openSource(QString::fromLatin1(kCounter), QStringLiteral("counter.s"));
    QCOMPARE(window.debugActions()->stop->shortcut(), QKeySequence(Qt::SHIFT | Qt::Key_F5));
    window.debugActions()->run->trigger();
    QTRY_COMPARE(window.bridge().snapshot().state, app::RunState::Running);
    window.debugActions()->stop->trigger();
    QTRY_COMPARE(window.bridge().snapshot().state, app::RunState::Paused);
    QTRY_COMPARE(window.bridge().snapshot().hart.steps, quint64{0});
}

void WorkbenchControlsTest::examplesAreListed() {
    const auto examples = app::WorkbenchControls::examples();
    QVERIFY(!examples.isEmpty());
    QCOMPARE(examples.front().first, QStringLiteral("hello.s"));
    app::MainWindow window;
    auto* menu = window.findChild<QMenu*>(QStringLiteral("examplesMenu"));
    QVERIFY(menu);
    // Each example, then the guest kernel's submenu (one entry per workload).
    QCOMPARE(menu->actions().size(), examples.size() + 1);
    auto* kernels = window.findChild<QMenu*>(QStringLiteral("guestKernelMenu"));
    QVERIFY(kernels);
    QCOMPARE(menu->actions().back(), kernels->menuAction());
    QVERIFY(kernels->actions().size() >= 6);
    kernels->actions().front()->trigger();
    QVERIFY(window.editor()->toPlainText().contains(QStringLiteral("kernel_entry:")));
    menu->actions().front()->trigger();
    QCOMPARE(window.windowFilePath(), QStringLiteral("hello.s"));
}

void WorkbenchControlsTest::themeSwitchesLiveAndPersists() {
    app::MainWindow window;
    auto* dark = window.findChild<QAction*>(QStringLiteral("theme-dark"));
    auto* light = window.findChild<QAction*>(QStringLiteral("theme-light"));
    QVERIFY(dark && light);
    dark->trigger();
    QVERIFY(views::isDarkPalette(QApplication::palette()));
    QCOMPARE(AppSettings::load().theme, app::Theme::Dark);
    light->trigger();
    QVERIFY(!views::isDarkPalette(QApplication::palette()));
    QCOMPARE(AppSettings::load().theme, app::Theme::Light);
    auto* italian = window.findChild<QAction*>(QStringLiteral("language-it"));
    QVERIFY(italian);
    italian->trigger(); // applies at the next start; the choice is saved now
    QCOMPARE(AppSettings::load().language, QStringLiteral("it"));
    window.registerView()->signedToggle()->setChecked(false);
    QVERIFY(!AppSettings::load().signedDecimal);
    QSettings().clear();
}

QTEST_MAIN(WorkbenchControlsTest)
#include "test_workbench_controls.moc"
