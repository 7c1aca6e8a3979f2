// Direct paging (pv): the guest's page tables are the ones the hart walks, read-only to
// the guest, changed only by validated MMU_UPDATEs. Refused updates leave the tables
// exactly as they were; the PARAVIRT kernel runs every workload on its own tables.
#include "GuestKernel.h"
#include "HypervisorTestSupport.h"
#include "hypervisor/DirectPaging.h"
#include "hypervisor/ParavirtMode.h"
#include "mmu/Sv32.h"

using namespace vizor;
using namespace vizor::hv;
using namespace vizor::sv32;

namespace {

constexpr uint32_t kRam = 0x80000000;
constexpr uint32_t kRamSize = 1u << 20; // the VM's RAM: 256 frames
constexpr uint32_t kBoot = kRam + kRamSize;
constexpr uint32_t kRoot = kRam + 0x10000, kTable = kRam + 0x11000, kData = kRam + 0x12000;

uint32_t leaf(uint32_t frame, uint32_t flags) {
    return ((frame >> 12) << 10) | flags | kPteV | kPteA | kPteD;
}
uint32_t pointer(uint32_t table) {
    return ((table >> 12) << 10) | kPteV;
}

// One VM's memory on a machine, with a direct pager over it.
struct Vm {
    Machine machine{MachineConfig{.ramSize = kRamSize + 4096}};
    PhysToMachine p2m{kRam, kRamSize};
    DirectPaging direct{machine, p2m, [this](uint32_t a) { return p2m.isRam(a & ~0xfffu); }, kBoot};
    Vm() { direct.reset(); }
    uint32_t word(uint32_t a) const { return machine.peekPhysical(a, 4).value_or(0xdeadbeef); }
    std::vector<uint32_t> page(uint32_t frame) const {
        std::vector<uint32_t> words;
        for (uint32_t a = frame; a < frame + 4096; a += 4)
            words.push_back(word(a));
        return words;
    }
    // root[1] -> table, table[0] -> data (RW), root pinned by SET_ROOT.
    void build() {
        QCOMPARE(direct.update(kRoot + 4, pointer(kTable)), DirectRefusal::None);
        QCOMPARE(direct.update(kTable, leaf(kData, kPteR | kPteW)), DirectRefusal::None);
        QCOMPARE(direct.setRoot(kSatpModeSv32 | (kRoot >> 12)), DirectRefusal::None);
    }
};

// A paravirtual guest that builds its tables with MMU_UPDATE (kernel RAM page by page,
// its two table frames read-only), switches to them with SET_ROOT, then tries to
// change its root table twice: with a store, which the hardware refuses (the guest's
// own page fault), and with an MMU_UPDATE making the root writable, which the VMM
// refuses.
constexpr const char* kReadOnlyTables = R"(
    .equ VIZ, 0x0956495A
    .globl _start
_start:
    j _start
    .globl kernel_entry
kernel_entry:
    la t0, on_trap
    csrw stvec, t0
    la s0, kl0                   # s0 = the entry, s1 = the frame it maps
    li s1, 0x80000000
    la s2, root
    la s3, kl0
    li s4, 1024
1:  srli t1, s1, 2
    ori t1, t1, 0xcf             # V R W X A D
    beq s1, s2, 2f
    bne s1, s3, 3f
2:  xori t1, t1, 0x0c            # a table frame: read-only
3:  mv a0, s0
    call update
    addi s0, s0, 4
    li t0, 4096
    add s1, s1, t0
    addi s4, s4, -1
    bnez s4, 1b
    li t0, 0x200 * 4             # root[0x200] -> kl0
    add a0, s2, t0
    srli t1, s3, 2
    ori t1, t1, 1
    call update
    srli a0, s2, 12
    li t0, 0x80000000
    or a0, a0, t0
    li a6, 4                     # SET_ROOT
    li a7, VIZ
    ecall
    la t0, set_root
    sw a0, 0(t0)
    li t1, 0x12345678
    sw t1, 0(s2)                 # a store into the root: the hardware refuses it
    li t0, 0x80000000
    sub t0, s2, t0
    srli t0, t0, 10
    add a0, s3, t0               # kl0's entry for the root frame
    srli t1, s2, 2
    ori t1, t1, 0xcf             # the root, writable: the VMM refuses it
    call update
    la t0, remap
    sw a0, 0(t0)
    li a0, 0
    li a1, 0
    li a6, 0
    li a7, 0x53525354            # SRST
    ecall
1:  j 1b

update:                          # a0 = PTE address, t1 = PTE: one MMU_UPDATE -> a0
    la t2, pair
    sw a0, 0(t2)
    sw t1, 4(t2)
    mv a0, t2
    li a1, 1
    li a6, 3
    li a7, VIZ
    ecall
    ret

on_trap:                         # the store's fault: note it, skip the store
    csrr t0, scause
    la t1, seen
    sw t0, 0(t1)
    csrr t0, sepc
    addi t0, t0, 4
    csrw sepc, t0
    sret

    .align 3
pair: .word 0, 0
set_root: .word 1
remap: .word 1
seen: .word 0
    .align 12
root: .space 4096
kl0: .space 4096
)";

} // namespace

class DirectPagingTest : public QObject {
    Q_OBJECT
private slots:
    void invalidUpdatesAreRefusedAndTheTablesStayUnchanged_data();
    void invalidUpdatesAreRefusedAndTheTablesStayUnchanged();
    void aFrameMappedWritableCannotBecomeATable();
    void validUpdatesApplyWithUForTheDeprivilegedHart();
    void theGuestCannotWriteItsTablesEitherWay();
    void theParavirtualKernelRunsOnItsOwnTables_data();
    void theParavirtualKernelRunsOnItsOwnTables();
};

void DirectPagingTest::invalidUpdatesAreRefusedAndTheTablesStayUnchanged_data() {
    QTest::addColumn<uint32_t>("address");
    QTest::addColumn<uint32_t>("pte");
    QTest::addColumn<int>("refusal");
    QTest::newRow("a page table mapped writable")
        << kTable + 4 << leaf(kRoot, kPteR | kPteW) << int(DirectRefusal::WritableTable);
    QTest::newRow("a frame the VM does not own")
        << kTable + 4 << leaf(kBoot, kPteR) << int(DirectRefusal::NotVmFrame);
    QTest::newRow("a PTE outside the VM's RAM")
        << kBoot + 8 << leaf(kData, kPteR) << int(DirectRefusal::NotVmMemory);
    QTest::newRow("a misaligned PTE address")
        << kTable + 2 << leaf(kData, kPteR) << int(DirectRefusal::NotVmMemory);
    QTest::newRow("a writable 4 MiB page over RAM")
        << kRoot + 4 * 0x200 << leaf(kRam, kPteR | kPteW | kPteX)
        << int(DirectRefusal::WritableSuperpage);
    QTest::newRow("a pointer in a level-0 table")
        << kTable + 4 << pointer(kTable) << int(DirectRefusal::BadLevel);
    QTest::newRow("a level-0 table pointing at a writable frame")
        << kRoot + 8 << pointer(kData) << int(DirectRefusal::MappedWritable);
}

void DirectPagingTest::invalidUpdatesAreRefusedAndTheTablesStayUnchanged() {
    QFETCH(uint32_t, address);
    QFETCH(uint32_t, pte);
    QFETCH(int, refusal);
    Vm vm;
    vm.build();
    const auto root = vm.page(kRoot), table = vm.page(kTable);
    QCOMPARE(int(vm.direct.update(address, pte)), refusal);
    QVERIFY(vm.page(kRoot) == root);
    QVERIFY(vm.page(kTable) == table);
    QCOMPARE(vm.direct.tables(), (std::vector<uint32_t>{kRoot >> 12, kTable >> 12}));
}

void DirectPagingTest::aFrameMappedWritableCannotBecomeATable() {
    Vm vm;
    vm.build();
    // A root whose own frame is mapped writable: SET_ROOT refuses it.
    QCOMPARE(vm.direct.update(kTable + 8, leaf(kData + 0x1000, kPteR | kPteW)),
             DirectRefusal::None);
    QCOMPARE(vm.direct.setRoot(kSatpModeSv32 | ((kData + 0x1000) >> 12)),
             DirectRefusal::MappedWritable);
    QVERIFY(!vm.direct.isTable((kData + 0x1000) >> 12));
    // Read-only first, as the guest kernel does (PROTECT_TABLE), and it is accepted.
    QCOMPARE(vm.direct.update(kTable + 8, leaf(kData + 0x1000, kPteR)), DirectRefusal::None);
    QCOMPARE(vm.direct.writableMappings((kData + 0x1000) >> 12), 0u);
    QCOMPARE(vm.direct.setRoot(kSatpModeSv32 | ((kData + 0x1000) >> 12)), DirectRefusal::None);
}

void DirectPagingTest::validUpdatesApplyWithUForTheDeprivilegedHart() {
    Vm vm;
    vm.build();
    // The hart walks the guest's root itself; with paging off, the boot table.
    QCOMPARE(vm.direct.realSatp(kSatpModeSv32 | (kRoot >> 12)), kSatpModeSv32 | (kRoot >> 12));
    QCOMPARE(vm.direct.realSatp(0), kSatpModeSv32 | (kBoot >> 12));
    QCOMPARE(vm.word(kTable), leaf(kData, kPteR | kPteW | kPteU) | DirectPaging::kGuestKernel);
    QCOMPARE(vm.direct.writableMappings(kData >> 12), 1u);
    QCOMPARE(vm.direct.update(kTable, 0), DirectRefusal::None); // unmap
    QCOMPARE(vm.direct.writableMappings(kData >> 12), 0u);
    // A user page keeps its U and gets no mark.
    QCOMPARE(vm.direct.update(kTable, leaf(kData, kPteR | kPteU)), DirectRefusal::None);
    QCOMPARE(vm.word(kTable), leaf(kData, kPteR | kPteU));
}

void DirectPagingTest::theGuestCannotWriteItsTablesEitherWay() {
    const Program program = hvtest::assembleOrFail(kReadOnlyTables);
    const hvtest::Run pv = hvtest::runMode("pv", program, false, 1'000'000);
    QCOMPARE(pv.result.reason, HaltReason::PowerOff);
    const uint32_t root = *program.symbol("root");
    QCOMPARE(pv.word(*program.symbol("set_root")), 0u); // pinned: the guest is on it
    QCOMPARE(pv.vm->machine().hart().csr.satp, kSatpModeSv32 | (root >> 12));
    QCOMPARE(pv.word(*program.symbol("seen")), 15u); // store page fault, the guest's own
    QCOMPARE(pv.word(root), 0u);                     // the store did not land
    QCOMPARE(static_cast<int32_t>(pv.word(*program.symbol("remap"))), kSbiErrDenied);
    const VmStats s = pv.vm->stats();
    QCOMPARE(s.trueFaults, 1u);
    QCOMPARE(s.pteRefused, 1u);
    QCOMPARE(s.pteUpdates, 1025u);
    const auto& direct = dynamic_cast<const ParavirtMode&>(*pv.vm).direct();
    QCOMPARE(direct.writableMappings(root >> 12), 0u);
    QVERIFY(direct.isTable(root >> 12));
}

void DirectPagingTest::theParavirtualKernelRunsOnItsOwnTables_data() {
    QTest::addColumn<QString>("workload");
    QTest::newRow("mapping") << "mapping";
    QTest::newRow("pagefaults") << "pagefaults";
}

void DirectPagingTest::theParavirtualKernelRunsOnItsOwnTables() {
    QFETCH(QString, workload);
    const std::string source = hvtest::guestKernelSource(workload.toStdString());
    const hvtest::Run native =
        hvtest::runMode("native", hvtest::assembleOrFail(source), false, 100'000'000);
    const hvtest::Run pv = hvtest::runMode("pv", hvtest::assembleOrFail(source, {{"PARAVIRT", 1}}),
                                           false, 100'000'000);
    QCOMPARE(pv.result.reason, HaltReason::PowerOff);
    QCOMPARE(pv.console(), native.console());
    const auto& mode = dynamic_cast<const ParavirtMode&>(*pv.vm);
    const VmStats s = pv.vm->stats();
    // The hart walks the guest's root; no shadow was built or kept in sync.
    QCOMPARE(pv.vm->machine().hart().csr.satp, pv.vm->guestState().csrs.satp);
    QCOMPARE(s.hiddenFaults, 0u);
    QCOMPARE(s.shadowSyncs, 0u);
    QCOMPARE(s.exits[static_cast<std::size_t>(ExitReason::PageTableWrite)], 0u);
    QVERIFY(s.trueFaults > 0); // demand paging: the guest's own faults, straight to it
    QCOMPARE(s.pteRefused, 0u);
    // Every page table is read-only everywhere (3 roots, their tables, the shared ones).
    QVERIFY(mode.direct().tables().size() >= 6);
    for (uint32_t frame : mode.direct().tables())
        QCOMPARE(mode.direct().writableMappings(frame), 0u);
}

QTEST_APPLESS_MAIN(DirectPagingTest)
#include "test_hv_direct.moc"
