#include "views/concepts/MemoryPlotView.h"

#include "views/concepts/BalloonView.h"

#include <qcustomplot.h>

namespace vizor::views::concepts {

MemoryPlotView::MemoryPlotView(QWidget* parent) : PlotView(parent) {
    refresh();
}

QString MemoryPlotView::title() const {
    return tr("Memory per VM over time");
}

void MemoryPlotView::setEventVms(std::vector<uint32_t> vmOfSequence) {
    vmOfSequence_ = std::move(vmOfSequence);
    eventsChanged(0);
}

void MemoryPlotView::collect(std::size_t firstNew) {
    if (firstNew == 0) {
        lastUsed_.clear();
        lastBalloon_.clear();
        used_.clear();
        balloon_.clear();
        free_.clear();
    }
    for (std::size_t i = firstNew; i < events().size(); ++i) {
        const Event& e = events()[i];
        if (e.type != EventType::HostFrames) continue;
        const uint64_t sequence = sequenceAt(i);
        const uint32_t vm = sequence < vmOfSequence_.size() ? vmOfSequence_[sequence] : 0;
        if (vm >= lastUsed_.size()) {
            // A VM seen for the first time held nothing in the turns before.
            lastUsed_.resize(vm + 1, 0);
            lastBalloon_.resize(vm + 1, 0);
            used_.resize(vm + 1, std::vector<double>(free_.size(), 0.0));
            balloon_.resize(vm + 1, std::vector<double>(free_.size(), 0.0));
        }
        lastUsed_[vm] = e.b;
        lastBalloon_[vm] = e.c;
        // One point per turn: the turn's VM as reported, the others as they last were.
        for (std::size_t v = 0; v < lastUsed_.size(); ++v) {
            used_[v].push_back(lastUsed_[v]);
            balloon_[v].push_back(lastBalloon_[v]);
        }
        free_.push_back(e.a);
    }
}

void MemoryPlotView::refresh() {
    QCustomPlot* p = plot();
    p->clearGraphs();
    styleAxes(tr("host turn"), tr("host frames (pages)"));
    double top = 1;
    const int skip = std::max<int>(0, static_cast<int>(free_.size()) / 24);
    auto addSeries = [&](const QString& name, const std::vector<double>& values, Role role,
                         QCPScatterStyle::ScatterShape shape, Qt::PenStyle style) {
        QCPGraph* g = p->addGraph();
        g->setName(name);
        QPen pen(conceptPalette().color(role), 2.5);
        pen.setStyle(style);
        g->setPen(pen);
        g->setScatterStyle(QCPScatterStyle(shape, 9));
        g->setScatterSkip(skip);
        for (std::size_t t = 0; t < values.size(); ++t) {
            g->addData(static_cast<double>(t), values[t]);
            top = std::max(top, values[t]);
        }
    };
    static const QCPScatterStyle::ScatterShape vmShapes[] = {QCPScatterStyle::ssSquare,
                                                             QCPScatterStyle::ssCircle};
    for (std::size_t v = 0; v < used_.size(); ++v)
        addSeries(tr("VM %1: host frames").arg(v), used_[v], roleOfVm(static_cast<uint32_t>(v)),
                  vmShapes[v % 2], Qt::SolidLine);
    for (std::size_t v = 0; v < balloon_.size(); ++v) {
        const bool any =
            std::any_of(balloon_[v].begin(), balloon_[v].end(), [](double x) { return x > 0; });
        if (any)
            addSeries(tr("VM %1: balloon pages").arg(v), balloon_[v], Role::Device,
                      QCPScatterStyle::ssStar, Qt::DashLine);
    }
    addSeries(tr("host: free frames"), free_, Role::Host, QCPScatterStyle::ssTriangle,
              Qt::SolidLine);
    p->xAxis->setRange(0, std::max<double>(1, static_cast<double>(free_.size()) - 1));
    p->yAxis->setRange(0, top * 1.1);
    p->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace vizor::views::concepts
