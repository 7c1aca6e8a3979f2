// The hypervisor extension's two-stage translation: a cold Sv32 x Sv32x4 walk makes
// (2+1)(2+1)-1 = 8 references in the hardware's order, a missing G-stage mapping is a
// guest-page fault with htval = GPA >> 2, a missing VS-stage mapping is an ordinary page
// fault for the guest, and the walk becomes page-walk events with a stage marker.
// Engine headers before QtTest (Qt's emit macro).
#include "cpu/HypervisorCsr.h"
#include "mmu/Sv32.h"
#include "mmu/TwoStage.h"

#include <QTest>

#include <map>

using namespace vizor;
using namespace vizor::nested;

namespace {

// Sparse host-physical memory: reads of untouched words return 0 (an invalid PTE).
class SparseMemory final : public PhysicalPort {
public:
    std::optional<uint32_t> read32(uint64_t hpa) override {
        if (hpa >= kLimit) return std::nullopt;
        const auto it = words.find(hpa);
        return it == words.end() ? 0u : it->second;
    }
    void write32(uint64_t hpa, uint32_t value) override { words[hpa] = value; }
    std::map<uint64_t, uint32_t> words;
    static constexpr uint64_t kLimit = uint64_t{1} << 32;
};

constexpr uint32_t kLeafRWX = sv32::kPteV | sv32::kPteR | sv32::kPteW | sv32::kPteX;
constexpr uint32_t pointer(uint64_t address) {
    return static_cast<uint32_t>((address >> 12) << 10) | sv32::kPteV;
}
constexpr uint32_t leaf(uint64_t address, uint32_t flags) {
    return static_cast<uint32_t>((address >> 12) << 10) | flags;
}

// Host layout: G-stage root (16 KiB aligned) at 0x90000000, its level-0 table at
// 0x90004000; guest RAM 0x80000000.. (guest-physical) lives at host 0xA0000000...
constexpr uint64_t kGRoot = 0x90000000;
constexpr uint64_t kGLevel0 = 0x90004000;
constexpr uint64_t kGuestBase = 0x80000000;
constexpr uint64_t kHostBase = 0xA0000000;
// Guest page tables (guest-physical) and the page the guest virtual address maps to.
constexpr uint64_t kVsRoot = 0x80001000;
constexpr uint64_t kVsLevel0 = 0x80002000;
constexpr uint64_t kGuestPage = 0x80003000;
constexpr uint32_t kGva = 0x00400123;

constexpr uint32_t kHgatp = hcsr::kHgatpModeSv32x4 | static_cast<uint32_t>(kGRoot >> 12);
constexpr uint32_t kVsatp = sv32::kSatpModeSv32 | static_cast<uint32_t>(kVsRoot >> 12);

// Maps the guest-physical page `gpa` to host `kHostBase + (gpa - kGuestBase)` through a
// 4 KiB G-stage leaf (so every G walk takes two references).
void mapGuestPage(SparseMemory& m, uint64_t gpa) {
    const uint64_t rootIndex = (gpa >> 22) & 0xfff;
    m.write32(kGRoot + 4 * rootIndex, pointer(kGLevel0));
    const uint64_t hpa = kHostBase + (gpa - kGuestBase);
    m.write32(kGLevel0 + 4 * ((gpa >> 12) & 0x3ff), leaf(hpa, kLeafRWX | sv32::kPteU));
}
uint64_t hostOf(uint64_t gpa) {
    return kHostBase + (gpa - kGuestBase);
}

SparseMemory nestedSetup() {
    SparseMemory m;
    for (uint64_t page : {kVsRoot, kVsLevel0, kGuestPage})
        mapGuestPage(m, page);
    m.write32(hostOf(kVsRoot) + 4 * sv32::vpn(kGva, 1), pointer(kVsLevel0));
    m.write32(hostOf(kVsLevel0) + 4 * sv32::vpn(kGva, 0), leaf(kGuestPage, kLeafRWX));
    return m;
}

} // namespace

class TestCoreHext : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void coldNestedWalkMakesEightReferencesInOrder();
    void bareGStageIsOneDimensional();
    void missingGStageMappingIsAGuestPageFault();
    void missingVsMappingIsAnOrdinaryPageFault();
    void gStageLeafWithoutUFaults();
    void walkBecomesEventsWithStageMarker();
};

void TestCoreHext::coldNestedWalkMakesEightReferencesInOrder() {
    SparseMemory m = nestedSetup();
    Walk w;
    QVERIFY(translate(kVsatp, kHgatp, 0, Privilege::Supervisor, kGva, Access::Load, m, w));
    QCOMPARE(w.count, 8u);
    QCOMPARE(w.references(Stage::G), 6u);
    QCOMPARE(w.references(Stage::VS), 2u);
    // G(root of VS table), G(l0), VS l1, G, G, VS l0, G, G: the hardware's order.
    const Stage expectStage[] = {Stage::G, Stage::G,  Stage::VS, Stage::G,
                                 Stage::G, Stage::VS, Stage::G,  Stage::G};
    const int expectLevel[] = {1, 0, 1, 1, 0, 0, 1, 0};
    for (unsigned i = 0; i < 8; ++i) {
        QCOMPARE(w.refs[i].stage, expectStage[i]);
        QCOMPARE(w.refs[i].level, expectLevel[i]);
    }
    QCOMPARE(w.refs[0].table, kGRoot);
    QCOMPARE(w.refs[0].index, static_cast<uint32_t>((kVsRoot >> 22) & 0xfff));
    QCOMPARE(w.refs[2].table, kVsRoot); // VS tables are named by guest-physical address
    QCOMPARE(w.refs[2].pteAddress, hostOf(kVsRoot) + 4 * sv32::vpn(kGva, 1));
    QCOMPARE(w.refs[5].pteAddress, hostOf(kVsLevel0) + 4 * sv32::vpn(kGva, 0));
    QCOMPARE(w.gpa, kGuestPage | (kGva & 0xfff));
    QCOMPARE(w.hpa, hostOf(kGuestPage) | (kGva & 0xfff));
    // Hardware A/D: the guest's leaf now has A set, in memory and in the record.
    QVERIFY(w.refs[5].pte & sv32::kPteA);
    QVERIFY(*m.read32(w.refs[5].pteAddress) & sv32::kPteA);
}

void TestCoreHext::bareGStageIsOneDimensional() {
    SparseMemory m = nestedSetup();
    Walk w;
    QVERIFY(translate(kVsatp, 0, 0, Privilege::Supervisor, static_cast<uint32_t>(kVsRoot),
                      Access::Load, m, w) == false);
    // With hgatp Bare the guest's tables are read at their guest-physical addresses,
    // where (in this layout) nothing is: only the VS references remain.
    QCOMPARE(w.references(Stage::G), 0u);
    Walk g;
    uint64_t hpa = 0;
    QVERIFY(gStage(kHgatp, kGuestPage + 8, Access::Store, m, g, hpa));
    QCOMPARE(g.count, 2u);
    QCOMPARE(hpa, hostOf(kGuestPage) + 8);
}

void TestCoreHext::missingGStageMappingIsAGuestPageFault() {
    SparseMemory m = nestedSetup();
    // Unmap the data page in the G-stage only: the guest's tables still map it.
    m.write32(kGLevel0 + 4 * ((kGuestPage >> 12) & 0x3ff), 0);
    Walk w;
    QVERIFY(!translate(kVsatp, kHgatp, 0, Privilege::Supervisor, kGva, Access::Store, m, w));
    QCOMPARE(w.cause, uint32_t{hcsr::kStoreGuestPageFault});
    QCOMPARE(w.htval, static_cast<uint32_t>((kGuestPage | (kGva & 0xfff)) >> 2));
    QCOMPARE(w.tval, kGva);
    // A G-stage miss on a VS table read reports the original access type too.
    m = nestedSetup();
    m.write32(kGLevel0 + 4 * ((kVsLevel0 >> 12) & 0x3ff), 0);
    QVERIFY(!translate(kVsatp, kHgatp, 0, Privilege::Supervisor, kGva, Access::Fetch, m, w));
    QCOMPARE(w.cause, uint32_t{hcsr::kInstructionGuestPageFault});
    QCOMPARE(w.count, 5u); // G, G, VS l1, G l1, G l0 (invalid)
}

void TestCoreHext::missingVsMappingIsAnOrdinaryPageFault() {
    SparseMemory m = nestedSetup();
    Walk w;
    QVERIFY(!translate(kVsatp, kHgatp, 0, Privilege::Supervisor, 0x00800000, Access::Load, m, w));
    QCOMPARE(w.cause, uint32_t{13}); // load page fault: the guest's own handler takes it
    QCOMPARE(w.htval, 0u);
    // User access to a supervisor page is the guest's fault too.
    QVERIFY(!translate(kVsatp, kHgatp, 0, Privilege::User, kGva, Access::Load, m, w));
    QCOMPARE(w.cause, uint32_t{13});
}

void TestCoreHext::gStageLeafWithoutUFaults() {
    SparseMemory m = nestedSetup();
    m.write32(kGLevel0 + 4 * ((kGuestPage >> 12) & 0x3ff), leaf(hostOf(kGuestPage), kLeafRWX));
    Walk w;
    QVERIFY(!translate(kVsatp, kHgatp, 0, Privilege::Supervisor, kGva, Access::Load, m, w));
    QCOMPARE(w.cause, uint32_t{hcsr::kLoadGuestPageFault});
}

void TestCoreHext::walkBecomesEventsWithStageMarker() {
    SparseMemory m = nestedSetup();
    Walk w;
    QVERIFY(translate(kVsatp, kHgatp, 0, Privilege::Supervisor, kGva, Access::Load, m, w));
    const std::vector<Event> events = toEvents(w, Access::Load);
    QCOMPARE(events.size(), std::size_t{9});
    QCOMPARE(events[0].type, EventType::PageWalkStep);
    QCOMPARE(events[0].d, 1u | 1u << 8); // G stage, level 1
    QCOMPARE(events[2].d, 1u);           // VS stage, level 1
    QCOMPARE(events[8].type, EventType::PageWalkDone);
    QCOMPARE(events[8].b, static_cast<uint32_t>(w.hpa));
    QCOMPARE(events[8].d, 0u);
}

QTEST_APPLESS_MAIN(TestCoreHext)
#include "test_core_hext.moc"
