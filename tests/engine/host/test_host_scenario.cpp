// Scenario files: commands run against the host model in order, errors name the line,
// and the shipped example scenarios run clean and show what they promise.
#include "HostTestSupport.h"
#include "cli/CgroupsCommand.h"
#include "host/Levels.h"
#include "host/Scenario.h"

#include <QDir>
#include <QFile>

#include <filesystem>

using namespace vizor;
using namespace vizor::host;
using hosttest::statField;

namespace {
std::string scenarioDir() {
    return hosttest::sourceDir() + "/resources/host/scenarios";
}
bool loadFrom(const std::string& dir, const std::string& name, std::string& source) {
    // As the CLI: ".s" is added to a name without an extension ("privops.inc" stays).
    const bool bare = !std::filesystem::path(name).has_extension();
    std::ifstream in(dir + "/" + (bare ? name + ".s" : name));
    if (!in) return false;
    std::ostringstream text;
    text << in.rdbuf();
    source = text.str();
    return true;
}
ScenarioResult runFile(HostModel& host, const std::string& name) {
    std::ifstream in(scenarioDir() + "/" + name);
    if (!in) qFatal("no scenario %s", name.c_str());
    std::ostringstream buffer;
    buffer << in.rdbuf();
    const std::string text = buffer.str();
    return runScenario(host, text, name, [](const std::string& program, std::string& source) {
        return loadFrom(scenarioDir(), program, source);
    });
}
} // namespace

class HostScenarioTest : public QObject {
    Q_OBJECT
private slots:
    void commandsRunInOrder();
    void errorsNameTheLineAndStop();
    void shippedWeightsScenario();
    void shippedMemoryScenario();
    void shippedPidsScenario();
    void shippedPidsCloneScenario();
    void shippedThreeLevelsScenario();
    void cliRunsAScenarioAsTextAndJson();
};

void HostScenarioTest::commandsRunInOrder() {
    HostModel host;
    const ScenarioResult r =
        runScenario(host,
                    "# comment\n"
                    "mkdir /a\n"
                    "write / cgroup.subtree_control +cpu\n"
                    "write /a cpu.max 30000 100000\n"
                    "spawn /a spin\n"
                    "run 1000000\n",
                    "inline", [](const std::string& name, std::string& s) {
                        return loadFrom(hosttest::sourceDir() + "/resources/host", name, s);
                    });
    QVERIFY2(r.ok(), r.ok() ? "" : r.errors.front().c_str());
    QCOMPARE(r.log.size(), std::size_t{5});
    QCOMPARE(host.now(), 1'000'000u);
    QCOMPARE(host.readFile("/a", "cpu.max").value(), std::string("30000 100000\n"));
    QCOMPARE(statField(host.readFile("/a", "cpu.stat").value(), "usage_usec"), 300'000u);
}

void HostScenarioTest::errorsNameTheLineAndStop() {
    HostModel host;
    const auto none = [](const std::string&, std::string&) { return false; };
    ScenarioResult r = runScenario(host, "mkdir /a\nwrite /a cpu.weight 5\n", "s.txt", none);
    QCOMPARE(r.errors.size(), std::size_t{1});
    QVERIFY(r.errors[0].starts_with("s.txt:2: write /a cpu.weight 5: no such file"));
    r = runScenario(host, "mkdir /b\nfly away\nmkdir /c\n", "t.txt", none);
    QVERIFY(r.errors[0].starts_with("t.txt:2: unknown or malformed command"));
    QVERIFY(!host.cgroups().find("/c")); // stopped at the error
    r = runScenario(host, "spawn /b nothing\n", "u.txt", none);
    QCOMPARE(r.errors[0], std::string("u.txt:1: cannot read program nothing"));
    r = runScenario(host, "run -5\n", "v.txt", none);
    QVERIFY(!r.ok());
}

void HostScenarioTest::shippedWeightsScenario() {
    HostModel host;
    const ScenarioResult r = runFile(host, "weights.txt");
    QVERIFY2(r.ok(), r.ok() ? "" : r.errors.front().c_str());
    const double light = statField(host.readFile("/light", "cpu.stat").value(), "usage_usec");
    const double heavy = statField(host.readFile("/heavy", "cpu.stat").value(), "usage_usec");
    const double capped = statField(host.readFile("/capped", "cpu.stat").value(), "usage_usec");
    QVERIFY(std::abs(heavy / light / 3.0 - 1.0) < 0.02);
    QVERIFY(std::abs(capped / 2'000'000.0 - 0.2) < 0.01);
    QVERIFY(describeHost(host).find("/capped") != std::string::npos);
}

void HostScenarioTest::shippedMemoryScenario() {
    HostModel host;
    const ScenarioResult r = runFile(host, "memory.txt");
    QVERIFY2(r.ok(), r.ok() ? "" : r.errors.front().c_str());
    QCOMPARE(statField(host.readFile("/hard", "memory.events").value(), "oom_kill"), 1u);
    QCOMPARE(statField(host.readFile("/soft", "memory.events").value(), "oom_kill"), 0u);
    QVERIFY(statField(host.readFile("/soft", "memory.events").value(), "high") > 0);
}

void HostScenarioTest::shippedPidsScenario() {
    HostModel host;
    const ScenarioResult r = runFile(host, "pids.txt");
    QVERIFY2(r.ok(), r.ok() ? "" : r.errors.front().c_str());
    QCOMPARE(host.task(1)->exitCode, 0b1100);
    QCOMPARE(host.readFile("/jail", "pids.events").value(), std::string("max 2\n"));
}

void HostScenarioTest::shippedPidsCloneScenario() {
    HostModel host;
    const ScenarioResult r = runFile(host, "pids-clone.txt");
    QVERIFY2(r.ok(), r.ok() ? "" : r.errors.front().c_str());
    QCOMPARE(host.task(1)->exitCode, 0b1000); // only the fourth fork failed
    QCOMPARE(host.readFile("/jail", "pids.current").value(), std::string("3\n"));
    QCOMPARE(host.readFile("/jail", "pids.events").value(), std::string("max 1\n"));
}

void HostScenarioTest::shippedThreeLevelsScenario() {
    HostModel host;
    const ScenarioResult r = runFile(host, "three-levels.txt");
    QVERIFY2(r.ok(), r.ok() ? "" : r.errors.front().c_str());
    const std::vector<LevelRow> rows = compareLevels(host);
    QCOMPARE(rows.size(), std::size_t{3});
    QCOMPARE(rows[0].cgroup + " " + rows[0].level, std::string("/bare process"));
    QCOMPARE(rows[1].cgroup + " " + rows[1].level, std::string("/box container"));
    QCOMPARE(rows[2].cgroup + " " + rows[2].level, std::string("/vm vm"));
    QCOMPARE(rows[0].exitedOk + rows[1].exitedOk + rows[2].exitedOk, 7);
    QCOMPARE(rows[1].ownPids, (std::vector<int>{1, 2, 3}));
    QVERIFY(rows[2].output.find("CRITICAL SECTION OK") != std::string::npos);
    // Every line the processes printed, the guest's processes printed too.
    std::istringstream lines(rows[0].output + rows[1].output);
    std::string line;
    int checked = 0;
    for (; std::getline(lines, line); ++checked)
        QVERIFY2(rows[2].output.find(line + "\n") != std::string::npos, line.c_str());
    QCOMPARE(checked, 12);
}

void HostScenarioTest::cliRunsAScenarioAsTextAndJson() {
    const std::string file = scenarioDir() + "/pids-clone.txt";
    std::ostringstream out, err;
    QCOMPARE(vizor::cli::cgroupsCommand({"cgroups", "--scenario", file}, out, err), 0);
    QVERIFY2(out.str().find("$ spawn ../cgforker in / -> pid 1\n") != std::string::npos,
             out.str().c_str());
    QVERIFY(out.str().find("pids.current: 3") != std::string::npos);
    std::ostringstream json, jsonErr;
    QCOMPARE(vizor::cli::cgroupsCommand({"cgroups", "--scenario", file, "--json"}, json, jsonErr),
             0);
    const std::string j = json.str();
    QVERIFY2(j.find("\"ok\": true") != std::string::npos, j.c_str());
    QVERIFY(j.find("\"time_usec\": 100000") != std::string::npos);
    QVERIFY(j.find("\"/jail\": {") != std::string::npos); // the group the children are in
    QVERIFY(j.find("\"pids\": \"2 3 4\"") != std::string::npos);
    // A scenario that fails names its file and line, and the status says so.
    const QString bad = QDir::temp().filePath("vizor-host-bad-scenario.txt");
    {
        std::ofstream f(bad.toStdString());
        f << "mkdir /a\nfrobnicate /a\n";
    }
    std::ostringstream badOut, badErr;
    QCOMPARE(
        vizor::cli::cgroupsCommand({"cgroups", "--scenario", bad.toStdString()}, badOut, badErr),
        2);
    QVERIFY2(badErr.str().find(":2: unknown or malformed command: frobnicate /a") !=
                 std::string::npos,
             badErr.str().c_str());
    QFile::remove(bad);
}

QTEST_APPLESS_MAIN(HostScenarioTest)
#include "test_host_scenario.moc"
