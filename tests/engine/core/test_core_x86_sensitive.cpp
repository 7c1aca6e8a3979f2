// The teaching variant "x86-style sensitive instructions" in the machine core: in
// U-mode, reads of sstatus and satp and SIE-only writes of sstatus no longer trap.
#include "CoreTestSupport.h"

using namespace vizor;
using coretest::reg;

namespace {

// U-mode code touching sstatus and satp; every trap is logged by the M-mode logger.
const std::string kProgram = coretest::kLogger + R"(
    li t0, 0x22
    csrs mstatus, t0       # real SIE and SPIE set
    ENTER 0, user
user:
    csrr s2, sstatus       # x86: PUSHF reads the real flags
    csrci sstatus, 2       # x86: POPF clearing IF is ignored
    csrr s3, sstatus
    csrr s4, satp          # x86: SMSW/SGDT
    csrsi sstatus, 2       # x86: STI faults at CPL > IOPL: still a trap
    li t0, 0x100
    csrs sstatus, t0       # other bits: still a trap
    csrw sstatus, zero     # a whole replacement: still a trap
    csrw satp, zero        # MOV to CR3: still a trap
    ecall
)";

} // namespace

class X86SensitiveTest : public QObject {
    Q_OBJECT
private slots:
    void riscvTrapsOnEverySensitiveAccess();
    void x86VariantReadsRealStateAndDropsSieWrites();
};

void X86SensitiveTest::riscvTrapsOnEverySensitiveAccess() {
    Machine machine;
    QVERIFY(coretest::load(machine, kProgram + "    POWEROFF\n"));
    machine.run(10000);
    // csrr, csrci, csrr, csrr, csrsi, csrs, csrw, csrw: 8 illegal instructions, then ecall.
    QCOMPARE(coretest::logCount(machine), 9u);
    for (int i = 0; i < 8; ++i)
        QCOMPARE(coretest::logCause(machine, i), 2u);
    QCOMPARE(machine.hart().csr.mstatus & 2u, 2u);
}

void X86SensitiveTest::x86VariantReadsRealStateAndDropsSieWrites() {
    MachineConfig config;
    config.x86Sensitive = true;
    Machine machine(config);
    QVERIFY(coretest::load(machine, kProgram + "    POWEROFF\n"));
    machine.run(10000);
    QCOMPARE(coretest::logCount(machine), 5u); // csrsi, csrs (SPP), csrw x2, ecall
    QCOMPARE(coretest::logCause(machine, 0), 2u);
    QCOMPARE(coretest::logCause(machine, 4), 8u);
    QCOMPARE(reg(machine, "s2") & 0x22u, 0x22u); // the real SIE/SPIE, no trap
    QCOMPARE(reg(machine, "s3") & 2u, 2u);       // the clear of SIE was dropped
    QCOMPARE(machine.hart().csr.mstatus & 2u, 2u);
    QCOMPARE(reg(machine, "s4"), 0u);
}

QTEST_APPLESS_MAIN(X86SensitiveTest)
#include "test_core_x86_sensitive.moc"
