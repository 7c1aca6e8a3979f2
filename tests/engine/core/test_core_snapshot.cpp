// Snapshots, restore and determinism: a restored machine is byte-identical (state
// hash, console, event counters) to the one that was saved, replay after a restore
// matches an uninterrupted run, run slicing does not change results, and snapshots
// share unchanged RAM pages copy-on-write.
#include "CoreTestSupport.h"
#include "machine/SnapshotStats.h"

#include <QTest>

using namespace vizor;
using coretest::reg;

namespace {

// Timer interrupts every 300 ticks (3000 cycles) print a digit; the main loop dirties memory over
// 16 pages and uses the M extension; after 12 ticks the program powers off.
const std::string kBusyProgram = R"(
    la t0, handler
    csrw mtvec, t0
    li s0, 0                # ticks
    li s1, 0x80400000       # work area
    li t0, CLINT_MTIME
    lw t1, 0(t0)
    addi t1, t1, 300
    li t0, CLINT_MTIMECMP
    sw t1, 0(t0)
    sw zero, 4(t0)
    li t0, 0x80
    csrw mie, t0
    csrsi mstatus, 0x8
    li s2, 0
work:
    addi s2, s2, 1
    mul t1, s2, s2
    li t4, 0x3ffc
    and t2, s2, t4
    slli t2, t2, 2
    add t2, t2, s1
    sw t1, 0(t2)
    li t3, 12
    blt s0, t3, work
    POWEROFF
handler:
    addi s0, s0, 1
    li t5, UART
    addi t6, s0, 47
    sb t6, 0(t5)
    li t5, CLINT_MTIMECMP
    lw t6, 0(t5)
    addi t6, t6, 300
    sw t6, 0(t5)
    mret
)";

struct Fingerprint {
    uint64_t hash;
    std::string console;
    std::array<uint64_t, kEventTypeCount> counts;
    uint64_t steps;
    bool operator==(const Fingerprint&) const = default;
};

Fingerprint fingerprint(const Machine& m) {
    return {m.stateHash(), m.console(), m.events().counts(), m.hart().steps};
}

} // namespace

class CoreSnapshot : public QObject {
    Q_OBJECT
private slots:
    void programRunsToCompletion();
    void identicalMachinesHashIdentically();
    void runSlicingDoesNotChangeTheResult();
    void restoreBringsEverythingBack();
    void replayAfterRestoreMatchesAnUninterruptedRun();
    void snapshotsShareUnchangedPages();
    void snapshotIsImmutable();
    void hashCoversMemoryAndRegisters();
    void resetReturnsToTheLoadedState();
};

void CoreSnapshot::programRunsToCompletion() {
    Machine m;
    QVERIFY(coretest::runToPowerOff(m, kBusyProgram, 10'000'000));
    QCOMPARE(QString::fromStdString(m.console()), QString("0123456789:;"));
    QCOMPARE(reg(m, "s0"), 12u);
    QCOMPARE(m.events().count(EventType::Interrupt), 12u);
}

void CoreSnapshot::identicalMachinesHashIdentically() {
    Machine a, b;
    QVERIFY(coretest::load(a, kBusyProgram));
    QVERIFY(coretest::load(b, kBusyProgram));
    QCOMPARE(a.stateHash(), b.stateHash());
    a.run(5000);
    b.run(5000);
    QCOMPARE(a.stateHash(), b.stateHash());
    a.run(1);
    QVERIFY(a.stateHash() != b.stateHash());
}

void CoreSnapshot::runSlicingDoesNotChangeTheResult() {
    Machine whole, sliced;
    QVERIFY(coretest::load(whole, kBusyProgram));
    QVERIFY(coretest::load(sliced, kBusyProgram));
    whole.run(20000);
    uint64_t slice = 1;
    while (sliced.hart().steps < 20000 && sliced.haltReason() != HaltReason::PowerOff) {
        sliced.run(std::min<uint64_t>(slice, 20000 - sliced.hart().steps));
        slice = slice * 3 % 1000 + 1;
    }
    QVERIFY(fingerprint(whole) == fingerprint(sliced));
}

void CoreSnapshot::restoreBringsEverythingBack() {
    Machine m;
    QVERIFY(coretest::load(m, kBusyProgram));
    m.run(7000);
    const SnapshotPtr saved = m.snapshot();
    const Fingerprint before = fingerprint(m);
    const uint64_t recorded = m.events().totalRecorded();
    m.run(9000);
    QVERIFY(!(fingerprint(m) == before));
    m.restore(saved);
    QVERIFY(fingerprint(m) == before);
    QCOMPARE(m.events().totalRecorded(), recorded);
    QCOMPARE(m.haltReason(), HaltReason::InstructionLimit);
}

void CoreSnapshot::replayAfterRestoreMatchesAnUninterruptedRun() {
    Machine reference;
    QVERIFY(coretest::runToPowerOff(reference, kBusyProgram, 10'000'000));

    Machine m;
    QVERIFY(coretest::load(m, kBusyProgram));
    m.run(3000);
    const SnapshotPtr early = m.snapshot();
    m.run(4000);
    const SnapshotPtr later = m.snapshot();
    m.run(6000);
    m.restore(early); // back past `later`, then forward again
    QCOMPARE(m.run(10'000'000).reason, HaltReason::PowerOff);
    QVERIFY(fingerprint(m) == fingerprint(reference));
    m.restore(later);
    QCOMPARE(m.run(10'000'000).reason, HaltReason::PowerOff);
    QVERIFY(fingerprint(m) == fingerprint(reference));
}

void CoreSnapshot::snapshotsShareUnchangedPages() {
    Machine m;
    QVERIFY(coretest::load(m, R"(
        li s0, 0x80100000
        li t0, 1
        sw t0, 0(s0)
        li s1, 0x80101000
        sw t0, 0(s1)
        li s1, 0x80102000
        sw t0, 0(s1)
    spin:
        j spin
    )"));
    const SnapshotPtr first = m.snapshot();
    const std::size_t pages = snapshotPageCount(first);
    QCOMPARE(pages, std::size_t{m.config().ramSize / 4096});
    m.run(9);
    const SnapshotPtr second = m.snapshot();
    // Exactly the three stored-to pages were copied.
    QCOMPARE(sharedPageCount(first, second), pages - 3);
    m.run(10); // spins: no stores
    const SnapshotPtr third = m.snapshot();
    QCOMPARE(sharedPageCount(second, third), pages);
}

void CoreSnapshot::snapshotIsImmutable() {
    Machine m;
    QVERIFY(coretest::load(m, R"(
        li s0, 0x80100000
        li t0, 5
        sw t0, 0(s0)
        li t0, 6
        sw t0, 0(s0)
    spin:
        j spin
    )"));
    m.run(3);
    const SnapshotPtr s = m.snapshot();
    QCOMPARE(m.peekPhysical(0x80100000, 4).value(), 5u);
    m.run(10);
    QCOMPARE(m.peekPhysical(0x80100000, 4).value(), 6u);
    m.restore(s);
    QCOMPARE(m.peekPhysical(0x80100000, 4).value(), 5u);
    m.run(10);
    QCOMPARE(m.peekPhysical(0x80100000, 4).value(), 6u);
    m.restore(s); // restoring the same snapshot twice
    QCOMPARE(m.peekPhysical(0x80100000, 4).value(), 5u);
}

void CoreSnapshot::hashCoversMemoryAndRegisters() {
    Machine m;
    QVERIFY(coretest::load(m, kBusyProgram));
    const uint64_t h = m.stateHash();
    QVERIFY(m.pokePhysical(0x80f00000, 1, 1));
    const uint64_t poked = m.stateHash();
    QVERIFY(poked != h);
    QVERIFY(m.pokePhysical(0x80f00000, 0, 1));
    QCOMPARE(m.stateHash(), h);
    m.hart().x[5] = 1;
    QVERIFY(m.stateHash() != h);
}

void CoreSnapshot::resetReturnsToTheLoadedState() {
    Machine m;
    QVERIFY(coretest::load(m, kBusyProgram));
    const uint64_t h = m.stateHash();
    m.run(12345);
    m.reset();
    QCOMPARE(m.stateHash(), h);
    QCOMPARE(m.hart().steps, 0u);
    QVERIFY(m.console().empty());
}

QTEST_APPLESS_MAIN(CoreSnapshot)
#include "test_core_snapshot.moc"
