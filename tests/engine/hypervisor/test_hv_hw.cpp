// `hw` mode: the guest kernel in VS-mode with nested paging. Every workload matches
// native (console and guest-visible state), exits are counted by reason (SBI ecall from
// VS, virtual instruction, timer) with no exit for the guest's own traps, CSR accesses
// or page-table writes, the Popek-Goldberg switch does not break it, and each TLB miss
// costs the two-dimensional walk's references.
#include "GuestKernel.h"
#include "HypervisorTestSupport.h"
#include "cpu/HypervisorCsr.h"
#include "hypervisor/HardwareAssisted.h"

using namespace vizor;
using namespace vizor::hv;
using hvtest::Run;
constexpr auto guest = hvtest::guestProgram;
constexpr auto guestVisible = hvtest::guestVisibleState;

namespace {

constexpr uint64_t kMaxSteps = 100'000'000;

const HardwareAssisted& hw(const Run& run) {
    return dynamic_cast<const HardwareAssisted&>(*run.vm);
}

} // namespace

class HypervisorHwTest : public QObject {
    Q_OBJECT
private slots:
    void everyWorkloadIsEquivalentToNative_data();
    void everyWorkloadIsEquivalentToNative();
    void exitsAreCountedByReason();
    void x86SensitiveDoesNotBreakHw();
    void nestedWalksCostMoreReferencesThanNative();
    void exitControlsAreVisible();
    void idleWfiIsAVirtualInstructionExit();
    void guestRunsInVsMode();
    void mappingMakesNoExitsAndMoreReferencesPerMissThanShadow();
    void taggedTlbSurvivesWorldSwitches();
};

void HypervisorHwTest::everyWorkloadIsEquivalentToNative_data() {
    QTest::addColumn<QString>("workload");
    for (const std::string& w : hvtest::workloads())
        QTest::newRow(w.c_str()) << QString::fromStdString(w);
}

void HypervisorHwTest::everyWorkloadIsEquivalentToNative() {
    QFETCH(QString, workload);
    const Program program = guest(workload.toStdString());
    const Run native = hvtest::runMode("native", program, false, kMaxSteps);
    const Run run = hvtest::runMode("hw", program, false, kMaxSteps);
    QCOMPARE(run.result.reason, HaltReason::PowerOff);
    QVERIFY(run.console().find("SELFCHECK OK") != std::string::npos);
    QCOMPARE(run.console(), native.console());
    QCOMPARE(guestVisible(run, program), guestVisible(native, program));
    // An idle wfi (hstatus.VTW) is a virtual-instruction exit: one per wfi native ran.
    const auto& byCause = hw(run).exitsByCause();
    const auto it = byCause.find(hcsr::kVirtualInstruction);
    const uint64_t virtualInstructions = it == byCause.end() ? 0 : it->second;
    qInfo("%s: exits %llu (virtual instruction %llu), nested refs %llu over %llu walks",
          workload.toUtf8().constData(),
          static_cast<unsigned long long>(run.vm->stats().totalExits()),
          static_cast<unsigned long long>(virtualInstructions),
          static_cast<unsigned long long>(hw(run).nestedReferences()),
          static_cast<unsigned long long>(hw(run).nestedWalks()));
    QCOMPARE(virtualInstructions, native.vm->machine().events().count(EventType::Wfi));
}

void HypervisorHwTest::exitsAreCountedByReason() {
    const Run run = hvtest::runMode("hw", guest("syscalls"), false, kMaxSteps);
    QCOMPARE(run.result.reason, HaltReason::PowerOff);
    const VmStats s = run.vm->stats();
    const auto& byCause = hw(run).exitsByCause();
    const auto at = [&](uint32_t cause) {
        const auto it = byCause.find(cause);
        return it == byCause.end() ? uint64_t{0} : it->second;
    };
    QVERIFY(at(hcsr::kEcallFromVS) > 0);
    QVERIFY(at(0x80000007u) > 0); // the host timer
    QCOMPARE(at(hcsr::kEcallFromVS), s.exits[static_cast<std::size_t>(ExitReason::SbiCall)]);
    QCOMPARE(s.sbiCalls, at(hcsr::kEcallFromVS));
    // The guest's own CSR accesses, sret, syscalls and page-table writes never exit.
    QCOMPARE(s.exits[static_cast<std::size_t>(ExitReason::GuestException)], uint64_t{0});
    QCOMPARE(s.exits[static_cast<std::size_t>(ExitReason::PageTableWrite)], uint64_t{0});
    QCOMPARE(s.exits[static_cast<std::size_t>(ExitReason::HiddenPageFault)], uint64_t{0});
    QVERIFY(s.hardwareTraps > 0); // syscalls taken by the guest at vstvec, no VMM
    uint64_t total = 0;
    for (const auto& [cause, n] : byCause)
        total += n;
    QCOMPARE(total, s.totalExits());
    QVERIFY(s.directFraction() > 0.99);
}

void HypervisorHwTest::x86SensitiveDoesNotBreakHw() {
    const Program program = guest("compute");
    const Run native = hvtest::runMode("native", program, false, kMaxSteps);
    const Run run = hvtest::runMode("hw", program, true, kMaxSteps);
    QCOMPARE(run.result.reason, HaltReason::PowerOff);
    QVERIFY(run.console().find("CRITICAL SECTION OK") != std::string::npos);
    QCOMPARE(run.console(), native.console());
    QCOMPARE(guestVisible(run, program), guestVisible(native, program));
}

void HypervisorHwTest::nestedWalksCostMoreReferencesThanNative() {
    const Program program = guest("mapping");
    const Run native = hvtest::runMode("native", program, false, kMaxSteps);
    const Run run = hvtest::runMode("hw", program, false, kMaxSteps);
    const HardwareAssisted& h = hw(run);
    QVERIFY(h.nestedWalks() > 0);
    const double perWalk = double(h.nestedReferences()) / double(h.nestedWalks());
    const double nativeWalks = double(native.vm->machine().events().count(EventType::PageWalkDone));
    const double nativePerWalk = double(native.vm->stats().walkReferences) / nativeWalks;
    QVERIFY2(perWalk > 2 * nativePerWalk, std::to_string(perWalk).c_str());
    QVERIFY(perWalk <= 8.0);
    QCOMPARE(run.vm->stats().walkReferences, h.nestedReferences());
}

void HypervisorHwTest::exitControlsAreVisible() {
    const Run run = hvtest::runMode("hw", guest("compute"), false, 1000);
    const HwExitControls c = hw(run).controls();
    QVERIFY(c.hstatus & hcsr::kVTW);
    QCOMPARE(c.hedeleg & (1u << 9), 0u); // ecall from VS is not the guest's
    QVERIFY(c.hedeleg & (1u << 8));      // ecall from VU (syscalls) is
    QCOMPARE(c.hideleg, hcsr::kVsInterrupts);
    QVERIFY(c.hgatp & hcsr::kHgatpModeSv32x4);
}

// A guest that asks for a timer, waits for it with wfi (interrupts masked by SIE, so
// the wait just ends) and shuts down: wfi under hstatus.VTW exits as a virtual
// instruction, the host timer exits and becomes VSTIP, both SBI calls exit.
void HypervisorHwTest::idleWfiIsAVirtualInstructionExit() {
    const Program program = hvtest::assembleOrFail(R"(
    .globl kernel_entry
    kernel_entry:
        rdtime a0
        addi a0, a0, 50
        li a1, 0
        li a7, 0x54494D45
        li a6, 0
        ecall
        li t0, 0x20
        csrs sie, t0
        wfi
        csrr s1, sip
        li a0, 0
        li a1, 0
        li a7, 0x53525354
        li a6, 0
        ecall
    1:  j 1b
    )");
    const Run run = hvtest::runMode("hw", program, false, 100000);
    QCOMPARE(run.result.reason, HaltReason::PowerOff);
    const auto& byCause = hw(run).exitsByCause();
    QCOMPARE(byCause.at(hcsr::kVirtualInstruction), uint64_t{1});
    QCOMPARE(byCause.at(0x80000007u), uint64_t{1});
    QCOMPARE(byCause.at(hcsr::kEcallFromVS), uint64_t{2});
    QVERIFY(run.vm->machine().hart().x[9] & 0x20); // the guest saw its timer pending
    QCOMPARE(run.vm->stats().exits[static_cast<std::size_t>(ExitReason::PrivilegedInstruction)],
             uint64_t{1});
}

// The kernel really runs with V=1: its S-level CSRs are the VS copies, the HS ones stay
// as the VMM set them, and every exit was a world switch the hart counted.
void HypervisorHwTest::guestRunsInVsMode() {
    const Run run = hvtest::runMode("hw", guest("syscalls"), false, kMaxSteps);
    QCOMPARE(run.result.reason, HaltReason::PowerOff);
    const Machine& m = run.vm->machine();
    QVERIFY(m.hart().virt);
    QVERIFY(m.hart().csr.vstvec != 0); // the guest's trap vector, set by csrw stvec
    QCOMPARE(m.hart().csr.stvec, 0u);  // HS's own: untouched by the guest
    QVERIFY(m.hart().csr.vsatp & 0x80000000u);
    QCOMPARE(m.hart().csr.satp, 0u);
    // Exits resumed by the VMM are two world switches each, as the hart counts them.
    QCOMPARE(m.tlbStats().worldSwitches, 2 * run.vm->stats().totalExits());
    QCOMPARE(run.vm->stats().vmExitRoundTrips, run.vm->stats().totalExits());
    QCOMPARE(run.vm->stats().worldSwitches, uint64_t{0});
}

// Issue "memory", item 4: the page-table-update-heavy workload makes no VM exit for its
// PTE writes (nor for its page faults) under nested paging, and each TLB miss costs more
// page-table references than under shadow paging (trap mode).
void HypervisorHwTest::mappingMakesNoExitsAndMoreReferencesPerMissThanShadow() {
    const Program program = guest("mapping");
    const Run hwRun = hvtest::runMode("hw", program, false, kMaxSteps);
    const Run shadow = hvtest::runMode("trap", program, false, kMaxSteps);
    QCOMPARE(hwRun.result.reason, HaltReason::PowerOff);
    QCOMPARE(shadow.result.reason, HaltReason::PowerOff);
    const VmStats h = hwRun.vm->stats();
    QCOMPARE(h.exits[static_cast<std::size_t>(ExitReason::PageTableWrite)], uint64_t{0});
    QCOMPARE(h.exits[static_cast<std::size_t>(ExitReason::HiddenPageFault)], uint64_t{0});
    QCOMPARE(h.exits[static_cast<std::size_t>(ExitReason::GuestException)], uint64_t{0});
    QVERIFY(shadow.vm->stats().exits[static_cast<std::size_t>(ExitReason::PageTableWrite)] > 0);
    const auto perMiss = [](const Run& r) {
        return double(r.vm->stats().walkReferences) /
               double(std::max<uint64_t>(1, r.vm->machine().tlbStats().misses));
    };
    qInfo("walk references per TLB miss: hw %.2f, shadow %.2f", perMiss(hwRun), perMiss(shadow));
    QVERIFY(perMiss(hwRun) > perMiss(shadow));
}

// Issue "memory", item 5: with ASID/VMID tags the guest's TLB entries survive VM exits
// (no full flush at a world switch) and the miss count drops; untagged, every world
// switch flushes. Same guest, same output either way.
void HypervisorHwTest::taggedTlbSurvivesWorldSwitches() {
    const Program program = guest("syscalls");
    const auto runWith = [&](bool tagged) {
        HwOptions options;
        options.tlbTagged = tagged;
        auto vm = std::make_unique<HardwareAssisted>(VmConfig{}, options);
        std::string error;
        if (!vm->load(program, error)) qFatal("%s", error.c_str());
        vm->run(kMaxSteps);
        return vm;
    };
    const auto tagged = runWith(true);
    const auto untagged = runWith(false);
    QCOMPARE(tagged->machine().haltReason(), HaltReason::PowerOff);
    QCOMPARE(untagged->machine().haltReason(), HaltReason::PowerOff);
    QCOMPARE(tagged->machine().console(), untagged->machine().console());
    const TlbStats& t = tagged->machine().tlbStats();
    const TlbStats& u = untagged->machine().tlbStats();
    qInfo("tagged: %llu misses, %llu flushes (%llu at world switches); untagged: %llu misses, "
          "%llu flushes (%llu at world switches); %llu world switches",
          static_cast<unsigned long long>(t.misses), static_cast<unsigned long long>(t.flushes),
          static_cast<unsigned long long>(t.worldSwitchFlushes),
          static_cast<unsigned long long>(u.misses), static_cast<unsigned long long>(u.flushes),
          static_cast<unsigned long long>(u.worldSwitchFlushes),
          static_cast<unsigned long long>(t.worldSwitches));
    QVERIFY(t.worldSwitches > 0);
    QCOMPARE(t.worldSwitches, u.worldSwitches);
    QCOMPARE(t.worldSwitchFlushes, uint64_t{0});
    QCOMPARE(u.worldSwitchFlushes, u.worldSwitches);
    QVERIFY(t.flushes < u.flushes);
    QVERIFY(t.misses < u.misses);
}

QTEST_APPLESS_MAIN(HypervisorHwTest)
#include "test_hv_hw.moc"
