// Every shipped lesson loads, plays to its end and exports in both languages (one PNG
// per step and a handout PDF); exporting twice gives byte-identical PNGs; and golden
// checksums catch an unintended change in any picture.
//
// Rebaseline after an intended change to a lesson or a view (then look at the pictures):
//   VIZOR_REBASELINE=1 ctest --test-dir BUILD -R '^test_lessons$'
// which rewrites tests/gui/test_lessons_golden.txt; VIZOR_REBASELINE=14,15 rewrites only
// the lines of the lessons whose names start with 14 or 15.
#include "app/LessonExport.h"
#include "app/LessonPlayer.h"
#include "views/LessonPanel.h"

#include <QCryptographicHash>
#include <QImage>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

using namespace vizor;
using namespace vizor::app;

namespace {

QString goldenPath() {
    return qEnvironmentVariable("VIZOR_SOURCE_DIR") +
           QStringLiteral("/tests/gui/test_lessons_golden.txt");
}

lesson::Lesson load(const QString& file) {
    const lesson::LoadResult r = lesson::loadLessonFile(file.toStdString());
    if (!r.ok()) qFatal("%s", r.errors.front().format().c_str());
    return *r.lesson;
}

QStringList exportPngs(const lesson::Lesson& l, lesson::Language language, const QString& dir) {
    LessonExportOptions options;
    options.outDir = dir;
    options.language = language;
    QStringList written;
    QString error;
    if (!exportLesson(l, options, &written, &error)) qFatal("%s", qPrintable(error));
    return written;
}

QByteArray bytes(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// A picture with something drawn besides the caption: more than a few colours.
QString lessonNamed(const QString& stem) {
    for (const QString& f : shippedLessons())
        if (QFileInfo(f).baseName() == stem) return f;
    qFatal("no lesson %s", qPrintable(stem));
}

bool hasDrawing(const QImage& image) {
    QSet<QRgb> colours;
    for (int y = 100; y < image.height(); y += 7)
        for (int x = 0; x < image.width(); x += 7)
            colours.insert(image.pixel(x, y));
    return colours.size() > 8;
}

} // namespace

class TestLessons : public QObject {
    Q_OBJECT
private slots:
    void everyLessonExportsInBothLanguages_data() {
        QTest::addColumn<QString>("file");
        for (const QString& f : shippedLessons())
            QTest::newRow(qPrintable(QFileInfo(f).baseName())) << f;
        QVERIFY(shippedLessons().size() >= 7);
    }
    void everyLessonExportsInBothLanguages() {
        QFETCH(QString, file);
        const lesson::Lesson l = load(file);
        QTemporaryDir dir;
        for (lesson::Language language : {lesson::Language::English, lesson::Language::Italian}) {
            const QStringList written = exportPngs(l, language, dir.path());
            QCOMPARE(written.size(), static_cast<qsizetype>(l.steps.size() + 1));
            for (int i = 0; i < written.size() - 1; ++i) {
                const QImage image(written[i]);
                QVERIFY2(!image.isNull(), qPrintable(written[i]));
                QCOMPARE(image.width(),
                         1280 *
                             static_cast<int>(l.steps[static_cast<std::size_t>(i)].views.size()));
                QVERIFY2(hasDrawing(image), qPrintable(written[i]));
            }
            QVERIFY(written.last().endsWith(QStringLiteral("-handout.pdf")));
            QVERIFY(bytes(written.last()).startsWith("%PDF"));
        }
        // The two languages differ in their captions at least.
        const QString stem = QFileInfo(file).baseName();
        QVERIFY(bytes(dir.filePath(stem + QStringLiteral("-en/step-01.png"))) !=
                bytes(dir.filePath(stem + QStringLiteral("-it/step-01.png"))));
    }

    void exportingTwiceGivesByteIdenticalPngs() {
        const lesson::Lesson l = load(shippedLessons().value(0));
        QTemporaryDir a, b;
        const QStringList first = exportPngs(l, lesson::Language::Italian, a.path());
        const QStringList second = exportPngs(l, lesson::Language::Italian, b.path());
        QCOMPARE(first.size(), second.size());
        for (int i = 0; i < first.size() - 1; ++i) {
            QVERIFY(!bytes(first[i]).isEmpty());
            QCOMPARE(bytes(first[i]), bytes(second[i]));
        }
    }

    void picturesMatchTheGoldenChecksums() {
        QStringList lines;
        QTemporaryDir dir;
        for (const QString& file : shippedLessons()) {
            const lesson::Lesson l = load(file);
            const QStringList written = exportPngs(l, lesson::Language::English, dir.path());
            for (int i = 0; i < written.size() - 1; ++i) {
                const QString hash = QString::fromLatin1(
                    QCryptographicHash::hash(bytes(written[i]), QCryptographicHash::Sha256)
                        .toHex());
                lines << QStringLiteral("%1 step %2 %3")
                             .arg(QFileInfo(file).baseName())
                             .arg(i + 1)
                             .arg(hash);
            }
        }
        if (qEnvironmentVariableIsSet("VIZOR_REBASELINE")) {
            // "1" rewrites every line; "14,15" only those of the lessons whose names start
            // so, keeping the others' as they are.
            const QString which = qEnvironmentVariable("VIZOR_REBASELINE");
            const QStringList prefixes = which.split(QLatin1Char(','), Qt::SkipEmptyParts);
            auto chosen = [&](const QString& line) {
                return which == QLatin1String("1") ||
                       std::any_of(prefixes.begin(), prefixes.end(),
                                   [&](const QString& p) { return line.startsWith(p); });
            };
            QStringList kept;
            for (const QString& line : QString::fromUtf8(bytes(goldenPath()))
                                           .split(QLatin1Char('\n'), Qt::SkipEmptyParts))
                if (!chosen(line)) kept << line;
            for (const QString& line : lines)
                if (chosen(line)) kept << line;
            kept.sort();
            QFile out(goldenPath());
            QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
            out.write((kept.join(QLatin1Char('\n')) + QLatin1Char('\n')).toUtf8());
            QSKIP("golden checksums rewritten");
        }
        const QStringList golden =
            QString::fromUtf8(bytes(goldenPath())).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY2(!golden.isEmpty(), "no golden checksums: run with VIZOR_REBASELINE=1 once");
        for (const QString& line : lines)
            QVERIFY2(
                golden.contains(line),
                qPrintable(QStringLiteral("%1: the picture changed (rebaseline: see the top of "
                                          "test_lessons.cpp)")
                               .arg(line.section(QLatin1Char(' '), 0, 2))));
        QCOMPARE(golden.size(), lines.size());
    }

    // The player: the question comes before its step runs, the answer gets feedback,
    // Next runs the step (on the worker) and shows its views, Previous travels back to
    // the same events.
    void thePlayerAsksPlaysAndTravelsBack() {
        QString error;
        QVERIFY(!LessonPlayer::open(QStringLiteral("/nonexistent.lesson"),
                                    lesson::Language::English, nullptr, &error));
        QVERIFY(error.contains(QStringLiteral("nonexistent.lesson")));
        LessonPlayer* player = LessonPlayer::open(shippedLessons().value(0),
                                                  lesson::Language::Italian, nullptr, &error);
        QVERIFY2(player, qPrintable(error));
        std::unique_ptr<LessonPlayer> owner(player);
        auto step = [player] {
            player->next();
            QTRY_VERIFY(!player->busy());
        };
        QCOMPARE(player->runner().played(), 0);
        player->next(); // step 1 asks first
        QVERIFY(player->questionPending());
        QVERIFY(!player->busy());
        QCOMPARE(player->runner().played(), 0);
        player->answer(0);
        QVERIFY(player->panel()->feedbackText().contains(QStringLiteral("Hypervisor")));
        step();
        QCOMPARE(player->runner().played(), 1);
        QCOMPARE(player->shownStep(), 1);
        QCOMPARE(player->panel()->viewCount(), 1);
        QVERIFY(player->panel()->narrationText().contains(QStringLiteral("modalità utente")));
        step();
        QCOMPARE(player->runner().played(), 2);
        QCOMPARE(player->panel()->viewCount(), 2);
        const std::size_t events = player->runner().events().size();
        player->previous();
        QTRY_VERIFY(!player->busy());
        QCOMPARE(player->runner().played(), 1);
        step();
        QCOMPARE(player->runner().events().size(), events);
        step();
        QCOMPARE(player->runner().played(), 3);
        QVERIFY(player->runner().outcome(2).halted);
    }

    // A long step runs on the worker: Next returns at once and the event loop keeps
    // turning (a zero-interval timer ticks) until the step is shown. Played on the GUI
    // thread, next() would return only after the run, with no tick in between.
    void aLongStepDoesNotBlockTheWindow() {
        QString error;
        LessonPlayer* player =
            LessonPlayer::open(lessonNamed(QStringLiteral("14-memory-ballooning")),
                               lesson::Language::English, nullptr, &error);
        QVERIFY2(player, qPrintable(error));
        std::unique_ptr<LessonPlayer> owner(player);
        QSignalSpy shown(player, &LessonPlayer::stepShown);
        int ticksWhileBusy = 0;
        QTimer ticker;
        ticker.setInterval(0);
        connect(&ticker, &QTimer::timeout, [&] { ticksWhileBusy += player->busy() ? 1 : 0; });
        ticker.start();
        player->next(); // two VMs, a million steps each
        QVERIFY(player->busy());
        QCOMPARE(player->shownStep(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 120000);
        QVERIFY2(ticksWhileBusy > 0, "the event loop did not turn while the step ran");
        QCOMPARE(player->shownStep(), 1);
        QCOMPARE(player->panel()->viewCount(), 1);
        QVERIFY(!player->panel()->busy());
    }

    // Callouts are shown in the window too, and question texts are Markdown rendered,
    // not shown raw.
    void thePlayerShowsCalloutsAndRendersMarkdown() {
        QString error;
        LessonPlayer* player =
            LessonPlayer::open(lessonNamed(QStringLiteral("15-thin-and-thick-disks")),
                               lesson::Language::English, nullptr, &error);
        QVERIFY2(player, qPrintable(error));
        std::unique_ptr<LessonPlayer> owner(player);
        player->next(); // the question of step 1
        QVERIFY(player->questionPending());
        const QString prompt = player->panel()->promptText();
        QVERIFY2(prompt.contains(QStringLiteral("64 MiB thin")), qPrintable(prompt));
        QVERIFY2(!prompt.contains(QStringLiteral("**")), qPrintable(prompt));
        player->answer(1);
        QVERIFY(player->panel()->feedbackText().startsWith(QStringLiteral("Right.")));
        player->next();
        QTRY_VERIFY(!player->busy());
        QCOMPARE(player->shownStep(), 1);
        QCOMPARE(player->panel()->calloutView(), 0);
        QVERIFY2(player->panel()->calloutText().contains(QStringLiteral("One grain of 1,024")),
                 qPrintable(player->panel()->calloutText()));
        player->next();
        player->answer(0);
        player->next();
        QTRY_VERIFY(!player->busy());
        QCOMPARE(player->shownStep(), 2);
        QCOMPARE(player->panel()->calloutText(), QString()); // step 2 has none
        QCOMPARE(player->panel()->calloutView(), -1);
    }

    void takesTheLessonOption() {
        QStringList args = {QStringLiteral("vizor"), QStringLiteral("--lesson"),
                            QStringLiteral("a.lesson"), QStringLiteral("--dark")};
        QCOMPARE(takeLessonOption(args), QStringLiteral("a.lesson"));
        QCOMPARE(args, (QStringList{QStringLiteral("vizor"), QStringLiteral("--dark")}));
    }

    void theCommandLineRefusesABrokenLessonNamingIt() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("bad.lesson"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("vizor-lesson 1\ntitle.en: T\n");
        f.close();
        QCOMPARE(
            runLessonCommand({QStringLiteral("export"), path, QStringLiteral("--out"), dir.path()}),
            1);
        QCOMPARE(runLessonCommand({QStringLiteral("export"), QStringLiteral("--out")}), 2);
        QCOMPARE(runLessonCommand({QStringLiteral("export"), path, QStringLiteral("--out"),
                                   dir.path(), QStringLiteral("--lang"), QStringLiteral("fr")}),
                 2);
    }
};

QTEST_MAIN(TestLessons)
#include "test_lessons.moc"
