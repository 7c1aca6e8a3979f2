// The instruction-class view fed a real, instruction-traced run of the guest kernel:
// every retired instruction and every privileged one the VMM caught lands in its
// Popek–Goldberg set; the x86-style switch moves reads of sstatus into "sensitive but
// not privileged", where they run without the VMM seeing them.
#include "views/concepts/InstructionClassesView.h"
#include "views/concepts/ScenarioRun.h"

#include <QTest>

using namespace vizor;
using namespace vizor::views::concepts;

namespace {

ScenarioRun tracedRun(const std::string& mode, bool x86) {
    ScenarioOptions o;
    o.mode = mode;
    o.workload = "compute";
    o.x86Sensitive = x86;
    o.traceInstructions = true;
    o.maxSteps = 120'000;
    return runScenario(o);
}

uint64_t countOf(const ScenarioRun& run, EventType type) {
    uint64_t n = 0;
    for (const NumberedEvent& e : run.events)
        n += e.event.type == type;
    return n;
}

uint64_t privilegedExits(const ScenarioRun& run) {
    uint64_t n = 0;
    for (const NumberedEvent& e : run.events)
        n += e.event.type == EventType::VmExit &&
             e.event.a == static_cast<uint32_t>(hv::ExitReason::PrivilegedInstruction);
    return n;
}

uint64_t allCounted(const InstructionClassesView& view) {
    uint64_t n = 0;
    for (int c = 0; c < kPgClassCount; ++c)
        n += view.total(static_cast<PgClass>(c));
    return n;
}

} // namespace

class TestConceptInstructionClasses : public QObject {
    Q_OBJECT
private slots:
    void classification() {
        QCOMPARE(classifyInstruction(0x00000013, false).pgClass, PgClass::Innocuous); // nop
        QCOMPARE(classifyInstruction(0x10200073, false).key, QString("sret"));
        QCOMPARE(classifyInstruction(0x10200073, false).pgClass, PgClass::ControlSensitive);
        const uint32_t readSstatus = 0x100025f3; // csrr a1, sstatus
        QCOMPARE(classifyInstruction(readSstatus, false).key, QString("csrr sstatus"));
        QCOMPARE(classifyInstruction(readSstatus, false).pgClass, PgClass::BehaviourSensitive);
        QCOMPARE(classifyInstruction(readSstatus, true).pgClass, PgClass::SensitiveUnprivileged);
        const uint32_t writeSatp = 0x18059073; // csrw satp, a1
        QCOMPARE(classifyInstruction(writeSatp, true).pgClass, PgClass::ControlSensitive);
        const uint32_t readTime = 0xc01025f3; // rdtime a1
        QCOMPARE(classifyInstruction(readTime, true).pgClass, PgClass::Innocuous);
    }

    void trapModeCountsEveryRetiredAndCaughtInstruction() {
        const ScenarioRun run = tracedRun("trap", false);
        QVERIFY2(run.ok(), run.error.c_str());
        InstructionClassesView view;
        view.setReduceMotion(true);
        feedRun(view, run, 4096);
        const uint64_t retired = countOf(run, EventType::InstructionRetired);
        const uint64_t caught = privilegedExits(run);
        QVERIFY(retired > 1000);
        QVERIFY(caught > 10);
        QCOMPARE(allCounted(view), retired + caught);
        QCOMPARE(view.total(PgClass::SensitiveUnprivileged), uint64_t{0});
        // Plain RISC-V: the deprivileged kernel's read of sstatus traps to the VMM.
        const auto it = view.forms().find("csrr sstatus");
        QVERIFY(it != view.forms().end());
        QVERIFY(it->second.trapped > 0);
        QCOMPARE(it->second.form.pgClass, PgClass::BehaviourSensitive);
        // Each form shown is drawn as a row of text in its set.
        QVERIFY(!view.itemsWithId("form").isEmpty());
    }

    void theX86SwitchMovesReadsOfSstatusOutOfTheVmmsSight() {
        const ScenarioRun run = tracedRun("trap", true);
        QVERIFY2(run.ok(), run.error.c_str());
        InstructionClassesView view;
        view.setReduceMotion(true);
        view.setX86Sensitive(true);
        feedRun(view, run);
        const auto it = view.forms().find("csrr sstatus");
        QVERIFY(it != view.forms().end());
        QCOMPARE(it->second.form.pgClass, PgClass::SensitiveUnprivileged);
        QVERIFY(it->second.executed > 0);          // it ran, in U-mode...
        QCOMPARE(it->second.trapped, uint64_t{0}); // ...and the VMM never saw it
        QVERIFY(view.total(PgClass::SensitiveUnprivileged) > 0);
        bool drawn = false;
        for (const SceneItem& item : view.itemsWithId("form"))
            drawn |= item.text.startsWith("csrr sstatus");
        QVERIFY(drawn);
        // Switching back reclassifies the same counts.
        view.setX86Sensitive(false);
        QCOMPARE(view.forms().at("csrr sstatus").form.pgClass, PgClass::BehaviourSensitive);
    }
};

QTEST_MAIN(TestConceptInstructionClasses)
#include "test_concept_instruction_classes.moc"
