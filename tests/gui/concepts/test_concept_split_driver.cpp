// The split-driver view fed a real pv run of the io workload: its ring slots, indices and
// step arrows are the engine's virtqueue events, its indices the back end's and the
// guest's own, its device output the console's last lines; part way round a request only
// the steps the engine made are drawn solid, and stepping back undoes them.
#include "views/concepts/ScenarioRun.h"
#include "views/concepts/SplitDriverView.h"

#include "hypervisor/ParavirtMode.h"
#include "hypervisor/Virtqueue.h"

#include <QTest>

using namespace vizor;
using namespace vizor::views::concepts;

namespace {

constexpr uint32_t kVirtq = 0x80130000u; // VIRTQ_PA of the guest kernel

ScenarioRun pvIo() {
    ScenarioOptions o;
    o.mode = "pv";
    o.workload = "io";
    return runScenario(o);
}

uint16_t guestIndex(const ScenarioRun& run, uint32_t address) {
    return static_cast<uint16_t>(run.vm->machine().peekPhysical(address, 2).value_or(0xffff));
}

int solidSteps(const SplitDriverView& view) {
    int solid = 0;
    for (const SceneItem& item : view.itemsWithId("step"))
        solid += !item.dashed;
    return solid;
}

uint32_t kindOf(hv::VirtqueueEvent k) {
    return static_cast<uint32_t>(k);
}

} // namespace

class TestConceptSplitDriver : public QObject {
    Q_OBJECT
private slots:
    void wholeRunShowsTheEnginesRing() {
        const ScenarioRun run = pvIo();
        QVERIFY2(run.ok(), run.error.c_str());
        SplitDriverView view;
        view.setReduceMotion(true);
        feedRun(view, run, 500);
        const auto& pv = dynamic_cast<const hv::ParavirtMode&>(*run.vm);
        const SplitDriverState& s = view.state();
        QCOMPARE(s.device, 3u);
        QCOMPARE(s.queue, 1u);
        QCOMPARE(s.num, 8u);
        QCOMPARE(s.kicks, run.vm->stats().consoleKicks);
        QCOMPARE(s.served, run.vm->stats().consoleBuffers);
        // The indices drawn are the back end's and those in the guest's rings.
        QCOMPARE(s.usedIdx, uint32_t{pv.console().usedIndex()});
        QCOMPARE(s.lastAvail, uint32_t{pv.console().lastAvailIndex()});
        QCOMPARE(s.usedIdx, uint32_t{guestIndex(run, kVirtq + 4096 + 2)});
        QCOMPARE(s.availIdx, uint32_t{guestIndex(run, kVirtq + 16 * 8 + 2)});
        QCOMPARE(view.itemsWithId("used-idx").front().text,
                 QStringLiteral("used.idx = %1").arg(s.usedIdx));
        QVERIFY(view.itemsWithId("avail-idx")
                    .front()
                    .text.startsWith(QStringLiteral("avail.idx = %1 ").arg(s.availIdx)));
        // console.s hands every line over in descriptor 0: one descriptor slot filled,
        // and after more than eight lines every ring slot has been used.
        QCOMPARE(view.itemsWithId("descriptor").size(), 1);
        QCOMPARE(view.itemsWithId("avail-slot").size(), 8);
        QCOMPARE(view.itemsWithId("used-slot").size(), 8);
        int filledUsed = 0;
        for (const VirtqRingSlot& r : s.used)
            filledUsed += r.filled;
        QCOMPARE(filledUsed, 8);
        // The used slot written last is used.idx - 1 modulo the ring, as the spec places it.
        QCOMPARE(s.usedSlot, (s.usedIdx + 7) % 8);
        QCOMPARE(s.used[s.usedSlot].head, 0u);
        // The device's output is the console's: its last line is the console's last line.
        const QString console = QString::fromStdString(run.vm->machine().console());
        QStringList lines = console.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(s.lines.back(), lines.back());
        QCOMPARE(s.bytes, static_cast<uint64_t>(console.size()));
        QCOMPARE(solidSteps(view), 6); // the last request went all the way round
    }

    void partWayRoundOnlyTheStepsMadeAreSolid() {
        const ScenarioRun run = pvIo();
        QVERIFY2(run.ok(), run.error.c_str());
        using K = hv::VirtqueueEvent;
        const std::vector<std::pair<K, int>> cases = {{K::Kick, 1},        {K::AvailPop, 2},
                                                      {K::Descriptor, 3},  {K::Consumed, 4},
                                                      {K::UsedPublish, 5}, {K::Notify, 6}};
        for (const auto& [kind, solid] : cases) {
            SplitDriverView view;
            view.setReduceMotion(true);
            feedView(view, UINT64_MAX, eventsUntilVirtqueueStep(run.events, kindOf(kind), 3));
            QCOMPARE(view.state().kicks, 3u);
            QCOMPARE(solidSteps(view), solid);
            // Before its used entry the third request has not moved used.idx past 2.
            QCOMPARE(view.state().usedIdx, kind < K::UsedPublish ? 2u : 3u);
        }
    }

    void steppingBackUndoesTheRequest() {
        const ScenarioRun run = pvIo();
        QVERIFY2(run.ok(), run.error.c_str());
        const auto upToUsed =
            eventsUntilVirtqueueStep(run.events, kindOf(hv::VirtqueueEvent::UsedPublish), 5);
        const auto upToPop =
            eventsUntilVirtqueueStep(run.events, kindOf(hv::VirtqueueEvent::AvailPop), 5);
        SplitDriverView view;
        view.setReduceMotion(true);
        feedView(view, UINT64_MAX, upToUsed);
        QCOMPARE(view.state().usedIdx, 5u);
        // Back to just after the fifth pop: the used entry and the printed line go again.
        feedView(view, upToPop.back().sequence + 1, {});
        QCOMPARE(view.state().usedIdx, 4u);
        QCOMPARE(view.state().lines.size(), std::size_t{4});
        QCOMPARE(solidSteps(view), 2);
    }

    void animatesUnlessMotionIsReduced() {
        const ScenarioRun run = pvIo();
        QVERIFY2(run.ok(), run.error.c_str());
        SplitDriverView view;
        view.setSpeedPosition(50);
        const auto events =
            eventsUntilVirtqueueStep(run.events, kindOf(hv::VirtqueueEvent::Kick), 2);
        feedView(view, UINT64_MAX, {events.begin(), events.end() - 1});
        feedView(view, UINT64_MAX, {events.end() - 1, events.end()});
        QVERIFY(view.animating());
        // Half-way, the kick arrow is half drawn; at the end, whole.
        view.seekAnimation(view.transitionMs() / 2);
        SceneItem kick;
        for (const SceneItem& item : view.itemsWithId("step"))
            if (!item.dashed) kick = item;
        QVERIFY(view.revealOf(kick) > 0.0 && view.revealOf(kick) < 1.0);
        view.setReduceMotion(true);
        QVERIFY(!view.animating());
        QCOMPARE(view.revealOf(kick), 1.0);
    }
};

QTEST_MAIN(TestConceptSplitDriver)
#include "test_concept_split_driver.moc"
