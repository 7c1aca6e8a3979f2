// The live cgroup reader on fixture trees of the three layouts (v2 unified, v1,
// hybrid), with injected faults: an unreadable file, groups that vanish mid-walk, an
// unreadable mountinfo. And `vizor cgroups --live` on the same fixtures.
#include "cli/CgroupsCommand.h"
#include "host/LiveCgroups.h"

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <map>
#include <sstream>

using namespace vizor::host;

namespace {

std::string fixture(const std::string& layout) {
    const char* dir = std::getenv("VIZOR_SOURCE_DIR");
    return std::string(dir ? dir : VIZOR_SOURCE_DIR_DEFAULT) + "/tests/data/cgroups/" + layout;
}

// The real file system with faults: errno for chosen files, and a hook run when a file
// is read (to delete a directory while the walk is under way).
class FaultyFileSystem : public CgroupFileSystem {
public:
    std::map<std::string, int> failures; // path suffix -> errno
    std::map<std::string, std::function<void()>> onRead;
    mutable std::vector<std::string> reads;

    int readFile(const std::string& path, std::string& text) const override {
        reads.push_back(path);
        for (const auto& [suffix, hook] : onRead)
            if (path.ends_with(suffix)) hook();
        for (const auto& [suffix, error] : failures)
            if (path.ends_with(suffix)) return error;
        return real_.readFile(path, text);
    }
    int listDirectories(const std::string& path, std::vector<std::string>& names) const override {
        return real_.listDirectories(path, names);
    }

private:
    RealCgroupFileSystem real_;
};

const LiveGroup* group(const LiveCgroupTree& tree, const std::string& mount,
                       const std::string& path) {
    for (const LiveHierarchy& h : tree.hierarchies)
        if (h.mount.mountPoint == mount)
            for (const LiveGroup& g : h.groups)
                if (g.path == path) return &g;
    return nullptr;
}

std::string value(const LiveGroup* g, const std::string& file) {
    if (!g) return "(no group)";
    for (const auto& [f, v] : g->values)
        if (f == file) return v;
    return "(absent)";
}

std::string error(const LiveGroup* g, const std::string& file) {
    if (!g) return "(no group)";
    for (const auto& [f, e] : g->errors)
        if (f == file) return e;
    return "";
}

} // namespace

class HostLiveTest : public QObject {
    Q_OBJECT
private slots:
    void mountInfoIsParsed();
    void unifiedLayout();
    void legacyLayout();
    void hybridLayout();
    void unreadableFileIsReportedNotFatal();
    void groupVanishingBeforeItIsReadIsReported();
    void groupVanishingWhileItIsReadIsReported();
    void unreadableMountInfoIsReported();
    void commandPrintsTextAndJson();
    void commandRefusesBadOptions();
};

void HostLiveTest::mountInfoIsParsed() {
    const auto mounts = parseMountInfo(
        "25 24 0:21 / /sys/fs/cgroup/unified rw shared:5 - cgroup2 cgroup2 rw,nsdelegate\n"
        "29 24 0:25 / /sys/fs/cgroup/cpu,cpuacct rw - cgroup cgroup rw,xattr,cpu,cpuacct\n"
        "30 24 0:26 / /mnt/my\\040cgroups rw - cgroup cgroup rw,name=systemd\n"
        "31 24 0:26 / /mnt/my\\040cgroups rw - cgroup cgroup rw,name=systemd\n"
        "22 1 8:1 / / rw,relatime - ext4 /dev/sda1 rw\n"
        "garbage line\n");
    QCOMPARE(mounts.size(), std::size_t{3});
    QCOMPARE(mounts[0].version, 2);
    QCOMPARE(mounts[1].controllers, (std::vector<std::string>{"cpu", "cpuacct"}));
    QCOMPARE(mounts[2].mountPoint, std::string("/mnt/my cgroups"));
    QCOMPARE(mounts[2].controllers, (std::vector<std::string>{"name=systemd"}));
    QCOMPARE(layoutOf(mounts), CgroupLayout::Hybrid);
    QCOMPARE(layoutOf({}), CgroupLayout::None);
}

void HostLiveTest::unifiedLayout() {
    const LiveCgroupTree tree = readLiveCgroups(RealCgroupFileSystem(), fixture("v2"));
    QCOMPARE(tree.layout, CgroupLayout::Unified);
    QCOMPARE(tree.hierarchies.size(), std::size_t{1});
    QCOMPARE(tree.hierarchies[0].groups.size(), std::size_t{6});
    const std::string m = "/sys/fs/cgroup";
    const LiveGroup* db = group(tree, m, "/system.slice/db.service");
    QCOMPARE(value(db, "cpu.max"), std::string("50000 100000"));
    QCOMPARE(value(db, "cpu.weight"), std::string("300"));
    QCOMPARE(value(db, "memory.max"), std::string("536870912"));
    QCOMPARE(value(db, "memory.current"), std::string("301989888"));
    QCOMPARE(value(db, "pids.max"), std::string("64"));
    QCOMPARE(value(db, "memory.events"), std::string("high=0 max=0 oom=0 oom_kill=1"));
    QCOMPARE(value(db, "cpu.stat"),
             std::string("usage_usec=3500000 nr_periods=0 nr_throttled=17 throttled_usec=0"));
    QCOMPARE(db->processes, 2);
    const LiveGroup* root = group(tree, m, "/");
    QCOMPARE(value(root, "cpu.max"), std::string("(absent)")); // not an error: no such file
    QVERIFY(root->errors.empty());
    QVERIFY(group(tree, m, "/user.slice/user-1000.slice"));
}

void HostLiveTest::legacyLayout() {
    const LiveCgroupTree tree = readLiveCgroups(RealCgroupFileSystem(), fixture("v1"));
    QCOMPARE(tree.layout, CgroupLayout::Legacy);
    QCOMPARE(tree.hierarchies.size(), std::size_t{4});
    const LiveGroup* cpu = group(tree, "/sys/fs/cgroup/cpu,cpuacct", "/docker/4f1c2a");
    QCOMPARE(value(cpu, "cpu.shares"), std::string("512"));
    QCOMPARE(value(cpu, "cpu.cfs_quota_us"), std::string("50000"));
    QCOMPARE(value(cpu, "cpuacct.usage"), std::string("1200000000"));
    QCOMPARE(value(cpu, "cpu.stat"), std::string("nr_periods=0 nr_throttled=42 throttled_time=0"));
    const LiveGroup* mem = group(tree, "/sys/fs/cgroup/memory", "/docker/4f1c2a");
    QCOMPARE(value(mem, "memory.limit_in_bytes"), std::string("268435456"));
    QCOMPARE(value(mem, "memory.failcnt"), std::string("3"));
    QCOMPARE(value(mem, "cpu.shares"), std::string("(absent)")); // not a cpu hierarchy
    QCOMPARE(value(group(tree, "/sys/fs/cgroup/pids", "/docker/4f1c2a"), "pids.max"),
             std::string("100"));
    QCOMPARE(group(tree, "/sys/fs/cgroup/systemd", "/init.scope")->processes, 1);
}

void HostLiveTest::hybridLayout() {
    const LiveCgroupTree tree = readLiveCgroups(RealCgroupFileSystem(), fixture("hybrid"));
    QCOMPARE(tree.layout, CgroupLayout::Hybrid);
    QCOMPARE(tree.hierarchies.size(), std::size_t{4});
    QCOMPARE(tree.hierarchies[0].mount.version, 2);
    QCOMPARE(value(group(tree, "/sys/fs/cgroup/unified", "/"), "cpu.stat"),
             std::string("usage_usec=5000000"));
    QVERIFY(group(tree, "/sys/fs/cgroup/unified", "/system.slice/ssh.service"));
    QCOMPARE(value(group(tree, "/sys/fs/cgroup/cpu,cpuacct", "/system.slice"), "cpu.cfs_quota_us"),
             std::string("20000"));
    QCOMPARE(value(group(tree, "/sys/fs/cgroup/memory", "/system.slice"), "memory.limit_in_bytes"),
             std::string("536870912"));
    const std::string text = formatLiveCgroups(tree);
    QVERIFY(text.starts_with("cgroup layout: hybrid"));
    QVERIFY(text.find("v2 /sys/fs/cgroup/unified") != std::string::npos);
    QVERIFY(text.find("v1 /sys/fs/cgroup/memory [memory]") != std::string::npos);
}

void HostLiveTest::unreadableFileIsReportedNotFatal() {
    FaultyFileSystem fs;
    fs.failures["/system.slice/db.service/memory.max"] = EACCES;
    const LiveCgroupTree tree = readLiveCgroups(fs, fixture("v2"));
    const LiveGroup* db = group(tree, "/sys/fs/cgroup", "/system.slice/db.service");
    QVERIFY(db);
    QCOMPARE(error(db, "memory.max"), std::string(std::strerror(EACCES)));
    QCOMPARE(value(db, "memory.max"), std::string("(absent)"));
    QCOMPARE(value(db, "memory.high"), std::string("402653184")); // the rest is read
    QVERIFY(!db->vanished);
    QCOMPARE(tree.hierarchies[0].groups.size(), std::size_t{6}); // and the rest of the tree
    QVERIFY(formatLiveCgroups(tree).find("memory.max: " + std::string(std::strerror(EACCES))) !=
            std::string::npos);
}

void HostLiveTest::groupVanishingBeforeItIsReadIsReported() {
    QTemporaryDir temp;
    QVERIFY(temp.isValid());
    const std::string root = temp.path().toStdString();
    std::filesystem::copy(fixture("v2"), root, std::filesystem::copy_options::recursive);
    FaultyFileSystem fs;
    // While cron.service is read, its sibling db.service (listed, not yet visited) goes.
    fs.onRead["/system.slice/cron.service/cgroup.procs"] = [&] {
        std::filesystem::remove_all(root + "/sys/fs/cgroup/system.slice/db.service");
    };
    const LiveCgroupTree tree = readLiveCgroups(fs, root);
    const LiveGroup* db = group(tree, "/sys/fs/cgroup", "/system.slice/db.service");
    QVERIFY(db);
    QVERIFY(db->vanished);
    QVERIFY(db->values.empty());
    QVERIFY(group(tree, "/sys/fs/cgroup", "/user.slice/user-1000.slice")); // walk went on
    QVERIFY(formatLiveCgroups(tree).find("db.service  (vanished while read)") != std::string::npos);
}

void HostLiveTest::groupVanishingWhileItIsReadIsReported() {
    QTemporaryDir temp;
    QVERIFY(temp.isValid());
    const std::string root = temp.path().toStdString();
    std::filesystem::copy(fixture("v2"), root, std::filesystem::copy_options::recursive);
    FaultyFileSystem fs;
    // The group itself goes half-way through its files, as a container exiting.
    fs.onRead["/user.slice/cpu.max"] = [&] {
        std::filesystem::remove_all(root + "/sys/fs/cgroup/user.slice");
    };
    const LiveCgroupTree tree = readLiveCgroups(fs, root);
    const LiveGroup* user = group(tree, "/sys/fs/cgroup", "/user.slice");
    QVERIFY(user);
    QVERIFY(user->vanished);
    QCOMPARE(value(user, "cpu.weight"), std::string("100")); // read before it went
    QVERIFY(!group(tree, "/sys/fs/cgroup", "/user.slice/user-1000.slice"));
}

void HostLiveTest::unreadableMountInfoIsReported() {
    FaultyFileSystem fs;
    fs.failures["/proc/self/mountinfo"] = EACCES;
    const LiveCgroupTree tree = readLiveCgroups(fs, fixture("v2"));
    QCOMPARE(tree.layout, CgroupLayout::None);
    QCOMPARE(tree.problems.size(), std::size_t{1});
    const LiveCgroupTree missing = readLiveCgroups(RealCgroupFileSystem(), fixture("nowhere"));
    QCOMPARE(missing.problems.size(), std::size_t{1});
}

void HostLiveTest::commandPrintsTextAndJson() {
    std::ostringstream out, err;
    QCOMPARE(
        vizor::cli::cgroupsCommand({"cgroups", "--live", "--root", fixture("hybrid")}, out, err),
        0);
    QVERIFY(out.str().starts_with("cgroup layout: hybrid"));
    std::ostringstream json;
    QCOMPARE(vizor::cli::cgroupsCommand({"cgroups", "--live", "--json", "--root", fixture("v1"),
                                         "--count", "2", "--interval", "0"},
                                        json, err),
             0);
    const std::string text = json.str();
    QVERIFY(text.find("\"layout\": \"legacy\"") != std::string::npos);
    QVERIFY(text.find("\"cpu.cfs_quota_us\": \"50000\"") != std::string::npos);
    // Two refreshes: two objects.
    QCOMPARE(std::count(text.begin(), text.end(), '\n') > 10, true);
    QCOMPARE(text.find("\"layout\"", text.find("\"layout\"") + 1) != std::string::npos, true);
    QVERIFY(err.str().empty());
}

void HostLiveTest::commandRefusesBadOptions() {
    std::ostringstream out, err;
    QCOMPARE(vizor::cli::cgroupsCommand({"cgroups"}, out, err), 2);
    QCOMPARE(vizor::cli::cgroupsCommand({"cgroups", "--live", "--count", "x"}, out, err), 2);
    QCOMPARE(vizor::cli::cgroupsCommand({"cgroups", "--live", "--bogus"}, out, err), 2);
    QVERIFY(out.str().empty());
}

QTEST_APPLESS_MAIN(HostLiveTest)
#include "test_host_live.moc"
