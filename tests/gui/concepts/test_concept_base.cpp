// What every concept view shares: transitions that follow the speed slider and vanish
// with reduce motion, stepping back played backwards, and exports (PNG at 1x and 2x,
// SVG, PDF) that are byte-identical for the same events.
#include "views/concepts/ConceptExport.h"
#include "views/concepts/ScenarioRun.h"
#include "views/concepts/WorldSwitchView.h"

#include <QFile>
#include <QImage>
#include <QPainter>
#include <QTemporaryDir>
#include <QTest>

using namespace vizor;
using namespace vizor::views::concepts;

namespace {

const ScenarioRun& shortRun() {
    static const ScenarioRun run = [] {
        ScenarioOptions o;
        o.mode = "trap";
        o.workload = "syscalls";
        o.maxSteps = 150'000;
        return runScenario(o);
    }();
    return run;
}

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

qreal revealOfNewest(const WorldSwitchView& view) {
    // The newest arrow is drawn partially while its transition plays: measure its length.
    const SceneItems arrows = view.itemsWithId("transition");
    return arrows.isEmpty() ? -1.0 : view.revealOf(arrows.back());
}

} // namespace

class TestConceptBase : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY2(shortRun().ok(), shortRun().error.c_str()); }

    void durationsFollowTheSpeedSliderAndReduceMotion() {
        WorldSwitchView view;
        view.setSpeedPosition(0);
        const int slow = view.transitionMs();
        view.setSpeedPosition(100);
        const int fast = view.transitionMs();
        QVERIFY(slow > fast);
        QVERIFY(fast > 0);
        view.setReduceMotion(true);
        QCOMPARE(view.transitionMs(), 0);
    }

    void newEventsAnimateInAndReduceMotionShowsThemAtOnce() {
        const ScenarioRun& run = shortRun();
        const std::size_t half = run.events.size() / 2;
        WorldSwitchView view;
        view.setSpeedPosition(0);
        std::vector<NumberedEvent> first(run.events.begin(), run.events.begin() + half);
        std::vector<NumberedEvent> second(run.events.begin() + half, run.events.end());
        feedView(view, UINT64_MAX, first);
        view.finishAnimation();
        feedView(view, UINT64_MAX, second);
        QVERIFY(view.animating());
        view.seekAnimation(0);
        QCOMPARE(revealOfNewest(view), 0.0);
        view.finishAnimation();
        QVERIFY(revealOfNewest(view) > 0.0);

        WorldSwitchView calm;
        calm.setReduceMotion(true);
        feedView(calm, UINT64_MAX, run.events);
        QVERIFY(!calm.animating());
    }

    void steppingBackPlaysTheTransitionBackwards() {
        const ScenarioRun& run = shortRun();
        WorldSwitchView view;
        view.setSpeedPosition(0);
        feedView(view, UINT64_MAX, run.events);
        view.finishAnimation();
        const std::size_t all = view.transitions().size();
        const uint64_t cut = view.transitions()[all - 3].sequence;
        view.rewind(cut);
        // While the backward transition plays the dropped items are still there, fading.
        QVERIFY(view.animating());
        QCOMPARE(view.transitions().size(), all);
        const int duration = view.transitionMs();
        view.seekAnimation(duration / 4);
        const qreal early = revealOfNewest(view);
        view.seekAnimation(duration * 3 / 4);
        const qreal late = revealOfNewest(view);
        QVERIFY2(late < early, "backwards: the arrow shrinks as the transition plays");
        view.finishAnimation();
        QCOMPARE(view.transitions().size(), all - 3);
    }

    void exportsAllFormatsDeterministically() {
        const ScenarioRun& run = shortRun();
        QTemporaryDir dir;
        auto render = [&](const QString& name, ExportFormat format, double scale) {
            WorldSwitchView view;
            view.setReduceMotion(true);
            feedRun(view, run, 700);
            QString error;
            const QString path = dir.filePath(name);
            if (!exportView(view, path, format, scale, &error)) qWarning("%s", qPrintable(error));
            return readAll(path);
        };
        const QByteArray a = render("a.png", ExportFormat::Png, 1.0);
        const QByteArray b = render("b.png", ExportFormat::Png, 1.0);
        QVERIFY(!a.isEmpty());
        QCOMPARE(a, b);
        const QImage one = QImage::fromData(a);
        const QImage two = QImage::fromData(render("c.png", ExportFormat::Png, 2.0));
        QCOMPARE(one.size(), WorldSwitchView::defaultExportSize());
        QCOMPARE(two.size(), WorldSwitchView::defaultExportSize() * 2);
        QVERIFY(render("d.svg", ExportFormat::Svg, 1.0).contains("<svg"));
        QVERIFY(render("e.pdf", ExportFormat::Pdf, 1.0).startsWith("%PDF"));
    }

    void darkAndLightDiffer() {
        const ScenarioRun& run = shortRun();
        WorldSwitchView view;
        view.setReduceMotion(true);
        feedRun(view, run);
        QImage light(400, 300, QImage::Format_RGB32), dark(400, 300, QImage::Format_RGB32);
        {
            QPainter p(&light);
            view.paintTo(p, light.size());
        }
        view.setDark(true);
        {
            QPainter p(&dark);
            view.paintTo(p, dark.size());
        }
        QCOMPARE(light.pixelColor(2, 2), view.conceptPalette().light().background);
        QCOMPARE(dark.pixelColor(2, 2), view.conceptPalette().darkPalette().background);
    }

    void badExportInputsGiveMessages() {
        WorldSwitchView view;
        QString error;
        QVERIFY(!exportView(view, "/nonexistent-dir/x.png", ExportFormat::Png, 1.0, &error));
        QVERIFY(error.contains("x.png"));
        QVERIFY(!exportView(view, "y.png", ExportFormat::Png, 0.0, &error));
        QVERIFY(!exportFormatForPath("z.bmp").has_value());
        QCOMPARE(*exportFormatForPath("Z.SVG"), ExportFormat::Svg);
    }
};

QTEST_MAIN(TestConceptBase)
#include "test_concept_base.moc"
