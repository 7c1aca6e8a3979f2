// The workbench under a hypervisor mode: the scenario rebuilds the machine on the
// engine thread, an event breakpoint on "VM exit" (any, or of one reason) stops right
// after the first one — the same step a bare engine run reaches it at — the virtual
// CPU pane shows the guest's CSRs beside the hart's, step back restores both, and the
// trap stack follows the guest's traps and returns.
#include "BridgeTestUtil.h"
#include "app/DebugActions.h"
#include "app/GuestKernel.h"
#include "app/HypervisorPanes.h"
#include "app/InspectorPanes.h"
#include "app/MainWindow.h"
#include "app/Startup.h"
#include "asm/Assembler.h"
#include "hypervisor/Hypervisor.h"
#include "views/EventLogModel.h"
#include "views/EventLogView.h"
#include "views/EventText.h"
#include "views/ScenarioView.h"
#include "views/TrapStack.h"
#include "views/TrapStackView.h"
#include "views/VirtualCpuView.h"

#include <QAction>
#include <QMenu>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>

using namespace vizor;
using app::RunState;

namespace {

QString kernel(const QString& workload = QStringLiteral("syscalls")) {
    QString error;
    const auto text = app::guestKernelSource(workload, &error);
    if (!text) qFatal("%s", qPrintable(error));
    return *text;
}

QAction* breakAction(app::MainWindow& window, const QString& text) {
    for (QAction* a : window.inspectors()->eventLog()->breakMenu()->actions())
        if (a->text() == text) return a;
    qFatal("no event breakpoint named %s", qPrintable(text));
}

// The step after which a bare engine run (no GUI) has taken its first VM exit of
// `reason` (any when nullopt), and that exit's event.
std::pair<uint64_t, Event> firstExitOnTheEngine(const QString& source,
                                                std::optional<hv::ExitReason> reason) {
    const AssemblyResult r = assemble(source.toStdString(), {});
    auto vm = hv::makeHypervisor("trap", {});
    std::string error;
    if (!vm->load(r.program, error)) qFatal("%s", error.c_str());
    uint64_t exitsSeen = 0;
    for (int i = 0; i < 2'000'000; ++i) {
        vm->run(1);
        const EventStream& events = vm->machine().events();
        if (events.count(EventType::VmExit) == exitsSeen) continue;
        exitsSeen = events.count(EventType::VmExit);
        const std::vector<Event> recent = events.recent();
        for (auto e = recent.rbegin(); e != recent.rend(); ++e) {
            if (e->type != EventType::VmExit) continue;
            if (!reason || e->a == static_cast<uint32_t>(*reason))
                return {vm->machine().hart().steps, *e};
            break;
        }
    }
    qFatal("no VM exit within 2,000,000 steps");
}

std::size_t countOf(const views::EventLogModel& log, EventType type) {
    return log.eventsBefore(UINT64_MAX, maskOf(type)).size();
}

} // namespace

class HypervisorPanesTest : public QObject {
    Q_OBJECT
private slots:
    void vmExitBreakpointStopsAtTheFirstExitInTrapMode();
    void vmExitOfOneReasonIgnoresTheOthers();
    void virtualCsrsShowBesideTheRealOnesAndStepBackRestoresThem();
    void aCostModelThatDoesNotReadKeepsTheScenario();
    void trapStackFollowsTheGuestsTrapsAndReturns();
    void trapStackRulesOnAHandMadeLog();
    void startupOptionsNameModesAndEvents();
};

void HypervisorPanesTest::vmExitBreakpointStopsAtTheFirstExitInTrapMode() {
    const QString source = kernel();
    const auto [step, exit] = firstExitOnTheEngine(source, std::nullopt);

    app::MainWindow window;
    window.openSource(source, QStringLiteral("kernel.s"));
    window.hypervisorPanes()->setScenario({QStringLiteral("trap"), false, {}});
    breakAction(window, QStringLiteral("Any VM exit"))->setChecked(true);
    QVERIFY(settle(window.bridge()));
    QCOMPARE(window.bridge().scenario().mode, QStringLiteral("trap"));
    window.debugActions()->run->trigger();
    QVERIFY(settle(window.bridge())); // the run has started
    QTRY_COMPARE(window.bridge().snapshot().state, RunState::Paused);
    const app::EngineSnapshot& s = window.bridge().snapshot();
    QVERIFY(s.eventBreakpointHit);
    QCOMPARE(s.hart.steps, step); // right after the first exit, not one step later
    QCOMPARE(s.vmStats.totalExits(), uint64_t{1});
    const views::EventLogModel& log = *window.inspectors()->eventLog()->model();
    QCOMPARE(countOf(log, EventType::VmExit), std::size_t{1});
    const auto logged = log.eventsBefore(UINT64_MAX, maskOf(EventType::VmExit)).front();
    QCOMPARE(logged.event.a, exit.a);
    QCOMPARE(logged.event.pc, exit.pc);
    QCOMPARE(views::eventTypeText(EventType::VmExit), QStringLiteral("VM exit"));
}

void HypervisorPanesTest::vmExitOfOneReasonIgnoresTheOthers() {
    const QString source = kernel();
    const auto [step, exit] = firstExitOnTheEngine(source, hv::ExitReason::SbiCall);
    QCOMPARE(exit.a, static_cast<uint32_t>(hv::ExitReason::SbiCall));

    app::MainWindow window;
    window.openSource(source, QStringLiteral("kernel.s"));
    window.hypervisorPanes()->setScenario({QStringLiteral("trap"), false, {}});
    breakAction(window, QStringLiteral("VM exit: SBI call"))->setChecked(true);
    window.debugActions()->run->trigger();
    QVERIFY(settle(window.bridge())); // the run has started
    QTRY_COMPARE(window.bridge().snapshot().state, RunState::Paused);
    const app::EngineSnapshot& s = window.bridge().snapshot();
    QCOMPARE(s.hart.steps, step);
    const auto& exits = s.vmStats.exits;
    QCOMPARE(exits[static_cast<std::size_t>(hv::ExitReason::SbiCall)], uint64_t{1});
    QVERIFY(s.vmStats.totalExits() > 1); // others went by without stopping
}

void HypervisorPanesTest::virtualCsrsShowBesideTheRealOnesAndStepBackRestoresThem() {
    app::MainWindow window;
    window.openSource(kernel(), QStringLiteral("kernel.s"));
    window.hypervisorPanes()->setScenario({QStringLiteral("trap"), false, {}});
    app::EngineBridge& bridge = window.bridge();
    bridge.stepInto(20000);
    QVERIFY(settle(bridge));
    const app::EngineSnapshot before = bridge.snapshot();
    QVERIFY(before.guest);
    // The kernel set its trap vector; the hart's is still the VMM's (it traps to M).
    QCOMPARE(before.guest->csrs.stvec, *bridge.program()->symbol("trap_vector"));
    QVERIFY(before.hart.csr.stvec != before.guest->csrs.stvec);
    const QTableWidget* table = window.hypervisorPanes()->virtualCpu()->csrTable();
    QCOMPARE(table->item(4, 0)->text(), QStringLiteral("stvec"));
    QCOMPARE(table->item(4, 1)->text(),
             QStringLiteral("0x%1").arg(before.guest->csrs.stvec, 8, 16, QLatin1Char('0')));
    QCOMPARE(table->item(4, 2)->text(),
             QStringLiteral("0x%1").arg(before.hart.csr.stvec, 8, 16, QLatin1Char('0')));
    QCOMPARE(table->item(0, 1)->text(),
             views::privilegeLetter(static_cast<uint32_t>(before.guest->priv)));

    for (int i = 0; i < 30; ++i)
        bridge.stepInto(100);
    QVERIFY(settle(bridge));
    QVERIFY(bridge.snapshot().vmStats.totalExits() > before.vmStats.totalExits());
    bridge.goTo(before.hart.steps + 5);
    for (int i = 0; i < 5; ++i)
        bridge.stepBack();
    QVERIFY(settle(bridge, 60000));
    const app::EngineSnapshot& after = bridge.snapshot();
    QCOMPARE(after.hart.steps, before.hart.steps);
    QVERIFY(*after.guest == *before.guest);
    QVERIFY(after.vmStats == before.vmStats);
    QVERIFY(
        std::equal(std::begin(after.hart.x), std::end(after.hart.x), std::begin(before.hart.x)));
}

void HypervisorPanesTest::aCostModelThatDoesNotReadKeepsTheScenario() {
    app::EngineBridge bridge;
    QSignalSpy failed(&bridge, &app::EngineBridge::scenarioFailed);
    bridge.setScenario({QStringLiteral("trap"), true, QStringLiteral("no-such-cost-model.txt")});
    QVERIFY(settle(bridge));
    QCOMPARE(failed.size(), 1);
    QVERIFY(failed.at(0).at(0).toString().contains(QStringLiteral("no-such-cost-model.txt")));
    QCOMPARE(bridge.scenario().mode, QStringLiteral("native"));
}

void HypervisorPanesTest::trapStackFollowsTheGuestsTrapsAndReturns() {
    app::MainWindow window;
    window.openSource(kernel(), QStringLiteral("kernel.s"));
    window.hypervisorPanes()->setScenario({QStringLiteral("trap"), false, {}});
    app::EngineBridge& bridge = window.bridge();
    // Stop right after the VMM delivers a trap to the guest (a system call or a tick).
    bridge.setEventBreakpoints(maskOf(EventType::VirtualTrap));
    window.debugActions()->run->trigger();
    QVERIFY(settle(window.bridge())); // the run has started
    QTRY_COMPARE(bridge.snapshot().state, RunState::Paused);
    const views::EventLogModel& log = *window.inspectors()->eventLog()->model();
    const auto traps = log.eventsBefore(UINT64_MAX, maskOf(EventType::VirtualTrap));
    QCOMPARE(traps.size(), std::size_t{1});
    const QTableWidget* table = window.hypervisorPanes()->trapStack()->table();
    QCOMPARE(table->rowCount(), 1); // the guest's trap, nothing of the VMM's left open
    QVERIFY(table->item(0, 0)->text().startsWith(QLatin1Char('V')));
    QCOMPARE(table->item(0, 2)->text(), views::trapCauseText(traps.front().event.a));
    QCOMPARE(bridge.snapshot().hart.pc, bridge.snapshot().guest->csrs.stvec);

    // Its sret (back to user mode) closes it.
    bridge.setEventBreakpoints(maskOf(EventType::VirtualTrapReturn));
    window.debugActions()->run->trigger();
    QVERIFY(settle(window.bridge())); // the run has started
    QTRY_COMPARE(bridge.snapshot().state, RunState::Paused);
    QVERIFY(bridge.snapshot().eventBreakpointHit);
    QCOMPARE(table->rowCount(), 0);
}

void HypervisorPanesTest::trapStackRulesOnAHandMadeLog() {
    const auto ev = [](EventType type, uint32_t a, uint32_t c, uint8_t priv, uint64_t step) {
        Event e;
        e.type = type;
        e.a = a;
        e.c = c;
        e.priv = priv;
        e.pc = 0x1000u + static_cast<uint32_t>(step);
        return views::EventRow{e, step, step};
    };
    // Native: an ecall from U into S, a timer interrupt into M inside it, its mret.
    auto s = views::buildTrapStack(
        {ev(EventType::Exception, 8, 1, 0, 1), ev(EventType::Interrupt, 7, 3, 1, 2)});
    QCOMPARE(s.frames.size(), std::size_t{2});
    QCOMPARE(s.frames[1].cause, 0x80000007u);
    QCOMPARE(int(s.frames[1].from), 1);
    s = views::buildTrapStack({ev(EventType::Exception, 8, 1, 0, 1),
                               ev(EventType::Interrupt, 7, 3, 1, 2),
                               ev(EventType::TrapReturn, 1, 1, 3, 3)});
    QCOMPARE(s.frames.size(), std::size_t{1});
    QCOMPARE(s.frames[0].cause, 8u);
    // Trap and emulate: the hart's trap into the VMM ends with the exit; the guest's
    // virtual trap stays until its emulated sret.
    s = views::buildTrapStack({ev(EventType::Exception, 8, 3, 0, 1),
                               ev(EventType::VmExit, 2, 0, 3, 1),
                               ev(EventType::VirtualTrap, 8, 0, 0, 1)});
    QCOMPARE(s.frames.size(), std::size_t{1});
    QVERIFY(s.frames[0].isVirtual);
    QVERIFY(s.lastExit);
    // A guest timer interrupt inside a system call, then the return to user mode on
    // another task: nothing of the guest's stays open.
    s = views::buildTrapStack({ev(EventType::VirtualTrap, 8, 0, 0, 1),
                               ev(EventType::VirtualTrap, 0x80000005u, 0, 0, 2),
                               ev(EventType::VirtualTrapReturn, 0x2000, 1, 0, 3)});
    QCOMPARE(s.frames.size(), std::size_t{1}); // back to S: the system call is still open
    s = views::buildTrapStack({ev(EventType::VirtualTrap, 8, 0, 0, 1),
                               ev(EventType::VirtualTrap, 0x80000005u, 0, 0, 2),
                               ev(EventType::VirtualTrapReturn, 0x2000, 0, 0, 3)});
    QVERIFY(s.frames.empty());
    s = views::buildTrapStack(
        {ev(EventType::Exception, 8, 3, 0, 1), ev(EventType::VmExit, 2, 0, 3, 1),
         ev(EventType::VirtualTrap, 8, 0, 0, 1), ev(EventType::Exception, 2, 3, 0, 5),
         ev(EventType::VmExit, 0, 0, 3, 5), ev(EventType::VirtualTrapReturn, 0x2000, 0, 0, 5)});
    QVERIFY(s.frames.empty());
}

void HypervisorPanesTest::startupOptionsNameModesAndEvents() {
    const app::StartupOptions ok = app::parseStartupOptions(
        {QStringLiteral("vizor"), QStringLiteral("--mode"), QStringLiteral("trap"),
         QStringLiteral("--break-on"), QStringLiteral("vm_exit,vm_exit:sbi_call,page_fault")});
    QVERIFY2(ok.error.isEmpty(), qPrintable(ok.error));
    QCOMPARE(ok.mode, QStringLiteral("trap"));
    QCOMPARE(*app::eventBreakMask(ok.breakOn, nullptr),
             maskOf(EventType::VmExit) | views::vmExitReasonBreak(1) | views::kPageFaultBreak);
    QVERIFY(!app::parseStartupOptions(
                 {QStringLiteral("vizor"), QStringLiteral("--mode"), QStringLiteral("warp")})
                 .error.isEmpty());
    QVERIFY(app::parseStartupOptions({QStringLiteral("vizor"), QStringLiteral("--break-on"),
                                      QStringLiteral("vm_exit:teleport")})
                .error.contains(QStringLiteral("vm_exit:teleport")));
}

QTEST_MAIN(HypervisorPanesTest)
#include "test_hypervisor_panes.moc"
