// The translation-cache view fed real bt and patch runs: its blocks, hits, chains and
// invalidations are the engine's Translation events; its patch sites the Patch events.
#include "views/concepts/ScenarioRun.h"
#include "views/concepts/TranslationCacheView.h"

#include "hypervisor/BinaryPatching.h"
#include "hypervisor/BinaryTranslation.h"

#include <QTest>

using namespace vizor;
using namespace vizor::views::concepts;

namespace {

uint64_t countOf(const ScenarioRun& run, EventType type, uint32_t b) {
    uint64_t n = 0;
    for (const NumberedEvent& e : run.events)
        n += e.event.type == type && e.event.b == b;
    return n;
}

} // namespace

class TestConceptTranslationCache : public QObject {
    Q_OBJECT
private slots:
    void btRunFillsTheCacheAsTheEngineReported() {
        ScenarioOptions o;
        o.mode = "bt";
        o.workload = "compute";
        o.maxSteps = 400'000; // all its events fit in what a view keeps
        const ScenarioRun run = runScenario(o);
        QVERIFY2(run.ok(), run.error.c_str());
        TranslationCacheView view;
        view.setReduceMotion(true);
        feedRun(view, run, 1000);
        using K = hv::TranslationEvent;
        const CacheCounts& c = view.counts();
        QCOMPARE(c.translated, countOf(run, EventType::Translation, uint32_t(K::Translate)));
        QCOMPARE(c.hits, countOf(run, EventType::Translation, uint32_t(K::Hit)));
        QCOMPARE(c.misses, countOf(run, EventType::Translation, uint32_t(K::Miss)));
        QCOMPARE(c.chains, countOf(run, EventType::TranslationChain, uint32_t(K::Chain)));
        QCOMPARE(c.chains, run.vm->stats().chainFollows); // the scenario records them
        QVERIFY(c.hits > c.misses);
        QVERIFY(c.chains > 0);
        QCOMPARE(c.invalidated, run.vm->stats().invalidations);
        QCOMPARE(c.translated, run.vm->stats().translatedBlocks);
        QCOMPARE(c.hits, run.vm->stats().cacheHits);
        uint64_t perBlock = 0; // a block translated again (another mode, after a drop) counts again
        for (const auto& [pc, b] : view.blocks())
            perBlock += b.translations;
        QCOMPARE(perBlock, c.translated);
        // Every drawn translated block is one the engine translated.
        const SceneItems cached = view.itemsWithId("cached-block");
        QVERIFY(!cached.isEmpty());
        for (const SceneItem& item : cached) {
            const uint32_t pc = item.text.left(10).toUInt(nullptr, 16);
            QVERIFY(view.blocks().count(pc));
        }
    }

    void patchRunShowsThePatchSites() {
        ScenarioOptions o;
        o.mode = "patch";
        o.workload = "syscalls";
        const ScenarioRun run = runScenario(o);
        QVERIFY2(run.ok(), run.error.c_str());
        TranslationCacheView view;
        view.setReduceMotion(true);
        feedRun(view, run);
        QVERIFY(!view.patches().empty());
        uint64_t hits = 0;
        for (const auto& [a, p] : view.patches())
            hits += p.hits;
        QCOMPARE(hits, countOf(run, EventType::Patch, uint32_t(hv::PatchEvent::Hit)));
        QCOMPARE(hits, run.vm->stats().patchHits);
        const SceneItems sites = view.itemsWithId("patch");
        QVERIFY(!sites.isEmpty());
        QVERIFY(sites.front().text.contains("was: csr") || sites.front().text.contains("was: s"));
    }
};

QTEST_MAIN(TestConceptTranslationCache)
#include "test_concept_translation_cache.moc"
