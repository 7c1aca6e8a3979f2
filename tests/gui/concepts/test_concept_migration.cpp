// The migration view fed a real live migration of memtouch.s: one row per round the
// engine reported, each with the pages it sent and dirtied, and the downtime marked
// on the stop-and-copy row.
#include "views/concepts/MigrationRun.h"

#include <QTest>

using namespace vizor;
using namespace vizor::views::concepts;

class MigrationViewTest : public QObject {
    Q_OBJECT
private slots:
    void roundsMatchTheEngine();
    void rewindDropsRounds();
};

namespace {

int countOf(const SceneItems& items, const QString& id) {
    return static_cast<int>(
        std::count_if(items.begin(), items.end(), [&](const SceneItem& i) { return i.id == id; }));
}

MigrationRun smallWorkingSet() {
    // 8 MiB of data, 8 pages rewritten per pass: a short downtime (Clark et al.'s case).
    MigrationRun run = runMigration({{"PAGES", 8}, {"PASSES", 1'000'000}}, 200'000);
    if (!run.ok()) qFatal("%s", run.error.c_str());
    return run;
}

} // namespace

void MigrationViewTest::roundsMatchTheEngine() {
    const MigrationRun run = smallWorkingSet();
    const dc::MigrationReport& report = run.report;
    QVERIFY(report.rounds.size() >= 2);
    MigrationView view;
    view.setTiming(timingOf(report));
    feedView(view, 0, run.events);
    view.finishAnimation();
    QCOMPARE(view.rounds().size(), static_cast<qsizetype>(report.rounds.size()));
    for (std::size_t i = 0; i < report.rounds.size(); ++i) {
        QCOMPARE(view.rounds()[i].pagesSent, report.rounds[i].pagesSent);
        QCOMPARE(view.rounds()[i].pagesDirtied, report.rounds[i].pagesDirtied);
        QCOMPARE(view.rounds()[i].stopAndCopy, report.rounds[i].stopAndCopy);
    }
    const SceneItems items = view.items(MigrationView::defaultExportSize());
    QCOMPARE(countOf(items, QStringLiteral("round")), static_cast<int>(report.rounds.size()));
    // Round 1 sends every page: its row is all sent cells.
    const uint32_t perCell = view.pagesPerCell();
    int sentCells = 0;
    for (const MigrationRoundItem& r : view.rounds())
        sentCells += static_cast<int>((r.pagesSent + perCell - 1) / perCell);
    QCOMPARE(countOf(items, QStringLiteral("page-sent")), sentCells);
    // Every pre-copy round's dirtied pages are marked (8 pages: one cell each round).
    QCOMPARE(countOf(items, QStringLiteral("page-dirtied")),
             static_cast<int>(report.rounds.size()) - 1);
    const SceneItems notes = view.itemsWithId(QStringLiteral("round-note"));
    QVERIFY(notes.first().text.contains(QLocale().toString(report.rounds[0].pagesSent)));
    const SceneItems downtime = view.itemsWithId(QStringLiteral("downtime"));
    QCOMPARE(downtime.size(), 1);
    QVERIFY(downtime.first().text.contains(QString::number(report.downtimeSeconds * 1e3, 'f', 3)));
}

void MigrationViewTest::rewindDropsRounds() {
    const MigrationRun run = smallWorkingSet();
    MigrationView view;
    view.setReduceMotion(true);
    view.setTiming(timingOf(run.report));
    feedView(view, 0, run.events);
    view.rewind(1); // back to just after round 1
    view.finishAnimation();
    QCOMPARE(view.rounds().size(), 1);
    QCOMPARE(view.itemsWithId(QStringLiteral("downtime")).size(), 0);
}

QTEST_MAIN(MigrationViewTest)
#include "test_concept_migration.moc"
