// The balloon view and the memory plot fed a real ballooning run (two VMs on a host of
// 240 frames, VM 0's balloon inflated to 96 pages and deflated again, as
// tests/engine/hypervisor/test_hv_balloon.cpp runs it): the frames drawn are the frames
// the engine reported, and the plot's points are the run's timeline.
#include "views/concepts/BalloonRun.h"
#include "views/concepts/BalloonView.h"
#include "views/concepts/MemoryPlotView.h"

#include <QTest>
#include <qcustomplot.h>

using namespace vizor;
using namespace vizor::views::concepts;

namespace {

const BalloonRun& theRun() {
    static const BalloonRun run = [] {
        BalloonRun r = runBalloonScenario();
        if (!r.ok()) qWarning("%s", r.error.c_str());
        return r;
    }();
    return run;
}

// The events up to and including the first host_frames after VM 0's balloon holds `pages`.
std::vector<NumberedEvent> untilBalloonHolds(const BalloonRun& run, uint32_t pages) {
    for (std::size_t i = 0; i < run.events.size(); ++i) {
        const Event& e = run.events[i].event;
        if (e.type == EventType::HostFrames && run.vmOf[i] == 0 && e.c == pages)
            return {run.events.begin(), run.events.begin() + static_cast<std::ptrdiff_t>(i + 1)};
    }
    return {};
}

void setUp(BalloonView& view, const BalloonRun& run) {
    view.setReduceMotion(true);
    view.setHost(run.host->host().totalFrames(), run.host->vmCount());
    view.setEventVms(run.vmOf);
}

} // namespace

class TestConceptBalloon : public QObject {
    Q_OBJECT
private slots:
    void theInflatedBalloonHoldsTheEnginesPages() {
        const BalloonRun& run = theRun();
        QVERIFY(run.ok());
        const std::vector<NumberedEvent> events = untilBalloonHolds(run, 96);
        QVERIFY(!events.empty());
        BalloonView view;
        setUp(view, run);
        feedView(view, UINT64_MAX, events);
        const Event& last = events.back().event;
        // The ballooned-frame count is the engine's `actual`, each page one star.
        QCOMPARE(view.vms()[0].balloonPages, 96u);
        QCOMPARE(view.itemsWithId("ballooned").size(), qsizetype{96});
        QCOMPARE(static_cast<uint32_t>(view.itemsWithId("vm-frame").size()),
                 view.vms()[0].usedFrames + view.vms()[1].usedFrames);
        QCOMPARE(view.vms()[0].usedFrames, last.b);
        QCOMPARE(static_cast<uint32_t>(view.itemsWithId("free-frame").size()), last.a);
        QCOMPARE(view.itemsWithId("host-frame").size() + view.itemsWithId("free-frame").size(),
                 qsizetype{240});
        // The balloon is shown giving frames to the host.
        bool inflating = false;
        for (const SceneItem& item : view.itemsWithId("flow-label"))
            inflating |= item.text.contains("96 frames");
        QVERIFY(inflating);
    }

    void theOtherVmGrowsIntoTheFramesAndTheEndMatchesTheEngine() {
        const BalloonRun& run = theRun();
        QVERIFY(run.ok());
        BalloonView view;
        setUp(view, run);
        // Up to VM 1's peak while the balloon is full: it has grown into the given frames.
        std::vector<NumberedEvent> events = untilBalloonHolds(run, 96);
        const std::size_t full = events.size();
        uint32_t peak = 0;
        std::size_t end = full;
        for (std::size_t i = full; i < run.events.size(); ++i) {
            const Event& e = run.events[i].event;
            if (e.type == EventType::BalloonChange && e.c == 0 && e.b < 96) break;
            if (e.type == EventType::HostFrames && run.vmOf[i] == 1 && e.b > peak)
                peak = e.b, end = i + 1;
        }
        events.assign(run.events.begin(), run.events.begin() + static_cast<std::ptrdiff_t>(end));
        feedView(view, UINT64_MAX, events);
        QCOMPARE(view.vms()[1].usedFrames, peak);
        QVERIFY(peak >= view.vms()[1].grownFrom + 100); // as the engine's own test demands
        bool grew = false;
        for (const SceneItem& item : view.itemsWithId("flow-label"))
            grew |= item.text.contains("VM 1 grew");
        QVERIFY(grew);
        qInfo("VM 1 grew from %u to %u frames while VM 0's balloon held 96 pages",
              view.vms()[1].grownFrom, peak);

        // The whole run: everything the engine ended with.
        view.clearEvents();
        feedView(view, UINT64_MAX, run.events);
        QCOMPARE(view.vms()[0].balloonPages, run.host->vm(0).balloon().actual());
        QCOMPARE(view.itemsWithId("ballooned").size(),
                 static_cast<qsizetype>(run.host->vm(0).balloon().actual()));
        QCOMPARE(view.freeFrames(), run.host->host().freeFrames());
        QCOMPARE(view.swapOuts(), run.host->host().swapOuts());
        QCOMPARE(view.itemsWithId("swapped").size(), qsizetype{0});
    }

    void steppingBackRestoresTheEarlierPicture() {
        const BalloonRun& run = theRun();
        BalloonView view;
        setUp(view, run);
        const std::vector<NumberedEvent> events = untilBalloonHolds(run, 96);
        feedView(view, UINT64_MAX, run.events);
        view.rewind(events.size());
        view.finishAnimation();
        QCOMPARE(view.itemsWithId("ballooned").size(), qsizetype{96});
    }

    // The grids come from a cached layer on raster devices: it must follow the events.
    void theCachedGridsFollowTheEvents() {
        const BalloonRun& run = theRun();
        const std::vector<NumberedEvent> part = untilBalloonHolds(run, 96);
        auto draw = [](const BalloonView& view) {
            QImage image(ConceptView::defaultExportSize(), QImage::Format_ARGB32_Premultiplied);
            view.render(image, image.size(), 1.0);
            return image;
        };
        BalloonView stepped, fresh;
        setUp(stepped, run);
        setUp(fresh, run);
        feedView(stepped, UINT64_MAX, part);
        const QImage before = draw(stepped);
        feedView(stepped, UINT64_MAX, {run.events.begin() + part.size(), run.events.end()});
        feedView(fresh, UINT64_MAX, run.events);
        QVERIFY(draw(stepped) != before);
        QCOMPARE(draw(stepped), draw(fresh));
        stepped.setDark(true);
        fresh.setDark(true);
        QCOMPARE(draw(stepped), draw(fresh));
    }

    void thePlotIsTheTimeline() {
        const BalloonRun& run = theRun();
        QVERIFY(run.ok());
        MemoryPlotView plot;
        plot.setReduceMotion(true);
        plot.setEventVms(run.vmOf);
        feedView(plot, UINT64_MAX, run.events);
        const auto& timeline = run.host->timeline();
        QCOMPARE(plot.freeFrames().size(), timeline.size());
        QCOMPARE(plot.usedFrames().size(), std::size_t{2});
        for (std::size_t t = 0; t < timeline.size(); ++t) {
            QCOMPARE(plot.freeFrames()[t], double(timeline[t].freeFrames));
            // The turn's own VM is exact; the other is as it last reported, which is
            // the timeline's value whenever the host did not take frames from it.
            const uint32_t vm = timeline[t].vm;
            QCOMPARE(plot.usedFrames()[vm][t], double(timeline[t].usedFrames[vm]));
            QCOMPARE(plot.balloonPages()[vm][t], double(timeline[t].balloonPages[vm]));
        }
        const double peakBalloon =
            *std::max_element(plot.balloonPages()[0].begin(), plot.balloonPages()[0].end());
        QCOMPARE(peakBalloon, 96.0);
        QCOMPARE(plot.plot()->graphCount(), 4); // two VMs, one balloon, the host's free frames
    }
};

QTEST_MAIN(TestConceptBalloon)
#include "test_concept_balloon.moc"
