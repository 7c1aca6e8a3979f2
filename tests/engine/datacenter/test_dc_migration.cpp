// Live and cold migration of a running guest: the dirty-page log sees exactly the
// pages the guest writes; pre-copy rounds resend them; the VM resumes on a fresh
// machine built from the pages that crossed the link and finishes its run there with
// the output it would have had without moving.
#include "GuestKernel.h"
#include "datacenter/Migration.h"
#include "machine/DirtyLog.h"

#include <QTest>

#include <map>

using namespace vizor;
using namespace vizor::dc;

class MigrationTest : public QObject {
    Q_OBJECT
private slots:
    void dirtyLogReportsExactlyThePagesWritten();
    void liveMigrationKeepsTheConsoleOutput();
    void smallWritableWorkingSetGivesShortDowntime();
    void fastDirtierEndsPreCopyByTheStopRules();
    void coldMigrationDowntimeIsTheTotalTime();
};

namespace {

Program assembleOrFail(const std::string& source, const std::string& name,
                       const std::map<std::string, int64_t>& defines = {}) {
    AssemblerOptions options;
    options.fileName = name;
    options.defines = defines;
    const AssemblyResult r = assemble(source, options);
    if (!r.ok()) qFatal("%s: %s", name.c_str(), r.errors.front().format().c_str());
    return r.program;
}

Program kernel(const std::string& workload) {
    return assembleOrFail(hvtest::guestKernelSource(workload), workload);
}

// resources/datacenter/memtouch.s: 8 MiB of data, then PAGES pages dirtied per pass.
Program memtouch(const std::map<std::string, int64_t>& defines = {}) {
    std::ifstream in(hvtest::sourceDir() + "/resources/datacenter/memtouch.s");
    std::ostringstream text;
    text << in.rdbuf();
    return assembleOrFail(text.str(), "memtouch.s", defines);
}

constexpr uint64_t kBudget = 200'000'000;

struct Run {
    std::string console;
    uint32_t exitCode;
    HaltReason halt;
};

Run runToEnd(Machine& m) {
    m.run(kBudget);
    return {m.console(), m.exitCode(), m.haltReason()};
}

Run unmigrated(const Program& p) {
    Machine m;
    m.load(p);
    return runToEnd(m);
}

void printRounds(const MigrationReport& r) {
    for (const MigrationRound& round : r.rounds)
        qInfo("round %2u: sent %5u (zero %4u), dirtied %4u, %.3f ms, guest steps %llu%s",
              round.round, round.pagesSent, round.zeroPages, round.pagesDirtied,
              round.seconds * 1e3, static_cast<unsigned long long>(round.guestSteps),
              round.stopAndCopy ? " stop-and-copy" : "");
    qInfo("total %.3f ms, downtime %.3f ms, stop: %s", r.totalSeconds * 1e3,
          r.downtimeSeconds * 1e3, r.stopReason.c_str());
}

} // namespace

void MigrationTest::dirtyLogReportsExactlyThePagesWritten() {
    // Stores to three pages (one of them twice) and nothing else.
    const Program p = assembleOrFail(R"(
.text
.globl _start
_start:
    li t0, 0x80200000
    sw t0, 0(t0)
    sw t0, 8(t0)
    li t0, 0x80305000
    sb t0, 3(t0)
    li t0, 0x80305ffe
    sw t0, 0(t0)        # misaligned across a page boundary: two pages
    li t0, 0x00100000
    li t1, 0x5555
    sw t1, 0(t0)
)",
                                     "stores.s");
    Machine m;
    m.load(p);
    DirtyLog log(m);
    QCOMPARE(log.harvest(), std::vector<uint32_t>{}); // nothing written yet
    m.run(1000);
    QCOMPARE(m.haltReason(), HaltReason::PowerOff);
    QCOMPARE(log.harvest(), (std::vector<uint32_t>{0x200, 0x305, 0x306}));
    QCOMPARE(log.harvest(), std::vector<uint32_t>{}); // re-armed, nothing new
    QVERIFY(m.pokePhysical(0x80000004, 1, 1));        // any write counts
    QCOMPARE(log.harvest(), std::vector<uint32_t>{0});
}

void MigrationTest::liveMigrationKeepsTheConsoleOutput() {
    for (const std::string workload : {"compute", "pagefaults", "io"}) {
        const Program p = kernel(workload);
        const Run reference = unmigrated(p);
        QCOMPARE(reference.halt, HaltReason::PowerOff);
        Machine source;
        source.load(p);
        source.run(300'000); // mid-run: the processes are up
        const std::string before = source.console();
        MigrationResult moved = migrate(source, {});
        printRounds(moved.report);
        QVERIFY(moved.report.stateMatches);
        // The guest was still running when it resumed, and finished on the destination.
        QVERIFY(moved.destination->haltReason() != HaltReason::PowerOff);
        QVERIFY(moved.report.rounds[0].guestSteps > 0);
        const std::string atSwitch = moved.destination->console();
        const Run after = runToEnd(*moved.destination);
        QVERIFY2(after.console.size() > atSwitch.size(), workload.c_str());
        QVERIFY(atSwitch.size() >= before.size());
        QCOMPARE(after.console, reference.console);
        QCOMPARE(after.exitCode, reference.exitCode);
        QCOMPARE(after.halt, HaltReason::PowerOff);
    }
}

void MigrationTest::smallWritableWorkingSetGivesShortDowntime() {
    // A VM with 8 MiB of data whose guest keeps rewriting only 8 pages.
    const Program p = memtouch({{"PAGES", 8}, {"PASSES", 1'000'000}});
    Machine source;
    source.load(p);
    source.run(200'000);
    MigrationResult moved = migrate(source, {});
    const MigrationReport& r = moved.report;
    printRounds(r);
    QVERIFY(r.rounds.size() >= 2);
    QVERIFY(r.rounds[0].guestSteps > 0);
    QCOMPARE(r.rounds[0].pagesDirtied, 8u); // the writable working set, found by the log
    QVERIFY(r.stopReason.starts_with("fewer than 50"));
    QVERIFY(r.rounds.back().stopAndCopy);
    QVERIFY(r.rounds.back().pagesSent < 50);
    QVERIFY2(r.downtimeSeconds * 10 < r.totalSeconds, "downtime not far below total time");
    double sum = 0;
    for (const MigrationRound& round : r.rounds)
        sum += round.seconds;
    QCOMPARE(r.totalSeconds, sum);
    // Round n+1 sends exactly what was dirtied during round n.
    for (std::size_t i = 1; i < r.rounds.size(); ++i)
        QCOMPARE(r.rounds[i].pagesSent, r.rounds[i - 1].pagesDirtied);
    QVERIFY(r.stateMatches);
    QCOMPARE(runToEnd(*moved.destination).console, unmigrated(p).console);
}

void MigrationTest::fastDirtierEndsPreCopyByTheStopRules() {
    Machine source;
    source.load(memtouch());
    source.run(100'000);
    MigrationConfig config;
    config.bandwidthMbps = 1000;
    const MigrationResult moved = migrate(source, config);
    const MigrationReport& r = moved.report;
    printRounds(r);
    QVERIFY(r.stateMatches);
    QVERIFY2(!r.stopReason.starts_with("fewer than"), r.stopReason.c_str());
    QVERIFY(r.rounds.size() <= 30);
    const bool byRounds = r.rounds.size() - 1 == 30;
    const bool byVolume = r.pagesSent - r.rounds.back().pagesSent > 3ull * r.vmPages;
    QVERIFY(byRounds || byVolume);
    // Every pre-copy round after the first found the whole working set dirty again.
    for (std::size_t i = 1; i + 1 < r.rounds.size(); ++i)
        QVERIFY(r.rounds[i].pagesDirtied >= 512);
    QVERIFY(r.downtimeSeconds * 10 > r.totalSeconds / r.rounds.size()); // no short pause
    // And the guest carries on where it was.
    Machine reference;
    reference.load(memtouch());
    QCOMPARE(runToEnd(*moved.destination).console, runToEnd(reference).console);
}

void MigrationTest::coldMigrationDowntimeIsTheTotalTime() {
    const Program p = kernel("compute");
    Machine source;
    source.load(p);
    source.run(300'000);
    const uint64_t steps = source.hart().steps;
    MigrationConfig config;
    config.method = MigrationMethod::Cold;
    MigrationResult moved = migrate(source, config);
    printRounds(moved.report);
    QCOMPARE(moved.report.rounds.size(), std::size_t{1});
    QCOMPARE(moved.report.downtimeSeconds, moved.report.totalSeconds);
    QCOMPARE(moved.report.rounds[0].pagesSent, moved.report.vmPages);
    QCOMPARE(source.hart().steps, steps); // the guest did not run during the copy
    QVERIFY(moved.report.stateMatches);
    QCOMPARE(runToEnd(*moved.destination).console, unmigrated(p).console);
}

QTEST_APPLESS_MAIN(MigrationTest)
#include "test_dc_migration.moc"
