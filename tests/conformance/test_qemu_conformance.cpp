// Conformance against QEMU: each bare-metal program is built with GNU binutils and run on
// qemu-system-riscv32 `-M virt`, then assembled by Vizor's assembler and run on Vizor's
// Machine. The UART transcripts and exit statuses must be identical.
//
// Set VIZOR_CONFORMANCE_KEEP=<dir> to keep both transcripts of every program there.

#include "asm/Assembler.h"
#include "machine/Machine.h"

#include "QemuReference.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

namespace {

struct ProgramCase {
    const char* name;
    const char* path; // relative to the source tree
    bool withPrelude; // prepend tests/conformance/programs/common.inc
};

// Explicit list: a new program is a new row here.
constexpr ProgramCase kCases[] = {
    {"01_int_arith", "tests/conformance/programs/01_int_arith.s", true},
    {"02_muldiv", "tests/conformance/programs/02_muldiv.s", true},
    {"03_loadstore", "tests/conformance/programs/03_loadstore.s", true},
    {"04_atomics", "tests/conformance/programs/04_atomics.s", true},
    {"05_csr", "tests/conformance/programs/05_csr.s", true},
    {"06_exceptions", "tests/conformance/programs/06_exceptions.s", true},
    {"07_privilege", "tests/conformance/programs/07_privilege.s", true},
    {"08_interrupt_deleg", "tests/conformance/programs/08_interrupt_deleg.s", true},
    {"09_timer", "tests/conformance/programs/09_timer.s", true},
    {"10_wfi", "tests/conformance/programs/10_wfi.s", true},
    {"11_sv32_basic", "tests/conformance/programs/11_sv32_basic.s", true},
    {"12_sv32_faults", "tests/conformance/programs/12_sv32_faults.s", true},
    {"13_sfence", "tests/conformance/programs/13_sfence.s", true},
    {"14_sieve", "tests/conformance/programs/14_sieve.s", true},
    {"15_fencei", "tests/conformance/programs/15_fencei.s", true},
    {"16_csr_deep", "tests/conformance/programs/16_csr_deep.s", true},
    {"17_sv32_edge", "tests/conformance/programs/17_sv32_edge.s", true},
    {"18_uart", "tests/conformance/programs/18_uart.s", true},
    {"19_trap_order", "tests/conformance/programs/19_trap_order.s", true},
    {"20_decode", "tests/conformance/programs/20_decode.s", true},
    {"21_priv_csr", "tests/conformance/programs/21_priv_csr.s", true},
    {"22_asm_syntax", "tests/conformance/programs/22_asm_syntax.s", true},
    {"23_counters", "tests/conformance/programs/23_counters.s", true},
    {"24_clint", "tests/conformance/programs/24_clint.s", true},
    {"25_finisher", "tests/conformance/programs/25_finisher.s", true},
    {"26_sv32_more", "tests/conformance/programs/26_sv32_more.s", true},
    {"27_preempt", "tests/conformance/programs/27_preempt.s", true},
    {"28_stvec_vectored", "tests/conformance/programs/28_stvec_vectored.s", true},
    {"29_lrsc_reservation", "tests/conformance/programs/29_lrsc_reservation.s", true},
    {"hello_example", "resources/examples/hello.s", false},
};

constexpr int kQemuTimeoutMs = 20000;
constexpr uint64_t kVizorStepBudget = 50'000'000;

QString sourceDir() {
    const QByteArray env = qgetenv("VIZOR_SOURCE_DIR");
    return env.isEmpty() ? QStringLiteral(VIZOR_CONFORMANCE_SOURCE_DIR)
                         : QString::fromLocal8Bit(env);
}

QString readText(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return {};
    return QString::fromUtf8(file.readAll());
}

struct VizorRun {
    QString transcript;
    int exitStatus = -1;
    QString haltReason;
};

// The transcript must not depend on machine parameters that programs cannot observe
// architecturally: a one-entry TLB stresses refills and sfence.vma, and a timer ten times
// slower matches QEMU's icount rate (100 instructions per mtime tick).
struct MachineVariant {
    QString name;
    vizor::MachineConfig config;
};

QList<MachineVariant> machineVariants() {
    vizor::MachineConfig small;
    small.tlbEntries = 1;
    small.cyclesPerTimerTick = 100;
    return {{QStringLiteral("default machine"), vizor::MachineConfig{}},
            {QStringLiteral("1-entry TLB, 100 cycles per tick"), small}};
}

VizorRun runOnVizor(const vizor::Program& program, const vizor::MachineConfig& config) {
    vizor::Machine machine(config);
    machine.load(program);
    machine.run(kVizorStepBudget);
    VizorRun run;
    run.transcript = QString::fromLatin1(machine.console().data(),
                                         static_cast<qsizetype>(machine.console().size()));
    run.haltReason = QString::fromUtf8(
        vizor::haltReasonName(machine.haltReason()).data(),
        static_cast<qsizetype>(vizor::haltReasonName(machine.haltReason()).size()));
    if (machine.haltReason() == vizor::HaltReason::PowerOff) run.exitStatus = 0;
    if (machine.haltReason() == vizor::HaltReason::Failure)
        run.exitStatus = static_cast<int>(machine.exitCode());
    return run;
}

// "line N: expected (QEMU) / actual (Vizor)" for the first line where the two differ.
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
    const QByteArray dir = qgetenv("VIZOR_CONFORMANCE_KEEP");
    if (dir.isEmpty()) return;
    QDir().mkpath(QString::fromLocal8Bit(dir));
    for (const auto& [suffix, text] :
         {std::pair{".qemu.txt", qemu}, std::pair{".vizor.txt", vizor}}) {
        QFile file(QString::fromLocal8Bit(dir) + QLatin1Char('/') + name + QLatin1String(suffix));
        if (file.open(QIODevice::WriteOnly)) file.write(text.toLatin1());
    }
}

} // namespace

class TestQemuConformance : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void program_data();
    void program();

private:
    QTemporaryDir work_;
};

void TestQemuConformance::initTestCase() {
    const QString missing = conformance::missingToolsMessage();
    if (!missing.isEmpty()) QFAIL(qPrintable(missing));
    QVERIFY(work_.isValid());
    QVERIFY2(QFile::exists(sourceDir() + QStringLiteral("/tests/conformance/programs/common.inc")),
             "VIZOR_SOURCE_DIR does not point at the source tree");
}

void TestQemuConformance::program_data() {
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("withPrelude");
    for (const ProgramCase& c : kCases)
        QTest::newRow(c.name) << QString::fromLatin1(c.path) << c.withPrelude;
}

void TestQemuConformance::program() {
    QFETCH(QString, path);
    QFETCH(bool, withPrelude);
    const QString name = QString::fromLatin1(QTest::currentDataTag());

    const QString body = readText(sourceDir() + QLatin1Char('/') + path);
    QVERIFY2(!body.isEmpty(), qPrintable(QStringLiteral("cannot read ") + path));
    QString source = body;
    if (withPrelude) {
        const QString prelude =
            readText(sourceDir() + QStringLiteral("/tests/conformance/programs/common.inc"));
        QVERIFY(!prelude.isEmpty());
        source = prelude + QLatin1Char('\n') + body;
    }

    const conformance::ReferenceRun reference =
        conformance::runOnQemu(source, work_.path(), name, kQemuTimeoutMs);
    QVERIFY2(reference.ok, qPrintable(reference.error));

    vizor::AssemblerOptions options;
    options.fileName = QFileInfo(path).fileName().toStdString();
    const vizor::AssemblyResult assembled = vizor::assemble(source.toStdString(), options);
    if (!assembled.ok()) {
        QStringList errors;
        for (const vizor::Diagnostic& d : assembled.errors)
            errors << QString::fromStdString(d.format());
        QFAIL(qPrintable(QStringLiteral("Vizor's assembler rejected the program "
                                        "(line numbers count the prelude when there is one):\n") +
                         errors.mid(0, 10).join(QLatin1Char('\n'))));
    }

    for (const MachineVariant& variant : machineVariants()) {
        const VizorRun actual = runOnVizor(assembled.program, variant.config);
        if (variant.name == machineVariants().front().name)
            keepTranscripts(name, reference.transcript, actual.transcript);
        const QString difference = firstDifference(reference.transcript, actual.transcript);
        QVERIFY2(difference.isEmpty(),
                 qPrintable(QStringLiteral("[%1] %2\n  (Vizor stopped with halt reason %3)")
                                .arg(variant.name, difference, actual.haltReason)));
        QVERIFY2(actual.exitStatus == reference.exitStatus,
                 qPrintable(QStringLiteral("[%1] exit status: QEMU %2, Vizor %3 (halt reason %4)")
                                .arg(variant.name)
                                .arg(reference.exitStatus)
                                .arg(actual.exitStatus)
                                .arg(actual.haltReason)));
    }
}

QTEST_APPLESS_MAIN(TestQemuConformance)
#include "test_qemu_conformance.moc"
