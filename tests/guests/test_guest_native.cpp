// The native guest kernel, with each workload, assembled by Vizor and run on
// vizor::Machine, against the same source built with GNU binutils and run on
// qemu-system-riscv32 -M virt -bios none: the UART transcripts must be identical, the
// kernel must power off cleanly, and its own checks (S-mode self-check, critical
// section) must pass. Missing QEMU or binutils fail the suite, never skip it.
//
// Set VIZOR_GUESTS_KEEP=<dir> to keep both transcripts of every workload there.

#include "machine/Machine.h"

#include "../conformance/QemuReference.h"
#include "GuestSources.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

namespace {

constexpr int kQemuTimeoutMs = 60000;
constexpr uint64_t kStepBudget = 50'000'000;

struct VizorRun {
    QString transcript;
    vizor::HaltReason halt = vizor::HaltReason::None;
    uint64_t steps = 0;
};

// The transcript must not depend on how fast time runs or how big the TLB is: the
// kernel makes its output independent of where the timer interrupts fall.
struct MachineVariant {
    const char* name;
    unsigned tlbEntries;
    uint32_t cyclesPerTimerTick;
};
constexpr MachineVariant kVariants[] = {
    {"default machine", 32, 10},
    {"1-entry TLB, 100 cycles per tick (QEMU's icount rate)", 1, 100},
    {"fast timer, 3 cycles per tick", 32, 3},
};

VizorRun runOnVizor(const vizor::Program& program, const MachineVariant& variant) {
    vizor::MachineConfig config;
    config.tlbEntries = variant.tlbEntries;
    config.cyclesPerTimerTick = variant.cyclesPerTimerTick;
    vizor::Machine machine(config);
    machine.load(program);
    VizorRun run;
    run.steps = machine.run(kStepBudget).executed;
    run.halt = machine.haltReason();
    run.transcript = QString::fromLatin1(machine.console().data(),
                                         static_cast<qsizetype>(machine.console().size()));
    return run;
}

QString firstDifference(const QString& expected, const QString& actual) {
    const QStringList e = expected.split(QLatin1Char('\n'));
    const QStringList a = actual.split(QLatin1Char('\n'));
    for (qsizetype i = 0; i < std::max(e.size(), a.size()); ++i) {
        const QString el = i < e.size() ? e[i] : QStringLiteral("<end of output>");
        const QString al = i < a.size() ? a[i] : QStringLiteral("<end of output>");
        if (el != al)
            return QStringLiteral("transcripts differ at line %1\n  QEMU : %2\n  Vizor: %3")
                .arg(i + 1)
                .arg(el, al);
    }
    return {};
}

void keepTranscripts(const QString& name, const QString& qemu, const QString& vizor) {
    const QString dir = qEnvironmentVariable("VIZOR_GUESTS_KEEP");
    if (dir.isEmpty()) return;
    QDir().mkpath(dir);
    for (const auto& [suffix, text] :
         {std::pair{".qemu.txt", qemu}, std::pair{".vizor.txt", vizor}}) {
        QFile file(dir + QLatin1Char('/') + name + QLatin1String(suffix));
        if (file.open(QIODevice::WriteOnly)) file.write(text.toLatin1());
    }
}

} // namespace

class TestGuestNative : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void workload_data();
    void workload();
    void userImageFits_data() { workload_data(); }
    void userImageFits();

private:
    QTemporaryDir work_;
};

void TestGuestNative::initTestCase() {
    const QString missing = conformance::missingToolsMessage();
    if (!missing.isEmpty()) QFAIL(qPrintable(missing));
    QVERIFY(work_.isValid());
}

void TestGuestNative::workload_data() {
    QTest::addColumn<QString>("name");
    for (const QString& name : guests::workloadNames())
        QTest::newRow(qPrintable(name)) << name;
}

void TestGuestNative::workload() {
    QFETCH(QString, name);
    const QString source = guests::kernelSource(name);
    QVERIFY2(!source.isEmpty(), qPrintable(QStringLiteral("cannot read the sources of ") + name));

    QString errors;
    const vizor::AssemblyResult assembled = guests::assembleKernel(name, false, errors);
    QVERIFY2(assembled.ok(), qPrintable(QStringLiteral("Vizor's assembler:\n") + errors));

    const conformance::ReferenceRun reference =
        conformance::runOnQemu(source, work_.path(), name, kQemuTimeoutMs);
    QVERIFY2(reference.ok, qPrintable(reference.error));
    QCOMPARE(reference.exitStatus, 0);

    for (const MachineVariant& variant : kVariants) {
        const VizorRun run = runOnVizor(assembled.program, variant);
        if (&variant == &kVariants[0]) keepTranscripts(name, reference.transcript, run.transcript);
        const QString where = QString::fromLatin1(variant.name);
        qInfo("%s, %s: %llu steps", qPrintable(name), variant.name,
              static_cast<unsigned long long>(run.steps));
        QVERIFY2(run.halt == vizor::HaltReason::PowerOff,
                 qPrintable(where + QStringLiteral(": halt reason ") +
                            QString::fromStdString(std::string(vizor::haltReasonName(run.halt))) +
                            QStringLiteral(", output:\n") + run.transcript.right(2000)));
        const QString difference = firstDifference(reference.transcript, run.transcript);
        QVERIFY2(difference.isEmpty(), qPrintable(where + QStringLiteral(": ") + difference));
        // The kernel's own verdicts.
        QVERIFY2(run.transcript.contains(QStringLiteral("SELFCHECK OK")), qPrintable(where));
        QVERIFY2(run.transcript.contains(QStringLiteral("CRITICAL SECTION OK")), qPrintable(where));
        QVERIFY2(!run.transcript.contains(QStringLiteral("killed")), qPrintable(where));
        QVERIFY2(run.transcript.contains(QStringLiteral("kernel: all processes exited")),
                 qPrintable(where));
    }
}

// ulib.s + the workload are copied into each process: USER_IMAGE_PAGES (4) pages.
void TestGuestNative::userImageFits() {
    QFETCH(QString, name);
    QString errors;
    const vizor::AssemblyResult assembled = guests::assembleKernel(name, false, errors);
    QVERIFY2(assembled.ok(), qPrintable(errors));
    const auto start = assembled.program.symbol("user_image_start");
    QVERIFY(start.has_value());
    QCOMPARE(*start % 4096, 0u);
    const vizor::Section* text = nullptr;
    for (const vizor::Section& s : assembled.program.sections)
        if (s.name == ".text") text = &s;
    QVERIFY(text);
    const uint32_t end = text->address + static_cast<uint32_t>(text->bytes.size());
    QVERIFY2(end - *start <= 4 * 4096,
             qPrintable(QStringLiteral("user image is %1 bytes").arg(end - *start)));
}

QTEST_APPLESS_MAIN(TestGuestNative)
#include "test_guest_native.moc"
