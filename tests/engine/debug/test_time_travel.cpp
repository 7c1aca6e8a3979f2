// Time travel must be exact: going back N steps and forward N again gives a
// byte-identical machine (whole-state hash), on every conformance program, over
// thousands of random moves. Snapshots are taken often so restores happen a lot.
#include "GuestPrograms.h"
#include "debug/Debugger.h"
#include "machine/Machine.h"

#include <QTest>

#include <map>
#include <random>

using namespace vizor;

class TimeTravel : public QObject {
    Q_OBJECT
private slots:
    void randomWalk_data();
    void randomWalk();
    void stepBackThenForwardIsIdentical();
    void reverseContinueFindsPreviousBreakpointHit();
    void stepOverRunsACallToItsReturn();
    void stepOutLeavesTheCurrentFunction();
};

void TimeTravel::randomWalk_data() {
    QTest::addColumn<QString>("name");
    const auto programs = conformancePrograms();
    QVERIFY2(programs.size() >= 12, "expected the conformance programs to be present");
    for (const auto& p : programs)
        QTest::newRow(qPrintable(p.name)) << p.name;
}

// Moves through the run at random: forward into new ground, back N and forward N
// again, and jumps to positions seen before. The state hash at each position is
// remembered the first time it is seen; every later visit must give the same hash.
void TimeTravel::randomWalk() {
    QFETCH(QString, name);
    GuestProgram guest;
    for (auto& p : conformancePrograms())
        if (p.name == name) guest = p;
    Program program;
    const std::string error = assembleGuest(guest, program);
    QVERIFY2(error.empty(), error.c_str());
    Machine machine;
    machine.load(program);
    Debugger debugger(machine, 97);
    std::map<uint64_t, uint64_t> seen{{0, machine.stateHash()}};
    std::mt19937 random(12345);
    int checks = 0;
    const auto visit = [&] {
        const uint64_t hash = machine.stateHash();
        const auto [it, inserted] = seen.emplace(debugger.position(), hash);
        if (!inserted) ++checks;
        return inserted || it->second == hash;
    };
    for (int move = 0; move < 250; ++move) {
        const int kind = static_cast<int>(random() % 10);
        const uint64_t amount = 1 + random() % 400;
        if (kind < 3) {
            debugger.continueRun(amount);
        } else if (kind < 4) {
            debugger.stepInstruction();
        } else if (kind < 8) {
            const uint64_t from = debugger.position();
            const uint64_t back = std::min(amount, from);
            QVERIFY(back == 0 || debugger.stepBack(back));
            QCOMPARE(debugger.position(), from - back);
            QVERIFY2(visit(), "state after stepping back differs");
            debugger.continueRun(back);
            QCOMPARE(debugger.position(), from);
        } else {
            auto it = seen.begin();
            std::advance(it, static_cast<long>(random() % seen.size()));
            QVERIFY(debugger.goTo(it->first));
        }
        QVERIFY2(visit(), qPrintable(QString("state differs at step %1").arg(debugger.position())));
    }
    QVERIFY(checks > 120);
}

void TimeTravel::stepBackThenForwardIsIdentical() {
    const auto programs = conformancePrograms();
    QVERIFY(!programs.empty());
    for (const auto& guest : programs) {
        Program program;
        const std::string error = assembleGuest(guest, program);
        QVERIFY2(error.empty(), error.c_str());
        Machine machine;
        machine.load(program);
        Debugger debugger(machine, 1000);
        debugger.continueRun(5000);
        const uint64_t here = debugger.position();
        const uint64_t hash = machine.stateHash();
        const std::string console = machine.console();
        const uint64_t back = std::min<uint64_t>(here, 2345);
        QVERIFY(here == 0 || debugger.stepBack(back));
        QCOMPARE(debugger.position(), here - back);
        debugger.continueRun(back);
        QCOMPARE(debugger.position(), here);
        QCOMPARE(machine.stateHash(), hash);
        QCOMPARE(machine.console(), console);
    }
}

namespace {
// A loop that calls a function three times, then powers off.
const char* const kCallProgram = R"(
    .text
_start:
    li   s0, 3
    li   sp, 0x80100000
again:
    call work
after_call:
    addi s0, s0, -1
    bnez s0, again
    li   t0, 0x100000
    li   t1, 0x5555
    sw   t1, 0(t0)
spin: j spin
work:
    addi sp, sp, -16
    sw   ra, 12(sp)
    call leaf
    lw   ra, 12(sp)
    addi sp, sp, 16
    ret
leaf:
    addi a0, a0, 1
inside_leaf:
    addi a0, a0, 1
    ret
)";

Program callProgram() {
    const AssemblyResult r = assemble(kCallProgram);
    if (!r.ok()) qFatal("%s", r.errors.front().format().c_str());
    return r.program;
}
} // namespace

void TimeTravel::reverseContinueFindsPreviousBreakpointHit() {
    const Program program = callProgram();
    Machine machine;
    machine.load(program);
    Debugger debugger(machine, 5);
    const uint32_t target = *program.symbol("inside_leaf");
    debugger.setBreakpoint(target);
    QCOMPARE(debugger.continueRun(10000).reason, HaltReason::Breakpoint);
    const uint64_t firstHit = debugger.position();
    QCOMPARE(debugger.continueRun(10000).reason, HaltReason::Breakpoint);
    const uint64_t secondHit = debugger.position();
    QVERIFY(secondHit > firstHit);
    QCOMPARE(debugger.reverseContinue().reason, HaltReason::Breakpoint);
    QCOMPARE(debugger.position(), firstHit);
    QCOMPARE(machine.hart().pc, target);
    QCOMPARE(debugger.reverseContinue().reason, HaltReason::None); // back to the start
    QCOMPARE(debugger.position(), uint64_t{0});
}

void TimeTravel::stepOverRunsACallToItsReturn() {
    const Program program = callProgram();
    Machine machine;
    machine.load(program);
    Debugger debugger(machine);
    debugger.setSourceMap(program);
    QCOMPARE(debugger.runToAddress(*program.symbol("again"), 100).reason, HaltReason::Breakpoint);
    debugger.stepOver(1000); // `call work` is auipc + jalr: one source line, one step
    QCOMPARE(machine.hart().pc, *program.symbol("after_call"));
    QCOMPARE(machine.hart().x[10], 2u); // leaf ran once: a0 += 2
}

void TimeTravel::stepOutLeavesTheCurrentFunction() {
    const Program program = callProgram();
    Machine machine;
    machine.load(program);
    Debugger debugger(machine);
    debugger.runToAddress(*program.symbol("inside_leaf"), 1000);
    QCOMPARE(machine.hart().pc, *program.symbol("inside_leaf"));
    debugger.stepOut(1000); // back into work, right after its call of leaf
    const uint32_t work = *program.symbol("work");
    QVERIFY(machine.hart().pc > work && machine.hart().pc < *program.symbol("leaf"));
    debugger.stepOut(1000); // and out of work, to after_call
    QCOMPARE(machine.hart().pc, *program.symbol("after_call"));
}

QTEST_APPLESS_MAIN(TimeTravel)
#include "test_time_travel.moc"
