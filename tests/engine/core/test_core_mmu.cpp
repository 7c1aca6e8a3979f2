// Sv32: translation through both levels with hardware A/D update, superpages and
// misaligned superpages, permission faults (R/W/X/U, SUM, MXR, MPRV), the TLB and
// sfence.vma, the page-walk record and events, and the debugger's quiet translation.
#include "CoreTestSupport.h"
#include "mmu/Tlb.h"

#include <QTest>

using namespace vizor;
using coretest::kLogger;
using coretest::logCause;
using coretest::logCount;
using coretest::logTval;
using coretest::reg;
using coretest::word;

namespace {

constexpr uint32_t kRoot = 0x80200000;
constexpr uint32_t kL0 = 0x80201000;
constexpr uint32_t kFrameA = 0x80300000;
constexpr uint32_t kFrameB = 0x80305000;
constexpr uint32_t kV = 1, kR = 2, kW = 4, kX = 8, kU = 16, kA = 64, kD = 128;

constexpr uint32_t pte(uint32_t paddr, uint32_t flags) {
    return (paddr >> 12) << 10 | flags;
}

// Page tables: VA 0x80000000 (4 MiB) identity superpage with RWX (A, D clear);
// VA 0 (4 MiB, the test finisher) identity; VA 0x40000000 -> L0, whose slot i maps VA 0x40000000 +
// i*4 KiB as the test sets. `mappings` is assembly that fills L0 (t0 = L0 base). Then S-mode runs
// `body`.
std::string pagedProgram(const std::string& mappings, const std::string& body) {
    const std::string tables = QString(R"(
        li t0, %1
        li t1, %2
        sw t1, 0(t0)            # root[0x200]: identity superpage for the code
        li t0, %3
        li t1, %4
        sw t1, 0(t0)            # root[0x100]: -> L0
        li t0, %6
        li t1, %7
        sw t1, 0(t0)            # root[0]: identity superpage for the finisher
        li t0, %5
    )")
                                   .arg(kRoot + 0x200 * 4)
                                   .arg(pte(0x80000000, kV | kR | kW | kX))
                                   .arg(kRoot + 0x100 * 4)
                                   .arg(pte(kL0, kV))
                                   .arg(kL0)
                                   .arg(kRoot)
                                   .arg(pte(0, kV | kR | kW | kA | kD))
                                   .toStdString();
    const std::string enter = QString(R"(
        li t0, (1 << 31) | (%1 >> 12)
        csrw satp, t0
        sfence.vma
        ENTER 1, super
    super:
    )")
                                  .arg(kRoot)
                                  .toStdString();
    return kLogger + tables + mappings + enter + body;
}

} // namespace

class CoreMmu : public QObject {
    Q_OBJECT
private slots:
    void translationSetsAccessedAndDirty();
    void superpagesAndMisalignedSuperpages();
    void permissionFaults();
    void sumAndMxr();
    void mprvTranslatesMachineAccesses();
    void staleTranslationUntilSfence();
    void tlbFlushBySpaceAndAddress();
    void debuggerTranslationHasNoSideEffects();
};

void CoreMmu::translationSetsAccessedAndDirty() {
    Machine m;
    QVERIFY(coretest::runToPowerOff(m, pagedProgram(QString(R"(
        li t1, %1
        sw t1, 0(t0)            # VA 0x40000000 -> frame A, R W, A/D clear
        li t1, 0x1234
        li t2, %2
        sw t1, 0(t2)
    )")
                                                        .arg(pte(kFrameA, kV | kR | kW))
                                                        .arg(kFrameA)
                                                        .toStdString(),
                                                    R"(
        li s0, 0x40000000
        lw a0, 0(s0)
        li t0, 0x80100000
        lw a1, 0(t0)            # no trap so far
        POWEROFF
    )")));
    QCOMPARE(reg(m, "a0"), 0x1234u);
    QCOMPARE(reg(m, "a1"), 0u);
    QCOMPARE(word(m, kL0) & (kA | kD), kA); // loaded: accessed, not dirty
    // The code superpage was fetched from and read from, never written through.
    QCOMPARE(word(m, kRoot + 0x200 * 4) & (kA | kD), kA);
    const PageWalkRecord& walk = m.lastPageWalk();
    QVERIFY(walk.refCount >= 1);
    QVERIFY(m.events().count(EventType::PageWalkStep) >= 3);
    QVERIFY(m.events().count(EventType::PageWalkDone) >= 2);
    QCOMPARE(m.events().count(EventType::SatpWrite), 1u);

    // A store through the same mapping sets D.
    Machine w;
    QVERIFY(coretest::runToPowerOff(w, pagedProgram(QString(R"(
        li t1, %1
        sw t1, 0(t0)
    )")
                                                        .arg(pte(kFrameA, kV | kR | kW))
                                                        .toStdString(),
                                                    R"(
        li s0, 0x40000000
        lw a0, 0(s0)            # walk 1: sets A
        li t1, 77
        sw t1, 8(s0)            # TLB hit without D: walks again, sets D
        POWEROFF
    )")));
    QCOMPARE(word(w, kL0) & (kA | kD), kA | kD);
    QCOMPARE(word(w, kFrameA + 8), 77u);
    // The last walk was the poweroff store: one reference, through the superpage.
    const PageWalkRecord& last = w.lastPageWalk();
    QCOMPARE(last.vaddr, board::kTestFinisherBase);
    QCOMPARE(last.refCount, 1);
    QCOMPARE(last.refs[0].pteAddress, kRoot);
    QCOMPARE(last.paddr, board::kTestFinisherBase);
    QVERIFY(!last.faulted);
    // The store's walk, as events: level 1 then level 0, then done with the address.
    std::vector<Event> storeWalk;
    for (const Event& e : w.events().recent())
        if ((e.type == EventType::PageWalkStep || e.type == EventType::PageWalkDone) &&
            e.a == 0x40000008u)
            storeWalk.push_back(e);
    QCOMPARE(storeWalk.size(), std::size_t{3});
    QCOMPARE(storeWalk[0].b, kRoot + 0x100 * 4);
    QCOMPARE(storeWalk[0].d, 1u);
    QCOMPARE(storeWalk[1].b, kL0);
    QCOMPARE(storeWalk[1].c & (kA | kD), kA); // the PTE as read, before the D update
    QCOMPARE(storeWalk[2].b, kFrameA + 8);
    QCOMPARE(storeWalk[2].c, 2u); // a store
}

void CoreMmu::superpagesAndMisalignedSuperpages() {
    Machine m;
    QVERIFY(coretest::runToPowerOff(m, pagedProgram(QString(R"(
        li t0, %1
        li t1, %2
        sw t1, %3(t0)           # root[0x101]: VA 0x40400000 -> PA 0x80000000, 4 MiB
        li t1, %4
        sw t1, %5(t0)           # root[0x102]: PPN[0] != 0: misaligned superpage
        li t1, 0xabcd
        li t2, 0x80123458
        sw t1, 0(t2)
    )")
                                                        .arg(kRoot)
                                                        .arg(pte(0x80000000, kV | kR | kA))
                                                        .arg(0x101 * 4)
                                                        .arg(pte(0x80001000, kV | kR | kA))
                                                        .arg(0x102 * 4)
                                                        .toStdString(),
                                                    R"(
        li s0, 0x40523458
        lw a0, 0(s0)            # 0x40400000 + 0x123458
        li s1, 0x40800010
        lw a1, 0(s1)            # page fault 13
        POWEROFF
    )")));
    QCOMPARE(reg(m, "a0"), 0xabcdu);
    QCOMPARE(logCount(m), 1u);
    QCOMPARE(logCause(m, 0), 13u);
    QCOMPARE(logTval(m, 0), 0x40800010u);
}

void CoreMmu::permissionFaults() {
    Machine m;
    QVERIFY(coretest::load(m, pagedProgram(QString(R"(
        li t1, %1
        sw t1, 0(t0)            # slot 0: read-only
        li t1, %2
        sw t1, 4(t0)            # slot 1: user page
        sw zero, 8(t0)          # slot 2: invalid
        li t1, %3
        sw t1, 12(t0)           # slot 3: W without R (reserved)
    )")
                                               .arg(pte(kFrameA, kV | kR))
                                               .arg(pte(kFrameB, kV | kR | kW | kU))
                                               .arg(pte(kFrameB, kV | kW))
                                               .toStdString(),
                                           R"(
        li s0, 0x40000000
        sw zero, 0(s0)          # 15: store to read-only
        li s1, 0x40001000
        lw a0, 0(s1)            # 13: S reads a U page without SUM
        li s1, 0x40002000
        lw a0, 0(s1)            # 13: invalid
        li s1, 0x40003000
        lw a0, 4(s1)            # 13: reserved encoding
        li t0, 0x40000000
        jalr ra, 0(t0)          # 12: fetch from a non-executable page, again and again
    )")));
    m.run(3000); // the logger "skips" to the next word of the same page: it faults too
    QVERIFY(logCount(m) > 5);
    QCOMPARE(logCause(m, 0), 15u);
    QCOMPARE(logTval(m, 0), 0x40000000u);
    QCOMPARE(logCause(m, 1), 13u);
    QCOMPARE(logTval(m, 1), 0x40001000u);
    QCOMPARE(logCause(m, 2), 13u);
    QCOMPARE(logCause(m, 3), 13u);
    QCOMPARE(logTval(m, 3), 0x40003004u);
    QCOMPARE(logCause(m, 4), 12u);
    QCOMPARE(logTval(m, 4), 0x40000000u);
    QCOMPARE(word(m, kL0) & kA, 0u); // faulting accesses never set A
}

void CoreMmu::sumAndMxr() {
    Machine m;
    QVERIFY(coretest::runToPowerOff(m, pagedProgram(QString(R"(
        li t1, %1
        sw t1, 0(t0)            # slot 0: user data
        li t1, %2
        sw t1, 4(t0)            # slot 1: execute-only
        li t1, 0x5a5a
        li t2, %3
        sw t1, 0(t2)
        li t0, (1 << 18)        # SUM
        csrs mstatus, t0
    )")
                                                        .arg(pte(kFrameA, kV | kR | kW | kU))
                                                        .arg(pte(kFrameA, kV | kX))
                                                        .arg(kFrameA)
                                                        .toStdString(),
                                                    R"(
        li s0, 0x40000000
        lw a0, 0(s0)            # SUM: allowed
        li s1, 0x40001000
        lw a1, 0(s1)            # execute-only: 13
        li t0, (1 << 19)        # MXR
        csrs sstatus, t0
        lw a2, 0(s1)            # MXR: allowed
        POWEROFF
    )")));
    QCOMPARE(reg(m, "a0"), 0x5a5au);
    QCOMPARE(reg(m, "a2"), 0x5a5au);
    QCOMPARE(logCount(m), 1u);
    QCOMPARE(logCause(m, 0), 13u);
}

void CoreMmu::mprvTranslatesMachineAccesses() {
    Machine m;
    // M-mode with MPRV = 1 and MPP = S loads through the page tables.
    QVERIFY(coretest::runToPowerOff(m, kLogger + QString(R"(
        li t0, %1
        li t1, %2
        sw t1, 0(t0)
        li t0, %3
        li t1, %4
        sw t1, 0(t0)
        li t0, %5
        li t1, %6
        sw t1, 0(t0)
        li t1, 99
        li t2, %7
        sw t1, 0(t2)
        li t0, (1 << 31) | (%8 >> 12)
        csrw satp, t0
        li t0, (1 << 11) | (1 << 17)    # MPP = S, MPRV
        csrs mstatus, t0
        li s0, 0x40000000
        lw a0, 0(s0)
        li t0, (1 << 17)
        csrc mstatus, t0
        POWEROFF
    )")
                                                     .arg(kRoot + 0x200 * 4)
                                                     .arg(pte(0x80000000, kV | kR | kW | kX))
                                                     .arg(kRoot + 0x100 * 4)
                                                     .arg(pte(kL0, kV))
                                                     .arg(kL0)
                                                     .arg(pte(kFrameB, kV | kR))
                                                     .arg(kFrameB)
                                                     .arg(kRoot)
                                                     .toStdString()));
    QCOMPARE(reg(m, "a0"), 99u);
    QCOMPARE(m.hart().priv, Privilege::Machine);
}

void CoreMmu::staleTranslationUntilSfence() {
    Machine m;
    QVERIFY(coretest::runToPowerOff(m, pagedProgram(QString(R"(
        li t1, %1
        sw t1, 0(t0)
        li t2, %2
        li t1, 1
        sw t1, 0(t2)            # frame A holds 1
        li t2, %3
        li t1, 2
        sw t1, 0(t2)            # frame B holds 2
    )")
                                                        .arg(pte(kFrameA, kV | kR | kW | kA))
                                                        .arg(kFrameA)
                                                        .arg(kFrameB)
                                                        .toStdString(),
                                                    QString(R"(
        li s0, 0x40000000
        lw a0, 0(s0)            # 1, now in the TLB
        li t0, %1
        li t1, %2
        sw t1, 0(t0)            # remap slot 0 to frame B, without sfence
        lw a1, 0(s0)            # still 1: the TLB entry is stale
        sfence.vma s0, zero
        lw a2, 0(s0)            # 2
        POWEROFF
    )")
                                                        .arg(kL0)
                                                        .arg(pte(kFrameB, kV | kR | kW | kA))
                                                        .toStdString())));
    QCOMPARE(reg(m, "a0"), 1u);
    QCOMPARE(reg(m, "a1"), 1u);
    QCOMPARE(reg(m, "a2"), 2u);
    QCOMPARE(m.events().count(EventType::TlbFlush), 2u);
}

void CoreMmu::tlbFlushBySpaceAndAddress() {
    Tlb tlb(8);
    auto entry = [](uint32_t vpn, uint16_t asid, uint8_t flags, uint8_t level = 0) {
        TlbEntry e;
        e.vpn = vpn;
        e.ppn = vpn + 0x80000;
        e.tag = asid;
        e.pte = flags;
        e.level = level;
        e.valid = true;
        return e;
    };
    tlb.insert(entry(1, 1, 0x03));
    tlb.insert(entry(2, 2, 0x03));
    tlb.insert(entry(3, 2, 0x23)); // global
    QVERIFY(tlb.lookup(1, 1));
    QVERIFY(!tlb.lookup(1, 2)); // other address space
    QVERIFY(tlb.lookup(3, 7));  // global: any space
    tlb.flush(std::nullopt, uint16_t{2});
    QVERIFY(tlb.lookup(1, 1));
    QVERIFY(!tlb.lookup(2, 2));
    QVERIFY(tlb.lookup(3, 2)); // globals survive an ASID flush
    tlb.flush(uint32_t{0x3000}, std::nullopt);
    QVERIFY(!tlb.lookup(3, 2));
    QVERIFY(tlb.lookup(1, 1));
    // A superpage entry goes when any address in its 4 MiB is flushed.
    tlb.insert(entry(0x40123, 1, 0x03, 1));
    tlb.flush(uint32_t{0x40000000}, std::nullopt);
    QVERIFY(!tlb.lookup(0x40123, 1));
    tlb.flushAll();
    QVERIFY(!tlb.lookup(1, 1));
}

void CoreMmu::debuggerTranslationHasNoSideEffects() {
    Machine m;
    QVERIFY(coretest::load(m, pagedProgram(QString(R"(
        li t1, %1
        sw t1, 0(t0)
    )")
                                               .arg(pte(kFrameA, kV | kR | kW))
                                               .toStdString(),
                                           R"(
    spin:
        j spin
    )")));
    const RunResult r = m.run(200);
    QCOMPARE(r.reason, HaltReason::InstructionLimit);
    QCOMPARE(m.hart().priv, Privilege::Supervisor);
    const uint64_t walks = m.events().count(EventType::PageWalkDone);
    QCOMPARE(m.translateForDebugger(0x40000010), std::optional<uint32_t>(kFrameA + 0x10));
    QCOMPARE(m.translateForDebugger(0x40001000), std::nullopt);
    QCOMPARE(word(m, kL0) & kA, 0u);
    QCOMPARE(m.events().count(EventType::PageWalkDone), walks);
}

QTEST_APPLESS_MAIN(CoreMmu)
#include "test_core_mmu.moc"
