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

} // namespace

class DirectPagingTest : public QObject {
    Q_OBJECT
private slots:
    void invalidUpdatesAreRefusedAndTheTablesStayUnchanged_data();
    void invalidUpdatesAreRefusedAndTheTablesStayUnchanged();
    void aFrameMappedWritableCannotBecomeATable();
    void validUpdatesApplyWithUForTheDeprivilegedHart();
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
