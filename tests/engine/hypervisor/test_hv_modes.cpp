// One guest kernel, three ways: native, emulate and trap-and-emulate must agree on
// everything the guest can see; the x86-style switch must break trap mode in exactly
// the two ways the kernel detects; trap mode must run almost everything directly.
#include "HypervisorTestSupport.h"
#include "MiniKernel.h"

#include <regex>

using namespace vizor;
using namespace vizor::hv;
using hvtest::Run;

namespace {

Program kernel(int64_t rounds = 6, int64_t loop = 300, int64_t csCount = 20) {
    return hvtest::assembleOrFail(hvtest::kMiniKernel,
                                  {{"ROUNDS", rounds}, {"LOOP", loop}, {"CS_COUNT", csCount}});
}

// What the guest can see at the end: its data, demand-paged page, page tables (A/D
// bits included) and the critical-section bookkeeping, read by symbol.
std::vector<uint32_t> guestVisible(const Run& run, const Program& program) {
    std::vector<uint32_t> words;
    const uint32_t from = *program.symbol("user_data");
    const uint32_t to = *program.symbol("kstack");
    for (uint32_t a = from; a < to; a += 4)
        words.push_back(run.word(a));
    words.push_back(run.word(*program.symbol("cs_done")));
    words.push_back(run.word(*program.symbol("lost")));
    return words;
}

uint64_t exits(const Run& run, ExitReason reason) {
    return run.vm->stats().exits[static_cast<std::size_t>(reason)];
}

} // namespace

class HypervisorModesTest : public QObject {
    Q_OBJECT
private slots:
    void nativeRunsTheKernelBare();
    void emulateAndTrapAreEquivalentToNative();
    void trapModeExitsForEachMechanism();
    void x86SensitiveBreaksTrapModeInExactlyTwoWays();
    void x86SensitiveLeavesNativeAndEmulateEquivalent();
    void trapModeRunsComputeAlmostAllDirectly();
    void unknownAndLaterModes();
};

void HypervisorModesTest::nativeRunsTheKernelBare() {
    const Run run = hvtest::runMode("native", kernel());
    QCOMPARE(run.result.reason, HaltReason::PowerOff);
    QVERIFY2(run.console().starts_with("boot\n......\nCRITICAL SECTION OK\n"),
             run.console().c_str());
    QVERIFY(run.console().ends_with("DONE\n"));
    QCOMPARE(run.vm->stats().totalExits(), 0u);
}

void HypervisorModesTest::emulateAndTrapAreEquivalentToNative() {
    const Program program = kernel();
    const Run native = hvtest::runMode("native", program);
    for (const char* mode : {"emulate", "trap"}) {
        const Run run = hvtest::runMode(mode, program);
        QCOMPARE(run.result.reason, HaltReason::PowerOff);
        QCOMPARE(run.console(), native.console());
        QCOMPARE(run.vm->machine().exitCode(), native.vm->machine().exitCode());
        QCOMPARE(guestVisible(run, program), guestVisible(native, program));
        // Guest-visible supervisor state where the kernel asked to power off.
        const GuestState g = run.vm->guestState();
        QCOMPARE(g.priv, Privilege::Supervisor);
        QCOMPARE(g.csrs.stvec, *program.symbol("ktrap"));
        QCOMPARE(g.csrs.satp, native.vm->guestState().csrs.satp);
        QCOMPARE(g.csrs.sie, native.vm->guestState().csrs.sie);
    }
}

void HypervisorModesTest::trapModeExitsForEachMechanism() {
    const Run run = hvtest::runMode("trap", kernel());
    QCOMPARE(run.result.reason, HaltReason::PowerOff);
    const VmStats s = run.vm->stats();
    QVERIFY(exits(run, ExitReason::PrivilegedInstruction) > 0);
    QVERIFY(exits(run, ExitReason::SbiCall) > 0);
    QVERIFY(exits(run, ExitReason::GuestException) > 0); // syscalls, the demand fault
    QVERIFY(exits(run, ExitReason::HiddenPageFault) > 0);
    QCOMPARE(exits(run, ExitReason::PageTableWrite), 1u); // the demand-paging PTE write
    QVERIFY(exits(run, ExitReason::TimerInterrupt) > 0);
    QCOMPARE(s.trueFaults, 1u); // only the demand fault reaches the guest
    QCOMPARE(s.shadowSyncs, 1u);
    QVERIFY(s.shadowFlushes >= 1); // the root page table was found mapped writable
    QCOMPARE(s.worldSwitches, 2 * s.totalExits());
    const EventStream& e = run.vm->machine().events();
    QCOMPARE(e.count(EventType::VmExit), s.totalExits());
    QCOMPARE(e.count(EventType::ShadowSync), s.shadowSyncs);
    QCOMPARE(e.count(EventType::ShadowFault), s.hiddenFaults + 1);
    // The guest never ran in a real privileged mode.
    QCOMPARE(run.vm->machine().hart().priv, Privilege::User);
    // Virtual cycles emerge from counts: more than native for the same work.
    const Run native = hvtest::runMode("native", kernel());
    QVERIFY(run.vm->virtualCycles() > native.vm->virtualCycles());
}

void HypervisorModesTest::x86SensitiveBreaksTrapModeInExactlyTwoWays() {
    const Program program = kernel();
    const Run native = hvtest::runMode("native", program);
    const Run broken = hvtest::runMode("trap", program, true);
    QCOMPARE(broken.result.reason, HaltReason::PowerOff);
    // Exactly the two detectable differences, nothing else.
    std::string expected = "SELFCHECK FAIL: not in S-mode\n" + native.console();
    expected =
        std::regex_replace(expected, std::regex("CRITICAL SECTION OK"), "CRITICAL SECTION BROKEN");
    QCOMPARE(broken.console(), expected);
    QVERIFY(broken.word(*program.symbol("lost")) > 0);
    // Without the switch, trap mode is equivalent.
    const Run fine = hvtest::runMode("trap", program, false);
    QCOMPARE(fine.console(), native.console());
    QCOMPARE(fine.word(*program.symbol("lost")), 0u);
}

void HypervisorModesTest::x86SensitiveLeavesNativeAndEmulateEquivalent() {
    const Program program = kernel();
    const Run native = hvtest::runMode("native", program);
    for (const char* mode : {"native", "emulate"}) {
        const Run run = hvtest::runMode(mode, program, true);
        QCOMPARE(run.console(), native.console());
    }
}

void HypervisorModesTest::trapModeRunsComputeAlmostAllDirectly() {
    const Program compute = kernel(4, 20000, 1);
    const Run trap = hvtest::runMode("trap", compute);
    QCOMPARE(trap.result.reason, HaltReason::PowerOff);
    const double fraction = trap.vm->stats().directFraction();
    QVERIFY2(fraction > 0.95, std::to_string(fraction).c_str());
    const Run emulate = hvtest::runMode("emulate", compute);
    QCOMPARE(emulate.console(), trap.console());
    QCOMPARE(emulate.vm->stats().directFraction(), 0.0);
    // Every instruction interpreted: the cost model makes emulation the slowest.
    QVERIFY(emulate.vm->virtualCycles() > trap.vm->virtualCycles());
}

void HypervisorModesTest::unknownAndLaterModes() {
    VmConfig config;
    QVERIFY(!makeHypervisor("nonsense", config));
    QVERIFY(makeHypervisor("patch", config));
    QVERIFY(modeImplemented("patch"));
    QCOMPARE(modeNames().size(), 7u);
    QVERIFY(modeImplemented("trap"));
    // A kernel without the contract's entry point cannot be run under a VMM.
    auto vm = makeHypervisor("trap", config);
    std::string error;
    QVERIFY(!vm->load(hvtest::assembleOrFail("_start: j _start\n"), error));
    QVERIFY(error.find("kernel_entry") != std::string::npos);
}

QTEST_APPLESS_MAIN(HypervisorModesTest)
#include "test_hv_modes.moc"
