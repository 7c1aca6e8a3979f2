// The cgroup v2 tree: interface files as the kernel prints and parses them, the
// top-down and no-internal-process rules, cgroup.procs and the pids controller.
#include "HostTestSupport.h"

using namespace vizor;
using namespace vizor::host;

class HostCgroupsTest : public QObject {
    Q_OBJECT
private slots:
    void interfaceFilesReadLikeTheKernels();
    void malformedValuesAreRefused_data();
    void malformedValuesAreRefused();
    void controllersComeFromTheParent();
    void subtreeControlRefusedWithInternalProcesses();
    void procsCannotJoinAGroupThatDistributes();
    void movingATaskMovesItsPidsCharge();
    void fourthTaskFailsWithEagainAtPidsMax3();
    void fourthForkIntoTheGroupFailsWithEagainAtPidsMax3();
    void cloneIntoAGroupThatDistributesIsRefused();
    void removeNeedsAnEmptyGroup();
};

void HostCgroupsTest::interfaceFilesReadLikeTheKernels() {
    CgroupTree tree;
    QVERIFY(tree.create("/a").ok());
    QVERIFY(tree.write("/", "cgroup.subtree_control", "+cpu +memory +pids").ok());
    QCOMPARE(tree.read("/", "cgroup.controllers").value(), std::string("cpu memory pids\n"));
    QCOMPARE(tree.read("/a", "cgroup.controllers").value(), std::string("cpu memory pids\n"));
    QCOMPARE(tree.read("/a", "cpu.weight").value(), std::string("100\n"));
    QCOMPARE(tree.read("/a", "cpu.max").value(), std::string("max 100000\n"));
    QCOMPARE(tree.read("/a", "memory.max").value(), std::string("max\n"));
    QCOMPARE(tree.read("/a", "pids.max").value(), std::string("max\n"));
    QCOMPARE(tree.read("/a", "memory.events").value(),
             std::string("low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\n"));
    QVERIFY(tree.write("/a", "cpu.max", "50000 100000").ok());
    QCOMPARE(tree.read("/a", "cpu.max").value(), std::string("50000 100000\n"));
    QVERIFY(tree.write("/a", "cpu.max", "max").ok()); // keeps the period
    QCOMPARE(tree.read("/a", "cpu.max").value(), std::string("max 100000\n"));
    QVERIFY(tree.write("/a", "cpu.max", "20000 50000").ok());
    QCOMPARE(tree.read("/a", "cpu.max").value(), std::string("20000 50000\n"));
    QVERIFY(tree.write("/a", "memory.max", "1M").ok());
    QCOMPARE(tree.read("/a", "memory.max").value(), std::string("1048576\n"));
    QVERIFY(tree.write("/a", "memory.high", "10000").ok()); // rounded down to pages
    QCOMPARE(tree.read("/a", "memory.high").value(), std::string("8192\n"));
    QVERIFY(tree.write("/a", "pids.max", "3").ok());
    QCOMPARE(tree.read("/a", "pids.max").value(), std::string("3\n"));
    QVERIFY(tree.write("/a", "cpu.weight", "10000\n").ok()); // echo adds a newline
    QCOMPARE(tree.read("/a", "cpu.weight").value(), std::string("10000\n"));
    QCOMPARE(tree.read("/", "cgroup.subtree_control").value(), std::string("cpu memory pids\n"));
    QVERIFY(!tree.read("/", "cpu.max")); // the root has no limits
    QVERIFY(!tree.read("/a", "no.such.file"));
}

void HostCgroupsTest::malformedValuesAreRefused_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("value");
    QTest::newRow("weight 0") << "cpu.weight"
                              << "0";
    QTest::newRow("weight 10001") << "cpu.weight"
                                  << "10001";
    QTest::newRow("weight word") << "cpu.weight"
                                 << "heavy";
    QTest::newRow("cpu.max empty") << "cpu.max"
                                   << "";
    QTest::newRow("cpu.max three") << "cpu.max"
                                   << "1 2 3";
    QTest::newRow("cpu.max quota < 1ms") << "cpu.max"
                                         << "999 100000";
    QTest::newRow("cpu.max period > 1s") << "cpu.max"
                                         << "50000 1000001";
    QTest::newRow("cpu.max period word") << "cpu.max"
                                         << "50000 often";
    QTest::newRow("memory.max negative") << "memory.max"
                                         << "-1";
    QTest::newRow("memory.max suffix") << "memory.max"
                                       << "12X";
    QTest::newRow("pids.max suffix") << "pids.max"
                                     << "3k";
    QTest::newRow("subtree no sign") << "cgroup.subtree_control"
                                     << "cpu";
    QTest::newRow("subtree unknown") << "cgroup.subtree_control"
                                     << "+io";
    QTest::newRow("read-only") << "memory.current"
                               << "0";
}

void HostCgroupsTest::malformedValuesAreRefused() {
    QFETCH(QString, file);
    QFETCH(QString, value);
    CgroupTree tree;
    QVERIFY(tree.create("/a").ok());
    QVERIFY(tree.write("/", "cgroup.subtree_control", "+cpu +memory +pids").ok());
    const std::string before = tree.read("/a", file.toStdString()).value();
    const WriteResult r = tree.write("/a", file.toStdString(), value.toStdString());
    QCOMPARE(r.error, err::kEINVAL);
    QCOMPARE(tree.read("/a", file.toStdString()).value(), before); // unchanged
}

void HostCgroupsTest::controllersComeFromTheParent() {
    CgroupTree tree;
    QVERIFY(tree.create("/a").ok());
    QVERIFY(tree.create("/a/b").ok());
    QVERIFY(!tree.read("/a", "cpu.max")); // not enabled by the root yet
    // /a cannot give its children what it was not given: ENOENT, as Linux.
    QCOMPARE(tree.write("/a", "cgroup.subtree_control", "+memory").error, err::kENOENT);
    QVERIFY(tree.write("/", "cgroup.subtree_control", "+memory").ok());
    QVERIFY(tree.write("/a", "cgroup.subtree_control", "+memory").ok());
    QVERIFY(tree.read("/a/b", "memory.max"));
    QVERIFY(!tree.read("/a/b", "cpu.max"));
    // A controller a child still enables cannot be taken away above it.
    QCOMPARE(tree.write("/", "cgroup.subtree_control", "-memory").error, err::kEBUSY);
    // All or nothing: one bad token and nothing changes.
    QCOMPARE(tree.write("/", "cgroup.subtree_control", "+cpu +bogus").error, err::kEINVAL);
    QCOMPARE(tree.read("/", "cgroup.subtree_control").value(), std::string("memory\n"));
    // The last operation on the same controller wins.
    QVERIFY(tree.write("/", "cgroup.subtree_control", "+pids -pids").ok());
    QCOMPARE(tree.read("/", "cgroup.subtree_control").value(), std::string("memory\n"));
}

void HostCgroupsTest::subtreeControlRefusedWithInternalProcesses() {
    HostModel host;
    hosttest::makeGroup(host, "/svc");
    hosttest::makeGroup(host, "/svc/worker");
    hosttest::mustWrite(host, "/", "cgroup.subtree_control", "+cpu +memory");
    const int pid = host.spawn(hosttest::program("spin"), "/svc");
    QVERIFY(pid > 0);
    const WriteResult r = host.writeFile("/svc", "cgroup.subtree_control", "+cpu");
    QCOMPARE(r.error, err::kEBUSY);
    QCOMPARE(host.readFile("/svc", "cgroup.subtree_control").value(), std::string("\n"));
    // Move the process into a leaf first, as the kernel documentation says: then it works.
    QVERIFY(host.writeFile("/svc/worker", "cgroup.procs", std::to_string(pid)).ok());
    QVERIFY(host.writeFile("/svc", "cgroup.subtree_control", "+cpu").ok());
    // The root is exempt: it has processes and distributes anyway.
    QVERIFY(host.spawn(hosttest::program("spin"), "/") > 0);
    QVERIFY(host.writeFile("/", "cgroup.subtree_control", "+pids").ok());
}

void HostCgroupsTest::procsCannotJoinAGroupThatDistributes() {
    HostModel host;
    hosttest::makeGroup(host, "/svc");
    hosttest::makeGroup(host, "/svc/worker");
    hosttest::mustWrite(host, "/", "cgroup.subtree_control", "+cpu");
    hosttest::mustWrite(host, "/svc", "cgroup.subtree_control", "+cpu");
    QCOMPARE(host.spawn(hosttest::program("spin"), "/svc"), -err::kEBUSY);
    const int pid = host.spawn(hosttest::program("spin"), "/svc/worker");
    QVERIFY(pid > 0);
    QCOMPARE(host.writeFile("/svc", "cgroup.procs", std::to_string(pid)).error, err::kEBUSY);
    QCOMPARE(host.writeFile("/svc/worker", "cgroup.procs", "999").error, err::kESRCH);
    QCOMPARE(host.writeFile("/svc/worker", "cgroup.procs", "abc").error, err::kEINVAL);
}

void HostCgroupsTest::movingATaskMovesItsPidsCharge() {
    HostModel host;
    hosttest::makeGroup(host, "/a");
    hosttest::makeGroup(host, "/b");
    hosttest::mustWrite(host, "/", "cgroup.subtree_control", "+pids");
    const int pid = host.spawn(hosttest::program("spin"), "/a");
    QCOMPARE(host.readFile("/a", "pids.current").value(), std::string("1\n"));
    QVERIFY(host.writeFile("/b", "cgroup.procs", std::to_string(pid) + "\n").ok());
    QCOMPARE(host.readFile("/a", "pids.current").value(), std::string("0\n"));
    QCOMPARE(host.readFile("/b", "pids.current").value(), std::string("1\n"));
    QCOMPARE(host.readFile("/b", "cgroup.procs").value(), std::to_string(pid) + "\n");
    QCOMPARE(host.task(pid)->cgroup->path(), std::string("/b"));
}

// pids.max 3: the forker and two children fill the group; the third fork — the fourth
// task — and every later one fail with EAGAIN, and pids.events counts them.
void HostCgroupsTest::fourthTaskFailsWithEagainAtPidsMax3() {
    HostModel host;
    hosttest::makeGroup(host, "/jail");
    hosttest::mustWrite(host, "/", "cgroup.subtree_control", "+pids");
    hosttest::mustWrite(host, "/jail", "pids.max", "3");
    const int parent = host.spawn(hosttest::program("forker", {{"FORKS", 4}}), "/jail");
    host.run(20000);
    const Pcb* p = host.task(parent);
    QCOMPARE(p->state, TaskState::Exited);
    QCOMPARE(p->context.x[18], 2u);                        // s2: fork 1 -> pid 2
    QCOMPARE(p->context.x[19], 3u);                        // s3: fork 2 -> pid 3
    QCOMPARE(static_cast<int32_t>(p->context.x[20]), -11); // s4: fork 3 -> -EAGAIN
    QCOMPARE(static_cast<int32_t>(p->context.x[21]), -11); // s5: fork 4 -> -EAGAIN
    QCOMPARE(p->exitCode, 0b1100);
    QVERIFY(!host.task(4));
    QCOMPARE(host.readFile("/jail", "pids.events").value(), std::string("max 2\n"));
    // The parent exited: two children remain.
    QCOMPARE(host.readFile("/jail", "pids.current").value(), std::string("2\n"));
}

// The reading of "pids.max 3": the forker stays outside the group and starts
// its children in it with clone3(CLONE_INTO_CGROUP), so three forks fill the group and
// the fourth is refused. (Above, the forker inside the group is one of the three.)
void HostCgroupsTest::fourthForkIntoTheGroupFailsWithEagainAtPidsMax3() {
    HostModel host;
    hosttest::makeGroup(host, "/jail");
    hosttest::mustWrite(host, "/", "cgroup.subtree_control", "+pids");
    hosttest::mustWrite(host, "/jail", "pids.max", "3");
    const int parent = host.spawn(hosttest::program("cgforker", {{"FORKS", 4}}), "/");
    host.run(20000);
    const Pcb* p = host.task(parent);
    QCOMPARE(p->state, TaskState::Exited);
    QCOMPARE(p->context.x[18], 2u);                        // s2: fork 1 -> pid 2
    QCOMPARE(p->context.x[19], 3u);                        // s3: fork 2 -> pid 3
    QCOMPARE(p->context.x[20], 4u);                        // s4: fork 3 -> pid 4
    QCOMPARE(static_cast<int32_t>(p->context.x[21]), -11); // s5: fork 4 -> -EAGAIN
    QCOMPARE(p->exitCode, 0b1000);
    QVERIFY(!host.task(5));
    for (int child : {2, 3, 4}) {
        QCOMPARE(host.task(child)->ppid, parent);
        QCOMPARE(host.task(child)->cgroup->path(), std::string("/jail"));
        QVERIFY(host.task(child)->cpuTimeUsec > 0); // it ran: a real task
    }
    QCOMPARE(host.readFile("/jail", "cgroup.procs").value(), std::string("2\n3\n4\n"));
    QCOMPARE(host.readFile("/jail", "pids.current").value(), std::string("3\n"));
    QCOMPARE(host.readFile("/jail", "pids.events").value(), std::string("max 1\n"));
}

void HostCgroupsTest::cloneIntoAGroupThatDistributesIsRefused() {
    HostModel host;
    hosttest::makeGroup(host, "/jail");
    hosttest::makeGroup(host, "/jail/leaf");
    hosttest::mustWrite(host, "/", "cgroup.subtree_control", "+pids");
    hosttest::mustWrite(host, "/jail", "cgroup.subtree_control", "+pids");
    const int parent = host.spawn(hosttest::program("cgforker", {{"FORKS", 1}}), "/");
    host.run(20000);
    const Pcb* p = host.task(parent);
    QCOMPARE(p->state, TaskState::Exited);
    QCOMPARE(static_cast<int32_t>(p->context.x[18]), -err::kEBUSY); // no internal processes
    QCOMPARE(host.readFile("/jail", "cgroup.procs").value(), std::string(""));
    // Without the group the directory does not open at all.
    HostModel bare;
    const int lone = bare.spawn(hosttest::program("cgforker", {{"FORKS", 1}}), "/");
    bare.run(20000);
    QCOMPARE(bare.task(lone)->exitCode, 255);
}

void HostCgroupsTest::removeNeedsAnEmptyGroup() {
    HostModel host;
    hosttest::makeGroup(host, "/a");
    hosttest::makeGroup(host, "/a/b");
    QCOMPARE(host.cgroups().remove("/a").error, err::kEBUSY);
    const int pid = host.spawn(hosttest::program("hello"), "/a/b");
    QCOMPARE(host.cgroups().remove("/a/b").error, err::kEBUSY);
    host.run(10000);
    QCOMPARE(host.task(pid)->state, TaskState::Exited);
    QVERIFY(host.cgroups().remove("/a/b").ok());
    QVERIFY(host.cgroups().remove("/a").ok());
    QCOMPARE(host.cgroups().create("/x/y").error, err::kENOENT);
    QCOMPARE(host.cgroups().create("/").error, err::kEEXIST);
}

QTEST_APPLESS_MAIN(HostCgroupsTest)
#include "test_host_cgroups.moc"
