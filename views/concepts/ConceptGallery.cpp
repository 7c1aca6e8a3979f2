#include "views/concepts/ConceptGallery.h"

#include "views/concepts/BalloonRun.h"
#include "views/concepts/BalloonView.h"
#include "views/concepts/CgroupTreeView.h"
#include "views/concepts/ConsolidationRun.h"
#include "views/concepts/CpuSharePlotView.h"
#include "views/concepts/DirtyPagesPlotView.h"
#include "views/concepts/InstructionClassesView.h"
#include "views/concepts/MemoryPlotView.h"
#include "views/concepts/MigrationRun.h"
#include "views/concepts/PageWalkView.h"
#include "views/concepts/PlotView.h"
#include "views/concepts/ScenarioRun.h"
#include "views/concepts/ShippedScenes.h"
#include "views/concepts/SplitDriverView.h"
#include "views/concepts/StorageRun.h"
#include "views/concepts/TranslationCacheView.h"
#include "views/concepts/WorldSwitchView.h"

namespace vizor::views::concepts {

namespace {

ScenarioRun guest(const std::string& mode, const std::string& workload, uint64_t maxSteps,
                  bool x86 = false, bool trace = false) {
    ScenarioOptions o;
    o.mode = mode;
    o.workload = workload;
    o.maxSteps = maxSteps;
    o.x86Sensitive = x86;
    o.traceInstructions = trace;
    return runScenario(o);
}

// The events up to the end of the first full two-dimensional walk: both guest levels
// (a 4 KiB page) each reached through the G-stage.
std::vector<NumberedEvent> upToFirstNestedWalk(const std::vector<NumberedEvent>& events) {
    int g = 0, vs = 0;
    for (std::size_t i = 0; i < events.size(); ++i) {
        const Event& e = events[i].event;
        if (e.type == EventType::PageWalkStep) ++(((e.d >> 8) & 0xff) == 1 ? g : vs);
        if (e.type == EventType::PageWalkDone && g > 0 && vs == 2)
            return {events.begin(), events.begin() + static_cast<std::ptrdiff_t>(i + 1)};
        if (e.type == EventType::PageWalkDone) g = vs = 0;
    }
    return events;
}

// The events up to a little after the guest's `nth` exit from user mode, so the picture
// shows a system call travelling user -> kernel -> VMM and back.
std::vector<NumberedEvent> aroundUserExit(const std::vector<NumberedEvent>& events, int nth) {
    std::vector<Event> plain;
    for (const NumberedEvent& e : events)
        plain.push_back(e.event);
    const std::vector<Transition> all =
        transitionsFromEvents(plain, events.empty() ? 0 : events.front().sequence);
    int seen = 0;
    for (std::size_t k = 0; k < all.size(); ++k) {
        if (all[k].from != Lane::GuestUser || ++seen < nth) continue;
        // Up to the event before the 15th transition after it: every exit shown complete.
        const uint64_t end = k + 15 < all.size() ? all[k + 15].sequence - 1 : UINT64_MAX;
        std::vector<NumberedEvent> out;
        for (const NumberedEvent& e : events)
            if (e.sequence <= end) out.push_back(e);
        return out;
    }
    return events;
}

void add(std::vector<GalleryScene>& out, const char* name, const QString& description,
         std::unique_ptr<ConceptView> view, std::vector<NumberedEvent> events) {
    out.push_back({QString::fromLatin1(name), description, std::move(view), std::move(events)});
}

} // namespace

std::vector<GalleryScene> galleryScenes(std::string& error) {
    std::vector<GalleryScene> out;
    auto check = [&](const auto& run) {
        if (!run.ok() && error.empty()) error = run.error;
        return run.ok();
    };
    if (ScenarioRun r = guest("trap", "syscalls", 20'000'000); check(r))
        add(out, "world-switch",
            QStringLiteral("trap-and-emulate, syscalls workload, around its 100th system call"),
            std::make_unique<WorldSwitchView>(), aroundUserExit(r.events, 100));
    if (ScenarioRun r = guest("trap", "compute", 150'000, true, true); check(r)) {
        auto view = std::make_unique<InstructionClassesView>();
        view->setX86Sensitive(true);
        add(out, "instruction-classes-x86",
            QStringLiteral("trap-and-emulate with x86-style sensitive instructions, compute, "
                           "150,000 steps traced"),
            std::move(view), r.events);
    }
    if (ScenarioRun r = guest("trap", "compute", 150'000, false, true); check(r))
        add(out, "instruction-classes",
            QStringLiteral("trap-and-emulate, plain RISC-V, compute, 150,000 steps traced"),
            std::make_unique<InstructionClassesView>(), r.events);
    if (ScenarioRun r = guest("hw", "compute", 2'000'000); check(r))
        add(out, "page-walk-nested",
            QStringLiteral("hardware-assisted, compute: the first cold nested walk"),
            std::make_unique<PageWalkView>(), upToFirstNestedWalk(r.events));
    if (ScenarioRun r = guest("trap", "pagefaults", 600'000); check(r))
        add(out, "page-walk-shadow",
            QStringLiteral("trap-and-emulate, pagefaults, first 600,000 steps"),
            std::make_unique<PageWalkView>(), r.events);
    if (ScenarioRun r = guest("bt", "syscalls", 400'000); check(r))
        add(out, "translation-cache",
            QStringLiteral("binary translation, syscalls, first 400,000 steps"),
            std::make_unique<TranslationCacheView>(), r.events);
    if (ScenarioRun r = guest("patch", "syscalls", 20'000'000); check(r))
        add(out, "binary-patching", QStringLiteral("binary patching, syscalls, whole run"),
            std::make_unique<TranslationCacheView>(), r.events);
    if (ScenarioRun r = guest("pv", "io", 20'000'000); check(r))
        add(out, "split-driver",
            QStringLiteral("paravirtual, io workload: the tenth console line's request has gone "
                           "all the way round; the eight-entry rings have wrapped"),
            std::make_unique<SplitDriverView>(),
            eventsUntilVirtqueueStep(r.events, 5 /* Notify */, 10));
    if (ScenarioRun r = guest("trap", "pagefaults", 20'000'000); check(r))
        add(out, "exits-plot", QStringLiteral("trap-and-emulate, pagefaults, whole run"),
            std::make_unique<ExitsPlotView>(), r.events);
    {
        QList<ModeCycles> runs;
        for (const std::string& mode : hv::modeNames()) {
            ScenarioOptions o;
            o.mode = mode;
            o.workload = "syscalls";
            o.maxEvents = 0;
            const ScenarioRun r = runScenario(o);
            if (!check(r)) break;
            runs << ModeCycles{QString::fromStdString(mode), r.vm->stats(), hv::CostModel{}};
        }
        auto view = std::make_unique<CyclesPlotView>();
        view->setRuns(runs);
        add(out, "cycles-plot",
            QStringLiteral("syscalls workload in every mode, default cost model"), std::move(view),
            {});
    }
    if (HostScenarioRun r = runHostScenario("weights.txt"); check(r)) {
        auto view = std::make_unique<CgroupTreeView>();
        view->setForest(forestOf(*r.host));
        add(out, "cgroup-tree", QStringLiteral("host model, resources/host/scenarios/weights.txt"),
            std::move(view), r.events);
    }
    if (ShippedScene r = shippedScene(QStringLiteral("cpu-share-plot")); check(r)) {
        auto view = std::make_unique<CpuSharePlotView>();
        r.setUp(*view);
        add(out, "cpu-share-plot",
            QStringLiteral("host model, resources/host/scenarios/weights.txt: cpu.weight 100 "
                           "and 300, cpu.max 20000/100000"),
            std::move(view), std::move(r.events));
    }
    if (HostScenarioRun r = runHostScenario("memory.txt"); check(r)) {
        auto view = std::make_unique<CgroupTreeView>();
        view->setForest(forestOf(*r.host));
        add(out, "cgroup-tree-memory",
            QStringLiteral("host model, resources/host/scenarios/memory.txt"), std::move(view),
            r.events);
    }
    if (BalloonRun r = runBalloonScenario(); check(r)) {
        auto view = std::make_unique<BalloonView>();
        view->setHost(r.host->host().totalFrames(), r.host->vmCount());
        view->setEventVms(r.vmOf);
        add(out, "balloon",
            QStringLiteral("two VMs on 240 host frames, VM 0's balloon at 96 pages, VM 1 at "
                           "its peak"),
            std::move(view), upToOtherVmPeak(r));
        auto plot = std::make_unique<MemoryPlotView>();
        plot->setEventVms(r.vmOf);
        add(out, "memory-plot",
            QStringLiteral("the same run whole: inflated at VM 0's cycle 1,000,000, deflated "
                           "at 3,000,000"),
            std::move(plot), r.events);
    }
    // Live migration of resources/datacenter/memtouch.s (8 MiB of data): a small
    // writable working set converges; a guest rewriting 512 pages per pass does not.
    if (MigrationRun r = runMigration({{"PAGES", 8}, {"PASSES", 1'000'000}}, 200'000); check(r)) {
        auto view = std::make_unique<MigrationView>();
        view->setTiming(timingOf(r.report));
        add(out, "migration",
            QStringLiteral("live migration of memtouch.s rewriting 8 pages, 1 Gbit/s link"),
            std::move(view), r.events);
    }
    if (MigrationRun r = runMigration({}, 100'000); check(r)) {
        auto view = std::make_unique<MigrationView>();
        view->setTiming(timingOf(r.report));
        add(out, "migration-fast-dirtier",
            QStringLiteral("live migration of memtouch.s rewriting 512 pages, 1 Gbit/s link"),
            std::move(view), r.events);
    }
    for (const int64_t pages : {8, 512}) {
        MigrationRun r = runMigration({{"PAGES", pages}, {"PASSES", 1'000'000}}, 200'000);
        if (!check(r)) continue;
        auto view = std::make_unique<DirtyPagesPlotView>();
        view->setStopThreshold(dc::MigrationConfig{}.minPagesLeft);
        add(out, pages == 8 ? "dirty-pages-plot" : "dirty-pages-plot-fast-dirtier",
            QStringLiteral("live migration of memtouch.s rewriting %1 pages, 1 Gbit/s link")
                .arg(pages),
            std::move(view), std::move(r.events));
    }
    for (const dc::Policy policy : {dc::Policy::FirstFitDecreasing, dc::Policy::TimeAware}) {
        const char* scenario =
            policy == dc::Policy::TimeAware ? "day-and-night.cluster" : "forty-servers.cluster";
        if (ConsolidationRun r = runConsolidation(scenario, policy); check(r)) {
            auto view = std::make_unique<ConsolidationView>();
            view->setPicture(r.picture);
            add(out, policy == dc::Policy::TimeAware ? "consolidation-time-aware" : "consolidation",
                QStringLiteral("resources/datacenter/%1, policy %2")
                    .arg(QLatin1String(scenario), r.picture.policy),
                std::move(view), {});
        }
    }
    if (StorageRun r = runDiskWriter(64ull << 20); check(r)) {
        auto view = std::make_unique<StorageView>();
        view->setDisk(r.disk);
        add(out, "storage",
            QStringLiteral("diskwriter workload on a 64 MiB thin virtio-blk disk, whole run"),
            std::move(view), r.events);
    }
    return out;
}

} // namespace vizor::views::concepts
