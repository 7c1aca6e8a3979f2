// The project's guest kernel and its workloads under native, emulate and trap: the
// same console output and guest-visible state everywhere; with the x86-style switch,
// trap mode breaks in exactly the two ways the kernel detects.
#include "GuestKernel.h"
#include "HypervisorTestSupport.h"

#include <regex>

using namespace vizor;
using namespace vizor::hv;
using hvtest::Run;
constexpr auto guest = hvtest::guestProgram;
constexpr auto guestVisible = hvtest::guestVisibleState;

namespace {

constexpr uint64_t kMaxSteps = 100'000'000;

} // namespace

class HypervisorGuestsTest : public QObject {
    Q_OBJECT
private slots:
    void everyWorkloadIsEquivalentInEveryMode_data();
    void everyWorkloadIsEquivalentInEveryMode();
    void x86SensitiveBreaksTrapModeExactlyTwice();
    void computeRunsOverNinetyFivePercentDirect();
    void aTinyShadowPoolOnlyCostsFlushes();
};

void HypervisorGuestsTest::everyWorkloadIsEquivalentInEveryMode_data() {
    QTest::addColumn<QString>("workload");
    for (const std::string& w : hvtest::workloads())
        QTest::newRow(w.c_str()) << QString::fromStdString(w);
}

void HypervisorGuestsTest::everyWorkloadIsEquivalentInEveryMode() {
    QFETCH(QString, workload);
    const Program program = guest(workload.toStdString());
    QVERIFY(program.symbol("kernel_entry"));
    const Run native = hvtest::runMode("native", program, false, kMaxSteps);
    QCOMPARE(native.result.reason, HaltReason::PowerOff);
    QVERIFY(native.console().find("SELFCHECK OK") != std::string::npos);
    QVERIFY(native.console().find("CRITICAL SECTION OK") != std::string::npos);
    for (const char* mode : {"emulate", "trap"}) {
        const Run run = hvtest::runMode(mode, program, false, kMaxSteps);
        QCOMPARE(run.result.reason, HaltReason::PowerOff);
        QCOMPARE(run.console(), native.console());
        QCOMPARE(guestVisible(run, program), guestVisible(native, program));
    }
}

void HypervisorGuestsTest::x86SensitiveBreaksTrapModeExactlyTwice() {
    const Program program = guest("compute");
    const Run native = hvtest::runMode("native", program, false, kMaxSteps);
    const Run broken = hvtest::runMode("trap", program, true, kMaxSteps);
    QCOMPARE(broken.result.reason, HaltReason::PowerOff);
    // Put the two detected failures back to their native lines: nothing else differs.
    std::string repaired = std::regex_replace(broken.console(), std::regex("SELFCHECK FAIL: .*\n"),
                                              "SELFCHECK OK: running in S-mode\n");
    QVERIFY(repaired != broken.console());
    const std::string counterLine =
        native.console().substr(native.console().find("CRITICAL SECTION OK"));
    const std::regex brokenLine("CRITICAL SECTION BROKEN: lost [0-9]+ updates\n");
    QVERIFY(std::regex_search(repaired, brokenLine));
    repaired =
        std::regex_replace(repaired, brokenLine, counterLine.substr(0, counterLine.find('\n') + 1));
    QCOMPARE(repaired, native.console());
    // Emulation is immune: the VMM interprets every instruction, sensitive or not.
    const Run emulated = hvtest::runMode("emulate", program, true, kMaxSteps);
    QCOMPARE(emulated.console(), native.console());
}

void HypervisorGuestsTest::computeRunsOverNinetyFivePercentDirect() {
    const Run trap = hvtest::runMode("trap", guest("compute"), false, kMaxSteps);
    QCOMPARE(trap.result.reason, HaltReason::PowerOff);
    const VmStats s = trap.vm->stats();
    QVERIFY2(s.directFraction() > 0.95, std::to_string(s.directFraction()).c_str());
    QVERIFY(s.hiddenFaults > 0);
    QVERIFY(s.shadowSyncs > 0);
    QVERIFY(s.exits[static_cast<std::size_t>(ExitReason::TimerInterrupt)] > 0);
}

// Three pages for every shadow table: the VMM keeps running out and flushing, and the
// guest cannot tell (page-table pages stay write-protected across flushes).
void HypervisorGuestsTest::aTinyShadowPoolOnlyCostsFlushes() {
    const Program program = guest("mapping");
    const Run native = hvtest::runMode("native", program, false, kMaxSteps);
    VmConfig config;
    config.vmmRamSize = 3 * 4096;
    const Run tiny = hvtest::runWith("trap", program, config, kMaxSteps);
    QCOMPARE(tiny.result.reason, HaltReason::PowerOff);
    QCOMPARE(tiny.console(), native.console());
    const Run roomy = hvtest::runMode("trap", program, false, kMaxSteps);
    QVERIFY(tiny.vm->stats().shadowFlushes > 10 * roomy.vm->stats().shadowFlushes);
    QVERIFY(tiny.vm->stats().hiddenFaults > roomy.vm->stats().hiddenFaults);
}

QTEST_APPLESS_MAIN(HypervisorGuestsTest)
#include "test_hv_guests.moc"
