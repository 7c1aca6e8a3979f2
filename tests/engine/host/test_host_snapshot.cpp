// Host snapshots: run, snapshot, run on, restore — the whole state (machine and host
// model) is back, and running on again repeats the first run exactly.
#include "HostTestSupport.h"
#include "host/GuestWorkload.h"

using namespace vizor;
using namespace vizor::host;

namespace {

// A busy host: weights, a cpu.max cap, memory.high reclaim to swap, forks, a sleeper
// and a container.
void populate(HostModel& host) {
    for (const char* g : {"/light", "/heavy", "/soft", "/capped", "/box"})
        hosttest::makeGroup(host, g);
    hosttest::mustWrite(host, "/", "cgroup.subtree_control", "+cpu +memory +pids");
    hosttest::mustWrite(host, "/heavy", "cpu.weight", "300");
    hosttest::mustWrite(host, "/capped", "cpu.max", "20000 100000");
    hosttest::mustWrite(host, "/soft", "memory.high", "64K");
    host.spawn(hosttest::program("spin"), "/light");
    host.spawn(hosttest::program("spin"), "/heavy");
    host.spawn(hosttest::program("toucher", {{"PAGES", 32}}), "/soft");
    host.spawn(hosttest::program("sleeper", {{"MS", 7}}), "/capped");
    host.spawn(hosttest::program("forker", {{"FORKS", 2}}), "/capped");
    QVERIFY(host.createContainer("box", "/box").ok());
    host.spawnInContainer(hosttest::program("forker", {{"FORKS", 2}}), "box");
}

} // namespace

class HostSnapshotTest : public QObject {
    Q_OBJECT
private slots:
    void restoreBringsBackTheWholeStateAndRunsRepeat();
    void restoreUndoesGroupsTasksAndNamespaces();
    void aHostWithAVmHasNoSnapshot();
};

void HostSnapshotTest::restoreBringsBackTheWholeStateAndRunsRepeat() {
    HostModel host;
    populate(host);
    host.run(250'000);
    const HostSnapshotPtr snap = host.snapshot();
    QVERIFY(snap);
    const uint64_t atSnapshot = host.stateHash();
    const std::string soft = host.readFile("/soft", "memory.events").value();
    const std::size_t switches = host.contextSwitches().size();
    host.run(400'000);
    const uint64_t later = host.stateHash();
    const std::string heavyLater = host.readFile("/heavy", "cpu.stat").value();
    QVERIFY(later != atSnapshot); // the run changed something the hash sees
    QVERIFY(host.readFile("/soft", "memory.events").value() != soft);

    host.restore(snap);
    QCOMPARE(host.stateHash(), atSnapshot);
    QCOMPARE(host.now(), 250'000u);
    QCOMPARE(host.contextSwitches().size(), switches);
    QCOMPARE(host.readFile("/soft", "memory.events").value(), soft);
    host.run(400'000);
    QCOMPARE(host.stateHash(), later); // the same future, step for step
    QCOMPARE(host.readFile("/heavy", "cpu.stat").value(), heavyLater);

    // And again from the same snapshot: snapshots are not used up.
    host.restore(snap);
    QCOMPARE(host.stateHash(), atSnapshot);
}

void HostSnapshotTest::restoreUndoesGroupsTasksAndNamespaces() {
    HostModel host;
    populate(host);
    host.run(50'000);
    const HostSnapshotPtr snap = host.snapshot();
    const uint64_t atSnapshot = host.stateHash();
    const std::vector<int> pids = host.pids();
    QVERIFY(host.mkdir("/late").ok());
    const int late = host.spawn(hosttest::program("spin"), "/late");
    const int boxed = host.spawnInContainer(hosttest::program("hello"), "box");
    host.run(50'000);
    host.restore(snap);
    QVERIFY(!host.cgroups().find("/late"));
    QVERIFY(!host.task(late));
    QCOMPARE(host.pids(), pids);
    QCOMPARE(host.stateHash(), atSnapshot);
    // Pids and namespace pids are handed out again as they were the first time.
    QVERIFY(host.mkdir("/late").ok());
    QCOMPARE(host.spawn(hosttest::program("spin"), "/late"), late);
    const int again = host.spawnInContainer(hosttest::program("hello"), "box");
    QCOMPARE(again, boxed);
    host.run(50'000);
    QCOMPARE(host.task(again)->exitCode, host.task(again)->nsPid); // hello exits with getpid
}

void HostSnapshotTest::aHostWithAVmHasNoSnapshot() {
    HostModel host;
    QVERIFY(host.snapshot());
    std::string error;
    const auto read = [](const std::string& file, std::string& text) {
        std::ifstream in(hosttest::sourceDir() + "/resources/guests/" + file);
        std::ostringstream buffer;
        buffer << in.rdbuf();
        text = buffer.str();
        return bool(in);
    };
    const auto w = buildGuestWorkload("compute", read, error);
    QVERIFY2(w, error.c_str());
    QVERIFY(host.startVm("guest", w->kernel, "native", "/", error) > 0);
    QVERIFY(!host.snapshot()); // the hypervisor's state is not part of host snapshots
}

QTEST_APPLESS_MAIN(HostSnapshotTest)
#include "test_host_snapshot.moc"
