// `vizor run`: the headless command's JSON is complete and the same on every run.
#include "cli/CommandLine.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <fstream>
#include <sstream>

class RunCommand : public QObject {
    Q_OBJECT
private slots:
    void jsonHasTheDocumentedFields();
    void sameOutputTwice();
    void assemblyErrorNamesTheLine();
    void badOptionsAreRefused();
    void executableRunsTheDefaultProgramTheSameTwice();

private:
    QString writeProgram(const char* text);
    QTemporaryDir dir_;
};

namespace {
const char* const kHello = R"(
    .text
_start:
    la   a0, message
    li   t0, 0x10000000
print:
    lbu  t1, 0(a0)
    beqz t1, done
    sb   t1, 0(t0)
    addi a0, a0, 1
    j    print
done:
    ecall   # mtvec is 0: the trap lands where nothing is mapped and faults for ever,
            # a runaway guest that only the step budget stops
    .data
message:
    .asciz "Ciao, Vizor!\n"
)";

const char* const kPowerOff = R"(
    .text
_start:
    li   t0, 0x10000000
    li   t1, 'O'
    sb   t1, 0(t0)
    li   t1, 'K'
    sb   t1, 0(t0)
    li   t0, 0x100000
    li   t1, 0x5555
    sw   t1, 0(t0)
)";

struct Outcome {
    int status;
    std::string out, err;
};

Outcome run(std::vector<std::string> args) {
    std::ostringstream out, err;
    const int status = vizor::cli::runHeadless(args, out, err);
    return {status, out.str(), err.str()};
}
} // namespace

QString RunCommand::writeProgram(const char* text) {
    static int counter = 0;
    const QString path = dir_.filePath(QString("p%1.s").arg(counter++));
    std::ofstream(path.toStdString()) << text;
    return path;
}

void RunCommand::jsonHasTheDocumentedFields() {
    const Outcome o = run({"run", writeProgram(kPowerOff).toStdString(), "--json"});
    QCOMPARE(o.status, 0);
    QJsonParseError error;
    const QJsonObject json =
        QJsonDocument::fromJson(QByteArray::fromStdString(o.out), &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(json["console"].toString(), QString("OK"));
    QCOMPARE(json["exit_code"].toInt(), 0);
    QCOMPARE(json["halted_reason"].toString(), QString("poweroff"));
    QCOMPARE(json["instructions"].toInt(), 9); // li t0/t1 are 1-2 words; counted by the engine
    QVERIFY(json["cycles"].toInt() >= json["instructions"].toInt());
    QCOMPARE(json["events"].toObject()["console_output"].toInt(), 2);
}

void RunCommand::sameOutputTwice() {
    const std::string path = writeProgram(kHello).toStdString();
    const Outcome a = run({"run", path, "--json", "--max-instructions", "5000"});
    const Outcome b = run({"run", path, "--json", "--max-instructions", "5000"});
    QCOMPARE(a.out, b.out);
    QCOMPARE(a.status, b.status);
    QVERIFY(QByteArray::fromStdString(a.out).contains("Ciao, Vizor!"));
}

void RunCommand::assemblyErrorNamesTheLine() {
    const std::string path =
        writeProgram("  .text\n_start:\n  addi a0, a0, 1\n  bogus a0\n").toStdString();
    const Outcome o = run({"run", path});
    QCOMPARE(o.status, 2);
    QVERIFY2(QString::fromStdString(o.err).contains(QString::fromStdString(path) + ":4:3:"),
             o.err.c_str());
}

void RunCommand::badOptionsAreRefused() {
    QCOMPARE(run({"run"}).status, 2);
    QCOMPARE(run({"run", "x.s", "--max-instructions", "ten"}).status, 2);
    QCOMPARE(run({"run", "x.s", "--frobnicate"}).status, 2);
    QCOMPARE(run({"run", "/nonexistent/x.s"}).status, 2);
    QVERIFY(QString::fromStdString(run({"--version"}).out).startsWith("vizor "));
}

// The installed entry point, not just the library: `vizor run --json` on the default
// program powers off with the same JSON every time.
void RunCommand::executableRunsTheDefaultProgramTheSameTwice() {
    const QString hello = qEnvironmentVariable("VIZOR_SOURCE_DIR", VIZOR_SOURCE_DIR_DEFAULT) +
                          "/resources/examples/hello.s";
    QByteArray outputs[2];
    for (QByteArray& output : outputs) {
        QProcess vizor;
        vizor.start(QStringLiteral(VIZOR_EXECUTABLE), {"run", hello, "--json"});
        QVERIFY(vizor.waitForFinished(60000));
        QCOMPARE(vizor.exitStatus(), QProcess::NormalExit);
        QCOMPARE(vizor.exitCode(), 0);
        output = vizor.readAllStandardOutput();
    }
    QCOMPARE(outputs[0], outputs[1]);
    const QJsonObject json = QJsonDocument::fromJson(outputs[0]).object();
    QCOMPARE(json["halted_reason"].toString(), QString("poweroff"));
    QVERIFY(json["console"].toString().contains("Hello, world!"));
    QVERIFY(json["events"].toObject()["interrupt"].toInt() > 0);
}

QTEST_APPLESS_MAIN(RunCommand)
#include "test_run_command.moc"
