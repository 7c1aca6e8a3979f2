// Every shipped lesson loads, plays to its end on the real engine and goes back to any
// step with exactly the events the forward play recorded; and what the lessons'
// narration and answers claim about the engine is checked here, step by step.
#include "hypervisor/Hypervisor.h"
#include "lesson/Lesson.h"
#include "lesson/LessonRunner.h"

#include <QtTest>

#include <algorithm>
#include <filesystem>
#include <map>

using namespace vizor;
using namespace vizor::lesson;

namespace {

std::string sourceDir() {
    const char* dir = std::getenv("VIZOR_SOURCE_DIR");
    return dir && *dir ? dir : VIZOR_SOURCE_DIR_DEFAULT;
}

std::vector<std::string> lessonFiles() {
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::directory_iterator(sourceDir() + "/lessons"))
        if (entry.path().extension() == ".lesson") files.push_back(entry.path().string());
    std::sort(files.begin(), files.end());
    return files;
}

Lesson load(const std::string& name) {
    const LoadResult r = loadLessonFile(sourceDir() + "/lessons/" + name + ".lesson");
    if (!r.ok()) qFatal("%s", r.errors.front().format().c_str());
    return *r.lesson;
}

// The events of one step, [from, to) of the runner's record.
std::vector<Event> stepEvents(const LessonRunner& runner, int step) {
    const std::size_t from = step == 0 ? 0 : runner.outcome(step - 1).eventEnd;
    std::vector<Event> out;
    for (std::size_t i = from; i < runner.outcome(step).eventEnd; ++i)
        out.push_back(runner.events()[i].event);
    return out;
}

std::size_t countOf(const std::vector<Event>& events, EventType type) {
    return static_cast<std::size_t>(std::count_if(events.begin(), events.end(),
                                                  [&](const Event& e) { return e.type == type; }));
}

// VM `vm` of a vms scenario has powered off.
bool finished(const LessonRunner& runner, uint32_t vm) {
    return runner.multiVm()->vm(vm).machine().haltReason() == HaltReason::PowerOff;
}

std::unique_ptr<LessonRunner> playAll(const std::string& name) {
    auto runner = std::make_unique<LessonRunner>(load(name), sourceDir());
    std::string error;
    while (runner->played() < runner->stepCount())
        if (!runner->next(error)) qFatal("%s", error.c_str());
    return runner;
}

} // namespace

class TestLessonRunner : public QObject {
    Q_OBJECT
private slots:
    void everyLessonPlaysToItsEndAndBackDeterministically_data() {
        QTest::addColumn<QString>("file");
        for (const std::string& f : lessonFiles())
            QTest::newRow(std::filesystem::path(f).stem().string().c_str())
                << QString::fromStdString(f);
        QVERIFY(lessonFiles().size() >= 6);
    }
    void everyLessonPlaysToItsEndAndBackDeterministically() {
        QFETCH(QString, file);
        const LoadResult loaded = loadLessonFile(file.toStdString());
        QVERIFY2(loaded.ok(), loaded.ok() ? "" : loaded.errors.front().format().c_str());
        LessonRunner runner(*loaded.lesson, sourceDir());
        std::string error;
        while (runner.played() < runner.stepCount()) {
            QVERIFY2(runner.next(error), error.c_str());
            const Step& step = loaded.lesson->steps[static_cast<std::size_t>(runner.played() - 1)];
            // A step that waits for something must get it: the lesson says it happens.
            QVERIFY2(runner.outcome(runner.played() - 1).reached, step.id.c_str());
        }
        const std::vector<RecordedEvent> forward = runner.events();
        const std::size_t middle = runner.outcome(runner.stepCount() / 2).eventEnd;
        QVERIFY(runner.goTo(runner.stepCount() / 2 + 1, error));
        QCOMPARE(runner.events().size(), middle);
        for (std::size_t i = 0; i < middle; ++i) {
            QCOMPARE(runner.events()[i].event.type, forward[i].event.type);
            QCOMPARE(runner.events()[i].event.a, forward[i].event.a);
            QCOMPARE(runner.events()[i].sequence, forward[i].sequence);
        }
        while (runner.played() < runner.stepCount())
            QVERIFY(runner.next(error));
        QCOMPARE(runner.events().size(), forward.size());
        QVERIFY(runner.back(error));
        QCOMPARE(runner.played(), runner.stepCount() - 1);
    }

    // 01: the first exit is a privileged instruction; system calls are reflected; the
    // run ends with the native transcript.
    void trapAndEmulateClaims() {
        auto runner = playAll("01-trap-and-emulate");
        bool privileged = false, hidden = false;
        for (const Event& e : stepEvents(*runner, 0))
            if (e.type == EventType::VmExit) {
                privileged = privileged || e.a == uint32_t(hv::ExitReason::PrivilegedInstruction);
                hidden = hidden || e.a == uint32_t(hv::ExitReason::HiddenPageFault);
            }
        QVERIFY(privileged && hidden);
        const auto calls = stepEvents(*runner, 1);
        QVERIFY(countOf(calls, EventType::WorldSwitch) > 10);
        QVERIFY(countOf(calls, EventType::VirtualTrap) > 0);
        QVERIFY(runner->outcome(2).halted);
        QVERIFY(runner->console().find("CRITICAL SECTION OK") != std::string::npos);
    }

    // 02: with x86-style sensitive instructions the guest's own checks fail (answer 2).
    void popekGoldbergClaims() {
        auto runner = playAll("02-popek-goldberg");
        QVERIFY(countOf(stepEvents(*runner, 0), EventType::InstructionRetired) > 100'000);
        QVERIFY(runner->console().find("SELFCHECK FAIL: not in S-mode") != std::string::npos);
        QVERIFY(runner->console().find("CRITICAL SECTION BROKEN") != std::string::npos);
    }

    // 03 and 04: blocks are translated, then mostly found again; patches are hit.
    void translationAndPatchingClaims() {
        auto bt = playAll("03-binary-translation");
        QVERIFY(countOf(stepEvents(*bt, 0), EventType::Translation) > 0);
        QVERIFY(bt->vm()->stats().translatedInstructions > 0);
        QVERIFY(bt->console().find("CRITICAL SECTION OK") != std::string::npos);
        auto patch = playAll("04-binary-patching");
        QVERIFY(countOf(stepEvents(*patch, 0), EventType::Patch) > 0);
        std::size_t hits = 0;
        for (const Event& e : stepEvents(*patch, 1))
            hits += e.type == EventType::Patch && e.b == 1;
        QVERIFY(hits > 1000);
        QVERIFY(patch->console().find("CRITICAL SECTION OK") != std::string::npos);
    }

    // 05: the first exit is a hypercall, and pv leaves to the VMM fewer times than trap
    // (answer 2).
    void paravirtualizationClaims() {
        auto pv = playAll("05-paravirtualization");
        const auto first = stepEvents(*pv, 0);
        QCOMPARE(countOf(first, EventType::SbiCall), std::size_t(1));
        auto trap = playAll("01-trap-and-emulate");
        auto exits = [](const LessonRunner& r) {
            std::size_t n = 0;
            for (const RecordedEvent& e : r.events())
                n += e.event.type == EventType::VmExit;
            return n;
        };
        QVERIFY(exits(*pv) < exits(*trap));
    }

    // 08: under hw the exits are only SBI calls and the host timer; the
    // mapping workload's PTE writes cause none (answer 3), and trap mode, on the same
    // workload, does exit for them.
    void hardwareAssistedClaims() {
        auto hw = playAll("08-hardware-assisted");
        const auto first = stepEvents(*hw, 0);
        QCOMPARE(countOf(first, EventType::VmExit), std::size_t(1));
        std::size_t exits = 0;
        for (const RecordedEvent& r : hw->events()) {
            if (r.event.type != EventType::VmExit) continue;
            ++exits;
            const auto reason = hv::ExitReason(r.event.a);
            QVERIFY2(reason == hv::ExitReason::SbiCall || reason == hv::ExitReason::TimerInterrupt,
                     std::string(hv::exitReasonName(reason)).c_str());
        }
        QVERIFY(exits > 0);
        QCOMPARE(hw->vm()->stats().exits[std::size_t(hv::ExitReason::PageTableWrite)], uint64_t(0));
        QCOMPARE(hw->vm()->stats().shadowSyncs, uint64_t(0));
        QVERIFY(hw->outcome(1).halted);
        // The same lesson under trap-and-emulate: the writes are caught and resynced.
        Lesson trapLesson = load("08-hardware-assisted");
        trapLesson.scenario.mode = "trap";
        LessonRunner trap(trapLesson, sourceDir());
        std::string error;
        while (trap.played() < trap.stepCount())
            QVERIFY2(trap.next(error), error.c_str());
        QVERIFY(trap.vm()->stats().exits[std::size_t(hv::ExitReason::PageTableWrite)] > 0);
        QVERIFY(trap.vm()->stats().shadowSyncs > 0);
    }

    // 09: Sv32 natively: a kernel megapage walk is one reference, the first user
    // instruction's two (answer 2); TLB hits outnumber walks (answer 2).
    void virtualMemoryClaims() {
        auto vm = playAll("09-virtual-memory-tlb");
        QCOMPARE(countOf(stepEvents(*vm, 0), EventType::SatpWrite), std::size_t(1));
        QCOMPARE(countOf(stepEvents(*vm, 1), EventType::PageWalkStep), std::size_t(1));
        const auto toUser = stepEvents(*vm, 3);
        QVERIFY(!toUser.empty());
        QCOMPARE(toUser.back().type, EventType::TrapReturn);
        QCOMPARE(toUser.back().a, uint32_t(0)); // sret
        QCOMPARE(toUser.back().c, uint32_t(0)); // to U-mode
        const auto userWalk = stepEvents(*vm, 4);
        QCOMPARE(countOf(userWalk, EventType::PageWalkStep), std::size_t(2));
        QCOMPARE(countOf(userWalk, EventType::PageWalkDone), std::size_t(1));
        const TlbStats& tlb = vm->vm()->machine().tlbStats();
        qInfo("09: TLB %s hits, %s misses", std::to_string(tlb.hits).c_str(),
              std::to_string(tlb.misses).c_str());
        QVERIFY(tlb.misses > 0);
        QVERIFY(tlb.hits > 10 * tlb.misses);
        // The flushes the narration speaks of: sfence.vma and address-space switches.
        QVERIFY(countOf(stepEvents(*vm, 5), EventType::TlbFlush) > 0);
        QVERIFY(countOf(stepEvents(*vm, 5), EventType::SatpWrite) > 0);
    }

    // 10: trap mode's first shadow fault is hidden; a guest PTE store is a sync and an
    // exit (answer 2); demand paging gives true faults reflected to the guest (answer
    // 2), fewer than the hidden ones.
    void shadowPagingClaims() {
        auto sh = playAll("10-shadow-page-tables");
        const auto first = stepEvents(*sh, 0);
        const auto fault = std::find_if(first.begin(), first.end(), [](const Event& e) {
            return e.type == EventType::ShadowFault;
        });
        QVERIFY(fault != first.end());
        QCOMPARE(fault->b, uint32_t(0));  // hidden
        QCOMPARE(fault->c, uint32_t(12)); // an instruction fetch: the first one
        // The guest's paging is still off: the shadow root in use is for guest satp 0.
        const auto root = std::find_if(first.begin(), fault, [](const Event& e) {
            return e.type == EventType::ShadowRootSwitch;
        });
        QVERIFY(root != fault);
        QCOMPARE(root->a, uint32_t(0));
        const auto sync = stepEvents(*sh, 1);
        QVERIFY(countOf(sync, EventType::ShadowSync) > 0);
        bool syncExit = false;
        for (const Event& e : sync)
            syncExit = syncExit || (e.type == EventType::VmExit &&
                                    e.a == uint32_t(hv::ExitReason::PageTableWrite));
        QVERIFY(syncExit);
        const hv::VmStats& stats = sh->vm()->stats();
        qInfo("10: %s hidden, %s true faults, %s shadow syncs",
              std::to_string(stats.hiddenFaults).c_str(), std::to_string(stats.trueFaults).c_str(),
              std::to_string(stats.shadowSyncs).c_str());
        // One exit per sync, as the explanation says.
        QCOMPARE(stats.exits[std::size_t(hv::ExitReason::PageTableWrite)], stats.shadowSyncs);
        QVERIFY(stats.trueFaults > 0);
        QVERIFY(stats.hiddenFaults > stats.trueFaults);
        QVERIFY(countOf(stepEvents(*sh, 2), EventType::VirtualTrap) > 0);
        QVERIFY(sh->outcome(2).halted);
    }

    // 11: pv's first page-table entry is applied by an MMU_UPDATE hypercall; the run has
    // no hidden fault and no refused entry; a TLB miss costs fewer page-table references
    // under direct paging than under nested paging (answer 2), whose cold walks make 8.
    void directAndNestedPagingClaims() {
        auto pv = playAll("11-direct-and-nested-paging");
        const auto first = stepEvents(*pv, 0);
        bool hypercall = false;
        for (const Event& e : first)
            hypercall = hypercall ||
                        (e.type == EventType::VmExit && e.a == uint32_t(hv::ExitReason::Hypercall));
        QVERIFY(hypercall);
        const auto sync = std::find_if(first.begin(), first.end(), [](const Event& e) {
            return e.type == EventType::ShadowSync;
        });
        QVERIFY(sync != first.end());
        QCOMPARE(sync->b, uint32_t(1)); // applied
        const hv::VmStats& stats = pv->vm()->stats();
        QCOMPARE(stats.hiddenFaults, uint64_t(0));
        QCOMPARE(stats.pteRefused, uint64_t(0));
        QVERIFY(stats.mmuUpdateCalls > 0 && stats.pteUpdates > stats.mmuUpdateCalls);

        Lesson nestedLesson = load("11-direct-and-nested-paging");
        nestedLesson.scenario.mode = "hw";
        LessonRunner nested(nestedLesson, sourceDir());
        std::string error;
        while (nested.played() < nested.stepCount())
            QVERIFY2(nested.next(error), error.c_str());
        auto perMiss = [](const LessonRunner& r) {
            return double(r.vm()->stats().walkReferences) /
                   double(r.vm()->machine().tlbStats().misses);
        };
        qInfo("11: walk references per TLB miss: direct %.2f, nested %.2f", perMiss(*pv),
              perMiss(nested));
        QVERIFY(perMiss(*pv) < perMiss(nested));
        std::size_t maxRefs = 0, refs = 0;
        for (const RecordedEvent& r : nested.events()) {
            if (r.event.type == EventType::PageWalkStep) ++refs;
            if (r.event.type == EventType::PageWalkDone) {
                maxRefs = std::max(maxRefs, refs);
                refs = 0;
            }
        }
        QCOMPARE(maxRefs, std::size_t(8));
    }

    // 12: under hw the hart runs the kernel and the VMM executes a tiny fraction of its
    // instructions (answer 3); the same lesson under emulate interprets every one of
    // them and never exits (answer 2), with the same console.
    void levelsOfAbstractionClaims() {
        auto hw = playAll("12-levels-of-abstraction");
        QVERIFY(countOf(stepEvents(*hw, 0), EventType::VmExit) > 0);
        QVERIFY(hw->outcome(1).halted);
        const hv::VmStats& hardware = hw->vm()->stats();

        Lesson emulateLesson = load("12-levels-of-abstraction");
        emulateLesson.scenario.mode = "emulate";
        LessonRunner em(emulateLesson, sourceDir());
        std::string error;
        while (em.played() < em.stepCount())
            QVERIFY2(em.next(error), error.c_str());
        const hv::VmStats& emulated = em.vm()->stats();
        qInfo("12: emulate interpreted %s; hw: %s on the hart, %s by the VMM",
              std::to_string(emulated.interpretedInstructions).c_str(),
              std::to_string(hardware.directInstructions).c_str(),
              std::to_string(hardware.emulatedInstructions).c_str());
        std::size_t emulatedExits = 0;
        for (const RecordedEvent& r : em.events())
            emulatedExits +=
                r.event.type == EventType::VmExit || r.event.type == EventType::WorldSwitch;
        QCOMPARE(emulatedExits, std::size_t(0));
        QVERIFY(emulated.interpretedInstructions > 0);
        QCOMPARE(emulated.directInstructions, uint64_t(0));
        QCOMPARE(hardware.interpretedInstructions, uint64_t(0));
        QVERIFY(hardware.directInstructions > 100 * hardware.emulatedInstructions);
        QCOMPARE(hw->console(), em.console());
    }

    // 14: the balloon gives VM 0's frames to the host (38 -> 134 free, answer 2), VM 1
    // grows into them with no swap-out (answer 2), deflation gives them back; the same
    // VMs with no balloon make the host swap.
    void ballooningClaims() {
        auto b = playAll("14-memory-ballooning");
        const hv::MultiVm& host = *b->multiVm();
        auto sampleAfter = [&](int step) {
            // The host_frames event of each VM last recorded up to the end of the step.
            std::vector<Event> last(2);
            for (std::size_t i = 0; i < b->outcome(step).eventEnd; ++i)
                if (b->events()[i].event.type == EventType::HostFrames)
                    last[b->events()[i].vm] = b->events()[i].event;
            return last;
        };
        const auto first = sampleAfter(0), inflated = sampleAfter(1), grown = sampleAfter(2);
        qInfo("14: free %u -> %u; VM 0 %u -> %u frames, balloon %u; VM 1 %u -> %u frames",
              first[1].a, inflated[1].a, first[0].b, inflated[0].b, inflated[0].c, inflated[1].b,
              grown[1].b);
        QCOMPARE(inflated[0].c, 96u);              // the balloon holds 96 pages
        QCOMPARE(first[0].b - inflated[0].b, 96u); // VM 0 gave 96 frames
        QVERIFY(inflated[1].a >= first[1].a + 90); // and the host has them free
        QVERIFY(grown[1].b >= inflated[1].b + 90); // VM 1 grew into them
        QCOMPARE(grown[1].d, 0u);                  // with no swap-out
        QCOMPARE(host.host().swapOuts(), uint64_t(0));
        QCOMPARE(host.vm(0).balloon().actual(), 0u); // deflated at the end
        QVERIFY(finished(*b, 1));                    // VM 1 powered off
        Lesson none = load("14-memory-ballooning");
        none.scenario.balloons.clear();
        LessonRunner unballooned(none, sourceDir());
        std::string error;
        while (unballooned.played() < 3)
            QVERIFY2(unballooned.next(error), error.c_str());
        qInfo("14: without a balloon, %s swap-outs by the end of step 3",
              std::to_string(unballooned.multiVm()->host().swapOuts()).c_str());
        QVERIFY(unballooned.multiVm()->host().swapOuts() >= 50);
    }

    // 15: the thin disk allocates the grains the three writes fall in (0, 546, 1023) and
    // two grain tables; the same lesson on a thick disk allocates nothing while the
    // guest runs, every grain having been allocated at creation (answer 2).
    void thinAndThickDiskClaims() {
        auto thin = playAll("15-thin-and-thick-disks");
        QCOMPARE(countOf(stepEvents(*thin, 0), EventType::GrainAllocated), std::size_t(1));
        std::vector<uint32_t> grains;
        for (const RecordedEvent& r : thin->events())
            if (r.event.type == EventType::GrainAllocated) grains.push_back(r.event.a);
        QCOMPARE(grains, (std::vector<uint32_t>{0, 546, 1023}));
        QCOMPARE(thin->disk()->grainsAllocated(), 3u);
        QCOMPARE(thin->disk()->grainCount(), 1024u);
        QCOMPARE(thin->disk()->grainTablesAllocated(), 2u);
        QVERIFY(thin->outcome(1).halted);
        Lesson thickLesson = load("15-thin-and-thick-disks");
        thickLesson.scenario.disk = "thick";
        thickLesson.steps[0].run.kind = RunSpec::Kind::ToEnd;
        thickLesson.steps[0].run.count = 20'000'000;
        LessonRunner thick(thickLesson, sourceDir());
        std::string error;
        QVERIFY(thick.start(error));
        QCOMPARE(thick.disk()->grainsAllocated(), 1024u); // before the guest runs
        QVERIFY2(thick.next(error), error.c_str());
        QVERIFY(thick.outcome(0).halted);
        std::size_t allocated = 0;
        for (const RecordedEvent& r : thick.events())
            allocated += r.event.type == EventType::GrainAllocated;
        QCOMPARE(allocated, std::size_t(0));
        QCOMPARE(thick.console(), thin->console());
    }

    // 16: 40 hosts on before, 8 after ffd (answer 2); capped at 40 a web VM gets 40 at its
    // peak even alone on its server (answer 2); placed again, 7 hosts (answer 2).
    void consolidationClaims() {
        auto c = playAll("16-consolidation-and-capping");
        QCOMPARE(c->placementBefore().hostsOn, std::size_t(40));
        QCOMPARE(c->placementAfter()->hostsOn, std::size_t(7));
        QVERIFY(!c->placementAfter()->overCapacity);
        LessonRunner r(load("16-consolidation-and-capping"), sourceDir());
        std::string error;
        QVERIFY(r.goTo(2, error));
        QCOMPARE(r.placementAfter()->hostsOn, std::size_t(8));
        QCOMPARE(r.placementBefore().meanUtilization * 1000 > 84, true);
        QCOMPARE(r.placementBefore().meanUtilization * 1000 < 86, true);
        double uncapped = 0, capped = 0;
        for (std::size_t v = 0; v < r.cluster().vms.size(); ++v)
            if (r.cluster().vms[v].name == "web-1")
                uncapped = *std::max_element(r.placementBefore().granted[v].begin(),
                                             r.placementBefore().granted[v].end());
        QVERIFY(r.next(error));
        for (std::size_t v = 0; v < r.cluster().vms.size(); ++v)
            if (r.cluster().vms[v].name == "web-1")
                capped = *std::max_element(r.placementBefore().granted[v].begin(),
                                           r.placementBefore().granted[v].end());
        QCOMPARE(uncapped, 80.0);
        QCOMPARE(capped, 40.0); // alone on its own 4-CPU server
    }

    // 17: live: one pre-copy round and a stop-and-copy of the 8 pages, downtime well under
    // a millisecond (answer 2), the destination equal to the source; cold: downtime is
    // the whole migration (answer 1); a fast dirtier ends pre-copy at 3x its memory.
    void migrationClaims() {
        auto live = playAll("17-live-and-cold-migration");
        const dc::MigrationReport& m = *live->migration();
        QCOMPARE(m.rounds.size(), std::size_t(2));
        QCOMPARE(m.rounds.back().pagesSent, 8u);
        QVERIFY(m.rounds.back().stopAndCopy);
        QVERIFY(m.downtimeSeconds < 1e-3);
        QVERIFY(m.totalSeconds > 0.06);
        QVERIFY(m.stateMatches);
        QCOMPARE(countOf(stepEvents(*live, 1), EventType::MigrationRound), std::size_t(2));
        QVERIFY(live->outcome(2).stepsRun > 0); // it runs on at the destination
        Lesson coldLesson = load("17-live-and-cold-migration");
        coldLesson.steps[1].run.cold = true;
        LessonRunner cold(coldLesson, sourceDir());
        std::string error;
        QVERIFY(cold.goTo(2, error));
        QCOMPARE(cold.migration()->downtimeSeconds, cold.migration()->totalSeconds);
        QVERIFY(cold.migration()->downtimeSeconds > 0.06);
        Lesson fastLesson = load("17-live-and-cold-migration");
        fastLesson.scenario.defines = {{"PAGES", 512}, {"PASSES", 1'000'000}};
        LessonRunner fast(fastLesson, sourceDir());
        QVERIFY(fast.goTo(2, error));
        qInfo("17: live downtime %.3f ms of %.3f; cold %.3f; 512 pages: %.3f ms (%s)",
              m.downtimeSeconds * 1e3, m.totalSeconds * 1e3,
              cold.migration()->downtimeSeconds * 1e3, fast.migration()->downtimeSeconds * 1e3,
              fast.migration()->stopReason.c_str());
        QVERIFY(fast.migration()->stopReason.find("3x") != std::string::npos);
        QVERIFY(fast.migration()->downtimeSeconds > 0.01);
    }

    // 06 and 07: throttling of /capped, context switches between two equal tasks.
    void hostClaims() {
        auto cg = playAll("06-cgroups");
        QCOMPARE(stepEvents(*cg, 0).size(), std::size_t(0));
        QVERIFY(countOf(stepEvents(*cg, 1), EventType::CgroupThrottle) >= 10);
        auto cs = playAll("07-context-switch");
        QVERIFY(countOf(stepEvents(*cs, 0), EventType::ContextSwitch) >= 2);
        QVERIFY(countOf(stepEvents(*cs, 1), EventType::ContextSwitch) >= 20);
    }
};

QTEST_GUILESS_MAIN(TestLessonRunner)
#include "test_lesson_runner.moc"
