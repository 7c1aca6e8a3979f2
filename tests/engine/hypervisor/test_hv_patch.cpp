// Binary patching on the project's guest kernel: every workload equivalent to native
// (with and without the x86-style switch), patch sites applied and hit, the guest
// reading its original code, and a guest store over a patch site dropping it.
#include "GuestKernel.h"
#include "HypervisorTestSupport.h"
#include "MiniKernel.h"
#include "hypervisor/BinaryPatching.h"

using namespace vizor;
using namespace vizor::hv;
using hvtest::Run;
constexpr auto guest = hvtest::guestProgram;
constexpr auto guestVisible = hvtest::guestVisibleState;

namespace {

constexpr uint64_t kMaxSteps = 100'000'000;

// A kernel (satp bare) whose `probe` starts with a sensitive instruction (csrr a0,
// sscratch = 0x14002573). It calls probe twice, reads probe's first word back ('Y'
// when it is the original csrr, 'N' otherwise), stores "li a0, 7" over it and calls
// it again (prints '7'). Native prints "Y7".
const std::string kProbeKernel = std::string(hvtest::kResetOnlyFirmware) + R"(
    .globl kernel_entry
kernel_entry:
    call probe
    call probe
    la t0, probe
    lw t1, 0(t0)
    li t2, 0x14002573        # csrr a0, sscratch
    li t3, 'N'
    bne t1, t2, 1f
    li t3, 'Y'
1:  li t0, 0x10000000
    sb t3, 0(t0)
    la t0, probe
    li t1, 0x00700513        # addi a0, zero, 7
    sw t1, 0(t0)
    fence.i
    call probe
    li t0, 0x10000000
    addi t1, a0, '0'
    sb t1, 0(t0)
    li a7, 0x53525354        # SRST system_reset
    li a6, 0
    li a0, 0
    li a1, 0
    ecall
2:  j 2b
probe:
    csrr a0, sscratch
    ret
)";

} // namespace

class HypervisorPatchTest : public QObject {
    Q_OBJECT
private slots:
    void everyWorkloadIsEquivalent_data();
    void everyWorkloadIsEquivalent();
    void patchesAreAppliedAndHit();
    void x86SensitiveDoesNotBreakPatch();
    void theGuestReadsOriginalsAndItsStoreDropsThePatch();
};

void HypervisorPatchTest::everyWorkloadIsEquivalent_data() {
    QTest::addColumn<QString>("workload");
    for (const std::string& w : hvtest::workloads())
        QTest::newRow(w.c_str()) << QString::fromStdString(w);
}

void HypervisorPatchTest::everyWorkloadIsEquivalent() {
    QFETCH(QString, workload);
    const Program program = guest(workload.toStdString());
    const Run native = hvtest::runMode("native", program, false, kMaxSteps);
    QCOMPARE(native.result.reason, HaltReason::PowerOff);
    const Run patch = hvtest::runMode("patch", program, false, kMaxSteps);
    QCOMPARE(patch.result.reason, HaltReason::PowerOff);
    QCOMPARE(patch.console(), native.console());
    QCOMPARE(guestVisible(patch, program), guestVisible(native, program));
    QVERIFY(patch.vm->stats().patchesApplied > 0);
}

void HypervisorPatchTest::patchesAreAppliedAndHit() {
    const Run patch = hvtest::runMode("patch", guest("compute"), false, kMaxSteps);
    QCOMPARE(patch.result.reason, HaltReason::PowerOff);
    const VmStats s = patch.vm->stats();
    QVERIFY(s.patchesApplied > 0);
    QVERIFY2(s.patchHits > s.patchesApplied, std::to_string(s.patchHits).c_str());
    QCOMPARE(s.callouts, s.patchHits); // each hit is one callout into the VMM
    // One Patch event per applied, hit and dropped site.
    QCOMPARE(patch.vm->machine().events().count(EventType::Patch),
             s.patchesApplied + s.patchHits + s.patchesDropped);
    // Patch hits replace privileged-instruction exits: far fewer than trap mode's.
    const Run trap = hvtest::runMode("trap", guest("compute"), false, kMaxSteps);
    const auto privileged = static_cast<std::size_t>(ExitReason::PrivilegedInstruction);
    QVERIFY(s.exits[privileged] < trap.vm->stats().exits[privileged]);
}

void HypervisorPatchTest::x86SensitiveDoesNotBreakPatch() {
    for (const std::string& w : {std::string("compute"), std::string("syscalls")}) {
        const Program program = guest(w);
        const Run native = hvtest::runMode("native", program, false, kMaxSteps);
        const Run patch = hvtest::runMode("patch", program, true, kMaxSteps);
        QCOMPARE(patch.result.reason, HaltReason::PowerOff);
        QVERIFY(patch.console().find("SELFCHECK OK") != std::string::npos);
        QVERIFY(patch.console().find("CRITICAL SECTION OK") != std::string::npos);
        QCOMPARE(patch.console(), native.console());
    }
}

void HypervisorPatchTest::theGuestReadsOriginalsAndItsStoreDropsThePatch() {
    const Program program = hvtest::assembleOrFail(kProbeKernel);
    const Run native = hvtest::runMode("native", program, false, 100'000);
    QCOMPARE(native.console(), std::string("Y7"));
    const Run patch = hvtest::runMode("patch", program, false, 100'000);
    QCOMPARE(patch.result.reason, HaltReason::PowerOff);
    QCOMPARE(patch.console(), std::string("Y7"));
    const VmStats s = patch.vm->stats();
    QVERIFY(s.patchesApplied > 0);
    QVERIFY(s.patchHits >= 2);
    QVERIFY(s.patchesDropped >= 1);
    const auto* vm = dynamic_cast<const BinaryPatching*>(patch.vm.get());
    QVERIFY(vm);
    const uint32_t probe = *program.symbol("probe");
    QVERIFY(!vm->isPatched(probe));
    QCOMPARE(vm->originalWord(probe), 0x00700513u);
    QCOMPARE(patch.word(probe), 0x00700513u);
}

QTEST_APPLESS_MAIN(HypervisorPatchTest)
#include "test_hv_patch.moc"
