// Crash recovery: a child process opens a program, types into it and is killed with
// SIGKILL before saving; the next start restores the typed text as an unsaved edit of
// the saved file (Undo returns to the file). Saving removes the recovery file; a saved
// file newer than the recovery file wins; a recovery file Vizor does not understand is
// left alone.
#include "app/MainWindow.h"
#include "app/Recovery.h"
#include "views/CodeEditor.h"

#include <QAction>
#include <QApplication>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>
#include <iostream>

using namespace vizor;
using app::MainWindow;
using app::Recovery;

namespace {

const QString kSaved = QStringLiteral(".text\n_start:\n    li a0, 1\n    ret\n");
const QString kTyped = QStringLiteral("    # typed, never saved");

void writeText(const QString& path, const QString& text) {
    QFile f(path);
    f.open(QIODevice::WriteOnly | QIODevice::Truncate);
    f.write(text.toUtf8());
}

QString readText(const QString& path) {
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return QString::fromUtf8(f.readAll());
}

Recovery& recoveryOf(MainWindow& window) {
    auto* recovery = window.findChild<Recovery*>();
    if (!recovery) qFatal("MainWindow has no Recovery");
    return *recovery;
}

// Types at the end of the program, as a student would.
void typeAtEnd(MainWindow& window, const QString& text) {
    window.editor()->moveCursor(QTextCursor::End);
    QTest::keyClicks(window.editor(), text);
}

// Child mode: open the program, type, wait for the autosave, report, and wait to be killed.
int editAndWait(const QString& path) {
    MainWindow window;
    if (!window.openFile(path)) return 2;
    Recovery& recovery = recoveryOf(window);
    recovery.setInterval(100);
    QCoreApplication::processEvents();
    typeAtEnd(window, kTyped);
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, [&] {
        if (QFileInfo::exists(recovery.recoveryFile())) {
            std::cout << "edited " << recovery.recoveryFile().toStdString() << std::endl;
            poll.stop();
        }
    });
    poll.start(20);
    return QApplication::exec(); // never returns: the parent kills this process
}

} // namespace

class RecoveryTest : public QObject {
    Q_OBJECT
private slots:
    void killedWhileEditingRecoversOnNextStart();
    void savingRemovesTheRecoveryFile();
    void aSavedFileNewerThanTheRecoveryWins();
    void anUnknownRecoveryFileIsLeftAlone();
    void anEditedBuiltInProgramIsRecovered();

private:
    QTemporaryDir dir_;
};

void RecoveryTest::killedWhileEditingRecoversOnNextStart() {
    const QString path = dir_.filePath(QStringLiteral("killed.s"));
    writeText(path, kSaved);
    QProcess child;
    child.setProcessEnvironment(QProcessEnvironment::systemEnvironment());
    child.start(QCoreApplication::applicationFilePath(),
                {QStringLiteral("--recovery-child"), path});
    QVERIFY(child.waitForStarted());
    QByteArray out;
    while (!out.contains("edited") && child.waitForReadyRead(30000))
        out += child.readAllStandardOutput();
    QVERIFY2(out.contains("edited"), out.constData());
    child.kill(); // SIGKILL: no destructor, no close event, nothing saved
    QVERIFY(child.waitForFinished());
    QCOMPARE(child.exitStatus(), QProcess::CrashExit);
    QCOMPARE(readText(path), kSaved); // the program itself was never saved

    MainWindow window;
    QSignalSpy recovered(&recoveryOf(window), &Recovery::recovered);
    QVERIFY(window.openFile(path));
    QTRY_COMPARE(recovered.count(), 1);
    QCOMPARE(window.editor()->toPlainText(), kSaved + kTyped);
    QVERIFY(window.editor()->document()->isModified());
    window.editor()->undo(); // one step back to the saved program
    QCOMPARE(window.editor()->toPlainText(), kSaved);
}

void RecoveryTest::savingRemovesTheRecoveryFile() {
    const QString path = dir_.filePath(QStringLiteral("saved.s"));
    writeText(path, kSaved);
    MainWindow window;
    QVERIFY(window.openFile(path));
    typeAtEnd(window, kTyped);
    Recovery& recovery = recoveryOf(window);
    QVERIFY(recovery.writeNow());
    QVERIFY(QFileInfo::exists(recovery.recoveryFile()));
    for (QAction* action : window.findChildren<QAction*>())
        if (action->shortcut() == QKeySequence(QKeySequence::Save)) action->trigger();
    QCOMPARE(readText(path), kSaved + kTyped);
    QVERIFY(!QFileInfo::exists(recovery.recoveryFile()));
}

void RecoveryTest::aSavedFileNewerThanTheRecoveryWins() {
    const QString path = dir_.filePath(QStringLiteral("newer.s"));
    writeText(path, kSaved);
    QString recoveryFile;
    {
        MainWindow window;
        QVERIFY(window.openFile(path));
        typeAtEnd(window, kTyped);
        QVERIFY(recoveryOf(window).writeNow());
        recoveryFile = recoveryOf(window).recoveryFile();
        window.editor()->document()->setModified(true); // as after a crash: file stays
    }
    QVERIFY(QFileInfo::exists(recoveryFile));
    // The program was saved later (by another editor, say): its text is the newer one.
    writeText(path, kSaved + QStringLiteral("# saved elsewhere\n"));
    QFile saved(path);
    QVERIFY(saved.open(QIODevice::ReadWrite));
    QVERIFY(saved.setFileTime(QFileInfo(recoveryFile).lastModified().addSecs(60),
                              QFileDevice::FileModificationTime));
    saved.close();
    MainWindow window;
    QVERIFY(window.openFile(path));
    QTRY_VERIFY(!QFileInfo::exists(recoveryFile));
    QCOMPARE(window.editor()->toPlainText(), kSaved + QStringLiteral("# saved elsewhere\n"));
    QVERIFY(!window.editor()->document()->isModified());
}

void RecoveryTest::anUnknownRecoveryFileIsLeftAlone() {
    const QString path = dir_.filePath(QStringLiteral("unknown.s"));
    writeText(path, kSaved);
    MainWindow window;
    QSignalSpy recovered(&recoveryOf(window), &Recovery::recovered);
    QVERIFY(window.openFile(path));
    const QString recoveryFile = recoveryOf(window).recoveryFile();
    QTRY_VERIFY(recovered.isEmpty());
    writeText(recoveryFile, QStringLiteral("Vizor recovery 99\npath=%1\n\nnew format\n").arg(path));
    QVERIFY(window.openFile(path)); // opened again: the file is looked at once more
    QCoreApplication::processEvents();
    QCoreApplication::processEvents();
    QCOMPARE(recovered.count(), 0);
    QCOMPARE(window.editor()->toPlainText(), kSaved);
    QVERIFY(QFileInfo::exists(recoveryFile)); // not ours to delete
    QFile::remove(recoveryFile);
}

void RecoveryTest::anEditedBuiltInProgramIsRecovered() {
    const QString name = QStringLiteral("builtin-recovery-test.s");
    {
        MainWindow window;
        window.openSource(kSaved, name);
        typeAtEnd(window, kTyped);
        QVERIFY(recoveryOf(window).writeNow());
    } // destroyed without saving, as a crash would leave it
    MainWindow window;
    QSignalSpy recovered(&recoveryOf(window), &Recovery::recovered);
    window.openSource(kSaved, name);
    QTRY_COMPARE(recovered.count(), 1);
    QCOMPARE(window.editor()->toPlainText(), kSaved + kTyped);
    window.editor()->document()->setModified(false); // "discard": the file goes
    QVERIFY(!QFileInfo::exists(recoveryOf(window).recoveryFile()));
}

int main(int argc, char** argv) {
    // A private home for the recovery files and settings, shared with the child.
    QTemporaryDir home;
    if (qEnvironmentVariableIsEmpty("VIZOR_RECOVERY_TEST_HOME")) {
        qputenv("VIZOR_RECOVERY_TEST_HOME", home.path().toUtf8());
        qputenv("XDG_DATA_HOME", (home.path() + QStringLiteral("/data")).toUtf8());
        qputenv("XDG_CONFIG_HOME", (home.path() + QStringLiteral("/config")).toUtf8());
    }
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Vizor"));
    QApplication::setOrganizationName(QStringLiteral("Vizor"));
    if (argc == 3 && QByteArray(argv[1]) == "--recovery-child")
        return editAndWait(QString::fromLocal8Bit(argv[2]));
    RecoveryTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_recovery.moc"
