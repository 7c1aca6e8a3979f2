// The trap handler hook: C++ software below the guest (a hypervisor, the host model)
// sees each trap first and either deals with it or lets the hart deliver it.
#include "CoreTestSupport.h"

using namespace vizor;
using coretest::reg;

namespace {

// Serves `ecall` from U-mode as a tiny host kernel would: a7 = 1 doubles a0, a7 = 2
// writes a byte through the machine's CSR interface; anything else is declined.
struct SyscallServer : TrapHandler {
    int served = 0, declined = 0, interrupts = 0;
    bool takeInterrupts = false;
    bool handleTrap(Machine& m, const TrapInfo& trap) override {
        if (trap.interrupt()) {
            ++interrupts;
            if (!takeInterrupts) return false;
            m.writeCsr(0x344, 0); // mip: the host "acknowledges"; guest never sees it
            m.writeCsr(0x304, 0); // mie off so it does not come back
            return true;
        }
        HartState& h = m.hart();
        if (trap.cause != 8 || trap.priv != Privilege::User || h.x[17] > 2 || h.x[17] == 0) {
            ++declined;
            return false;
        }
        if (h.x[17] == 1) h.x[10] *= 2;
        if (h.x[17] == 2) m.writeCsr(0x340, h.x[10]); // mscratch, to see writeCsr work
        h.pc = trap.pc + 4;
        ++served;
        return true;
    }
};

const char* const kUserProgram = R"(
_start:
    la t0, m_handler
    csrw mtvec, t0
    ENTER 0, user
user:
    li a0, 21
    li a7, 1
    ecall              # served below the guest: a0 = 42
    mv s1, a0
    li a0, 0x77
    li a7, 2
    ecall              # served: mscratch = 0x77
    li a7, 9
    ecall              # declined: delivered to m_handler
    j user_spin
user_spin:
    j user_spin
m_handler:
    csrr s2, mcause
    POWEROFF
)";

} // namespace

class TrapHandlerTest : public QObject {
    Q_OBJECT
private slots:
    void handledTrapsNeverReachTheGuest();
    void interruptsAreOfferedToo();
};

void TrapHandlerTest::handledTrapsNeverReachTheGuest() {
    Machine machine;
    SyscallServer server;
    machine.setTrapHandler(&server);
    QVERIFY(coretest::runToPowerOff(machine, kUserProgram));
    QCOMPARE(server.served, 2);
    QCOMPARE(server.declined, 1);
    QCOMPARE(reg(machine, "s1"), 42u);
    QCOMPARE(*machine.readCsr(0x340), 0x77u);
    QCOMPARE(reg(machine, "s2"), 8u); // only the declined ecall reached the guest vector
    QCOMPARE(machine.events().count(EventType::Exception), 3u); // the hardware trapped 3 times
}

void TrapHandlerTest::interruptsAreOfferedToo() {
    Machine machine;
    SyscallServer server;
    server.takeInterrupts = true;
    machine.setTrapHandler(&server);
    // A machine software interrupt raised in M-mode with MIE set.
    QVERIFY(coretest::load(machine, R"(
_start:
    la t0, m_handler
    csrw mtvec, t0
    li t0, 8
    csrw mie, t0           # MSIE
    csrsi mstatus, 8       # MIE
    li t0, CLINT_MSIP
    li t1, 1
    sw t1, 0(t0)
    nop
    nop
    POWEROFF
m_handler:
    li s3, 1
    POWEROFF
)"));
    QCOMPARE(machine.run(1000).reason, HaltReason::PowerOff);
    QCOMPARE(server.interrupts, 1);
    QCOMPARE(reg(machine, "s3"), 0u); // the guest's handler never ran
    QVERIFY(!machine.readCsr(0xfff)); // unknown CSR
}

QTEST_APPLESS_MAIN(TrapHandlerTest)
#include "test_core_trap_handler.moc"
