// Hostile guests: programs that never end, trap without pause, rewrite their own page
// tables, map the device region everywhere, or dirty all of RAM again and again. For
// each, the engine must stay bounded — every step returns, the event ring and the
// debugger's snapshot history keep their size — and the user keeps control: a run in
// slices can be paused, stepped back (to the exact earlier state) and reset.
#include "asm/Assembler.h"
#include "debug/Debugger.h"
#include "machine/Machine.h"

#include <QTest>

#include <string>

using namespace vizor;

namespace {

constexpr uint64_t kInterval = 1000; // snapshot every 1,000 steps: many snapshots, fast

// M-mode prelude: a trap handler that skips the faulting instruction (or, after a bad
// jump, returns to ra), then `mret` into S-mode at `s_entry` with Sv32 on, using the
// root table at `root` (filled in by the program before ENTER_S).
const char* kPrelude = R"(
    .equ UART, 0x10000000
    .macro ENTER_S label
        la t0, trap
        csrw mtvec, t0
        la t0, root
        srli t0, t0, 12
        li t1, 0x80000000
        or t0, t0, t1
        csrw satp, t0
        li t0, 0x1800
        csrc mstatus, t0
        li t0, 0x0800
        csrs mstatus, t0
        la t0, \label
        csrw mepc, t0
        mret
    .endm
)";

const char* kSkippingTrapHandler = R"(
trap:
    csrr t5, mcause
    li t6, 1               # instruction access fault: the jump target was not memory
    beq t5, t6, 1f
    csrr t5, mepc
    addi t5, t5, 4
    csrw mepc, t5
    mret
1:  csrw mepc, ra
    mret
)";

// The identity megapage for the RAM that holds code and tables (VPN[1] 0x200).
const char* kIdentityRam = R"(
    la t0, root
    li t1, (0x80000 << 10) | 0xcf      # PPN 0x80000, D A X W R V
    li t2, 0x200 * 4
    add t2, t0, t2
    sw t1, 0(t2)
)";

Program assembleOrFail(const std::string& source) {
    const AssemblyResult result = assemble(std::string(kPrelude) + source);
    if (!result.ok()) qFatal("%s", result.errors.front().format().c_str());
    return result.program;
}

// Neither powered off nor stuck: the guest is still running when the slice ends.
bool stillRunning(const Machine& machine) {
    const HaltReason r = machine.haltReason();
    return r == HaltReason::None || r == HaltReason::InstructionLimit;
}

// Runs in GUI-sized slices, checking after each that the run paused where asked.
bool runSlices(Debugger& debugger, int slices, uint64_t steps) {
    for (int i = 0; i < slices; ++i) {
        const uint64_t before = debugger.position();
        const RunResult r = debugger.continueRun(steps);
        if (r.reason != HaltReason::InstructionLimit || r.executed != steps) return false;
        if (debugger.position() != before + steps) return false;
    }
    return true;
}

// The user's controls on a machine that is running a hostile guest: a single step
// takes exactly one step, step back returns to the exact earlier state, travelling far
// back and forward again reproduces the present, and reset returns to the entry.
void checkControls(Machine& machine, Debugger& debugger, uint32_t entry) {
    const uint64_t now = debugger.position();
    const uint64_t hashNow = machine.stateHash();
    const RunResult one = debugger.stepInstruction();
    QCOMPARE(one.executed, uint64_t{1});
    QVERIFY(debugger.stepBack(1));
    QCOMPARE(debugger.position(), now);
    QCOMPARE(machine.stateHash(), hashNow);
    QVERIFY(debugger.goTo(now / 3));
    QVERIFY(debugger.goTo(now));
    QCOMPARE(machine.stateHash(), hashNow);
    machine.reset();
    debugger.resetHistory();
    QCOMPARE(debugger.position(), uint64_t{0});
    QCOMPARE(machine.hart().pc, entry);
}

} // namespace

class HostileGuestsTest : public QObject {
    Q_OBJECT
private slots:
    void infiniteLoopPausesStepsBackAndResets();
    void trapStormKeepsEveryStepAndTheEventRingBounded();
    void trapVectorOnAnIllegalInstructionTrapsForever();
    void pageTableRewrittenInALoop();
    void deviceRegionMappedEverywhere();
    void memoryFillerKeepsTheHistoryWithinItsBudget();
    void snapshotCountIsBoundedByDefault();
};

void HostileGuestsTest::infiniteLoopPausesStepsBackAndResets() {
    Machine machine;
    machine.load(assembleOrFail("_start: j _start\n"));
    Debugger debugger(machine, kInterval);
    QVERIFY(runSlices(debugger, 20, 50'000));
    QVERIFY(stillRunning(machine));
    checkControls(machine, debugger, 0x80000000u);
}

// An ecall in a loop, each served by a handler: two traps in every ten steps.
void HostileGuestsTest::trapStormKeepsEveryStepAndTheEventRingBounded() {
    Machine machine;
    machine.load(assembleOrFail(std::string(R"(
_start:
    la t0, trap
    csrw mtvec, t0
loop:
    ecall
    j loop
)") + kSkippingTrapHandler));
    Debugger debugger(machine, kInterval);
    const std::size_t ringCapacity = machine.events().capacity();
    QVERIFY(runSlices(debugger, 20, 50'000));
    QVERIFY(machine.events().count(EventType::Exception) > 100'000);
    QCOMPARE(machine.events().capacity(), ringCapacity);
    QVERIFY(machine.events().recent().size() <= ringCapacity);
    checkControls(machine, debugger, 0x80000000u);
}

// mtvec points at a word that is not an instruction: the handler's first fetch traps
// again, forever. Every step still returns after one step.
void HostileGuestsTest::trapVectorOnAnIllegalInstructionTrapsForever() {
    Machine machine;
    const Program program = assembleOrFail(R"(
_start:
    la t0, bad
    csrw mtvec, t0
    ecall
bad:
    .word 0
)");
    machine.load(program);
    Debugger debugger(machine, kInterval);
    for (int i = 0; i < 1000; ++i)
        QCOMPARE(debugger.stepInstruction().executed, uint64_t{1});
    QVERIFY(runSlices(debugger, 10, 20'000));
    QVERIFY(machine.events().count(EventType::Exception) > 200'000);
    QCOMPARE(machine.hart().pc, program.symbol("bad").value()); // still at `bad`
    checkControls(machine, debugger, 0x80000000u);
}

// S-mode rewrites the root entry that maps VA 0x40000000, fences and reads through it,
// switching between two frames, forever.
void HostileGuestsTest::pageTableRewrittenInALoop() {
    Machine machine;
    machine.load(assembleOrFail(std::string("_start:\n") + kIdentityRam + R"(
    ENTER_S s_entry
s_entry:
    la t0, root
    li t1, 0x100 * 4
    add t0, t0, t1                     # the entry for VA 0x40000000
    li t1, (0x80000 << 10) | 0xcf
    li t2, (0x80400 << 10) | 0xcf
    li t3, 0x40000000
loop:
    sw t1, 0(t0)
    sfence.vma
    lw a0, 0(t3)
    sw t2, 0(t0)
    sfence.vma
    lw a1, 0(t3)
    j loop
)" + kSkippingTrapHandler + R"(
    .align 12
root:
    .space 4096
)"));
    Debugger debugger(machine, kInterval);
    QVERIFY(runSlices(debugger, 10, 30'000));
    QCOMPARE(machine.hart().priv, Privilege::Supervisor);
    QVERIFY(machine.tlbStats().flushes > 40'000);
    QVERIFY(debugger.snapshotCount() <= 64);
    checkControls(machine, debugger, 0x80000000u);
}

// Every megapage but the code's maps the UART. S-mode then loads and stores through
// all of them, and jumps into one (an instruction access fault: devices are not
// executable memory).
void HostileGuestsTest::deviceRegionMappedEverywhere() {
    Machine machine;
    machine.load(assembleOrFail(std::string("_start:\n") + R"(
    la t0, root
    li t1, (0x10000 << 10) | 0xcf      # PPN 0x10000: the UART
    li t2, 1024
1:  sw t1, 0(t0)
    addi t0, t0, 4
    addi t2, t2, -1
    bnez t2, 1b
)" + kIdentityRam + R"(
    ENTER_S s_entry
s_entry:
    li s0, 0
    li s1, 0x00400000                  # one megapage
    li s2, 0x80000000                  # the code's own megapage is skipped
loop:
    beq s0, s2, next
    lbu a0, 5(s0)                      # the UART's line status register, everywhere
    sb zero, 1(s0)                     # interrupt enable: off
    jalr ra, 0(s0)                     # fetch from a device: access fault, back at ra
next:
    add s0, s0, s1
    j loop
)" + kSkippingTrapHandler + R"(
    .align 12
root:
    .space 4096
)"));
    Debugger debugger(machine, kInterval);
    QVERIFY(runSlices(debugger, 10, 30'000));
    QVERIFY(stillRunning(machine));
    QVERIFY(machine.events().count(EventType::Exception) > 1000);
    checkControls(machine, debugger, 0x80000000u);
}

// Writes a new value into every page of RAM above the code, again and again: each
// snapshot interval dirties thousands of pages. The history's own pages stay within
// the budget, and travelling back to a thinned-out region is still exact.
void HostileGuestsTest::memoryFillerKeepsTheHistoryWithinItsBudget() {
    Machine machine;
    machine.load(assembleOrFail(R"(
_start:
    li s0, 0x80010000
    li s1, 0x81000000                  # the end of 16 MiB of RAM
    li s2, 4096
    li a0, 0
pass:
    addi a0, a0, 1
    mv t0, s0
1:  sw a0, 0(t0)
    add t0, t0, s2
    bltu t0, s1, 1b
    j pass
)"));
    Debugger debugger(machine, 10'000);
    constexpr std::size_t kMaxPages = 8192;
    debugger.setSnapshotBudget(SnapshotBudget(1000, kMaxPages));
    QVERIFY(runSlices(debugger, 40, 10'000));
    QVERIFY(debugger.snapshotPages() <= kMaxPages);
    QVERIFY(debugger.snapshotPages() > kMaxPages / 4); // the guest really dirtied RAM
    QVERIFY(debugger.snapshotCount() < 40);            // so snapshots were thinned

    // Exactness where snapshots were thinned: compare with a straight run.
    Machine straight;
    straight.load(assembleOrFail(R"(
_start:
    li s0, 0x80010000
    li s1, 0x81000000
    li s2, 4096
    li a0, 0
pass:
    addi a0, a0, 1
    mv t0, s0
1:  sw a0, 0(t0)
    add t0, t0, s2
    bltu t0, s1, 1b
    j pass
)"));
    straight.run(123'457);
    QVERIFY(debugger.goTo(123'457));
    QCOMPARE(machine.stateHash(), straight.stateHash());
    checkControls(machine, debugger, 0x80000000u);
}

// With the default budget, a long run keeps at most 64 snapshots however long it runs.
void HostileGuestsTest::snapshotCountIsBoundedByDefault() {
    Machine machine;
    machine.load(assembleOrFail("_start: j _start\n"));
    Debugger debugger(machine, 100);
    QVERIFY(runSlices(debugger, 10, 100'000)); // 10,000 snapshot boundaries
    QVERIFY(debugger.snapshotCount() <= 64);
    QVERIFY(debugger.snapshotCount() >= 32);
    QVERIFY(debugger.goTo(1));
    QCOMPARE(debugger.position(), uint64_t{1});
}

QTEST_APPLESS_MAIN(HostileGuestsTest)
#include "test_hostile_guests.moc"
