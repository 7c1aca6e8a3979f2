// Sessions: everything round-trips through JSON, a session restores the window (program,
// breakpoints, watchpoints, event breakpoints, position), and killing the program while
// it saves leaves the previous file intact (QSaveFile).
#include "BridgeTestUtil.h"
#include "app/GuestKernel.h"
#include "app/InspectorPanes.h"
#include "app/MainWindow.h"
#include "app/Session.h"
#include "app/SessionActions.h"
#include "views/CodeEditor.h"
#include "views/EventLogView.h"
#include "views/MemoryView.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <iostream>

using namespace vizor;
using app::Session;

namespace {

Session sample() {
    Session s;
    s.programText = QString::fromLatin1(kWatchProgram);
    s.fileName = QStringLiteral("watch.s");
    s.breakpointLines = {9, 13};
    s.watchpoints = {0x80001000u};
    s.eventBreakpoints = maskOf(EventType::Exception) | maskOf(EventType::Interrupt); // any trap
    s.position = 5;
    return s;
}

// Child mode: save a large session and block halfway, so the parent can kill it there.
int saveAndHang(const QString& path) {
    Session s = sample();
    s.programText = QString(64 << 20, QLatin1Char('x')); // 64 MB: many chunks
    QString error;
    s.save(path, &error, [](qint64 written) {
        if (written >= (8 << 20)) {
            std::cout << "halfway" << std::endl;
            for (;;)
                QThread::sleep(1); // until killed
        }
    });
    return 1; // never reached
}

} // namespace

class SessionTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void roundTripsThroughJson();
    void rejectsOtherFiles();
    void restoresTheWindow();
    void restoresTheScenario();
    void killWhileSavingLeavesTheOldFileIntact();
};

void SessionTest::roundTripsThroughJson() {
    const Session s = sample();
    QString error;
    const auto back = Session::fromJson(s.toJson(), &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(back->programText, s.programText);
    QCOMPARE(back->fileName, s.fileName);
    QCOMPARE(back->breakpointLines, s.breakpointLines);
    QCOMPARE(back->watchpoints, s.watchpoints);
    QCOMPARE(back->eventBreakpoints, s.eventBreakpoints);
    QCOMPARE(back->position, s.position);
    QCOMPARE(back->scenario.mode, QStringLiteral("native"));
    Session trap = s;
    trap.scenario = {QStringLiteral("trap"), true, QStringLiteral("costs.txt")};
    QVERIFY(Session::fromJson(trap.toJson(), &error)->scenario == trap.scenario);
    Session big;
    big.eventBreakpoints = ~quint64{0}; // 64 bits survive (not a double)
    QCOMPARE(Session::fromJson(big.toJson(), &error)->eventBreakpoints, ~quint64{0});
}

void SessionTest::rejectsOtherFiles() {
    QString error;
    QVERIFY(!Session::fromJson("{not json", &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!Session::fromJson(R"({"format":"vizor-session","version":99})", &error));
    QVERIFY(!Session::fromJson(R"([1,2])", &error));
}

void SessionTest::restoresTheWindow() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("s.json"));
    QString error;
    QVERIFY2(sample().save(path, &error), qPrintable(error));
    app::MainWindow window;
    QVERIFY(app::SessionActions::open(window, path, &error));
    QCOMPARE(window.editor()->toPlainText(), sample().programText);
    QCOMPARE(window.editor()->breakpointLines(), sample().breakpointLines);
    QCOMPARE(window.inspectors()->memory()->watchpoints(), sample().watchpoints);
    QCOMPARE(window.inspectors()->eventLog()->eventBreakpoints(), sample().eventBreakpoints);
    QTRY_COMPARE(window.bridge().snapshot().hart.steps, quint64{5});
    // And back out: the window's state becomes the same session.
    const Session again = app::SessionActions::capture(window);
    QCOMPARE(again.breakpointLines, sample().breakpointLines);
    QCOMPARE(again.watchpoints, sample().watchpoints);
    QCOMPARE(again.position, quint64{5});
}

// A session of the guest kernel under trap and emulate comes back under trap and
// emulate, at its position, with the VMM's state of that position.
void SessionTest::restoresTheScenario() {
    QString error;
    Session s;
    s.programText = *app::guestKernelSource(QStringLiteral("syscalls"), &error);
    s.fileName = QStringLiteral("kernel.s");
    s.scenario = {QStringLiteral("trap"), false, {}};
    s.position = 3000;
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("trap.json"));
    QVERIFY2(s.save(path, &error), qPrintable(error));
    app::MainWindow window;
    QVERIFY(app::SessionActions::open(window, path, &error));
    QTRY_COMPARE(window.bridge().snapshot().hart.steps, quint64{3000});
    QCOMPARE(window.bridge().scenario().mode, QStringLiteral("trap"));
    QVERIFY(window.bridge().snapshot().guest);
    QVERIFY(window.bridge().snapshot().vmStats.totalExits() > 0);
    QCOMPARE(app::SessionActions::capture(window).scenario.mode, QStringLiteral("trap"));
}

void SessionTest::killWhileSavingLeavesTheOldFileIntact() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("session.json"));
    QString error;
    QVERIFY(sample().save(path, &error));
    const QByteArray before = [&] {
        QFile f(path);
        f.open(QIODevice::ReadOnly);
        return f.readAll();
    }();
    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("VIZOR_SESSION_CHILD"), path);
    child.setProcessEnvironment(env);
    child.start(QCoreApplication::applicationFilePath(), {});
    QVERIFY(child.waitForStarted());
    QByteArray out;
    while (!out.contains("halfway") && child.waitForReadyRead(20000))
        out += child.readAllStandardOutput();
    QVERIFY2(out.contains("halfway"), out.constData());
    child.kill(); // SIGKILL in the middle of writing 64 MB
    QVERIFY(child.waitForFinished());
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), before);
    QVERIFY(Session::load(path, &error));
}

int main(int argc, char** argv) {
    const QString child = qEnvironmentVariable("VIZOR_SESSION_CHILD");
    if (!child.isEmpty()) {
        QCoreApplication app(argc, argv);
        return saveAndHang(child);
    }
    QApplication app(argc, argv);
    SessionTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_session.moc"
