// The guest kernel's own checks, on vizor::Machine: natively it reports that it runs in
// S-mode and that its critical section held. With its interrupt-disabling instructions
// patched into reads that change nothing (what a deprivileged kernel gets from an x86
// POPF: the write to the interrupt flag is silently dropped), both checks must notice:
// the self-check fails and the shared counter loses updates. This is the behaviour the
// Popek–Goldberg switch of the hypervisor will later provoke for real.

#include "isa/Decoder.h"
#include "machine/Machine.h"

#include "GuestSources.h"

#include <QtTest>

namespace {

constexpr uint64_t kStepBudget = 50'000'000;
constexpr uint16_t kSstatus = 0x100;
constexpr uint32_t kSstatusSie = 1u << 1;

QString runToEnd(const vizor::Program& program, uint32_t cyclesPerTimerTick) {
    vizor::MachineConfig config;
    config.cyclesPerTimerTick = cyclesPerTimerTick;
    vizor::Machine machine(config);
    machine.load(program);
    machine.run(kStepBudget);
    if (machine.haltReason() != vizor::HaltReason::PowerOff)
        return QStringLiteral("<no power off>");
    return QString::fromLatin1(machine.console().data(),
                               static_cast<qsizetype>(machine.console().size()));
}

uint32_t wordAt(const vizor::Section& s, std::size_t offset) {
    uint32_t word = 0;
    for (int i = 3; i >= 0; --i)
        word = word << 8 | s.bytes[offset + static_cast<std::size_t>(i)];
    return word;
}

void setWordAt(vizor::Section& s, std::size_t offset, uint32_t word) {
    for (std::size_t i = 0; i < 4; ++i)
        s.bytes[offset + i] = static_cast<uint8_t>(word >> (8 * i));
}

// Every `csrrci rd, sstatus, SIE` of the kernel becomes `csrrs rd, sstatus, zero`:
// the old value is still read, interrupts stay enabled. Returns how many were patched.
int dropInterruptDisables(vizor::Program& program) {
    const uint32_t kernelEntry = program.symbol("kernel_entry").value_or(0);
    int patched = 0;
    for (vizor::Section& s : program.sections) {
        if (s.name != ".text") continue;
        for (std::size_t offset = 0; offset + 4 <= s.bytes.size(); offset += 4) {
            if (s.address + offset < kernelEntry) continue; // the firmware stays intact
            const vizor::isa::DecodedInstruction d = vizor::isa::decode(wordAt(s, offset));
            if (d.op != vizor::isa::Op::Csrrci || d.csr != kSstatus ||
                static_cast<uint32_t>(d.imm) != kSstatusSie)
                continue;
            setWordAt(s, offset, 0x00002073u | uint32_t{kSstatus} << 20 | uint32_t{d.rd} << 7);
            ++patched;
        }
    }
    return patched;
}

} // namespace

class TestGuestSelfchecks : public QObject {
    Q_OBJECT

private slots:
    void nativeChecksPass_data();
    void nativeChecksPass();
    void ignoredInterruptDisableIsDetected_data() { nativeChecksPass_data(); }
    void ignoredInterruptDisableIsDetected();
};

void TestGuestSelfchecks::nativeChecksPass_data() {
    QTest::addColumn<uint32_t>("cyclesPerTimerTick");
    QTest::newRow("10 cycles per tick") << 10u;
    QTest::newRow("100 cycles per tick") << 100u;
}

void TestGuestSelfchecks::nativeChecksPass() {
    QFETCH(uint32_t, cyclesPerTimerTick);
    QString errors;
    const vizor::AssemblyResult assembled =
        guests::assembleKernel(QStringLiteral("compute"), false, errors);
    QVERIFY2(assembled.ok(), qPrintable(errors));
    const QString out = runToEnd(assembled.program, cyclesPerTimerTick);
    QVERIFY2(out.contains(QStringLiteral("SELFCHECK OK")), qPrintable(out));
    QVERIFY2(out.contains(QStringLiteral("CRITICAL SECTION OK: counter = 3000")), qPrintable(out));
}

void TestGuestSelfchecks::ignoredInterruptDisableIsDetected() {
    QFETCH(uint32_t, cyclesPerTimerTick);
    QString errors;
    vizor::AssemblyResult assembled =
        guests::assembleKernel(QStringLiteral("compute"), false, errors);
    QVERIFY2(assembled.ok(), qPrintable(errors));
    QVERIFY(dropInterruptDisables(assembled.program) >= 3); // self-check, count, scheduler
    const QString out = runToEnd(assembled.program, cyclesPerTimerTick);
    QVERIFY2(out.contains(QStringLiteral("SELFCHECK FAIL: not in S-mode")), qPrintable(out));
    QVERIFY2(out.contains(QStringLiteral("CRITICAL SECTION BROKEN: lost ")), qPrintable(out));
    // The processes themselves still ran to the end.
    QVERIFY2(out.contains(QStringLiteral("primes below 4000: 550")), qPrintable(out));
}

QTEST_APPLESS_MAIN(TestGuestSelfchecks)
#include "test_guest_selfchecks.moc"
