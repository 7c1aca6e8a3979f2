// The memory controller: memory.high throttles and reclaims without ever killing,
// memory.max reclaims to swap when it can and OOM-kills inside the group when it
// cannot, memory.events records it all, and other groups' tasks keep running.
#include "HostTestSupport.h"

using namespace vizor;
using namespace vizor::host;
using hosttest::statField;

class HostMemoryTest : public QObject {
    Q_OBJECT
private slots:
    void memoryHighThrottlesAndReclaimsWithoutOom();
    void memoryHighWithoutSwapOnlyThrottles();
    void memoryMaxWithSwapReclaimsWithoutOom();
    void memoryMaxWithoutSwapOomKillsOnceInsideTheGroup();
};

namespace {
uint64_t memoryEvent(const HostModel& host, const char* path, const char* key) {
    return statField(host.readFile(path, "memory.events").value(), key);
}
void enableMemory(HostModel& host, std::initializer_list<const char*> groups) {
    for (const char* g : groups)
        hosttest::makeGroup(host, g);
    hosttest::mustWrite(host, "/", "cgroup.subtree_control", "+memory +cpu");
}
} // namespace

void HostMemoryTest::memoryHighThrottlesAndReclaimsWithoutOom() {
    HostModel host;
    enableMemory(host, {"/m"});
    hosttest::mustWrite(host, "/m", "memory.high", "32K"); // 8 pages
    const int pid = host.spawn(hosttest::program("toucher", {{"PAGES", 16}}), "/m");
    host.run(1'000'000);
    const Pcb* t = host.task(pid);
    const EventStream& events = host.machine().events();
    qInfo("memory.high 8 pages, 16 touched: events high %llu, reclaims %llu, throttles %llu, "
          "rounds %u, current %s",
          static_cast<unsigned long long>(memoryEvent(host, "/m", "high")),
          static_cast<unsigned long long>(events.count(EventType::MemoryReclaim)),
          static_cast<unsigned long long>(events.count(EventType::MemoryThrottle)), t->context.x[8],
          host.readFile("/m", "memory.current")->c_str());
    QCOMPARE(t->state == TaskState::Exited, false);
    QVERIFY(memoryEvent(host, "/m", "high") > 10);
    QVERIFY(events.count(EventType::MemoryReclaim) > 10);
    QVERIFY(events.count(EventType::MemoryThrottle) > 10);
    QCOMPARE(memoryEvent(host, "/m", "oom"), 0u);
    QCOMPARE(memoryEvent(host, "/m", "oom_kill"), 0u);
    QCOMPARE(events.count(EventType::OomKill), 0u);
    QVERIFY(t->context.x[8] >= 2 || host.currentPid() == pid); // it still makes progress
    // Reclaim keeps it at the limit; the rest is in swap.
    QVERIFY(host.cgroups().find("/m")->memoryCurrent <= 9);
    QVERIFY(host.cgroups().find("/m")->swapCurrent >= 7);
    // Throttled: far less CPU than an unthrottled toucher would get.
    QVERIFY(t->cpuTimeUsec < 500'000);
}

void HostMemoryTest::memoryHighWithoutSwapOnlyThrottles() {
    HostModel host;
    enableMemory(host, {"/m"});
    hosttest::mustWrite(host, "/m", "memory.high", "32K");
    hosttest::mustWrite(host, "/m", "memory.swap.max", "0"); // nothing can be reclaimed
    const int pid = host.spawn(hosttest::program("toucher", {{"PAGES", 16}}), "/m");
    host.run(2'000'000);
    const Pcb* t = host.task(pid);
    // Usage may go above memory.high — it is not a hard limit — but the task is slowed
    // down, never killed.
    QCOMPARE(t->state == TaskState::Exited, false);
    QCOMPARE(t->residentPages, 17u);
    QVERIFY(host.cgroups().find("/m")->memoryCurrent > 8);
    QCOMPARE(host.machine().events().count(EventType::MemoryReclaim), 0u);
    QVERIFY(host.machine().events().count(EventType::MemoryThrottle) >= 9);
    QCOMPARE(memoryEvent(host, "/m", "oom_kill"), 0u);
    QVERIFY(memoryEvent(host, "/m", "high") >= 9);
}

void HostMemoryTest::memoryMaxWithSwapReclaimsWithoutOom() {
    HostModel host;
    enableMemory(host, {"/m"});
    hosttest::mustWrite(host, "/m", "memory.max", "32K");
    const int pid = host.spawn(hosttest::program("toucher", {{"PAGES", 16}}), "/m");
    host.run(500'000);
    QVERIFY(host.task(pid)->state != TaskState::Exited);
    QVERIFY(memoryEvent(host, "/m", "max") > 0);
    QCOMPARE(memoryEvent(host, "/m", "oom_kill"), 0u);
    QVERIFY(host.cgroups().find("/m")->memoryCurrent <= 8); // never above memory.max
}

void HostMemoryTest::memoryMaxWithoutSwapOomKillsOnceInsideTheGroup() {
    HostModel host;
    enableMemory(host, {"/m", "/other"});
    hosttest::mustWrite(host, "/m", "memory.max", "32K");
    hosttest::mustWrite(host, "/m", "memory.swap.max", "0"); // nothing can be reclaimed
    const int hog = host.spawn(hosttest::program("toucher", {{"PAGES", 16}}), "/m");
    const int bystander = host.spawn(hosttest::program("spin"), "/m");
    const int other = host.spawn(hosttest::program("spin"), "/other");
    const int otherToucher = host.spawn(hosttest::program("toucher", {{"PAGES", 16}}), "/other");
    host.run(200'000);
    const uint64_t otherBefore = host.task(other)->cpuTimeUsec;
    host.run(800'000);
    QCOMPARE(host.task(hog)->state, TaskState::Exited);
    QCOMPARE(host.task(hog)->killedBySignal, 9);
    QCOMPARE(memoryEvent(host, "/m", "oom_kill"), 1u);
    QCOMPARE(memoryEvent(host, "/m", "oom"), 1u);
    QVERIFY(memoryEvent(host, "/m", "max") >= 1);
    QCOMPARE(memoryEvent(host, "/other", "oom_kill"), 0u);
    QCOMPARE(host.machine().events().count(EventType::OomKill), 1u);
    // The bystander in the same group and the tasks in the other group live on.
    QCOMPARE(host.task(bystander)->state, TaskState::Runnable);
    QVERIFY(host.task(other)->state != TaskState::Exited);
    QVERIFY(host.task(otherToucher)->state != TaskState::Exited);
    QVERIFY(host.task(other)->cpuTimeUsec > otherBefore + 100'000);
    QVERIFY(host.task(otherToucher)->context.x[8] > 10 || host.currentPid() == otherToucher);
    // The hog's memory was freed and uncharged.
    QCOMPARE(host.cgroups().find("/m")->memoryCurrent, host.task(bystander)->residentPages);
}

QTEST_APPLESS_MAIN(HostMemoryTest)
#include "test_host_memory.moc"
