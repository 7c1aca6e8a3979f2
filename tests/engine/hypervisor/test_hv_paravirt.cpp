// Paravirtualization: the PARAVIRT build of the guest kernel under `pv` — hypercalls
// instead of traps, batched and validated page-table updates, the virtio console's
// rings moving — and a refused mapping of a frame the VM does not own.
#include "GuestKernel.h"
#include "HypervisorTestSupport.h"
#include "hypervisor/ParavirtMode.h"


using namespace vizor;
using namespace vizor::hv;
using hvtest::Run;

namespace {

constexpr uint64_t kMaxSteps = 100'000'000;

Program guest(const std::string& workload, bool paravirt) {
    std::map<std::string, int64_t> defines;
    if (paravirt) defines["PARAVIRT"] = 1;
    return hvtest::assembleOrFail(hvtest::guestKernelSource(workload), defines);
}

uint64_t exits(const Run& run, ExitReason reason) {
    return run.vm->stats().exits[static_cast<std::size_t>(reason)];
}

// MMU_UPDATE with three entries: the second maps the first frame above the guest's
// RAM (the VMM's own memory) and must be refused, stopping the batch there.
const char* const kRefusedMapping = R"(
    .globl _start
_start:
    j _start
    .globl kernel_entry
kernel_entry:
    la a0, updates
    li a1, 3
    li a6, 3                 # MMU_UPDATE
    li a7, 0x0956495A        # "VIZ"
    ecall
    la t0, result
    sw a0, 0(t0)
    sw a1, 4(t0)
    li a0, 0
    li a1, 0
    li a6, 0
    li a7, 0x53525354        # SRST
    ecall
1:  j 1b
    .align 2
updates:
    .word table, (0x80100000 >> 2) | 7
    .word table + 4, (0x81000000 >> 2) | 7
    .word table + 8, (0x80101000 >> 2) | 7
result:
    .word 0x11111111, 0x22222222
    .align 12
table:
    .space 4096
)";

} // namespace

class HypervisorParavirtTest : public QObject {
    Q_OBJECT
private slots:
    void paravirtKernelMatchesNative_data();
    void paravirtKernelMatchesNative();
    void hypercallsReplaceTrapsAndBatchPageTableUpdates();
    void virtioRingIndicesMoveAsTheConsoleWrites();
    void aMappingOfAFrameTheVmDoesNotOwnIsRefused();
    void x86SensitiveDoesNotTouchAParavirtualGuest();
};

void HypervisorParavirtTest::paravirtKernelMatchesNative_data() {
    QTest::addColumn<QString>("workload");
    for (const std::string& w : hvtest::workloads())
        QTest::newRow(w.c_str()) << QString::fromStdString(w);
}

void HypervisorParavirtTest::paravirtKernelMatchesNative() {
    QFETCH(QString, workload);
    const Run native =
        hvtest::runMode("native", guest(workload.toStdString(), false), false, kMaxSteps);
    const Run pv = hvtest::runMode("pv", guest(workload.toStdString(), true), false, kMaxSteps);
    QCOMPARE(pv.result.reason, HaltReason::PowerOff);
    QVERIFY(pv.console().find("SELFCHECK OK: running in S-mode\n") != std::string::npos);
    QCOMPARE(pv.console(), native.console());
}

void HypervisorParavirtTest::hypercallsReplaceTrapsAndBatchPageTableUpdates() {
    const Program program = guest("mapping", true);
    const Run pv = hvtest::runMode("pv", program, false, kMaxSteps);
    QCOMPARE(pv.result.reason, HaltReason::PowerOff);
    const VmStats s = pv.vm->stats();
    QCOMPARE(exits(pv, ExitReason::PrivilegedInstruction), 0u); // nothing left to trap
    QCOMPARE(exits(pv, ExitReason::PageTableWrite), 0u);        // PTEs only by hypercall
    QVERIFY(s.hypercalls > 0);
    QVERIFY(s.pteUpdates > 0);
    QVERIFY2(s.mmuUpdateCalls < s.pteUpdates, "batching: fewer hypercalls than PTE updates");
    QCOMPARE(s.pteRefused, 0u);
    // Fewer exits than trap-and-emulate on the same work, so fewer virtual cycles.
    const Run trap = hvtest::runMode("trap", guest("mapping", false), false, kMaxSteps);
    QVERIFY(s.totalExits() < trap.vm->stats().totalExits());
    QVERIFY(pv.vm->virtualCycles() < trap.vm->virtualCycles());
}

void HypervisorParavirtTest::virtioRingIndicesMoveAsTheConsoleWrites() {
    const Program program = guest("io", true);
    const Run pv = hvtest::runMode("pv", program, false, kMaxSteps);
    const auto& mode = dynamic_cast<const ParavirtMode&>(*pv.vm);
    const VmStats s = pv.vm->stats();
    QVERIFY(s.consoleKicks > 10);
    QCOMPARE(s.consoleBuffers, s.consoleKicks); // one line, one buffer, one kick
    QCOMPARE(uint64_t{mode.console().usedIndex()}, s.consoleBuffers);
    QCOMPARE(mode.console().lastAvailIndex(), mode.console().usedIndex());
    QVERIFY(mode.console().interruptPending());
    // The used ring's index in guest memory (legacy layout: the page after the
    // descriptors and available ring) is what the driver waits on.
    const uint32_t virtq = 0x80130000;
    QCOMPARE(pv.word(virtq + 4096) >> 16, uint32_t{mode.console().usedIndex()});
    QCOMPARE(pv.word(virtq + 128) >> 16, uint32_t{mode.console().lastAvailIndex()});
    QVERIFY(exits(pv, ExitReason::MmioAccess) > 0); // the driver probed the transports
}

void HypervisorParavirtTest::aMappingOfAFrameTheVmDoesNotOwnIsRefused() {
    const Program program = hvtest::assembleOrFail(kRefusedMapping);
    const Run pv = hvtest::runMode("pv", program, false, 100000);
    QCOMPARE(pv.result.reason, HaltReason::PowerOff);
    const uint32_t result = *program.symbol("result");
    const uint32_t table = *program.symbol("table");
    QCOMPARE(static_cast<int32_t>(pv.word(result)), kSbiErrDenied);
    QCOMPARE(pv.word(result + 4), 1u);                 // one applied
    // applied, with U added for the deprivileged hart (the guest's intent kept in RSW)
    QCOMPARE(pv.word(table), (0x80100000u >> 2) | 7u | 0x10u | DirectPaging::kGuestKernel);
    QCOMPARE(pv.word(table + 4), 0u);                  // refused: unchanged
    QCOMPARE(pv.word(table + 8), 0u);                  // never reached
    QCOMPARE(pv.vm->stats().pteRefused, 1u);
    QCOMPARE(pv.vm->stats().pteUpdates, 1u);
}

void HypervisorParavirtTest::x86SensitiveDoesNotTouchAParavirtualGuest() {
    const Program program = guest("compute", true);
    const Run pv = hvtest::runMode("pv", program, false, kMaxSteps);
    const Run pvX86 = hvtest::runMode("pv", program, true, kMaxSteps);
    QCOMPARE(pvX86.console(), pv.console());
    QVERIFY(pvX86.console().find("CRITICAL SECTION OK") != std::string::npos);
}

QTEST_APPLESS_MAIN(HypervisorParavirtTest)
#include "test_hv_paravirt.moc"
