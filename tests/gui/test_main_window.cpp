// The main window wires views to the bridge: the debug actions carry the documented
// shortcuts, stepping moves the highlighted line and the register marks, a breakpoint
// set in the editor stops a run, and the window's state follows the machine's.
#include "app/DebugActions.h"
#include "app/MainWindow.h"
#include "app/Startup.h"
#include "views/CodeEditor.h"
#include "views/ConsoleView.h"
#include "views/RegisterModel.h"
#include "views/RegisterView.h"

#include <QAction>
#include <QDockWidget>
#include <QImage>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>

using namespace vizor;
using app::RunState;

namespace {
const char* const kProgram = R"(_start:
    addi a0, zero, 5
    addi a1, a0, 1
    li   t0, 0x10000000
    li   t1, 72
    sb   t1, 0(t0)
    li   t0, 0x100000
    li   t1, 0x5555
    sw   t1, 0(t0)
)";
} // namespace

class MainWindowTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true); // never touch the user's settings
        QCoreApplication::setOrganizationName(QStringLiteral("VizorTest"));
        QCoreApplication::setApplicationName(QStringLiteral("test_main_window"));
    }
    void actionsHaveTheDocumentedShortcuts();
    void stepHighlightsLineAndChangedRegisters();
    void breakpointFromTheEditorStopsARun();
    void editingReassemblesOnTheNextStep();
    void layoutIsSavedOnCloseAndRestored();
    void screenshotModeRendersTheDefaultProgram();
};

void MainWindowTest::actionsHaveTheDocumentedShortcuts() {
    app::MainWindow window;
    const app::DebugActions* a = window.debugActions();
    QCOMPARE(a->run->shortcut(), QKeySequence(Qt::Key_F5));
    QCOMPARE(a->pause->shortcut(), QKeySequence(Qt::Key_F6));
    QCOMPARE(a->stepInto->shortcut(), QKeySequence(Qt::Key_F11));
    QCOMPARE(a->stepOver->shortcut(), QKeySequence(Qt::Key_F10));
    QCOMPARE(a->stepOut->shortcut(), QKeySequence(Qt::SHIFT | Qt::Key_F11));
    QCOMPARE(a->stepBack->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F11));
    QCOMPARE(a->reverseContinue->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F5));
    QCOMPARE(a->runToCursor->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_F10));
    QCOMPARE(a->toggleBreakpoint->shortcut(), QKeySequence(Qt::Key_F9));
    QCOMPARE(a->reset->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    for (const QAction* action : a->all()) {
        QVERIFY2(!action->icon().isNull(), qPrintable(action->text()));
        QVERIFY2(action->toolTip().contains(action->shortcut().toString(QKeySequence::NativeText)),
                 qPrintable(action->toolTip()));
    }
}

void MainWindowTest::stepHighlightsLineAndChangedRegisters() {
    app::MainWindow window;
    window.openSource(QString::fromLatin1(kProgram), QStringLiteral("test.s"));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_COMPARE(window.editor()->executionLine(), 2);
    QVERIFY(!window.debugActions()->stepBack->isEnabled());
    QTest::keyClick(&window, Qt::Key_F11);
    QTRY_COMPARE(window.editor()->executionLine(), 3);
    const views::RegisterModel* model = window.registerView()->registerModel();
    QCOMPARE(model->value(model->rowOf(u"x10")), 5u);
    QVERIFY(model->isChanged(model->rowOf(u"x10")));
    QVERIFY(!model->isChanged(model->rowOf(u"x11")));
    QVERIFY(window.debugActions()->stepBack->isEnabled());
    window.debugActions()->run->trigger();
    QTRY_COMPARE(window.bridge().snapshot().state, RunState::Halted);
    QTRY_COMPARE(window.console()->toPlainText(), QStringLiteral("H"));
    QVERIFY(!window.debugActions()->run->isEnabled());
    QVERIFY(window.debugActions()->reset->isEnabled());
}

void MainWindowTest::breakpointFromTheEditorStopsARun() {
    app::MainWindow window;
    window.openSource(QString::fromLatin1(kProgram), QStringLiteral("test.s"));
    window.editor()->toggleBreakpoint(5);
    window.debugActions()->run->trigger();
    QTRY_COMPARE(window.editor()->executionLine(), 5);
    QCOMPARE(window.bridge().snapshot().stopReason, HaltReason::Breakpoint);
}

void MainWindowTest::editingReassemblesOnTheNextStep() {
    app::MainWindow window;
    window.openSource(QString::fromLatin1(kProgram), QStringLiteral("test.s"));
    QTextCursor cursor(window.editor()->document()->findBlockByNumber(1));
    cursor.insertText(QStringLiteral("    addi a0, zero, 9\n"));
    window.debugActions()->stepInto->trigger();
    QTRY_COMPARE(window.bridge().snapshot().hart.steps, 1u);
    QCOMPARE(window.bridge().snapshot().hart.x[10], 9u);
}

void MainWindowTest::layoutIsSavedOnCloseAndRestored() {
    QSettings().clear();
    {
        app::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto* registers = window.findChild<QDockWidget*>(QStringLiteral("registersDock"));
        QVERIFY(registers);
        registers->hide();
        QVERIFY(window.close());
    }
    QVERIFY(QSettings().contains(QStringLiteral("window/state")));
    app::MainWindow restored;
    restored.restoreLayout();
    QVERIFY(restored.findChild<QDockWidget*>(QStringLiteral("registersDock"))->isHidden());
    QSettings().clear();
}

void MainWindowTest::screenshotModeRendersTheDefaultProgram() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    app::StartupOptions options;
    options.screenshotPath = dir.filePath(QStringLiteral("window.png"));
    options.screenshotSteps = 25;
    app::MainWindow window;
    const QString program = app::defaultProgramText();
    QVERIFY2(program.contains(QLatin1String("_start")), "the default program is built in");
    window.openSource(program, QStringLiteral("hello.s"));
    QCOMPARE(app::renderScreenshot(window, options), 0);
    QCOMPARE(window.bridge().snapshot().hart.steps, 25u);
    const QImage image(options.screenshotPath);
    QCOMPARE(image.size() / image.devicePixelRatio(), QSize(1280, 800));
}

QTEST_MAIN(MainWindowTest)
#include "test_main_window.moc"
