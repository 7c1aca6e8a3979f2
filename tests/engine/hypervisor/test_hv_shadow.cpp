// Shadow paging (trap, bt, patch): a kernel that maps, remaps and unmaps pages, clears
// A/D bits, takes faults it expects and switches address spaces, run one step at a time;
// after every step the shadow must equal guest ∘ p2m, the guest must have seen exactly
// the true faults (never a hidden one), and A/D bits must be in the guest's own tables.
#include "HypervisorTestSupport.h"
#include "ShadowAudit.h"
#include "cli/CommandLine.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <fstream>
#include <sstream>

using namespace vizor;
using namespace vizor::hv;

namespace {

// Native: a firmware stub that delegates page faults to S and powers off on any call.
// Under a hypervisor the VMM starts kernel_entry and serves system_reset itself.
// Every step prints one line, so native and shadowed runs compare line by line.
constexpr const char* kMappingKernel = R"(
    .equ UART, 0x10000000
    .equ X, 0x00400000           # the virtual page remapped all along
    .equ Y, 0x00401000           # a read-only page
    .equ SBI_SRST, 0x53525354
    .globl _start
_start:
    la t0, firmware
    csrw mtvec, t0
    li t0, 0xb000                # page faults (12, 13, 15) to S
    csrw medeleg, t0
    li t0, 0x1800
    csrc mstatus, t0
    li t0, 0x0800                # MPP = S
    csrs mstatus, t0
    la t0, kernel_entry
    csrw mepc, t0
    mret
firmware:                        # system_reset is the only call
    li t0, 0x00100000
    li t1, 0x5555
    sw t1, 0(t0)
1:  j 1b

    .globl kernel_entry
kernel_entry:
    la sp, kstack_top
    la t0, ktrap
    csrw stvec, t0
    la s0, root                  # root: kernel RAM, UART, -> l0 for X and Y
    call kernel_entries
    la t1, l0
    srli t1, t1, 2
    ori t1, t1, 1
    sw t1, 4(s0)
    la s0, root2                 # root2: the same, -> l0b
    call kernel_entries
    la t1, l0b
    srli t1, t1, 2
    ori t1, t1, 1
    sw t1, 4(s0)
    la t1, pageB                 # root2 maps X to page B, read-only
    srli t1, t1, 2
    ori t1, t1, 0x3
    la t2, l0b
    sw t1, 0(t2)
    la a0, pageA                 # X -> page A, V R W, A and D clear
    call map_x
    la a0, root
    call switch_to

    li a0, 'L'                   # a load: the walk sets A
    li s1, X
    lw a0, 0(s1)
    call report
    li a0, 'S'                   # a store: the walk sets D
    li t0, 0x33333333
    sw t0, 0(s1)
    lw a0, 0(s1)
    call report
    la a0, pageB                 # remap X to page B
    call map_x
    lw a0, 0(s1)
    call report
    la t2, l0                    # unmap X: the next load is the guest's fault
    sw zero, 0(t2)
    sfence.vma s1, zero
    lw a0, 0(s1)                 # ktrap maps page A again, with A and D clear
    call report
    la t1, pageB                 # Y -> page B, read-only
    srli t1, t1, 2
    ori t1, t1, 0x3
    la t2, l0
    sw t1, 4(t2)
    sfence.vma
    li s2, Y
    lw a0, 0(s2)
    call report
    sw a0, 0(s2)                 # a store to a read-only page: ktrap skips it
    lw a0, 0(s2)
    call report
    la a0, root2                 # another address space, and back
    call switch_to
    lw a0, 0(s1)
    call report
    la a0, root
    call switch_to
    lw a0, 0(s1)
    call report
    la a0, pageA                 # clear A and D again: the next accesses set them
    call map_x
    lw a0, 0(s1)
    call report
    li t0, 0x44444444
    sw t0, 0(s1)
    lw a0, 0(s1)
    call report
    la t0, faults
    lw a0, 0(t0)
    call puthex
    li a0, 0
    li a1, 0
    li a6, 0
    li a7, SBI_SRST
    ecall
1:  j 1b

kernel_entries:                  # s0 = a root: 0x80000000 (4 MiB) and the UART, no U
    li t1, (0x80000000 >> 2) | 0xcf
    li t2, 0x200 * 4
    add t2, s0, t2
    sw t1, 0(t2)
    li t1, (0x10000000 >> 2) | 0xc7
    sw t1, 0x100(s0)
    ret

map_x:                           # a0 = page: X -> a0, V R W, A and D clear
    srli a0, a0, 2
    ori a0, a0, 0x7
    la t2, l0
    sw a0, 0(t2)
    li t0, X
    sfence.vma t0, zero
    ret

switch_to:                       # a0 = root
    srli a0, a0, 12
    li t0, 0x80000000
    or a0, a0, t0
    csrw satp, a0
    sfence.vma
    ret

report:                          # prints a0, then the low byte of X's PTE in l0
    addi sp, sp, -16
    sw ra, 12(sp)
    call puthex
    la t0, l0
    lw a0, 0(t0)
    andi a0, a0, 0xff
    call puthex
    lw ra, 12(sp)
    addi sp, sp, 16
    ret

puthex:                          # a0, as 8 hex digits and a newline
    li t1, UART
    li t3, 28
1:  srl t2, a0, t3
    andi t2, t2, 15
    addi t2, t2, 48
    li t4, 58
    blt t2, t4, 2f
    addi t2, t2, 39
2:  sb t2, 0(t1)
    addi t3, t3, -4
    bgez t3, 1b
    li t2, 10
    sb t2, 0(t1)
    ret

ktrap:                           # a page fault the kernel expects, from S
    csrw sscratch, t0
    la t0, saved
    sw t1, 0(t0)
    sw t2, 4(t0)
    la t1, faults
    lw t2, 0(t1)
    addi t2, t2, 1
    sw t2, 0(t1)
    csrr t1, scause
    li t2, 15
    beq t1, t2, ktrap_skip       # store to the read-only page: skip the store
    li t2, 13
    bne t1, t2, ktrap_panic
    la t1, pageA                 # load from unmapped X: map page A, A and D clear
    srli t1, t1, 2
    ori t1, t1, 0x7
    la t2, l0
    sw t1, 0(t2)
    sfence.vma
    j ktrap_out
ktrap_skip:
    csrr t1, sepc
    addi t1, t1, 4
    csrw sepc, t1
ktrap_out:
    la t0, saved
    lw t1, 0(t0)
    lw t2, 4(t0)
    csrr t0, sscratch
    sret
ktrap_panic:
    li a0, 0xdead
    call puthex
    li a0, 0
    li a1, 1
    li a6, 0
    li a7, SBI_SRST
    ecall

    .align 12                    # (in .text: its start is page-aligned, .data's is not)
pageA: .word 0x11111111
    .align 12
pageB: .word 0x22222222
    .align 12
root: .space 4096
root2: .space 4096
l0: .space 4096
l0b: .space 4096
kstack: .space 4096
kstack_top:
faults: .word 0
saved: .space 8
)";

// What native prints: each value read and the low byte of X's PTE after it.
constexpr const char* kExpected = "11111111\n00000047\n" // load: A set
                                  "33333333\n000000c7\n" // store: D set
                                  "22222222\n00000047\n" // remapped to page B
                                  "33333333\n00000047\n" // unmapped, faulted, page A again
                                  "22222222\n00000047\n" // Y, read-only
                                  "22222222\n00000047\n" // the store to Y faulted, skipped
                                  "22222222\n00000047\n" // root2: X is page B
                                  "33333333\n00000047\n" // root again
                                  "33333333\n00000047\n" // A cleared, set again
                                  "44444444\n000000c7\n" // D cleared, set again
                                  "00000002\n";          // the guest saw two faults

// Page faults delivered to the guest's stvec: what the guest sees of paging.
class GuestFaultCounter : public EventObserver {
public:
    explicit GuestFaultCounter(Machine& m) : machine_(m) {
        machine_.events().subscribe(this, maskOf(EventType::VirtualTrap));
    }
    ~GuestFaultCounter() override { machine_.events().unsubscribe(this); }
    void onEvent(const Event& e) override {
        if (e.a == 12 || e.a == 13 || e.a == 15) ++count;
    }
    uint64_t count = 0;

private:
    Machine& machine_;
};

} // namespace

class ShadowPagingTest : public QObject {
    Q_OBJECT
private slots:
    void nativePrintsWhatTheKernelExpects();
    void shadowAgreesWithTheGuestAfterEveryStep_data();
    void shadowAgreesWithTheGuestAfterEveryStep();
    void theMappingWorkloadKeepsTheShadowCoherent();
    void pagingOptionFollowsTheModeAndJsonHasTheMemoryCounters();
};

void ShadowPagingTest::nativePrintsWhatTheKernelExpects() {
    const hvtest::Run run = hvtest::runMode("native", hvtest::assembleOrFail(kMappingKernel));
    QCOMPARE(run.result.reason, HaltReason::PowerOff);
    QCOMPARE(QString::fromStdString(run.console()), QString(kExpected));
}

void ShadowPagingTest::shadowAgreesWithTheGuestAfterEveryStep_data() {
    QTest::addColumn<QString>("mode");
    QTest::newRow("trap") << "trap";
    QTest::newRow("bt") << "bt";
    QTest::newRow("patch") << "patch";
}

void ShadowPagingTest::shadowAgreesWithTheGuestAfterEveryStep() {
    QFETCH(QString, mode);
    const Program program = hvtest::assembleOrFail(kMappingKernel);
    auto vm = makeHypervisor(mode.toStdString(), VmConfig{});
    QVERIFY(vm);
    std::string error;
    QVERIFY2(vm->load(program, error), error.c_str());
    auto* shadowed = dynamic_cast<TrapAndEmulate*>(vm.get());
    QVERIFY(shadowed);
    Machine& m = vm->machine();
    const GuestFaultCounter seen(m);
    int steps = 0;
    for (HaltReason r = HaltReason::InstructionLimit; r == HaltReason::InstructionLimit;) {
        r = vm->run(1).reason;
        QVERIFY(++steps < 200'000);
        const std::string disagreement = hvtest::auditShadow(*shadowed);
        QVERIFY2(disagreement.empty(),
                 ("step " + std::to_string(steps) + ": " + disagreement).c_str());
        // The guest's stvec saw every true fault and not one hidden fault.
        QCOMPARE(seen.count, vm->stats().trueFaults);
    }
    QCOMPARE(m.haltReason(), HaltReason::PowerOff);
    QCOMPARE(QString::fromStdString(m.console()), QString(kExpected));
    const VmStats s = vm->stats();
    QCOMPARE(s.trueFaults, 2u); // the unmapped load and the read-only store
    QCOMPARE(m.peekPhysical(*program.symbol("faults"), 4).value_or(0), 2u);
    QVERIFY(s.hiddenFaults > s.trueFaults); // every first touch, never seen by the guest
    QCOMPARE(s.exits[static_cast<std::size_t>(ExitReason::HiddenPageFault)], s.hiddenFaults);
    // The five PTE writes made once l0 is a known page table (remap, unmap, the fault's
    // map, Y, clearing A/D) each trapped and resynced.
    QCOMPARE(s.shadowSyncs, 5u);
    // A set by six first loads through a fresh PTE (X four times, Y, X in root2), D by
    // the two first stores through one.
    QCOMPARE(s.accessedDirtyUpdates, 8u);
    QVERIFY(s.shadowRootCacheHits >= 1); // back to root finds its shadow
    QCOMPARE(m.events().count(EventType::AccessedDirty), s.accessedDirtyUpdates);
    QCOMPARE(m.events().count(EventType::ShadowRootSwitch), s.shadowRootSwitches);
    qInfo("%s: %d steps, %llu hidden / %llu true faults, %llu syncs, %llu A/D updates, "
          "%llu root switches (%llu cached)",
          qPrintable(mode), steps, static_cast<unsigned long long>(s.hiddenFaults),
          static_cast<unsigned long long>(s.trueFaults),
          static_cast<unsigned long long>(s.shadowSyncs),
          static_cast<unsigned long long>(s.accessedDirtyUpdates),
          static_cast<unsigned long long>(s.shadowRootSwitches),
          static_cast<unsigned long long>(s.shadowRootCacheHits));
}

// The project's guest kernel, mapping workload (40 rounds of mmap, check, munmap per
// process): audited every few thousand steps and at the end.
void ShadowPagingTest::theMappingWorkloadKeepsTheShadowCoherent() {
    const Program program = hvtest::guestProgram("mapping");
    const hvtest::Run native = hvtest::runMode("native", program);
    auto vm = makeHypervisor("trap", VmConfig{});
    std::string error;
    QVERIFY2(vm->load(program, error), error.c_str());
    auto& shadowed = dynamic_cast<TrapAndEmulate&>(*vm);
    const GuestFaultCounter seen(vm->machine());
    int audits = 0;
    for (HaltReason r = HaltReason::InstructionLimit; r == HaltReason::InstructionLimit;) {
        r = vm->run(3000).reason;
        QVERIFY(++audits < 2000);
        const std::string disagreement = hvtest::auditShadow(shadowed);
        QVERIFY2(disagreement.empty(), disagreement.c_str());
        QCOMPARE(seen.count, vm->stats().trueFaults);
    }
    QCOMPARE(vm->machine().haltReason(), HaltReason::PowerOff);
    QCOMPARE(vm->machine().console(), native.console());
    QVERIFY(vm->stats().shadowSyncs > 0);
    QVERIFY(vm->stats().hiddenFaults > 0);
}

// `vizor run --paging`, and the memory counters of `--json`, on the kernel above.
void ShadowPagingTest::pagingOptionFollowsTheModeAndJsonHasTheMemoryCounters() {
    QTemporaryDir dir;
    const std::string path = dir.filePath("mapping.s").toStdString();
    std::ofstream(path) << kMappingKernel;
    auto invoke = [&](std::vector<std::string> args, std::string& out, std::string& err) {
        std::ostringstream o, e;
        args.insert(args.begin(), {"run", path});
        const int status = cli::runHeadless(args, o, e);
        out = o.str();
        err = e.str();
        return status;
    };
    std::string out, err;
    QCOMPARE(invoke({"--mode", "trap", "--paging", "shadow", "--json"}, out, err), 0);
    const QJsonObject memory = QJsonDocument::fromJson(QByteArray::fromStdString(out))
                                   .object()["hypervisor"]
                                   .toObject()["memory"]
                                   .toObject();
    QCOMPARE(memory["paging"].toString(), QString("shadow"));
    QCOMPARE(memory["hidden_faults"].toInt(), 22);
    QCOMPARE(memory["true_faults"].toInt(), 2);
    QCOMPARE(memory["shadow_syncs"].toInt(), 5);
    QCOMPARE(memory["accessed_dirty_updates"].toInt(), 8);
    QVERIFY(memory["tlb_misses"].toInt() > 0);
    QVERIFY(memory["walk_references"].toInt() > memory["tlb_misses"].toInt());
    QVERIFY(memory.contains("walk_references_per_tlb_miss"));
    QCOMPARE(invoke({"--mode", "trap", "--json"}, out, err), 0); // shadow is trap's default

    QCOMPARE(invoke({"--mode", "trap", "--paging", "nested"}, out, err), 2);
    QVERIFY2(err.find("mode trap uses shadow paging, not nested (nested paging is --mode hw)") !=
                 std::string::npos,
             err.c_str());
    QCOMPARE(invoke({"--paging", "direct", "--mode", "bt"}, out, err), 2);
    QVERIFY2(err.find("direct paging is --mode pv") != std::string::npos, err.c_str());
    QCOMPARE(invoke({"--paging", "shadow"}, out, err), 2); // native: the guest's own tables
    QVERIFY2(err.find("--paging does not apply to mode native") != std::string::npos, err.c_str());
    QCOMPARE(invoke({"--mode", "trap", "--paging", "flat"}, out, err), 2);
    QVERIFY2(err.find("unknown paging 'flat' (shadow, direct or nested)") != std::string::npos,
             err.c_str());
}

QTEST_APPLESS_MAIN(ShadowPagingTest)
#include "test_hv_shadow.moc"
