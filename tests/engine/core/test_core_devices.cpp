// The board's devices as a guest sees them: the ns16550a UART (registers, DLAB,
// console and events), the sifive_test finisher, the CLINT's msip, empty virtio-mmio
// slots and the PLIC, and access faults on holes in the memory map.
#include "CoreTestSupport.h"

#include <QTest>

using namespace vizor;
using coretest::kLogger;
using coretest::logCause;
using coretest::logCount;
using coretest::logTval;
using coretest::reg;

class CoreDevices : public QObject {
    Q_OBJECT
private slots:
    void uartRegistersAndConsole();
    void finisherReportsFailureCodes_data();
    void finisherReportsFailureCodes();
    void clintSoftwareInterruptBit();
    void platformRegionsAndHoles();
};

void CoreDevices::uartRegistersAndConsole() {
    Machine m;
    QVERIFY(coretest::runToPowerOff(m, R"(
        li s0, UART
        lbu a0, 5(s0)           # LSR: THRE | TEMT
        li t0, 0x80
        sb t0, 3(s0)            # LCR.DLAB = 1
        li t0, 3
        sb t0, 0(s0)            # DLL: not transmitted
        sb zero, 1(s0)          # DLM
        lbu a1, 0(s0)           # reads DLL back
        sb zero, 3(s0)          # DLAB = 0
        li t0, 0x5a
        sb t0, 7(s0)            # SCR
        lbu a2, 7(s0)
        li t0, 'O'
        sb t0, 0(s0)
        li t0, 'K'
        sb t0, 0(s0)
        lbu a3, 2(s0)           # IIR: no interrupt pending
        POWEROFF
    )"));
    QCOMPARE(reg(m, "a0"), 0x60u);
    QCOMPARE(reg(m, "a1"), 3u);
    QCOMPARE(reg(m, "a2"), 0x5au);
    QCOMPARE(reg(m, "a3") & 1u, 1u);
    QCOMPARE(QString::fromStdString(m.console()), QString("OK"));
    QCOMPARE(m.events().count(EventType::ConsoleOutput), 2u);
    QCOMPARE(m.events().count(EventType::Halt), 1u);
    QCOMPARE(m.exitCode(), 0u);
}

void CoreDevices::finisherReportsFailureCodes_data() {
    QTest::addColumn<uint32_t>("value");
    QTest::addColumn<int>("reason");
    QTest::addColumn<uint32_t>("code");
    QTest::newRow("pass") << 0x5555u << int(HaltReason::PowerOff) << 0u;
    QTest::newRow("fail 7") << (0x3333u | 7u << 16) << int(HaltReason::Failure) << 7u;
    QTest::newRow("reset") << 0x7777u << int(HaltReason::PowerOff) << 0u;
}

void CoreDevices::finisherReportsFailureCodes() {
    QFETCH(uint32_t, value);
    QFETCH(int, reason);
    Machine m;
    QVERIFY(coretest::load(m, QString(R"(
        li t0, FINISHER
        li t1, %1
        sw t1, 0(t0)
        li a0, 1                # never runs
    )")
                                  .arg(value)
                                  .toStdString()));
    const RunResult r = m.run(100);
    QCOMPARE(int(r.reason), reason);
    QTEST(m.exitCode(), "code");
    QCOMPARE(r.executed, 4u); // li (lui), li (lui + addi), sw
    QCOMPARE(m.hart().x[10], 0u);
    QCOMPARE(m.run(10).executed, 0u); // halted for good
}

void CoreDevices::clintSoftwareInterruptBit() {
    Machine m;
    QVERIFY(coretest::runToPowerOff(m, R"(
        li s0, CLINT_MSIP
        li t0, 0xffffffff
        sw t0, 0(s0)            # only bit 0 is kept
        lw a0, 0(s0)
        csrr a1, mip            # MSIP pending
        sw zero, 0(s0)
        csrr a2, mip
        POWEROFF
    )"));
    QCOMPARE(reg(m, "a0"), 1u);
    QCOMPARE(reg(m, "a1") & 0x8u, 0x8u);
    QCOMPARE(reg(m, "a2") & 0x8u, 0u);
}

void CoreDevices::platformRegionsAndHoles() {
    Machine m;
    QVERIFY(coretest::load(m, kLogger + R"(
        li t0, 0x10001000
        lw a0, 0(t0)            # virtio-mmio slot 0: magic "virt"
        lw a1, 8(t0)            # device ID 0: empty
        li t0, 0x0c000000
        lw a2, 4(t0)            # PLIC priority: 0
        li t0, 0x00200000       # a hole
        lw a3, 0(t0)            # load access fault (5)
        sw a3, 0(t0)            # store access fault (7)
        jalr ra, 0(t0)          # instruction access fault (1); "skipping" faults again
    )"));
    m.run(2000);
    QCOMPARE(reg(m, "a0"), 0x74726976u);
    QCOMPARE(reg(m, "a1"), 0u);
    QCOMPARE(reg(m, "a2"), 0u);
    QCOMPARE(logCause(m, 0), 5u);
    QCOMPARE(logTval(m, 0), 0x00200000u);
    QCOMPARE(logCause(m, 1), 7u);
    QCOMPARE(logCause(m, 2), 1u);
    QVERIFY(logCount(m) >= 3);
}

QTEST_APPLESS_MAIN(CoreDevices)
#include "test_core_devices.moc"
