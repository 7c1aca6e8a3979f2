// Benchmark (label "benchmark"): exporting every shipped lesson in both languages, PNG
// per step and the handout, as `vizor lesson export --all` does. Prints the wall time;
// lessons/README.md quotes it; the target is under 2 minutes.
#include "app/LessonExport.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>

class BenchLessons : public QObject {
    Q_OBJECT
private slots:
    void exportEveryLessonInBothLanguages() {
        QTemporaryDir dir;
        QElapsedTimer timer;
        timer.start();
        const int code =
            vizor::app::runLessonCommand({QStringLiteral("export"), QStringLiteral("--all"),
                                          QStringLiteral("--out"), dir.path()});
        const qint64 ms = timer.elapsed();
        QCOMPARE(code, 0);
        qInfo("exported %lld lessons in both languages in %lld ms",
              static_cast<long long>(vizor::app::shippedLessons().size()),
              static_cast<long long>(ms));
        // The target for the whole course on the development machine.
        QVERIFY2(ms < 120'000, "exporting every lesson took 2 minutes or more");
    }
};

QTEST_MAIN(BenchLessons)
#include "test_lessons_bench.moc"
