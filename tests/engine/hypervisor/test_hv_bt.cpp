// Binary translation on the project's guest kernel: every workload equivalent to
// native (with and without the x86-style switch), and the translation cache working
// as the mode claims: hits on re-execution, chains, callouts instead of traps.
#include "GuestKernel.h"
#include "HypervisorTestSupport.h"
#include "MiniKernel.h"
#include "hypervisor/BinaryTranslation.h"

using namespace vizor;
using namespace vizor::hv;
using hvtest::Run;
constexpr auto guest = hvtest::guestProgram;
constexpr auto guestVisible = hvtest::guestVisibleState;

namespace {

constexpr uint64_t kMaxSteps = 100'000'000;

// A kernel that rewrites its own code (satp bare): `patched` returns 5 until the
// kernel stores a new first instruction over it (li a0, 7) and runs fence.i. The store
// lands in the page holding the running translated blocks, so bt must drop them.
const std::string kSelfModifyingKernel = std::string(hvtest::kResetOnlyFirmware) + R"(
    .globl kernel_entry
kernel_entry:
    li s0, 0
    li s1, 3
loop:
    call patched
    add s0, s0, a0
    la t0, patched
    li t1, 0x00700513        # addi a0, zero, 7
    sw t1, 0(t0)
    fence.i
    addi s1, s1, -1
    bnez s1, loop
    li t0, 0x10000000
    addi t1, s0, 'A'         # 5 + 7 + 7 = 19: 'T'
    sb t1, 0(t0)
    li a7, 0x53525354        # SRST system_reset
    li a6, 0
    li a0, 0
    li a1, 0
    ecall
2:  j 2b
patched:
    li a0, 5
    ret
)";

} // namespace

class HypervisorBtTest : public QObject {
    Q_OBJECT
private slots:
    void everyWorkloadIsEquivalent_data();
    void everyWorkloadIsEquivalent();
    void cacheHitsChainsAndCallouts();
    void chainFollowsAreRecordedOnlyWhenAsked_data();
    void chainFollowsAreRecordedOnlyWhenAsked();
    void x86SensitiveDoesNotBreakBt();
    void aStoreIntoTranslatedCodeInvalidatesIt();
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
    // One Translation event per translate, hit, miss, invalidation and callout; chain
    // follows are a type of their own, not made unless recorded (the next test).
    QCOMPARE(bt.vm->machine().events().count(EventType::Translation),
             s.translatedBlocks + s.cacheHits + s.cacheMisses + s.invalidations + s.callouts);
    QCOMPARE(bt.vm->machine().events().count(EventType::TranslationChain), uint64_t{0});
    // Translation and callouts are in the virtual cycles.
    VmStats none = s;
    none.translatedInstructions = none.callouts = none.cacheHits = none.cacheMisses = 0;
    QVERIFY(bt.vm->virtualCycles() > CostModel{}.cycles(none));
}

void HypervisorBtTest::chainFollowsAreRecordedOnlyWhenAsked_data() {
    QTest::addColumn<bool>("generateCode");
    QTest::newRow("interpreted") << false;
    QTest::newRow("generated code") << true;
}

// translation_chain is out of the default record mask: a run that does not ask has none
// in its ring and none counted; a run that asks gets one per follow, in the executor's
// and in the generated chain links alike, and the run itself is the same.
void HypervisorBtTest::chainFollowsAreRecordedOnlyWhenAsked() {
    QFETCH(bool, generateCode);
    const Program program = guest("compute");
    VmConfig config;
    config.generateCode = generateCode;
    const Run quiet = hvtest::runWith("bt", program, config, kMaxSteps);
    QCOMPARE(quiet.result.reason, HaltReason::PowerOff);
    const EventStream& quietEvents = quiet.vm->machine().events();
    QVERIFY(!quietEvents.wants(EventType::TranslationChain));
    QCOMPARE(quietEvents.count(EventType::TranslationChain), uint64_t{0});
    for (const Event& e : quietEvents.recent())
        QVERIFY(e.type != EventType::TranslationChain);

    Run asked;
    asked.vm = makeHypervisor("bt", config);
    std::string error;
    QVERIFY2(asked.vm->load(program, error), error.c_str());
    EventStream& events = asked.vm->machine().events();
    events.setRecordMask(events.recordMask() | maskOf(EventType::TranslationChain));
    asked.result = asked.vm->run(kMaxSteps);
    QCOMPARE(asked.result.reason, HaltReason::PowerOff);
    const VmStats s = asked.vm->stats();
    QVERIFY(s.chainFollows > 1000);
    QCOMPARE(s.chainFollows, quiet.vm->stats().chainFollows);
    QCOMPARE(asked.vm->virtualCycles(), quiet.vm->virtualCycles());
    QCOMPARE(events.count(EventType::TranslationChain), s.chainFollows);
    QCOMPARE(events.totalRecorded(),
             quietEvents.totalRecorded() + s.chainFollows); // nothing else changed
    for (const Event& e : events.recent())
        if (e.type == EventType::TranslationChain) {
            QCOMPARE(e.b, uint32_t(TranslationEvent::Chain));
            QCOMPARE(e.pc, e.a); // reported with the hart at the target, as follow() does
        }
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

void HypervisorBtTest::aStoreIntoTranslatedCodeInvalidatesIt() {
    const Program program = hvtest::assembleOrFail(kSelfModifyingKernel);
    QVERIFY(program.symbol("kernel_entry"));
    const Run native = hvtest::runMode("native", program, false, 100'000);
    QCOMPARE(native.console(), std::string("T"));
    const Run bt = hvtest::runMode("bt", program, false, 100'000);
    QCOMPARE(bt.result.reason, HaltReason::PowerOff);
    QCOMPARE(bt.console(), native.console());
    QCOMPARE(bt.vm->guestState().x[8], uint32_t{19});
    const VmStats s = bt.vm->stats();
    QVERIFY(s.invalidations > 0);
    // Without the invalidation the stale `li a0, 5` would run again: 15, 'P'.
}

QTEST_APPLESS_MAIN(HypervisorBtTest)
#include "test_hv_bt.moc"
