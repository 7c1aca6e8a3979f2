// Binary translation on the project's guest kernel: every workload equivalent to
// native (with and without the x86-style switch), and the translation cache working
// as the mode claims: hits on re-execution, chains, callouts instead of traps.
#include "GuestKernel.h"
#include "HypervisorTestSupport.h"
#include "hypervisor/BinaryTranslation.h"

using namespace vizor;
using namespace vizor::hv;
using hvtest::Run;

namespace {

constexpr uint64_t kMaxSteps = 100'000'000;

Program guest(const std::string& workload) {
    return hvtest::assembleOrFail(hvtest::guestKernelSource(workload));
}

std::vector<uint32_t> guestVisible(const Run& run, const Program& program) {
    const GuestState g = run.vm->guestState();
    return {run.word(*program.symbol("counter")), run.word(*program.symbol("counter_expected")),
            g.csrs.stvec, g.csrs.sie, run.vm->machine().exitCode()};
}

} // namespace

class HypervisorBtTest : public QObject {
    Q_OBJECT
private slots:
    void everyWorkloadIsEquivalent_data();
    void everyWorkloadIsEquivalent();
    void cacheHitsChainsAndCallouts();
    void x86SensitiveDoesNotBreakBt();
};

void HypervisorBtTest::everyWorkloadIsEquivalent_data() {
    QTest::addColumn<QString>("workload");
    for (const std::string& w : hvtest::workloads())
        QTest::newRow(w.c_str()) << QString::fromStdString(w);
}

void HypervisorBtTest::everyWorkloadIsEquivalent() {
    QFETCH(QString, workload);
    const Program program = guest(workload.toStdString());
    const Run native = hvtest::runMode("native", program, false, kMaxSteps);
    QCOMPARE(native.result.reason, HaltReason::PowerOff);
    const Run bt = hvtest::runMode("bt", program, false, kMaxSteps);
    QCOMPARE(bt.result.reason, HaltReason::PowerOff);
    QCOMPARE(bt.console(), native.console());
    QCOMPARE(guestVisible(bt, program), guestVisible(native, program));
    // Kernel code never ran on the hart: no privileged-instruction trap at all.
    const VmStats s = bt.vm->stats();
    QCOMPARE(s.exits[static_cast<std::size_t>(ExitReason::PrivilegedInstruction)], uint64_t{0});
    QCOMPARE(s.exits[static_cast<std::size_t>(ExitReason::SbiCall)], uint64_t{0});
    QVERIFY(s.callouts > 0);
}

void HypervisorBtTest::cacheHitsChainsAndCallouts() {
    const Run bt = hvtest::runMode("bt", guest("compute"), false, kMaxSteps);
    QCOMPARE(bt.result.reason, HaltReason::PowerOff);
    const VmStats s = bt.vm->stats();
    QVERIFY(s.translatedBlocks > 0);
    QVERIFY(s.translatedInstructions >= s.translatedBlocks);
    QVERIFY2(s.cacheHits > s.cacheMisses, std::to_string(s.cacheHits).c_str());
    QVERIFY(s.chainFollows > 0);
    // One Translation event per translate, hit, miss, chain, invalidation and callout.
    QCOMPARE(bt.vm->machine().events().count(EventType::Translation),
             s.translatedBlocks + s.cacheHits + s.cacheMisses + s.chainFollows + s.invalidations +
                 s.callouts);
    // Translation and callouts are in the virtual cycles.
    VmStats none = s;
    none.translatedInstructions = none.callouts = none.cacheHits = none.cacheMisses = 0;
    QVERIFY(bt.vm->virtualCycles() > CostModel{}.cycles(none));
}

void HypervisorBtTest::x86SensitiveDoesNotBreakBt() {
    for (const std::string& w : {std::string("compute"), std::string("syscalls")}) {
        const Program program = guest(w);
        const Run native = hvtest::runMode("native", program, false, kMaxSteps);
        const Run bt = hvtest::runMode("bt", program, true, kMaxSteps);
        QCOMPARE(bt.result.reason, HaltReason::PowerOff);
        QVERIFY(bt.console().find("SELFCHECK OK") != std::string::npos);
        QVERIFY(bt.console().find("CRITICAL SECTION OK") != std::string::npos);
        QCOMPARE(bt.console(), native.console());
    }
}

QTEST_APPLESS_MAIN(HypervisorBtTest)
#include "test_hv_bt.moc"
