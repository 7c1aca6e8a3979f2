// Time travel under every hypervisor mode: the Debugger snapshots the VMM's own state
// (virtual CSRs, shadow bookkeeping, translation cache, patch table, counts) with the
// Machine, so going back and running forward again lands exactly where a straight run
// does — the machine's whole state, the guest-visible state and the VMM's statistics.
#include "../hypervisor/HypervisorTestSupport.h"
#include "debug/Debugger.h"
#include "hypervisor/HypervisorParticipant.h"

#include <QTest>

#include <memory>
#include <string>

using namespace vizor;

namespace {

constexpr uint64_t kInterval = 4096; // many snapshots, so replays start mid-history

// One guest kernel under one mode, driven by a Debugger as the workbench drives it.
struct Session {
    std::unique_ptr<hv::Hypervisor> vm;
    std::unique_ptr<hv::HypervisorParticipant> participant;
    std::unique_ptr<Debugger> debugger;

    Session(const std::string& mode, const Program& program) {
        vm = hv::makeHypervisor(mode, {});
        std::string error;
        if (!vm || !vm->load(program, error)) qFatal("cannot load under %s", mode.c_str());
        participant = std::make_unique<hv::HypervisorParticipant>(*vm);
        debugger = std::make_unique<Debugger>(vm->machine(), kInterval);
        debugger->setParticipant(participant.get());
        debugger->resetHistory();
    }
};

// Everything compared at a position.
struct Observed {
    uint64_t position = 0;
    uint64_t hash = 0;
    hv::GuestState guest;
    hv::VmStats stats;
    std::string console;
};

Observed observe(const Session& s) {
    const Machine& m = s.vm->machine();
    return {m.hart().steps, m.stateHash(), s.vm->guestState(), s.vm->stats(), m.console()};
}

// bt's translation cache counts depend on where execution paused: a pause splits a
// block, and with a breakpoint set it runs one guest instruction at a time (as QEMU's
// translator does under a debugger). What the guest computed does not depend on it.
// (The other modes keep every count exact: they are compared whole.)
hv::VmStats withoutCacheCounts(hv::VmStats s) {
    s.translatedBlocks = s.translatedInstructions = s.cacheHits = s.cacheMisses = 0;
    s.chainFollows = s.invalidations = 0;
    s.walkReferences = 0; // translating a block walks the guest's tables for its page
    return s;
}

void compare(const Observed& got, const Observed& want, const char* what,
             bool cacheCountsToo = true) {
    QVERIFY2(got.position == want.position, what);
    QVERIFY2(got.hash == want.hash, what);
    QVERIFY2(got.guest == want.guest, what);
    if (cacheCountsToo) QVERIFY2(got.stats == want.stats, what);
    QVERIFY2(withoutCacheCounts(got.stats) == withoutCacheCounts(want.stats), what);
    QVERIFY2(got.console == want.console, what);
}

// pv runs the PARAVIRT build of the guest kernel, as `vizor run --mode pv` does.
Program programFor(const QString& mode, const QString& workload) {
    std::map<std::string, int64_t> defines;
    if (mode == "pv") defines["PARAVIRT"] = 1;
    return hvtest::assembleOrFail(hvtest::guestKernelSource(workload.toStdString()), defines);
}

} // namespace

class TestVmmTimeTravel : public QObject {
    Q_OBJECT
private slots:
    void backAndForthMatchesAStraightRun_data();
    void backAndForthMatchesAStraightRun();
    void reverseContinueFindsTheBreakpointUnderTheVmm_data() {
        backAndForthMatchesAStraightRun_data();
    }
    void reverseContinueFindsTheBreakpointUnderTheVmm();
};

void TestVmmTimeTravel::backAndForthMatchesAStraightRun_data() {
    QTest::addColumn<QString>("mode");
    QTest::addColumn<QString>("workload");
    for (const std::string& mode : hv::modeNames()) {
        // pagefaults keeps the shadow busy; selfmodify makes bt invalidate and patch drop.
        for (const char* workload : {"pagefaults", "selfmodify"})
            QTest::newRow((mode + "/" + workload).c_str())
                << QString::fromStdString(mode) << QString::fromLatin1(workload);
    }
}

// Run N, step back M, run forward M: the same as running N. The reference pauses at
// N - M as well, since bt translates a block afresh where a pause split one (as QEMU's
// translator does under a debugger): counts depend on where execution paused, so the
// reference must pause where the traveller does.
void TestVmmTimeTravel::backAndForthMatchesAStraightRun() {
    QFETCH(QString, mode);
    QFETCH(QString, workload);
    const Program program = programFor(mode, workload);
    for (const auto& [n, m] :
         {std::pair<uint64_t, uint64_t>{60'000, 9'999}, {150'000, 77'777}, {40'000, 40'000}}) {
        Session straight(mode.toStdString(), program);
        straight.debugger->continueRun(n - m);
        const Observed early = observe(straight);
        straight.debugger->continueRun(m);
        const Observed late = observe(straight);
        QCOMPARE(late.position, n); // the guest kernel runs longer than this
        QVERIFY(late.stats.guestInstructions() > early.stats.guestInstructions());

        Session traveller(mode.toStdString(), program);
        traveller.debugger->continueRun(n);
        QVERIFY(traveller.debugger->stepBack(m));
        compare(observe(traveller), early, "after stepping back");
        traveller.debugger->continueRun(m);
        compare(observe(traveller), late, "after running forward again");
        // And forward again from the very start: travel is exact in both directions.
        QVERIFY(traveller.debugger->goTo(0));
        QVERIFY(traveller.debugger->goTo(n - m));
        compare(observe(traveller), early, "after going to 0 and back");
    }
}

// A breakpoint is a guest pc, whichever way the mode runs the guest; reverse continue
// replays VMM state and all to the previous time execution stood there. (The Machine
// counts the BreakpointHit event of a stop in its state, so the machine is compared
// with a run that went to the same step without stopping on the way.)
void TestVmmTimeTravel::reverseContinueFindsTheBreakpointUnderTheVmm() {
    QFETCH(QString, mode);
    QFETCH(QString, workload);
    const Program program = programFor(mode, workload);

    Session probe(mode.toStdString(), program);
    probe.debugger->continueRun(30'000);
    const uint32_t target = probe.vm->guestPc(); // somewhere this guest really runs

    Session forward(mode.toStdString(), program);
    forward.debugger->setBreakpoint(target);
    std::vector<Observed> hits;
    while (hits.size() < 3 && forward.debugger->position() < 400'000) {
        if (forward.debugger->continueRun(400'000).reason != HaltReason::Breakpoint) break;
        QCOMPARE(forward.vm->guestPc(), target);
        hits.push_back(observe(forward));
    }
    QVERIFY(hits.size() >= 2);

    QCOMPARE(forward.debugger->reverseContinue().reason, HaltReason::Breakpoint);
    const Observed back = observe(forward);
    const Observed& previous = hits[hits.size() - 2];
    QCOMPARE(back.position, previous.position);
    QCOMPARE(forward.vm->guestPc(), target);
    QVERIFY(back.guest == previous.guest);
    QVERIFY(withoutCacheCounts(back.stats) == withoutCacheCounts(previous.stats));
    if (mode != "bt") QVERIFY(back.stats == previous.stats);

    Session straight(mode.toStdString(), program);
    straight.debugger->continueRun(previous.position);
    compare(back, observe(straight), "reverse continue, against a straight run", mode != "bt");
}

QTEST_APPLESS_MAIN(TestVmmTimeTravel)
#include "test_vmm_time_travel.moc"
