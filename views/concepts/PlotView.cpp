#include "views/concepts/PlotView.h"
#include "views/EventText.h"

#include <QToolTip>
#include <QtMath>
#include <cmath>
#include <qcustomplot.h>

namespace vizor::views::concepts {

PlotView::PlotView(QWidget* parent) : ConceptView(parent), plot_(new QCustomPlot(this)) {
    setAttribute(Qt::WA_OpaquePaintEvent, false);
    plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom | QCP::iSelectPlottables);
    plot_->setMouseTracking(true);
    plot_->legend->setVisible(true);
    plot_->plotLayout()->insertRow(0);
    plot_->plotLayout()->addElement(0, 0,
                                    new QCPTextElement(plot_, QString(), conceptFont(20, true)));
    connect(plot_, &QCustomPlot::mouseMove, this, &PlotView::showValueAt);
    plot_->setContextMenuPolicy(Qt::NoContextMenu); // the view's own menu exports
    plot_->setAttribute(Qt::WA_TransparentForMouseEvents, false);
}

void PlotView::resizeEvent(QResizeEvent* event) {
    plot_->setGeometry(rect());
    ConceptView::resizeEvent(event);
}

void PlotView::styleAxes(const QString& x, const QString& y) {
    const ConceptPalette& p = conceptPalette();
    plot_->setBackground(p.background);
    auto* heading = qobject_cast<QCPTextElement*>(plot_->plotLayout()->element(0, 0));
    if (heading) {
        heading->setText(title());
        heading->setTextColor(p.text);
        heading->setFont(conceptFont(20, true));
    }
    for (QCPAxis* axis : {plot_->xAxis, plot_->yAxis}) {
        axis->setBasePen(QPen(p.muted));
        axis->setTickPen(QPen(p.muted));
        axis->setSubTickPen(QPen(p.muted));
        axis->setTickLabelColor(p.text);
        axis->setLabelColor(p.text);
        axis->setTickLabelFont(conceptFont(14));
        axis->setLabelFont(conceptFont(15));
        axis->grid()->setPen(QPen(p.panel, 1));
    }
    plot_->xAxis->setLabel(x);
    plot_->yAxis->setLabel(y);
    plot_->legend->setFont(conceptFont(14));
    plot_->legend->setTextColor(p.text);
    plot_->legend->setBrush(p.background);
    plot_->legend->setBorderPen(QPen(p.muted));
}

void PlotView::showValueAt(QMouseEvent* event) {
    const double x = plot_->xAxis->pixelToCoord(event->position().x());
    const double y = plot_->yAxis->pixelToCoord(event->position().y());
    QCPAbstractPlottable* hit = plot_->plottableAt(event->position(), true);
    if (!hit) return QToolTip::hideText();
    QToolTip::showText(event->globalPosition().toPoint(),
                       tr("%1\nx: %2  y: %3").arg(hit->name()).arg(x, 0, 'f', 0).arg(y, 0, 'f', 0),
                       plot_);
}

namespace {

// QCustomPlot draws a custom marker path scaled by size / 6: these are drawn in a
// radius of 3, the same figures SceneItem draws for the palette's shapes.
QPainterPath polygonPath(int corners, double startDegrees, double innerRadius = 0) {
    QPainterPath path;
    const int points = innerRadius > 0 ? corners * 2 : corners;
    for (int k = 0; k < points; ++k) {
        const double radius = innerRadius > 0 && k % 2 ? innerRadius : 3.0;
        const double angle = qDegreesToRadians(startDegrees + 360.0 * k / points);
        const QPointF corner(radius * std::cos(angle), radius * std::sin(angle));
        k == 0 ? path.moveTo(corner) : path.lineTo(corner);
    }
    path.closeSubpath();
    return path;
}

QPainterPath plusPath() {
    const double r = 3.0, t = r * 0.38;
    QPainterPath path;
    path.addPolygon(QPolygonF{{-t, -r},
                              {t, -r},
                              {t, -t},
                              {r, -t},
                              {r, t},
                              {t, t},
                              {t, r},
                              {-t, r},
                              {-t, t},
                              {-r, t},
                              {-r, -t},
                              {-t, -t}});
    path.closeSubpath();
    return path;
}

} // namespace

QCPScatterStyle scatterStyleOf(Role role, const ConceptPalette& palette, double size) {
    // Filled markers with an outline, so yellow and sky blue stay visible on white.
    const QPen pen(palette.outline, 1.2);
    const QBrush brush(palette.color(role));
    switch (shapeOf(role)) {
    case Shape::Circle:
        return QCPScatterStyle(QCPScatterStyle::ssCircle, pen, brush, size);
    case Shape::Square:
        return QCPScatterStyle(QCPScatterStyle::ssSquare, pen, brush, size);
    case Shape::Diamond:
        return QCPScatterStyle(polygonPath(4, -90), pen, brush, size + 2);
    case Shape::Triangle:
        return QCPScatterStyle(polygonPath(3, -90), pen, brush, size + 2);
    case Shape::Hexagon:
        return QCPScatterStyle(polygonPath(6, 0), pen, brush, size + 1);
    case Shape::Star:
        return QCPScatterStyle(polygonPath(5, -90, 1.3), pen, brush, size + 4);
    case Shape::Cross:
        return QCPScatterStyle(plusPath(), pen, brush, size + 2);
    case Shape::None:
        break;
    }
    // Neutral: an open ring, black in the light theme and white in the dark one.
    return QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(palette.color(role), 2.5), Qt::NoBrush,
                           size);
}

void PlotView::render(QPaintDevice& device, const QSizeF& size, qreal scale) const {
    QCPPainter painter(&device);
    painter.scale(scale, scale);
    painter.setMode(QCPPainter::pmVectorized);
    painter.setMode(QCPPainter::pmNoCaching);
    plot_->toPainter(&painter, qRound(size.width()), qRound(size.height()));
}

// ---------------------------------------------------------------- exits by reason

Role roleOfExitReason(hv::ExitReason reason) {
    switch (reason) {
    case hv::ExitReason::GuestException:
        return Role::GuestUser;
    case hv::ExitReason::PrivilegedInstruction:
        return Role::GuestKernel;
    case hv::ExitReason::SbiCall:
        return Role::Vmm;
    case hv::ExitReason::HiddenPageFault:
        return Role::Hardware;
    case hv::ExitReason::PageTableWrite:
        return Role::Alert;
    case hv::ExitReason::TimerInterrupt:
        return Role::Host;
    case hv::ExitReason::MmioAccess:
        return Role::Device;
    case hv::ExitReason::Hypercall:
    case hv::ExitReason::Count:
        break;
    }
    return Role::Neutral;
}

namespace {

// The event log's words for each reason, so the legend is translated as the log is.
QString reasonText(hv::ExitReason r) {
    return exitReasonText(static_cast<uint32_t>(r));
}

} // namespace

ExitsPlotView::ExitsPlotView(QWidget* parent) : PlotView(parent) {
    refresh();
}

QString ExitsPlotView::title() const {
    return tr("VM exits by reason over virtual time");
}

void ExitsPlotView::collect(std::size_t firstNew) {
    if (firstNew == 0) {
        for (auto& c : cycles_)
            c.clear();
        first_ = UINT64_MAX;
        last_ = 0;
    }
    for (std::size_t i = firstNew; i < events().size(); ++i) {
        const Event& e = events()[i];
        if (e.type != EventType::VmExit || e.a >= hv::kExitReasonCount) continue;
        cycles_[e.a].push_back(e.cycle); // engine order: cycles never go back
        first_ = std::min(first_, e.cycle);
        last_ = std::max(last_, e.cycle);
    }
}

void ExitsPlotView::refresh() {
    const uint64_t first = first_, last = last_;
    const double width = last > first ? static_cast<double>(last - first + 1) / kBuckets : 1.0;
    // The slices widen as the run goes on, so each refresh counts again, but by binary
    // search in each reason's sorted cycles: a snapshot costs the same however long the
    // run has been.
    auto sliceOf = [&](uint64_t cycle) {
        return std::min(kBuckets - 1, static_cast<int>(static_cast<double>(cycle - first) / width));
    };
    for (std::size_t r = 0; r < hv::kExitReasonCount; ++r) {
        series_[r].assign(kBuckets, 0.0);
        const std::vector<uint64_t>& cycles = cycles_[r];
        auto from = cycles.begin();
        for (int b = 0; b < kBuckets && from != cycles.end(); ++b) {
            const auto to = std::partition_point(from, cycles.end(),
                                                 [&](uint64_t c) { return sliceOf(c) <= b; });
            series_[r][b] = static_cast<double>(to - from);
            from = to;
        }
    }
    QCustomPlot* p = plot();
    p->clearGraphs();
    styleAxes(tr("virtual cycles"), tr("exits per slice"));
    double top = 1;
    for (std::size_t r = 0; r < hv::kExitReasonCount; ++r) {
        double total = 0;
        for (double v : series_[r])
            total += v, top = std::max(top, v);
        if (total == 0) continue;
        const auto reason = static_cast<hv::ExitReason>(r);
        QCPGraph* g = p->addGraph();
        g->setName(tr("%1 (%2)").arg(reasonText(reason)).arg(total));
        // Each reason its own colour, and the shape that goes with the colour everywhere.
        const Role role = roleOfExitReason(reason);
        // Steps: a slice's count holds across the slice. Also the drawing's speed: Qt's
        // raster engine took about 30 ms a frame to stroke the steep antialiased 2.5 px
        // slopes joining 40 slices of six reasons, and under 2 ms for the same as
        // horizontal and vertical steps (measured on the pagefaults run, 1280x720).
        QPen pen(conceptPalette().color(role), 2.5);
        pen.setJoinStyle(Qt::MiterJoin);
        g->setPen(pen);
        g->setLineStyle(QCPGraph::lsStepCenter);
        g->setScatterStyle(scatterStyleOf(role, conceptPalette()));
        g->setScatterSkip(3); // a marker on every 4th slice names the line
        for (int b = 0; b < kBuckets; ++b)
            g->addData(first == UINT64_MAX ? b : first + (b + 0.5) * width, series_[r][b]);
    }
    p->xAxis->setRange(first == UINT64_MAX ? 0.0 : static_cast<double>(first),
                       static_cast<double>(last) + 1);
    p->yAxis->setRange(0, top * 1.1);
    p->replot(QCustomPlot::rpQueuedReplot);
}

// ---------------------------------------------------------------- cycles by mode and cause

CyclesPlotView::CyclesPlotView(QWidget* parent) : PlotView(parent) {
    refresh();
}

QString CyclesPlotView::title() const {
    return tr("Virtual cycles by mode and cause");
}

void CyclesPlotView::setRuns(const QList<ModeCycles>& runs) {
    runs_ = runs;
    refresh();
}

namespace {

struct CauseDef {
    const char* name;
    Role role;
    Qt::BrushStyle brush;
    std::function<void(hv::VmStats& out, const hv::VmStats& in)> pick;
};

// Every term of CostModel::cycles belongs to one cause; a cause is priced by calling
// CostModel::cycles on a VmStats holding only its counts, so no formula is repeated here.
const std::vector<CauseDef>& causeDefs() {
    static const std::vector<CauseDef> defs = {
        {QT_TRANSLATE_NOOP("vizor::views::concepts::CyclesPlotView", "direct execution"),
         Role::Hardware, Qt::SolidPattern,
         [](hv::VmStats& o, const hv::VmStats& i) { o.directInstructions = i.directInstructions; }},
        {QT_TRANSLATE_NOOP("vizor::views::concepts::CyclesPlotView", "traps and world switches"),
         Role::Vmm, Qt::SolidPattern,
         [](hv::VmStats& o, const hv::VmStats& i) {
             o.hardwareTraps = i.hardwareTraps;
             o.worldSwitches = i.worldSwitches;
             o.vmExitRoundTrips = i.vmExitRoundTrips;
             o.virtualTraps = i.virtualTraps;
         }},
        {QT_TRANSLATE_NOOP("vizor::views::concepts::CyclesPlotView",
                           "emulation and interpretation"),
         Role::Vmm, Qt::BDiagPattern,
         [](hv::VmStats& o, const hv::VmStats& i) {
             o.emulatedInstructions = i.emulatedInstructions;
             o.interpretedInstructions = i.interpretedInstructions;
             o.sbiCalls = i.sbiCalls;
             o.hypercalls = i.hypercalls;
         }},
        {QT_TRANSLATE_NOOP("vizor::views::concepts::CyclesPlotView",
                           "translation, callouts, cache"),
         Role::Hardware, Qt::BDiagPattern,
         [](hv::VmStats& o, const hv::VmStats& i) {
             o.translatedInstructions = i.translatedInstructions;
             o.callouts = i.callouts;
             o.cacheHits = i.cacheHits;
             o.cacheMisses = i.cacheMisses;
         }},
        {QT_TRANSLATE_NOOP("vizor::views::concepts::CyclesPlotView",
                           "memory: walks, shadow, PTE updates"),
         Role::GuestKernel, Qt::SolidPattern,
         [](hv::VmStats& o, const hv::VmStats& i) {
             o.walkReferences = i.walkReferences;
             o.shadowSyncs = i.shadowSyncs;
             o.shadowFlushes = i.shadowFlushes;
             o.hiddenFaults = i.hiddenFaults;
             o.pteUpdates = i.pteUpdates;
         }},
    };
    return defs;
}

} // namespace

void CyclesPlotView::refresh() {
    causes_.clear();
    for (const CauseDef& def : causeDefs()) {
        CycleCause cause{
            QCoreApplication::translate("vizor::views::concepts::CyclesPlotView", def.name),
            def.role,
            {}};
        for (const ModeCycles& run : runs_) {
            hv::VmStats only;
            def.pick(only, run.stats);
            cause.cycles.push_back(run.costs.cycles(only));
        }
        causes_ << cause;
    }
    QCustomPlot* p = plot();
    p->clearPlottables();
    styleAxes(tr("execution mode"), tr("virtual cycles"));
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    for (int m = 0; m < runs_.size(); ++m)
        ticker->addTick(m + 1, runs_[m].mode);
    p->xAxis->setTicker(ticker);
    QCPBars* below = nullptr;
    double top = 1;
    std::vector<double> stack(runs_.size(), 0.0);
    for (int c = 0; c < causes_.size(); ++c) {
        auto* bars = new QCPBars(p->xAxis, p->yAxis);
        bars->setName(causes_[c].name);
        const QColor color = conceptPalette().color(causes_[c].role);
        bars->setPen(QPen(conceptPalette().outline, 1));
        bars->setBrush(QBrush(color, causeDefs()[c].brush));
        bars->setWidth(0.6);
        for (int m = 0; m < runs_.size(); ++m) {
            bars->addData(m + 1, static_cast<double>(causes_[c].cycles[m]));
            stack[m] += static_cast<double>(causes_[c].cycles[m]);
            top = std::max(top, stack[m]);
        }
        if (below) bars->moveAbove(below);
        below = bars;
    }
    p->xAxis->setRange(0.3, runs_.size() + 0.7);
    p->yAxis->setRange(0, top * 1.08);
    p->legend->setVisible(true);
    p->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace vizor::views::concepts
