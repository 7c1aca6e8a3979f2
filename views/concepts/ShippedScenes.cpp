#include "views/concepts/ShippedScenes.h"

#include "views/concepts/BalloonRun.h"
#include "views/concepts/BalloonView.h"
#include "views/concepts/ConsolidationRun.h"
#include "views/concepts/CpuSharePlotView.h"
#include "views/concepts/DirtyPagesPlotView.h"
#include "views/concepts/MemoryPlotView.h"
#include "views/concepts/MigrationRun.h"
#include "views/concepts/ScenarioRun.h"
#include "views/concepts/StorageRun.h"

namespace vizor::views::concepts {

namespace {

ShippedScene failed(const std::string& error) {
    ShippedScene s;
    s.error = error;
    return s;
}

ShippedScene balloon() {
    BalloonRun run = runBalloonScenario();
    if (!run.ok()) return failed(run.error);
    ShippedScene s;
    s.description = QStringLiteral("two VMs on 240 host frames, VM 0's balloon inflated to 96 "
                                   "pages and deflated again");
    const uint32_t frames = run.host->host().totalFrames();
    const uint32_t vms = static_cast<uint32_t>(run.host->vmCount());
    s.setUp = [frames, vms, vmOf = run.vmOf](ConceptView& view) {
        if (auto* b = qobject_cast<BalloonView*>(&view)) {
            b->setHost(frames, vms);
            b->setEventVms(vmOf);
        }
        if (auto* m = qobject_cast<MemoryPlotView*>(&view)) m->setEventVms(vmOf);
    };
    s.events = std::move(run.events);
    return s;
}

ShippedScene migration() {
    // resources/datacenter/memtouch.s rewriting 8 pages: pre-copy converges.
    MigrationRun run = runMigration({{"PAGES", 8}, {"PASSES", 1'000'000}}, 200'000);
    if (!run.ok()) return failed(run.error);
    ShippedScene s;
    s.description = QStringLiteral("live migration of memtouch.s rewriting 8 pages, 1 Gbit/s");
    const MigrationTiming timing = timingOf(run.report);
    const uint32_t stopBelow = dc::MigrationConfig{}.minPagesLeft;
    s.setUp = [timing, stopBelow](ConceptView& view) {
        if (auto* m = qobject_cast<MigrationView*>(&view)) m->setTiming(timing);
        if (auto* d = qobject_cast<DirtyPagesPlotView*>(&view)) d->setStopThreshold(stopBelow);
    };
    s.events = std::move(run.events);
    return s;
}

ShippedScene consolidation() {
    const ConsolidationRun run =
        runConsolidation("forty-servers.cluster", dc::Policy::FirstFitDecreasing);
    if (!run.ok()) return failed(run.error);
    ShippedScene s;
    s.description = QStringLiteral("resources/datacenter/forty-servers.cluster, first fit "
                                   "decreasing");
    s.setUp = [picture = run.picture](ConceptView& view) {
        if (auto* c = qobject_cast<ConsolidationView*>(&view)) c->setPicture(picture);
    };
    return s;
}

ShippedScene storage() {
    StorageRun run = runDiskWriter(64ull << 20);
    if (!run.ok()) return failed(run.error);
    ShippedScene s;
    s.description = QStringLiteral("diskwriter workload on a 64 MiB thin virtio-blk disk");
    s.setUp = [disk = run.disk](ConceptView& view) {
        if (auto* v = qobject_cast<StorageView*>(&view)) v->setDisk(disk);
    };
    s.events = std::move(run.events);
    return s;
}

ShippedScene cpuShare() {
    HostScenarioRun run = runHostScenario("weights.txt");
    if (!run.ok()) return failed(run.error);
    ShippedScene s;
    s.description = QStringLiteral("host model, resources/host/scenarios/weights.txt");
    s.setUp = [groups = cpuShareGroupsOf(*run.host)](ConceptView& view) {
        if (auto* c = qobject_cast<CpuSharePlotView*>(&view)) c->setGroups(groups);
    };
    s.events = std::move(run.events);
    return s;
}

} // namespace

QStringList shippedSceneViews() {
    return {QStringLiteral("balloon"),       QStringLiteral("memory-plot"),
            QStringLiteral("migration"),     QStringLiteral("dirty-pages-plot"),
            QStringLiteral("consolidation"), QStringLiteral("storage"),
            QStringLiteral("cpu-share-plot")};
}

ShippedScene shippedScene(const QString& viewName) {
    if (viewName == QLatin1String("balloon") || viewName == QLatin1String("memory-plot"))
        return balloon();
    if (viewName == QLatin1String("migration") || viewName == QLatin1String("dirty-pages-plot"))
        return migration();
    if (viewName == QLatin1String("consolidation")) return consolidation();
    if (viewName == QLatin1String("storage")) return storage();
    if (viewName == QLatin1String("cpu-share-plot")) return cpuShare();
    return failed("no shipped scenario for the view '" + viewName.toStdString() + "'");
}

} // namespace vizor::views::concepts
