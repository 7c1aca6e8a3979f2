// Bounds on what a hostile guest or file can make the engine hold or do: the console of
// a guest that prints forever, a scenario that asks for days of virtual time, and the
// event ring of a trap storm inside the debugger's snapshot budget.
#include "asm/Assembler.h"
#include "debug/Debugger.h"
#include "host/Scenario.h"
#include "machine/ConsoleLog.h"
#include "machine/Machine.h"

#include <QTest>

using namespace vizor;

namespace {

Program assembleOrFail(const char* source) {
    const AssemblyResult r = assemble(source, {});
    if (!r.ok()) qFatal("%s", r.errors.front().format().c_str());
    return r.program;
}

// "boot\n", then the digits 0-9 over and over, two instructions a byte.
const char* const kChatterbox = R"(
_start:
    li t0, 0x10000000
    li t1, 98                  # "boot\n"
    sb t1, 0(t0)
    li t1, 111
    sb t1, 0(t0)
    sb t1, 0(t0)
    li t1, 116
    sb t1, 0(t0)
    li t1, 10
    sb t1, 0(t0)
again:
    li t1, 48                  # '0'
    li t2, 58                  # '9' + 1
digit:
    sb t1, 0(t0)
    addi t1, t1, 1
    bne t1, t2, digit
    j again
)";

std::string scenarioError(std::string_view text) {
    host::HostConfig config;
    config.ramSize = 4u << 20;
    host::HostModel host(config);
    const auto load = [](const std::string&, std::string&) { return false; };
    const host::ScenarioResult r = host::runScenario(host, text, "lab.txt", load);
    return r.ok() ? std::string("accepted") : r.errors.front();
}

} // namespace

class HostileBoundsTest : public QObject {
    Q_OBJECT

private slots:
    // A guest printing for two million steps keeps at most ConsoleLog::kLimit bytes: its
    // boot line, a marker with the exact count dropped, and its latest output.
    void consoleOfAChatterboxIsBounded() {
        Machine machine;
        machine.load(assembleOrFail(kChatterbox));
        machine.run(2'000'000);
        const std::string& text = machine.console();
        const uint64_t printed = machine.events().count(EventType::ConsoleOutput);
        QVERIFY(printed > 3 * ConsoleLog::kLimit / 2); // the guest really printed past it
        QVERIFY(text.size() <= ConsoleLog::kLimit);
        QVERIFY(text.starts_with("boot\n0123456789"));

        // The dropped count is exact: kept + dropped = printed.
        const std::size_t at = text.find("\u2026 ", ConsoleLog::kHead);
        QCOMPARE(at, ConsoleLog::kHead + 1);
        const uint64_t dropped = std::stoull(text.substr(at + 4));
        QVERIFY(dropped > 0 && dropped % ConsoleLog::kChunk == 0);
        const std::string marker = ConsoleLog::marker(dropped);
        QCOMPARE(text.substr(ConsoleLog::kHead, marker.size()), marker);
        QCOMPARE(text.size() - marker.size() + dropped, printed);

        // The tail is the latest output: byte i of what the guest printed (i >= 5) is
        // the digit (i - 5) mod 10.
        const std::size_t tail = ConsoleLog::kHead + marker.size();
        for (std::size_t k = tail; k < text.size(); ++k) {
            const uint64_t i = k - marker.size() + dropped;
            QCOMPARE(text[k], static_cast<char>('0' + (i - 5) % 10));
        }
    }

    // Where the cut falls depends on the bytes printed only: running in slices, or
    // restoring a snapshot taken before the first cut and running on, gives the very
    // same text and state hash.
    void boundedConsoleIsDeterministic() {
        const Program program = assembleOrFail(kChatterbox);
        Machine straight;
        straight.load(program);
        straight.run(1'500'000);

        Machine sliced;
        sliced.load(program);
        for (uint64_t done = 0; done < 1'500'000; done += 7'777)
            sliced.run(std::min<uint64_t>(7'777, 1'500'000 - done));
        QCOMPARE(sliced.console(), straight.console());
        QCOMPARE(sliced.stateHash(), straight.stateHash());

        Machine travelled;
        travelled.load(program);
        travelled.run(100'000);
        const SnapshotPtr early = travelled.snapshot();
        travelled.run(1'400'000);
        travelled.restore(early);
        QVERIFY(travelled.console().size() < ConsoleLog::kLimit);
        travelled.run(1'400'000);
        QCOMPARE(travelled.console(), straight.console());
        QCOMPARE(travelled.stateHash(), straight.stateHash());
    }

    // `run` and `wait` longer than the cap are refused with the file and line, before
    // any time passes; a run within it is accepted.
    void scenarioRunIsCapped_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("error");
        QTest::newRow("run a year") << "mkdir /a\nrun 31536000000000\n"
                                    << "lab.txt:2: run 31536000000000: at most 120000000 us";
        QTest::newRow("wait past the cap") << "wait 120000001\n"
                                           << "lab.txt:1: wait 120000001: at most 120000000 us";
        QTest::newRow("run within") << "run 1000\n"
                                    << "accepted";
    }
    void scenarioRunIsCapped() {
        QFETCH(QString, text);
        QFETCH(QString, error);
        const std::string answer = scenarioError(text.toStdString());
        QVERIFY2(answer.starts_with(error.toStdString()), answer.c_str());
    }

    // A trap storm dirties no RAM but rewrites the event ring between snapshots: the
    // ring's unshared blocks count in the snapshot budget, so the history is thinned
    // to fit it, and time travel stays exact.
    void eventRingCountsInSnapshotBudget() {
        const Program program = assembleOrFail(R"(
_start:
    la t0, handler
    csrw mtvec, t0
storm:
    ecall
    j storm
handler:
    csrr t0, mepc
    addi t0, t0, 4
    csrw mepc, t0
    mret
)");
        Machine machine;
        machine.load(program);
        Debugger debugger(machine, 100'000);
        // One snapshot's own share of the ring is hundreds of pages (a block of 1,024
        // events is 12 pages): this budget holds a few snapshots, not thirty.
        constexpr std::size_t kMaxPages = 2048;
        debugger.setSnapshotBudget(SnapshotBudget(1000, kMaxPages));
        for (int i = 0; i < 30; ++i)
            QCOMPARE(debugger.continueRun(100'000).executed, uint64_t{100'000});
        QVERIFY(machine.events().count(EventType::Exception) > 300'000);
        QVERIFY(debugger.snapshotPages() <= kMaxPages);
        QVERIFY(debugger.snapshotPages() > 0);  // the ring's blocks are counted
        QVERIFY(debugger.snapshotCount() < 30); // and thinned the history

        Machine straight;
        straight.load(program);
        straight.run(1'234'567);
        QVERIFY(debugger.goTo(1'234'567));
        QCOMPARE(machine.stateHash(), straight.stateHash());
    }
};

QTEST_APPLESS_MAIN(HostileBoundsTest)
#include "test_hostile_bounds.moc"
