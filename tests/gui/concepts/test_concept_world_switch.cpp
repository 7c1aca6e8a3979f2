// The world-switch view fed the events of real runs of the guest kernel: every VM exit
// and every return the engine reported is one transition, in engine order.
#include "views/concepts/ScenarioRun.h"
#include "views/concepts/WorldSwitchView.h"

#include <QTest>

using namespace vizor;
using namespace vizor::views::concepts;

namespace {

std::size_t countOf(const ScenarioRun& run, EventType type, int a = -1) {
    std::size_t n = 0;
    for (const NumberedEvent& e : run.events)
        if (e.event.type == type && (a < 0 || e.event.a == static_cast<uint32_t>(a))) ++n;
    return n;
}

std::size_t kindCount(const WorldSwitchView& view, std::initializer_list<Transition::Kind> kinds) {
    std::size_t n = 0;
    for (const Transition& t : view.transitions())
        for (Transition::Kind k : kinds)
            if (t.kind == k) ++n;
    return n;
}

} // namespace

class TestConceptWorldSwitch : public QObject {
    Q_OBJECT
private slots:
    void trapModeShowsEveryExitAndReturn() {
        ScenarioOptions o;
        o.mode = "trap";
        o.workload = "syscalls";
        const ScenarioRun run = runScenario(o);
        QVERIFY2(run.ok(), run.error.c_str());
        WorldSwitchView view;
        view.setReduceMotion(true);
        feedRun(view, run, 500);
        const std::size_t exits = countOf(run, EventType::WorldSwitch, 0);
        const std::size_t resumes = countOf(run, EventType::WorldSwitch, 1);
        QVERIFY(exits > 100);
        QCOMPARE(kindCount(view, {Transition::Kind::VmExit, Transition::Kind::Hypercall}), exits);
        std::size_t fromVmm = 0;
        for (const Transition& t : view.transitions()) {
            if (t.kind == Transition::Kind::VmExit) QCOMPARE(t.to, Lane::Vmm);
            if (t.from == Lane::Vmm && t.kind == Transition::Kind::Return) ++fromVmm;
        }
        QCOMPARE(fromVmm, resumes);
        // The guest's user programs make system calls: some exits leave from guest user,
        // and the kernel (deprivileged, in U) is told apart from them.
        bool fromUser = false, fromKernel = false;
        for (const Transition& t : view.transitions()) {
            fromUser |= t.kind == Transition::Kind::VmExit && t.from == Lane::GuestUser;
            fromKernel |= t.kind == Transition::Kind::VmExit && t.from == Lane::GuestKernel;
        }
        QVERIFY(fromUser && fromKernel);
        // Engine order: transitions follow the events' sequence numbers.
        for (std::size_t i = 1; i < view.transitions().size(); ++i)
            QVERIFY(view.transitions()[i - 1].sequence < view.transitions()[i].sequence);
    }

    void nativeTrapsCarryTheCsrWrites() {
        ScenarioOptions o;
        o.mode = "native";
        o.workload = "syscalls";
        const ScenarioRun run = runScenario(o);
        QVERIFY2(run.ok(), run.error.c_str());
        WorldSwitchView view;
        view.setReduceMotion(true);
        feedRun(view, run);
        const std::size_t traps =
            countOf(run, EventType::Exception) + countOf(run, EventType::Interrupt);
        QCOMPARE(kindCount(view, {Transition::Kind::Trap, Transition::Kind::Interrupt}), traps);
        QCOMPARE(kindCount(view, {Transition::Kind::Return}), countOf(run, EventType::TrapReturn));
        // Selecting the first trap lists the registers it saved.
        int firstTrap = -1;
        for (std::size_t i = 0; i < view.transitions().size() && firstTrap < 0; ++i)
            if (view.transitions()[i].kind == Transition::Kind::Trap)
                firstTrap = static_cast<int>(i);
        QVERIFY(firstTrap >= 0);
        const Transition& t = view.transitions()[firstTrap];
        QVERIFY(t.details.join('\n').contains("epc"));
        QVERIFY(t.details.join('\n').contains("cause"));
        view.setSelectedKey(firstTrap);
        bool shown = false;
        for (const SceneItem& item : view.items(WorldSwitchView::defaultExportSize()))
            shown |= item.kind == SceneItem::Kind::Text && item.text == t.details.front();
        QVERIFY(shown);
    }

    void theDrawingHasOneArrowPerVisibleTransition() {
        ScenarioOptions o;
        o.mode = "trap";
        o.workload = "compute";
        o.maxSteps = 300'000;
        const ScenarioRun run = runScenario(o);
        QVERIFY2(run.ok(), run.error.c_str());
        WorldSwitchView view;
        view.setReduceMotion(true);
        feedRun(view, run);
        const SceneItems arrows = view.itemsWithId("transition");
        QVERIFY(!arrows.isEmpty());
        // The newest transitions are drawn, the last one rightmost.
        QCOMPARE(arrows.back().sequence, static_cast<qint64>(view.transitions().back().sequence));
        QVERIFY(static_cast<std::size_t>(arrows.size()) <= view.transitions().size());
    }

    void steppingBackDropsTheLaterTransitions() {
        ScenarioOptions o;
        o.mode = "trap";
        o.workload = "syscalls";
        o.maxSteps = 200'000;
        const ScenarioRun run = runScenario(o);
        QVERIFY2(run.ok(), run.error.c_str());
        WorldSwitchView view;
        view.setReduceMotion(true);
        feedRun(view, run);
        const std::size_t before = view.transitions().size();
        const uint64_t cut = run.events[run.events.size() / 2].sequence;
        view.rewind(cut);
        QVERIFY(view.transitions().size() < before);
        for (const Transition& t : view.transitions())
            QVERIFY(t.sequence < cut);
    }
};

QTEST_MAIN(TestConceptWorldSwitch)
#include "test_concept_world_switch.moc"
