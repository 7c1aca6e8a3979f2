// The thin-disk view fed the diskwriter workload's real run: exactly the grains the
// engine allocated are filled, at the indices its events named.
#include "views/concepts/StorageRun.h"

#include <QTest>

using namespace vizor;
using namespace vizor::views::concepts;

class StorageViewTest : public QObject {
    Q_OBJECT
private slots:
    void allocatedGrainsMatchTheEngine();
};

void StorageViewTest::allocatedGrainsMatchTheEngine() {
    const StorageRun run = runDiskWriter(64ull << 20);
    QVERIFY2(run.ok(), run.error.c_str());
    QVERIFY(run.grainsAllocated > 0);
    QCOMPARE(run.events.size(), std::size_t{run.grainsAllocated});
    StorageView view;
    view.setDisk(run.disk);
    feedView(view, 0, run.events);
    view.finishAnimation();
    QCOMPARE(static_cast<uint32_t>(view.allocated().size()), run.grainsAllocated);
    // diskwriter writes sectors 7, 70000 and 131071: grains 0, 546 and 1023 (128 sectors each).
    for (const uint32_t grain : {0u, 70000u / 128, 131071u / 128})
        QVERIFY2(view.allocated().contains(grain), qPrintable(QString::number(grain)));
    QCOMPARE(view.itemsWithId(QStringLiteral("grain-allocated")).size(),
             static_cast<qsizetype>(run.grainsAllocated));
    QCOMPARE(view.itemsWithId(QStringLiteral("grain")).size() +
                 view.itemsWithId(QStringLiteral("grain-allocated")).size(),
             static_cast<qsizetype>(run.disk.grainCount));
    view.rewind(1); // back to just after the first grain
    view.finishAnimation();
    QCOMPARE(view.allocated().size(), 1);
}

QTEST_MAIN(StorageViewTest)
#include "test_concept_storage.moc"
