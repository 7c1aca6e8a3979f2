// Unprivileged instruction semantics of the interpreter: RV32I, M (including the
// division corner cases the spec defines instead of trapping), A, misaligned plain
// accesses (performed, as QEMU does) and self-modifying code.
#include "CoreTestSupport.h"

#include <QTest>

#include <climits>

using namespace vizor;
using coretest::reg;
using coretest::word;

class CoreIsa : public QObject {
    Q_OBJECT
private slots:
    void arithmeticAndLogic();
    void shiftsAndCompares();
    void multiplyHighSigns_data();
    void multiplyHighSigns();
    void divisionCornerCases_data();
    void divisionCornerCases();
    void loadsExtendAndStoresNarrow();
    void misalignedAccessesArePerformed();
    void branchesAndJumps();
    void registerZeroStaysZero();
    void loadReservedStoreConditional();
    void atomicMemoryOperations();
    void storeIntoCodeIsSeenByTheNextFetch();
    void illegalWordTrapsWithItsBits();
};

void CoreIsa::arithmeticAndLogic() {
    Machine m;
    QVERIFY(coretest::runToPowerOff(m, R"(
        li a0, 0x7fffffff
        addi a1, a0, 1          # wraps to INT_MIN
        li a2, 1000
        sub a3, a2, a0
        lui a4, 0xfffff
        xori a5, a2, -1
        ori a6, a2, 0x0f0
        andi a7, a2, 0x3e8
        auipc s2, 0
        la s3, here
    here:
        POWEROFF
    )"));
    QCOMPARE(reg(m, "a1"), 0x80000000u);
    QCOMPARE(reg(m, "a3"), static_cast<uint32_t>(1000 - 0x7fffffff));
    QCOMPARE(reg(m, "a4"), 0xfffff000u);
    QCOMPARE(reg(m, "a5"), ~1000u);
    QCOMPARE(reg(m, "a6"), 1000u | 0xf0u);
    QCOMPARE(reg(m, "a7"), 1000u & 0x3e8u);
    QCOMPARE(reg(m, "s2"), board::kRamBase + 4 * 9); // auipc is the 10th instruction
    QCOMPARE(reg(m, "s3") - reg(m, "s2"), 12u);      // auipc; la = auipc + addi
}

void CoreIsa::shiftsAndCompares() {
    Machine m;
    QVERIFY(coretest::runToPowerOff(m, R"(
        li a0, -16
        srai a1, a0, 2
        srli a2, a0, 28
        slli a3, a0, 31
        li t0, 33               # shift amounts use the low five bits only
        sra a4, a0, t0
        sll a5, a0, t0
        slt a6, a0, zero
        sltu a7, a0, zero
        slti s2, a0, -15
        sltiu s3, zero, -1      # immediate sign-extended, then compared unsigned
        POWEROFF
    )"));
    QCOMPARE(reg(m, "a1"), static_cast<uint32_t>(-4));
    QCOMPARE(reg(m, "a2"), 0xfu);
    QCOMPARE(reg(m, "a3"), 0u);
    QCOMPARE(reg(m, "a4"), static_cast<uint32_t>(-8));
    QCOMPARE(reg(m, "a5"), static_cast<uint32_t>(-32));
    QCOMPARE(reg(m, "a6"), 1u);
    QCOMPARE(reg(m, "a7"), 0u);
    QCOMPARE(reg(m, "s2"), 1u);
    QCOMPARE(reg(m, "s3"), 1u);
}

void CoreIsa::multiplyHighSigns_data() {
    QTest::addColumn<uint32_t>("a");
    QTest::addColumn<uint32_t>("b");
    QTest::newRow("neg*neg") << 0x80000000u << 0x80000000u;
    QTest::newRow("neg*pos") << 0xffffffffu << 0x7fffffffu;
    QTest::newRow("pos*neg") << 3u << 0xfffffffeu;
    QTest::newRow("big") << 0x12345678u << 0x9abcdef0u;
}

void CoreIsa::multiplyHighSigns() {
    QFETCH(uint32_t, a);
    QFETCH(uint32_t, b);
    Machine m;
    QVERIFY(coretest::runToPowerOff(m, QString(R"(
        li t0, %1
        li t1, %2
        mul a0, t0, t1
        mulh a1, t0, t1
        mulhsu a2, t0, t1
        mulhu a3, t0, t1
        POWEROFF
    )")
                                           .arg(a)
                                           .arg(b)
                                           .toStdString()));
    const auto sa = static_cast<int64_t>(static_cast<int32_t>(a));
    const auto sb = static_cast<int64_t>(static_cast<int32_t>(b));
    QCOMPARE(reg(m, "a0"), a * b);
    QCOMPARE(reg(m, "a1"), static_cast<uint32_t>(static_cast<uint64_t>(sa * sb) >> 32));
    QCOMPARE(reg(m, "a2"),
             static_cast<uint32_t>(static_cast<uint64_t>(sa * static_cast<int64_t>(b)) >> 32));
    QCOMPARE(reg(m, "a3"), static_cast<uint32_t>((uint64_t{a} * b) >> 32));
}

void CoreIsa::divisionCornerCases_data() {
    QTest::addColumn<uint32_t>("a");
    QTest::addColumn<uint32_t>("b");
    QTest::addColumn<uint32_t>("div");
    QTest::addColumn<uint32_t>("divu");
    QTest::addColumn<uint32_t>("rem");
    QTest::addColumn<uint32_t>("remu");
    // Division by zero: quotient all ones, remainder the dividend.
    QTest::newRow("by zero") << 7u << 0u << ~0u << ~0u << 7u << 7u;
    // INT_MIN / -1 overflows: quotient INT_MIN, remainder 0.
    QTest::newRow("overflow") << 0x80000000u << ~0u << 0x80000000u << 0u << 0u << 0x80000000u;
    QTest::newRow("signs") << static_cast<uint32_t>(-7) << 2u << static_cast<uint32_t>(-3)
                           << 0x7ffffffcu << static_cast<uint32_t>(-1) << 1u;
}

void CoreIsa::divisionCornerCases() {
    QFETCH(uint32_t, a);
    QFETCH(uint32_t, b);
    Machine m;
    QVERIFY(coretest::runToPowerOff(m, QString(R"(
        li t0, %1
        li t1, %2
        div a0, t0, t1
        divu a1, t0, t1
        rem a2, t0, t1
        remu a3, t0, t1
        POWEROFF
    )")
                                           .arg(a)
                                           .arg(b)
                                           .toStdString()));
    QTEST(reg(m, "a0"), "div");
    QTEST(reg(m, "a1"), "divu");
    QTEST(reg(m, "a2"), "rem");
    QTEST(reg(m, "a3"), "remu");
}

void CoreIsa::loadsExtendAndStoresNarrow() {
    Machine m;
    QVERIFY(coretest::runToPowerOff(m, R"(
        li s0, 0x80100000
        li t0, 0x8091a2b3
        sw t0, 0(s0)
        lb a0, 0(s0)
        lbu a1, 0(s0)
        lh a2, 2(s0)
        lhu a3, 2(s0)
        lw a4, 0(s0)
        li t1, 0x11
        sb t1, 1(s0)
        li t1, 0x7777
        sh t1, 6(s0)
        POWEROFF
    )"));
    QCOMPARE(reg(m, "a0"), 0xffffffb3u);
    QCOMPARE(reg(m, "a1"), 0xb3u);
    QCOMPARE(reg(m, "a2"), 0xffff8091u);
    QCOMPARE(reg(m, "a3"), 0x8091u);
    QCOMPARE(reg(m, "a4"), 0x8091a2b3u);
    QCOMPARE(word(m, 0x80100000), 0x809111b3u);
    QCOMPARE(word(m, 0x80100004), 0x77770000u);
}

void CoreIsa::misalignedAccessesArePerformed() {
    Machine m;
    QVERIFY(coretest::runToPowerOff(m, R"(
        li s0, 0x80100ffe       # crosses a page boundary
        li t0, 0x44332211
        sw t0, 0(s0)
        lw a0, 0(s0)
        lh a1, 1(s0)
        csrr a2, mcause         # no trap was taken
        POWEROFF
    )"));
    QCOMPARE(reg(m, "a0"), 0x44332211u);
    QCOMPARE(reg(m, "a1"), 0x3322u);
    QCOMPARE(reg(m, "a2"), 0u);
    QCOMPARE(m.peekPhysical(0x80101000, 2).value(), 0x4433u);
}

void CoreIsa::branchesAndJumps() {
    Machine m;
    QVERIFY(coretest::runToPowerOff(m, R"(
        li a0, 0
        li t0, -1
        li t1, 1
        blt t0, t1, 1f
        addi a0, a0, 1          # skipped
    1:  bltu t0, t1, 2f         # not taken: 0xffffffff > 1 unsigned
        addi a0, a0, 2
    2:  bge t1, t0, 3f
        addi a0, a0, 4          # skipped
    3:  bgeu t1, t0, 4f         # not taken
        addi a0, a0, 8
    4:  jal ra, sub
        addi a0, a0, 32
        POWEROFF
    sub:
        addi a0, a0, 16
        jalr zero, 0(ra)
    )"));
    QCOMPARE(reg(m, "a0"), 2u + 8u + 16u + 32u);
}

void CoreIsa::registerZeroStaysZero() {
    Machine m;
    QVERIFY(coretest::runToPowerOff(m, R"(
        addi zero, zero, 5
        lui zero, 0x12345
        li s0, 0x80100000
        lw zero, 0(s0)
        add a0, zero, zero
        POWEROFF
    )"));
    QCOMPARE(m.hart().x[0], 0u);
    QCOMPARE(reg(m, "a0"), 0u);
}

void CoreIsa::loadReservedStoreConditional() {
    Machine m;
    QVERIFY(coretest::runToPowerOff(m, R"(
        li s0, 0x80100000
        li t0, 41
        sw t0, 0(s0)
        lr.w a0, (s0)
        addi t1, a0, 1
        sc.w a1, t1, (s0)       # succeeds: 0
        sc.w a2, t1, (s0)       # reservation consumed: 1
        lr.w t2, (s0)
        addi s1, s0, 4
        sc.w a3, t1, (s1)       # fails without writing: reserved address differs
        lr.w t2, (s0)
        sw t2, 0(s0)            # same value stored again: SC still succeeds (as QEMU)
        sc.w a4, t2, (s0)
        lr.w t2, (s0)
        sw zero, 0(s0)          # value changed: SC fails
        sc.w a5, t2, (s0)
        sw t2, 0(s0)
        la t0, handler
        csrw mtvec, t0
        lr.w t2, (s0)
        ecall                   # any trap drops the reservation
        sc.w a6, t2, (s0)
        POWEROFF
    handler:
        csrr t0, mepc
        addi t0, t0, 4
        csrw mepc, t0
        mret
    )"));
    QCOMPARE(reg(m, "a0"), 41u);
    QCOMPARE(reg(m, "a1"), 0u);
    QCOMPARE(reg(m, "a2"), 1u);
    QCOMPARE(reg(m, "a3"), 1u);
    QCOMPARE(reg(m, "a4"), 0u);
    QCOMPARE(reg(m, "a5"), 1u);
    QCOMPARE(reg(m, "a6"), 1u);
    QCOMPARE(word(m, 0x80100000), 42u);
    QCOMPARE(word(m, 0x80100004), 0u);
}

void CoreIsa::atomicMemoryOperations() {
    Machine m;
    QVERIFY(coretest::runToPowerOff(m, R"(
        li s0, 0x80100000
        li t0, -5
        sw t0, 0(s0)
        li t1, 3
        amoadd.w a0, t1, (s0)   # memory becomes -2
        amomax.w a1, t1, (s0)   # 3
        li t2, -1
        amomaxu.w a2, t2, (s0)  # 0xffffffff
        amomin.w a3, t1, (s0)   # -1 (signed min)
        amominu.w a4, t1, (s0)  # 3
        amoxor.w a5, t2, (s0)   # ~3
        amoor.w a6, t1, (s0)    # -1
        amoand.w a7, t1, (s0)   # 3
        amoswap.w s2, zero, (s0)
        POWEROFF
    )"));
    QCOMPARE(reg(m, "a0"), static_cast<uint32_t>(-5));
    QCOMPARE(reg(m, "a1"), static_cast<uint32_t>(-2));
    QCOMPARE(reg(m, "a2"), 3u);
    QCOMPARE(reg(m, "a3"), 0xffffffffu);
    QCOMPARE(reg(m, "a4"), 0xffffffffu);
    QCOMPARE(reg(m, "a5"), 3u);
    QCOMPARE(reg(m, "a6"), ~3u);
    QCOMPARE(reg(m, "a7"), 0xffffffffu);
    QCOMPARE(reg(m, "s2"), 3u);
    QCOMPARE(word(m, 0x80100000), 0u);
}

void CoreIsa::storeIntoCodeIsSeenByTheNextFetch() {
    Machine m;
    // The loop body runs once as written (decoded and cached), then the program
    // rewrites `patch` from "addi a0, a0, 1" to "addi a0, a0, 100" and runs it again.
    QVERIFY(coretest::runToPowerOff(m, R"(
        li a0, 0
        li s1, 2
    again:
    patch:
        addi a0, a0, 1
        addi s1, s1, -1
        beqz s1, done
        la t0, patch
        li t1, 0x06450513       # addi a0, a0, 100
        sw t1, 0(t0)
        j again
    done:
        POWEROFF
    )"));
    QCOMPARE(reg(m, "a0"), 101u);
}

void CoreIsa::illegalWordTrapsWithItsBits() {
    Machine m;
    QVERIFY(coretest::runToPowerOff(m, R"(
        la t0, handler
        csrw mtvec, t0
    bad:
        .word 0xffffffff
        POWEROFF
    handler:
        csrr a0, mcause
        csrr a1, mtval
        csrr a2, mepc
        la a3, bad
        POWEROFF
    )"));
    QCOMPARE(reg(m, "a0"), 2u);
    QCOMPARE(reg(m, "a1"), 0xffffffffu);
    QCOMPARE(reg(m, "a2"), reg(m, "a3"));
}

QTEST_APPLESS_MAIN(CoreIsa)
#include "test_core_isa.moc"
