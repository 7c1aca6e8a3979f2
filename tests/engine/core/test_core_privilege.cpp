// Privileged architecture: CSR access rules, counter enables, trap delegation,
// xRET stacking, TSR/TW/TVM, interrupts (priorities, delegation, the timer) and wfi.
#include "CoreTestSupport.h"

#include <QTest>

using namespace vizor;
using coretest::reg;
using coretest::word;

using coretest::kLogger;
using coretest::logCause;
using coretest::logCount;
using coretest::logTval;

class CorePrivilege : public QObject {
    Q_OBJECT
private slots:
    void unknownAndPrivilegedCsrsAreIllegal();
    void countersNeedCounterEnables_data();
    void countersNeedCounterEnables();
    void supervisorViewsOfMachineRegisters();
    void ecallIsDelegatedByMedeleg();
    void mretRestoresTheStack();
    void trapVirtualizationBits();
    void timerInterruptArrivesAtTheDeadline();
    void vectoredTimerInterruptWithPriority();
    void supervisorTimerThroughStip();
    void wfiFastForwardsToTheTimer();
    void writableTimeAndCounters();
    void tracingReportsEveryRetiredInstruction();
    void wfiWithNothingToWakeItDeadlocks();
    void breakpointStopsBeforeTheInstruction();
};

void CorePrivilege::unknownAndPrivilegedCsrsAreIllegal() {
    Machine m;
    QVERIFY(coretest::runToPowerOff(m, kLogger + R"(
        csrr a0, 0x7c0          # unimplemented: illegal
        csrr a1, mvendorid      # read-only, only read: fine (0)
        csrw mvendorid, zero    # write to a read-only CSR: illegal
        ENTER 1, super
    super:
        csrr a2, sstatus        # fine in S
        csrr a3, mstatus        # M-level CSR from S: illegal
        ecall                   # cause 9
        POWEROFF
    )"));
    QCOMPARE(logCount(m), 4u);
    QCOMPARE(logCause(m, 0), 2u);
    QCOMPARE(logTval(m, 0), 0x7c002573u); // the instruction bits: csrr a0, 0x7c0
    QCOMPARE(logCause(m, 1), 2u);
    QCOMPARE(logTval(m, 1), 0xf1101073u); // csrw mvendorid, zero
    QCOMPARE(logCause(m, 2), 2u);
    QCOMPARE(logCause(m, 3), 9u);
    QCOMPARE(logTval(m, 3), 0u);
    QCOMPARE(reg(m, "a1"), 0u);
    QCOMPARE(m.hart().priv, Privilege::Supervisor); // poweroff was written from S
}

void CorePrivilege::countersNeedCounterEnables_data() {
    QTest::addColumn<int>("mcounteren");
    QTest::addColumn<int>("scounteren");
    QTest::addColumn<uint32_t>("trapsAfterS");
    QTest::addColumn<uint32_t>("trapsAfterU");
    QTest::newRow("none") << 0 << 0 << 1u << 2u;
    QTest::newRow("M allows S") << 1 << 0 << 0u << 1u;
    QTest::newRow("both allow U") << 1 << 1 << 0u << 0u;
    QTest::newRow("S alone cannot") << 0 << 1 << 1u << 2u;
}

void CorePrivilege::countersNeedCounterEnables() {
    QFETCH(int, mcounteren);
    QFETCH(int, scounteren);
    Machine m;
    QVERIFY(coretest::runToPowerOff(m, kLogger + QString(R"(
        li t0, %1
        csrw mcounteren, t0
        li t0, %2
        csrw scounteren, t0
        ENTER 1, super
    super:
        rdcycle a0
        li t0, 0x80100000
        lw s2, 0(t0)
        la t0, user
        csrw sepc, t0
        li t0, 0x100            # SPP = U
        csrc sstatus, t0
        sret
    user:
        rdcycle a1
        li t0, 0x80100000
        lw s3, 0(t0)
        POWEROFF
    )")
                                                     .arg(mcounteren)
                                                     .arg(scounteren)
                                                     .toStdString()));
    QTEST(reg(m, "s2"), "trapsAfterS");
    QTEST(reg(m, "s3"), "trapsAfterU");
}

void CorePrivilege::supervisorViewsOfMachineRegisters() {
    Machine m;
    QVERIFY(coretest::runToPowerOff(m, R"(
        li t0, 0x8              # MIE
        csrs mstatus, t0
        li t0, -1
        csrw sstatus, t0        # only the S fields change
        csrr a0, mstatus
        csrr a1, sstatus
        li t0, 0x222            # delegate SSI, STI, SEI
        csrw mideleg, t0
        li t0, -1
        csrw sie, t0            # only delegated bits are writable through sie
        csrr a2, mie
        csrw sip, t0            # only SSIP is writable through sip
        csrr a3, mip
        csrr a4, misa
        csrr a5, mhartid
        POWEROFF
    )"));
    QCOMPARE(reg(m, "a0"), 0x8u | 0x2u | 0x20u | 0x100u | 0x40000u | 0x80000u);
    QCOMPARE(reg(m, "a1"), 0x2u | 0x20u | 0x100u | 0x40000u | 0x80000u);
    QCOMPARE(reg(m, "a2"), 0x222u);
    QCOMPARE(reg(m, "a3") & 0x222u, 0x2u);
    QCOMPARE(reg(m, "a4"), 0x40141101u);
    QCOMPARE(reg(m, "a5"), 0u);
}

void CorePrivilege::ecallIsDelegatedByMedeleg() {
    Machine m;
    QVERIFY(coretest::runToPowerOff(m, R"(
        la t0, mhandler
        csrw mtvec, t0
        la t0, shandler
        csrw stvec, t0
        li t0, (1 << 8)         # delegate ecall from U
        csrw medeleg, t0
        ENTER 0, user
    user:
        ecall                   # to S
    back_in_user:
        j back_in_user
    shandler:
        csrr s2, scause
        csrr s3, sepc
        csrr s4, sstatus        # SPP = U (0), SPIE = SIE (0)
        ecall                   # from S: not delegated, to M
    mhandler:
        csrr s5, mcause
        csrr s6, mstatus        # MPP = S
        POWEROFF
    )"));
    QCOMPARE(reg(m, "s2"), 8u);
    QCOMPARE(reg(m, "s4") & 0x100u, 0u);
    QCOMPARE(reg(m, "s5"), 9u);
    QCOMPARE((reg(m, "s6") >> 11) & 3u, 1u);
    QCOMPARE(m.events().count(EventType::Exception), 2u);
}

void CorePrivilege::mretRestoresTheStack() {
    Machine m;
    QVERIFY(coretest::runToPowerOff(m, R"(
        la t0, handler
        csrw mtvec, t0
        li t0, 0x8              # MIE = 1
        csrs mstatus, t0
        ecall
        csrr a1, mstatus        # after mret: MIE = MPIE (1), MPIE = 1, MPP = U
        POWEROFF
    handler:
        csrr a0, mstatus        # in the trap: MIE = 0, MPIE = 1, MPP = M
        csrr t0, mepc
        addi t0, t0, 4
        csrw mepc, t0
        mret
    )"));
    QCOMPARE(reg(m, "a0") & 0x1888u, 0x1880u);
    QCOMPARE(reg(m, "a1") & 0x1888u, 0x0088u);
    QCOMPARE(m.events().count(EventType::TrapReturn), 1u);
}

void CorePrivilege::trapVirtualizationBits() {
    Machine m;
    QVERIFY(coretest::runToPowerOff(m, kLogger + R"(
        li t0, (1 << 20) | (1 << 21) | (1 << 22)   # TVM, TW, TSR
        csrs mstatus, t0
        la t0, s_after
        csrw sepc, t0
        ENTER 1, super
    super:
        csrr a0, satp           # TVM: illegal
        sfence.vma              # TVM: illegal
        wfi                     # TW: illegal
        sret                    # TSR: illegal
        li t0, 0x80100000
        lw a1, 0(t0)
        POWEROFF
    s_after:
        POWEROFF
    )"));
    QCOMPARE(reg(m, "a1"), 4u);
    for (int i = 0; i < 4; ++i)
        QCOMPARE(logCause(m, i), 2u);
}

void CorePrivilege::timerInterruptArrivesAtTheDeadline() {
    MachineConfig config;
    config.cyclesPerTimerTick = 10;
    Machine m(config);
    QVERIFY(coretest::runToPowerOff(m, R"(
        la t0, handler
        csrw mtvec, t0
        li t0, CLINT_MTIMECMP
        li t1, 500              # fires when mtime reaches 500, i.e. at cycle 5000
        sw t1, 0(t0)
        sw zero, 4(t0)
        li t0, 0x80             # MTIE
        csrw mie, t0
        csrsi mstatus, 0x8      # MIE
        li a0, 0
    spin:
        addi a0, a0, 1
        j spin
    handler:
        csrr s2, mcause
        csrr s3, mcycle
        li t0, CLINT_MTIME
        lw s4, 0(t0)
        POWEROFF
    )"));
    QCOMPARE(reg(m, "s2"), 0x80000007u);
    // The interrupt is taken at cycle 5000 and costs one cycle; csrr mcycle is the
    // handler's first instruction after `csrr mcause`.
    QCOMPARE(reg(m, "s3"), 5002u);
    QCOMPARE(reg(m, "s4"), 500u);
    QCOMPARE(m.events().count(EventType::Interrupt), 1u);
    QCOMPARE(m.events().count(EventType::TimerSet), 2u);
}

void CorePrivilege::vectoredTimerInterruptWithPriority() {
    Machine m;
    QVERIFY(coretest::runToPowerOff(m, R"(
        la t0, vectors
        ori t0, t0, 1           # vectored mode
        csrw mtvec, t0
        li t0, CLINT_MSIP
        li t1, 1
        sw t1, 0(t0)            # MSIP pending
        li t0, CLINT_MTIMECMP
        sw zero, 0(t0)          # MTIP pending too (mtime >= 0)
        sw zero, 4(t0)
        li t0, 0x88             # MSIE | MTIE
        csrw mie, t0
        csrsi mstatus, 0x8
    spin:
        j spin
        .align 2
    vectors:
        j spin                  # 0: exceptions
        j spin
        j spin
        j msi                   # 3: machine software interrupt, higher priority than MTI
        j spin
        j spin
        j spin
        j mti                   # 7
    msi:
        csrr s2, mcause
        li t0, CLINT_MSIP
        sw zero, 0(t0)
        mret
    mti:
        csrr s3, mcause
        POWEROFF
    )"));
    QCOMPARE(reg(m, "s2"), 0x80000003u);
    QCOMPARE(reg(m, "s3"), 0x80000007u);
}

void CorePrivilege::supervisorTimerThroughStip() {
    Machine m;
    QVERIFY(coretest::runToPowerOff(m, R"(
        la t0, shandler
        csrw stvec, t0
        li t0, 0x20             # delegate STI
        csrw mideleg, t0
        csrw mie, t0            # STIE
        csrs mip, t0            # M raises STIP (writable from M)
        li t0, 0x2              # SIE
        csrs mstatus, t0
        ENTER 1, super
    super:
        j super
    shandler:
        csrr s2, scause
        csrr s3, sstatus
        POWEROFF
    )"));
    QCOMPARE(reg(m, "s2"), 0x80000005u);
    QCOMPARE(reg(m, "s3") & 0x122u, 0x120u); // SPP = S, SPIE = 1, SIE = 0
    QCOMPARE(m.hart().priv, Privilege::Supervisor);
}

void CorePrivilege::wfiFastForwardsToTheTimer() {
    MachineConfig config;
    config.cyclesPerTimerTick = 10;
    Machine m(config);
    QVERIFY(coretest::runToPowerOff(m, R"(
        li t0, CLINT_MTIMECMP
        li t1, 1000000
        sw t1, 0(t0)
        sw zero, 4(t0)
        li t0, 0x80             # MTIE, but MIE stays 0: wfi wakes, no trap
        csrw mie, t0
        wfi
        csrr s2, mcycle
        csrr s3, mip
        POWEROFF
    )"));
    QCOMPARE(reg(m, "s2"), 10000000u);
    QCOMPARE(reg(m, "s3") & 0x80u, 0x80u);
    QVERIFY(m.hart().steps < 40);
    QCOMPARE(m.events().count(EventType::Wfi), 1u);
}

void CorePrivilege::writableTimeAndCounters() {
    MachineConfig config;
    config.cyclesPerTimerTick = 10;
    Machine m(config);
    QVERIFY(coretest::runToPowerOff(m, R"(
        li t0, CLINT_MTIMECMP
        li t1, 0x5000
        sw t1, 0(t0)
        sw zero, 4(t0)
        csrr s2, mip            # mtime is small: MTIP clear
        li t0, CLINT_MTIME
        li t1, 0x6000
        sw t1, 0(t0)            # mtime jumps past mtimecmp
        csrr s3, mip
        rdtime s4               # counts on from the written value
        li t1, 1000000
        csrw minstret, t1
        csrr s5, minstret       # the next instruction reads the written value
        csrw mcycle, t1
        csrr s6, mcycle
        POWEROFF
    )"));
    QCOMPARE(reg(m, "s2") & 0x80u, 0u);
    QCOMPARE(reg(m, "s3") & 0x80u, 0x80u);
    QVERIFY(reg(m, "s4") >= 0x6000u && reg(m, "s4") < 0x6002u);
    QCOMPARE(reg(m, "s5"), 1000000u);
    QCOMPARE(reg(m, "s6"), 1000000u);
    // The machine's own counters (the timeline) did not move back.
    QVERIFY(m.hart().instret < 100);
}

void CorePrivilege::tracingReportsEveryRetiredInstruction() {
    for (const bool trace : {false, true}) {
        MachineConfig config;
        config.traceInstructions = trace;
        Machine m(config);
        m.events().setRecordMask(kAllEvents); // keep them in the ring, not just counted
        QVERIFY(coretest::runToPowerOff(m, R"(
            la t0, handler
            csrw mtvec, t0
            li a0, 3
        loop:
            addi a0, a0, -1
            bnez a0, loop
            ebreak              # traps: a step, not a retirement
        handler:
            POWEROFF
        )"));
        const EventStream& events = m.events();
        QCOMPARE(events.count(EventType::Exception), 1u);
        QCOMPARE(m.hart().steps, m.hart().instret + 1);
        if (!trace) {
            QCOMPARE(events.count(EventType::InstructionRetired), 0u);
            continue;
        }
        QCOMPARE(events.count(EventType::InstructionRetired), m.hart().instret);
        std::vector<Event> retired;
        for (const Event& e : events.recent())
            if (e.type == EventType::InstructionRetired) retired.push_back(e);
        QCOMPARE(retired.size(), m.hart().instret);
        QCOMPARE(retired.front().pc, board::kRamBase);
        QCOMPARE(retired.front().a & 0x7fu, 0x17u); // auipc, the first half of `la`
        QCOMPARE(retired.front().cycle, 0u);
        QCOMPARE(retired[1].instret, 1u);
    }
}

void CorePrivilege::wfiWithNothingToWakeItDeadlocks() {
    Machine m;
    QVERIFY(coretest::load(m, R"(
        csrw mie, zero
        wfi
        POWEROFF
    )"));
    const RunResult r = m.run(1000);
    QCOMPARE(r.reason, HaltReason::Deadlock);
    QCOMPARE(m.haltReason(), HaltReason::Deadlock);
    QCOMPARE(m.run(10).reason, HaltReason::Deadlock); // sticky
}

void CorePrivilege::breakpointStopsBeforeTheInstruction() {
    Machine m;
    QVERIFY(coretest::load(m, R"(
        li a0, 0
    loop:
        addi a0, a0, 1
        j loop
    )"));
    const uint32_t loop = board::kRamBase + 4;
    const std::unordered_set<uint32_t> breakpoints{loop};
    RunResult r = m.run(100, &breakpoints);
    QCOMPARE(r.reason, HaltReason::Breakpoint);
    QCOMPARE(r.executed, 1u);
    QCOMPARE(m.hart().pc, loop);
    QCOMPARE(m.hart().x[10], 0u);
    // Continuing moves off the breakpoint and stops when it comes round again.
    r = m.run(100, &breakpoints);
    QCOMPARE(r.reason, HaltReason::Breakpoint);
    QCOMPARE(r.executed, 2u);
    QCOMPARE(m.hart().x[10], 1u);
    r = m.run(7);
    QCOMPARE(r.reason, HaltReason::InstructionLimit);
    QCOMPARE(m.hart().steps, 10u);
}

QTEST_APPLESS_MAIN(CorePrivilege)
#include "test_core_privilege.moc"
