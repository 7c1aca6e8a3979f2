// The plots fed real runs: the exits-by-reason series add up to the VM exits the engine
// reported, per reason; the cycles-by-cause bars add up to each mode's virtual cycles.
#include "views/concepts/PlotView.h"
#include "views/concepts/ScenarioRun.h"

#include <QTest>
#include <qcustomplot.h>

using namespace vizor;
using namespace vizor::views::concepts;

class TestConceptPlots : public QObject {
    Q_OBJECT
private slots:
    void exitsByReasonAddUpToTheEnginesExits() {
        ScenarioOptions o;
        o.mode = "trap";
        o.workload = "pagefaults";
        const ScenarioRun run = runScenario(o);
        QVERIFY2(run.ok(), run.error.c_str());
        ExitsPlotView view;
        view.setReduceMotion(true);
        feedRun(view, run, 5000);
        const hv::VmStats stats = run.vm->stats();
        int graphs = 0;
        for (std::size_t r = 0; r < hv::kExitReasonCount; ++r) {
            double sum = 0;
            for (double v : view.series()[r])
                sum += v;
            QCOMPARE(static_cast<uint64_t>(sum), stats.exits[r]);
            graphs += stats.exits[r] > 0;
        }
        QCOMPARE(view.plot()->graphCount(), graphs);
        QVERIFY(graphs >= 3);
        // Each reason drawn in its own colour, with the marker shape of that colour.
        QSet<QRgb> colours;
        for (int g = 0; g < view.plot()->graphCount(); ++g) {
            const QCPGraph* graph = view.plot()->graph(g);
            colours << graph->pen().color().rgb();
            QVERIFY(!graph->scatterStyle().isNone());
        }
        QCOMPARE(colours.size(), graphs);
    }

    // One meaning per colour: no two exit reasons share a palette role (and so a colour
    // or a shape), in either theme.
    void everyExitReasonHasItsOwnColour() {
        for (const ConceptPalette& palette :
             {ConceptPalette::light(), ConceptPalette::darkPalette()}) {
            QSet<QRgb> colours;
            QSet<int> roles;
            for (std::size_t r = 0; r < hv::kExitReasonCount; ++r) {
                const Role role = roleOfExitReason(static_cast<hv::ExitReason>(r));
                roles << static_cast<int>(role);
                colours << palette.color(role).rgb();
            }
            QCOMPARE(roles.size(), static_cast<qsizetype>(hv::kExitReasonCount));
            QCOMPARE(colours.size(), static_cast<qsizetype>(hv::kExitReasonCount));
        }
    }

    void cyclesByCauseAddUpToEachModesCycles() {
        QList<ModeCycles> runs;
        for (const char* mode : {"native", "trap", "bt", "pv"}) {
            ScenarioOptions o;
            o.mode = mode;
            o.workload = "syscalls";
            o.maxEvents = 0;
            const ScenarioRun run = runScenario(o);
            QVERIFY2(run.ok(), run.error.c_str());
            runs << ModeCycles{mode, run.vm->stats(), hv::CostModel{}};
        }
        CyclesPlotView view;
        view.setRuns(runs);
        for (int m = 0; m < runs.size(); ++m) {
            uint64_t sum = 0;
            for (const CycleCause& c : view.causes())
                sum += c.cycles[m];
            QCOMPARE(sum, runs[m].costs.cycles(runs[m].stats));
        }
        QCOMPARE(view.plot()->plottableCount(), view.causes().size());
    }
};

QTEST_MAIN(TestConceptPlots)
#include "test_concept_plots.moc"
