// The scheduler: cpu.weight shares the CPU in proportion, cpu.max holds a group (and
// everything under it) to its quota, cpu.stat counts periods and throttling.
#include "HostTestSupport.h"

using namespace vizor;
using namespace vizor::host;
using hosttest::statField;

class HostSchedulerTest : public QObject {
    Q_OBJECT
private slots:
    void weightsShareTheCpuInProportion();
    void weightsApplyHierarchically();
    void cpuMaxHoldsAGroupToItsQuota();
    void cpuMaxOfAnAncestorBoundsADescendant();
    void throttledGroupLeavesTheCpuToOthers();
};

namespace {
uint64_t usage(const HostModel& host, const char* path) {
    return statField(host.readFile(path, "cpu.stat").value(), "usage_usec");
}
} // namespace

void HostSchedulerTest::weightsShareTheCpuInProportion() {
    HostModel host;
    hosttest::makeGroup(host, "/a");
    hosttest::makeGroup(host, "/b");
    hosttest::mustWrite(host, "/", "cgroup.subtree_control", "+cpu");
    hosttest::mustWrite(host, "/a", "cpu.weight", "100");
    hosttest::mustWrite(host, "/b", "cpu.weight", "300");
    QVERIFY(host.spawn(hosttest::program("spin"), "/a") > 0);
    QVERIFY(host.spawn(hosttest::program("spin"), "/b") > 0);
    host.run(3'000'000); // three virtual seconds
    const double a = static_cast<double>(usage(host, "/a"));
    const double b = static_cast<double>(usage(host, "/b"));
    const double ratio = b / a;
    qInfo("weights 100:300 -> usage %.0f : %.0f us, ratio 1:%.4f", a, b, ratio);
    QVERIFY2(std::abs(ratio / 3.0 - 1.0) < 0.02, std::to_string(ratio).c_str());
    QVERIFY(a + b >= 2'990'000); // work-conserving: the hart was never idle
}

void HostSchedulerTest::weightsApplyHierarchically() {
    // /a (100) and /b (100); /b splits its half among /b/x and /b/y (100:100).
    HostModel host;
    for (const char* g : {"/a", "/b", "/b/x", "/b/y"})
        hosttest::makeGroup(host, g);
    hosttest::mustWrite(host, "/", "cgroup.subtree_control", "+cpu");
    hosttest::mustWrite(host, "/b", "cgroup.subtree_control", "+cpu");
    for (const char* g : {"/a", "/b/x", "/b/y"})
        QVERIFY(host.spawn(hosttest::program("spin"), g) > 0);
    host.run(2'000'000);
    const double a = static_cast<double>(usage(host, "/a"));
    const double x = static_cast<double>(usage(host, "/b/x"));
    const double y = static_cast<double>(usage(host, "/b/y"));
    qInfo("hierarchy /a : /b/x : /b/y = %.0f : %.0f : %.0f", a, x, y);
    QVERIFY(std::abs(a / (a + x + y) - 0.5) < 0.01);
    QVERIFY(std::abs(x / y - 1.0) < 0.02);
}

void HostSchedulerTest::cpuMaxHoldsAGroupToItsQuota() {
    HostModel host;
    hosttest::makeGroup(host, "/capped");
    hosttest::mustWrite(host, "/", "cgroup.subtree_control", "+cpu");
    hosttest::mustWrite(host, "/capped", "cpu.max", "50000 100000");
    QCOMPARE(host.readFile("/capped", "cpu.max").value(), std::string("50000 100000\n"));
    QVERIFY(host.spawn(hosttest::program("spin"), "/capped") > 0);
    host.run(1'000'000);
    const std::string first = host.readFile("/capped", "cpu.stat").value();
    host.run(1'000'000);
    const std::string stat = host.readFile("/capped", "cpu.stat").value();
    const double share = static_cast<double>(statField(stat, "usage_usec")) / 2'000'000.0;
    qInfo("cpu.max 50000 100000 -> share %.4f, nr_periods %llu, nr_throttled %llu, "
          "throttled_usec %llu",
          share, static_cast<unsigned long long>(statField(stat, "nr_periods")),
          static_cast<unsigned long long>(statField(stat, "nr_throttled")),
          static_cast<unsigned long long>(statField(stat, "throttled_usec")));
    QVERIFY2(std::abs(share - 0.5) < 0.02, std::to_string(share).c_str());
    QVERIFY(statField(stat, "nr_throttled") > statField(first, "nr_throttled"));
    QVERIFY(statField(first, "nr_throttled") >= 9);
    QVERIFY(statField(stat, "nr_periods") >= 19);
    QVERIFY(statField(stat, "throttled_usec") > 900'000);
}

void HostSchedulerTest::cpuMaxOfAnAncestorBoundsADescendant() {
    HostModel host;
    hosttest::makeGroup(host, "/parent");
    hosttest::makeGroup(host, "/parent/child");
    hosttest::mustWrite(host, "/", "cgroup.subtree_control", "+cpu");
    hosttest::mustWrite(host, "/parent", "cgroup.subtree_control", "+cpu");
    hosttest::mustWrite(host, "/parent", "cpu.max", "50000 100000");
    QCOMPARE(host.readFile("/parent/child", "cpu.max").value(), std::string("max 100000\n"));
    QVERIFY(host.spawn(hosttest::program("spin"), "/parent/child") > 0);
    QVERIFY(host.spawn(hosttest::program("spin"), "/parent/child") > 0);
    host.run(2'000'000);
    const double share = static_cast<double>(usage(host, "/parent/child")) / 2'000'000.0;
    qInfo("child \"max\" under parent 50000 100000 -> share %.4f", share);
    QVERIFY2(std::abs(share - 0.5) < 0.02, std::to_string(share).c_str());
    QVERIFY(statField(host.readFile("/parent", "cpu.stat").value(), "nr_throttled") >= 19);
    QCOMPARE(statField(host.readFile("/parent/child", "cpu.stat").value(), "nr_throttled"), 0u);
}

void HostSchedulerTest::throttledGroupLeavesTheCpuToOthers() {
    HostModel host;
    hosttest::makeGroup(host, "/capped");
    hosttest::makeGroup(host, "/free");
    hosttest::mustWrite(host, "/", "cgroup.subtree_control", "+cpu");
    hosttest::mustWrite(host, "/capped", "cpu.max", "20000 100000");
    hosttest::mustWrite(host, "/capped", "cpu.weight", "10000"); // weight cannot beat a cap
    QVERIFY(host.spawn(hosttest::program("spin"), "/capped") > 0);
    QVERIFY(host.spawn(hosttest::program("spin"), "/free") > 0);
    host.run(2'000'000);
    const double capped = static_cast<double>(usage(host, "/capped")) / 2'000'000.0;
    const double free = static_cast<double>(usage(host, "/free")) / 2'000'000.0;
    QVERIFY2(std::abs(capped - 0.2) < 0.01, std::to_string(capped).c_str());
    QVERIFY2(std::abs(free - 0.8) < 0.01, std::to_string(free).c_str());
}

QTEST_APPLESS_MAIN(HostSchedulerTest)
#include "test_host_scheduler.moc"
