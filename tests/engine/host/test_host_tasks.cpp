// Host tasks as real RV32 user programs: system calls served by the host model, fork,
// brk and demand paging, and context switches that carry the exact registers.
#include "HostTestSupport.h"

using namespace vizor;
using namespace vizor::host;

class HostTasksTest : public QObject {
    Q_OBJECT
private slots:
    void writeGetpidExit();
    void forkCopiesMemoryAndRegisters();
    void brkPagesAreFaultedInAndCharged();
    void contextSwitchCarriesTheRegistersTheNextTaskResumesWith();
    void nanosleepIdlesTheHart();
    void badAddressKillsWithSegfault();
};

void HostTasksTest::writeGetpidExit() {
    HostModel host;
    const int pid = host.spawn(hosttest::program("hello"), "/");
    QCOMPARE(pid, 1);
    host.run(10000);
    const Pcb* t = host.task(pid);
    QCOMPARE(t->state, TaskState::Exited);
    QCOMPARE(t->exitCode, pid);
    QCOMPARE(t->killedBySignal, 0);
    QCOMPARE(t->output, std::string("hello from a host task\n"));
    QCOMPARE(host.console(), t->output);
    QCOMPARE(t->context.x[9], 23u); // s1 = bytes written
    QVERIFY(t->cpuTimeUsec > 0 && t->cpuTimeUsec < 100);
    QVERIFY(host.idleUsec() > 9000); // nothing else to run: pid 0 had the hart
}

void HostTasksTest::forkCopiesMemoryAndRegisters() {
    HostModel host;
    const Program forker = hosttest::program("forker", {{"FORKS", 2}});
    const int parent = host.spawn(forker, "/");
    host.run(20000);
    const Pcb* p = host.task(parent);
    QCOMPARE(p->state, TaskState::Exited);
    QCOMPARE(p->exitCode, 0);       // no fork failed
    QCOMPARE(p->context.x[18], 2u); // s2: first child's pid
    QCOMPARE(p->context.x[19], 3u);
    for (int child : {2, 3}) {
        const Pcb* c = host.task(child);
        QVERIFY(c);
        QCOMPARE(c->ppid, parent);
        QCOMPARE(c->state, TaskState::Runnable);
        QVERIFY(c->cpuTimeUsec > 1000); // the children spin: they got the CPU
        QCOMPARE(c->residentPages, 1u); // text and data share one page
    }
    // Each child's copy of `results` was taken at its fork: the parent had written the
    // first child's pid before the second fork, and never the second's in either copy.
    const uint32_t results = forker.symbol("results").value();
    auto word = [&](int pid, uint32_t va) {
        return host.machine().peekPhysical(*host.task(pid)->mm->translate(va), 4).value();
    };
    QCOMPARE(word(2, results), 0u);
    QCOMPARE(word(3, results), 2u);
    QCOMPARE(word(3, results + 4), 0u);
    QCOMPARE(host.readFile("/", "cgroup.procs").value(), std::string("2\n3\n"));
}

void HostTasksTest::brkPagesAreFaultedInAndCharged() {
    HostModel host;
    QVERIFY(host.mkdir("/box").ok());
    hosttest::mustWrite(host, "/", "cgroup.subtree_control", "+memory");
    const int pid = host.spawn(hosttest::program("toucher", {{"PAGES", 10}}), "/box");
    const uint64_t before = host.task(pid)->residentPages;
    QCOMPARE(before, 1u); // the text page only: nothing else is touched yet
    host.run(50000);
    const Pcb* t = host.task(pid);
    // text + 10 heap pages + 0 stack pages (the toucher never uses the stack)
    QCOMPARE(t->residentPages, 11u);
    QCOMPARE(host.readFile("/box", "memory.current").value(),
             std::to_string(11 * kPageSize) + "\n");
    QVERIFY(t->context.x[8] > 10 || host.currentPid() == pid); // s0: rounds
}

void HostTasksTest::contextSwitchCarriesTheRegistersTheNextTaskResumesWith() {
    HostModel host;
    const int a = host.spawn(hosttest::program("spin"), "/");
    const int b = host.spawn(hosttest::program("spin"), "/");
    host.run(20000); // several slices each
    QVERIFY(host.contextSwitches().size() > 4);
    for (int round = 0; round < 4; ++round) {
        host.run(host.config().sliceUsec); // one slice, then the scheduler switches
        const int before = host.currentPid();
        const std::size_t n = host.contextSwitches().size();
        host.schedule();
        if (host.contextSwitches().size() == n) continue;
        const ContextSwitchRecord& r = host.contextSwitches().back();
        QCOMPARE(r.prevPid, before);
        const Pcb* next = host.task(r.nextPid);
        const Pcb* prev = host.task(r.prevPid);
        // The hart holds exactly what the record says was restored, which is what the
        // next task's PCB held; the previous task's PCB holds what was saved.
        const HartState& h = host.machine().hart();
        for (int i = 1; i < 32; ++i)
            QCOMPARE(h.x[i], r.restored.x[i]);
        QCOMPARE(h.pc, r.restored.pc);
        QCOMPARE(h.csr.satp, r.restored.satp);
        QCOMPARE(next->context, r.restored);
        QCOMPARE(prev->context, r.saved);
        QCOMPARE(r.restored.x[9], static_cast<uint32_t>(r.nextPid));             // s1 = pid
        QCOMPARE(r.restored.x[19], (static_cast<uint32_t>(r.nextPid) << 8) + 3); // s3
        QVERIFY(r.saved.satp != r.restored.satp); // each task its own page table
        // The event indexes the record.
        const auto events = host.machine().events().recent();
        const auto last = std::find_if(events.rbegin(), events.rend(), [](const Event& e) {
            return e.type == EventType::ContextSwitch;
        });
        QVERIFY(last != events.rend());
        QCOMPARE(static_cast<std::size_t>(last->a), host.contextSwitches().size() - 1);
        QCOMPARE(static_cast<int>(last->c), r.nextPid);
    }
    QVERIFY(host.task(a)->cpuTimeUsec > 0 && host.task(b)->cpuTimeUsec > 0);
}

void HostTasksTest::nanosleepIdlesTheHart() {
    HostModel host;
    const int pid = host.spawn(hosttest::program("sleeper", {{"MS", 10}}), "/");
    host.run(1'000'000); // one virtual second
    const Pcb* t = host.task(pid);
    // ~100 wake-ups of 10 ms each; the task itself uses almost no CPU.
    QVERIFY2(t->context.x[8] >= 95 && t->context.x[8] <= 100,
             std::to_string(t->context.x[8]).c_str());
    QVERIFY(host.idleUsec() > 990'000);
}

void HostTasksTest::badAddressKillsWithSegfault() {
    HostModel host;
    const AssemblyResult bad =
        assemble("_start:\n li t0, 0x50000000\n lw t1, 0(t0)\n", {"bad.s", layout::kTextBase, {}});
    QVERIFY(bad.ok());
    const int pid = host.spawn(bad.program, "/");
    host.run(1000);
    QCOMPARE(host.task(pid)->state, TaskState::Exited);
    QCOMPARE(host.task(pid)->killedBySignal, 11);
    QCOMPARE(host.readFile("/", "cgroup.procs").value(), std::string(""));
}

QTEST_APPLESS_MAIN(HostTasksTest)
#include "test_host_tasks.moc"
