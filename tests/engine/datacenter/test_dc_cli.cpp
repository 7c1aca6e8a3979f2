// `vizor migrate` and `vizor consolidate` as a script sees them: exit statuses, the
// text and JSON reports, and bad input reported with the file, line or option at fault.
#include "GuestKernel.h"
#include "cli/ConsolidateCommand.h"
#include "cli/DiskCommand.h"
#include "cli/MigrateCommand.h"

#include <QTemporaryDir>
#include <QTest>

#include <fstream>

#include <sstream>

class DatacenterCliTest : public QObject {
    Q_OBJECT
private slots:
    void migrateLiveReportsRoundsAndDowntime();
    void migrateColdHasOneRound();
    void consolidateReportsBeforeAndAfter();
    void diskReportsGrainsAndFileSize();
    void badInputIsReported();
};

namespace {

struct Output {
    int status;
    std::string out, err;
};

Output runVizor(std::vector<std::string> args) {
    std::ostringstream out, err;
    const std::string& command = args.at(0);
    const int status = command == "migrate" ? vizor::cli::migrateCommand(args, out, err)
                       : command == "disk"  ? vizor::cli::diskCommand(args, out, err)
                                            : vizor::cli::consolidateCommand(args, out, err);
    return {status, out.str(), err.str()};
}

std::string resource(const std::string& name) {
    return hvtest::sourceDir() + "/resources/datacenter/" + name;
}

} // namespace

void DatacenterCliTest::migrateLiveReportsRoundsAndDowntime() {
    const Output text = runVizor({"migrate", resource("memtouch.s"), "--method", "live",
                                  "--bandwidth", "1000", "-D", "PASSES=20000"});
    QCOMPARE(text.status, 0);
    QVERIFY(text.out.find("pre-copy ended: more than 3x the VM's memory sent") !=
            std::string::npos);
    QVERIFY(text.out.find("stop-and-copy") != std::string::npos);
    QVERIFY(text.out.find("destination state equals") != std::string::npos);
    QVERIFY(text.out.find("memtouch: done") != std::string::npos);
    const Output json = runVizor(
        {"migrate", resource("memtouch.s"), "--method", "live", "--json", "-D", "PASSES=20000"});
    QCOMPARE(json.status, 0);
    for (const char* key :
         {"\"rounds\": [", "\"pages_sent\":", "\"pages_dirtied\":", "\"total_ms\":",
          "\"downtime_ms\":", "\"state_matches\": true", "\"halted_reason\": \"poweroff\""})
        QVERIFY2(json.out.find(key) != std::string::npos, key);
    // The same run gives the same bytes.
    QCOMPARE(runVizor({"migrate", resource("memtouch.s"), "--json", "-D", "PASSES=20000"}).out,
             json.out);
}

void DatacenterCliTest::migrateColdHasOneRound() {
    const Output json = runVizor(
        {"migrate", resource("memtouch.s"), "--method", "cold", "--json", "-D", "PASSES=300"});
    QCOMPARE(json.status, 0);
    QVERIFY(json.out.find("\"round\": 1") != std::string::npos);
    QVERIFY(json.out.find("\"round\": 2") == std::string::npos);
    const auto value = [&](const std::string& key) {
        const auto at = json.out.find("\"" + key + "\": ");
        return json.out.substr(at + key.size() + 4, json.out.find(',', at) - at - key.size() - 4);
    };
    QCOMPARE(value("downtime_ms"), value("total_ms"));
}

void DatacenterCliTest::consolidateReportsBeforeAndAfter() {
    const Output text = runVizor({"consolidate", resource("forty-servers.cluster")});
    QCOMPARE(text.status, 0);
    QVERIFY(text.out.find("before: 40 hosts on, 0 off") != std::string::npos);
    QVERIFY(text.out.find("after:  8 hosts on, 32 off") != std::string::npos);
    const Output json = runVizor(
        {"consolidate", resource("day-and-night.cluster"), "--policy", "time-aware", "--json"});
    QCOMPARE(json.status, 0);
    QVERIFY(json.out.find("\"policy\": \"time-aware\"") != std::string::npos);
    QVERIFY(json.out.find("\"hosts_on\": 10") != std::string::npos);
}

void DatacenterCliTest::diskReportsGrainsAndFileSize() {
    QTemporaryDir dir;
    const std::string kernel = dir.filePath("kernel-diskwriter.s").toStdString();
    {
        std::ofstream out(kernel);
        for (const char* name : {"privops.inc", "kernel.s", "proc.s", "vm.s", "console.s", "blk.s",
                                 "ulib.s", "workloads/diskwriter.s"})
            out << std::ifstream(hvtest::sourceDir() + "/resources/guests/" + name).rdbuf() << "\n";
    }
    const std::string image = dir.filePath("disk.img").toStdString();
    const Output text = runVizor({"disk", kernel, "--image", image});
    QCOMPARE(text.status, 0);
    QVERIFY(text.out.find("[pid 3] wrote sector 131071, status 0") != std::string::npos);
    QVERIFY(text.out.find("allocated: 3 grains, 2 grain tables; requests 3, sectors written 3") !=
            std::string::npos);
    QVERIFY(text.out.find("file: apparent size 67108864 bytes") != std::string::npos);
    const Output thick =
        runVizor({"disk", kernel, "--image", image, "--thick", "--size", "8", "--json"});
    QCOMPARE(thick.status, 0);
    QVERIFY(thick.out.find("\"grains_allocated\": 128") != std::string::npos);
    QVERIFY(thick.out.find("\"file_apparent_bytes\": 8388608") != std::string::npos);
}

void DatacenterCliTest::badInputIsReported() {
    const struct {
        std::vector<std::string> args;
        const char* message;
    } cases[] = {
        {{"migrate"}, "missing PROGRAM.s"},
        {{"migrate", "x.s", "--method", "warm"}, "bad option '--method warm'"},
        {{"migrate", "x.s", "--bandwidth", "0"}, "bad option '--bandwidth 0'"},
        {{"migrate", "/nonexistent/x.s"}, "cannot read '/nonexistent/x.s'"},
        {{"consolidate"}, "missing SCENARIO"},
        {{"disk", "x.s"}, "needs PROGRAM.s and --image PATH"},
        {{"disk", "x.s", "--image", "d.img", "--size", "0"}, "--size needs MiB"},
        {{"consolidate", "x", "--policy", "random"},
         "--policy must be ffd, best-fit or time-aware"},
        {{"consolidate", "/nonexistent/s.cluster"}, "cannot read '/nonexistent/s.cluster'"},
    };
    for (const auto& c : cases) {
        const Output r = runVizor(c.args);
        QCOMPARE(r.status, 2);
        QVERIFY2(r.err.find(c.message) != std::string::npos, r.err.c_str());
    }
}

QTEST_APPLESS_MAIN(DatacenterCliTest)
#include "test_dc_cli.moc"
