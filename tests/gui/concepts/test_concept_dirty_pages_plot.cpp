// The dirty-pages plot fed real live migrations of memtouch.s: its points are the pages
// each round sent and the guest dirtied, as the engine's migration report gives them.
#include "views/concepts/DirtyPagesPlotView.h"
#include "views/concepts/MigrationRun.h"

#include <QTest>
#include <qcustomplot.h>

using namespace vizor;
using namespace vizor::views::concepts;

class TestDirtyPagesPlot : public QObject {
    Q_OBJECT
private slots:
    void pointsAreTheEnginesRounds_data();
    void pointsAreTheEnginesRounds();
    void rewindDropsRounds();
};

namespace {

MigrationRun migration(int64_t pages) {
    // 8 pages rewritten per pass converge; 512 (memtouch's default) do not.
    MigrationRun run = runMigration({{"PAGES", pages}, {"PASSES", 1'000'000}}, 200'000);
    if (!run.ok()) qFatal("%s", run.error.c_str());
    return run;
}

// The graph's (key, value) pairs.
QList<QPointF> pointsOf(const QCPGraph* graph) {
    QList<QPointF> out;
    for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it)
        out << QPointF(it->key, it->value);
    return out;
}

} // namespace

void TestDirtyPagesPlot::pointsAreTheEnginesRounds_data() {
    QTest::addColumn<int>("pages");
    QTest::newRow("small working set") << 8;
    QTest::newRow("fast dirtier") << 512;
}

void TestDirtyPagesPlot::pointsAreTheEnginesRounds() {
    QFETCH(int, pages);
    const MigrationRun run = migration(pages);
    const dc::MigrationReport& report = run.report;
    QVERIFY(report.rounds.size() >= 2);
    DirtyPagesPlotView view;
    view.setStopThreshold(dc::MigrationConfig{}.minPagesLeft);
    feedView(view, 0, run.events);
    QCOMPARE(view.rounds().size(), static_cast<qsizetype>(report.rounds.size()));

    QList<QPointF> sent, dirtied, stop;
    for (const dc::MigrationRound& r : report.rounds) {
        if (r.pagesSent > 0) (r.stopAndCopy ? stop : sent) << QPointF(r.round, r.pagesSent);
        if (!r.stopAndCopy && r.pagesDirtied > 0) dirtied << QPointF(r.round, r.pagesDirtied);
    }
    QCustomPlot* plot = view.plot();
    QCOMPARE(plot->graphCount(), 3);
    QCOMPARE(pointsOf(plot->graph(0)), sent);
    QCOMPARE(pointsOf(plot->graph(1)), dirtied);
    QCOMPARE(pointsOf(plot->graph(2)), stop);
    // Round 1 sends every page of the VM; the stop-and-copy round is the last.
    QCOMPARE(sent.first().y(), static_cast<double>(report.vmPages));
    QCOMPARE(stop.size(), 1);
    QCOMPARE(stop.first().x(), static_cast<double>(report.rounds.back().round));
    // The converging guest dirties its 8 pages each round; the fast dirtier more than 50.
    if (pages == 8)
        QCOMPARE(dirtied.last().y(), 8.0);
    else
        QVERIFY(dirtied.last().y() > dc::MigrationConfig{}.minPagesLeft);
}

void TestDirtyPagesPlot::rewindDropsRounds() {
    const MigrationRun run = migration(8);
    DirtyPagesPlotView view;
    view.setReduceMotion(true);
    feedView(view, 0, run.events);
    view.rewind(1); // back to just after round 1
    view.finishAnimation();
    QCOMPARE(view.rounds().size(), 1);
    QCOMPARE(view.plot()->graph(0)->dataCount(), 1);
    QCOMPARE(view.plot()->graph(2)->dataCount(), 0);
}

QTEST_MAIN(TestDirtyPagesPlot)
#include "test_concept_dirty_pages_plot.moc"
