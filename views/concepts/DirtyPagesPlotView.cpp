#include "views/concepts/DirtyPagesPlotView.h"

#include <qcustomplot.h>

namespace vizor::views::concepts {

DirtyPagesPlotView::DirtyPagesPlotView(QWidget* parent) : PlotView(parent) {
    refresh();
}

QString DirtyPagesPlotView::title() const {
    return tr("Live migration: dirty pages per round");
}

void DirtyPagesPlotView::setStopThreshold(uint32_t pages) {
    threshold_ = pages;
    refresh();
}

void DirtyPagesPlotView::collect(std::size_t firstNew) {
    if (firstNew == 0) rounds_.clear();
    for (std::size_t i = firstNew; i < events().size(); ++i) {
        const Event& e = events()[i];
        if (e.type != EventType::MigrationRound) continue;
        rounds_ << MigrationRoundItem{e.a, e.b, e.c, e.d != 0, static_cast<qint64>(sequenceAt(i))};
    }
}

void DirtyPagesPlotView::refresh() {
    QCustomPlot* p = plot();
    p->clearGraphs();
    p->clearItems();
    styleAxes(tr("round"), tr("pages (log scale)"));
    // Round 1 sends all of memory, later rounds a few pages: only a log axis shows both.
    p->yAxis->setScaleType(QCPAxis::stLogarithmic);
    p->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    QSharedPointer<QCPAxisTickerFixed> rounds(new QCPAxisTickerFixed);
    rounds->setTickStep(1);
    rounds->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    p->xAxis->setTicker(rounds);
    const ConceptPalette& palette = conceptPalette();
    auto addGraph = [&](const QString& name, Role role, Qt::PenStyle style) {
        QCPGraph* g = p->addGraph();
        g->setName(name);
        QPen pen(palette.color(role), 2.5);
        pen.setStyle(style);
        g->setPen(pen);
        g->setScatterStyle(scatterStyleOf(role, palette, 11));
        return g;
    };
    // Colours as in the migration view: sent on the link, dirtied again, the VM paused.
    QCPGraph* sent = addGraph(tr("pages sent in the round"), Role::Device, Qt::SolidLine);
    QCPGraph* dirtied =
        addGraph(tr("pages dirtied while it was on the link"), Role::Alert, Qt::DashLine);
    QCPGraph* stop = addGraph(tr("stop-and-copy: sent with the VM paused"), Role::Vmm, Qt::NoPen);
    stop->setLineStyle(QCPGraph::lsNone);
    double top = 10;
    for (const MigrationRoundItem& r : rounds_) {
        // A log axis has no zero: a round with nothing to send or dirty has no point.
        if (r.pagesSent > 0) (r.stopAndCopy ? stop : sent)->addData(r.round, r.pagesSent);
        if (!r.stopAndCopy && r.pagesDirtied > 0) dirtied->addData(r.round, r.pagesDirtied);
        top = std::max<double>(top, std::max(r.pagesSent, r.pagesDirtied));
    }
    if (threshold_ > 0) {
        auto* line = new QCPItemStraightLine(p);
        line->point1->setCoords(0, threshold_);
        line->point2->setCoords(1, threshold_);
        QPen pen(palette.muted, 1.5);
        pen.setStyle(Qt::DotLine);
        line->setPen(pen);
        auto* label = new QCPItemText(p);
        label->position->setType(QCPItemPosition::ptPlotCoords);
        label->position->setCoords(0.6, threshold_);
        label->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
        label->setText(tr("pre-copy stops below %1 dirty pages").arg(threshold_));
        label->setColor(palette.text);
        label->setFont(conceptFont(14));
    }
    p->xAxis->setRange(0.5, std::max<double>(2, static_cast<double>(rounds_.size())) + 0.5);
    p->yAxis->setRange(0.8, top * 2.5);
    p->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace vizor::views::concepts
