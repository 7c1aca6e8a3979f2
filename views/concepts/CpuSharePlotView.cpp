#include "views/concepts/CpuSharePlotView.h"

#include "host/CgroupTree.h"
#include "host/HostModel.h"

#include <qcustomplot.h>

namespace vizor::views::concepts {

namespace {

QString limitsText(const host::Cgroup& g) {
    QStringList parts;
    if (!g.has(host::kCpu)) return {};
    if (g.weight != 100) parts << QStringLiteral("cpu.weight %1").arg(g.weight);
    if (g.quotaUsec != host::kMax)
        parts << QStringLiteral("cpu.max %1/%2").arg(g.quotaUsec).arg(g.periodUsec);
    return parts.join(QStringLiteral(" · "));
}

// Band fills: the host's colour for every group (one meaning per colour), told apart by
// strength, by the outline between bands and by the label written in each. Solid fills:
// hatched ones cost Qt's raster engine about 10 ms more a frame (1280x720).
QColor bandFill(const ConceptPalette& palette, std::size_t row) {
    static constexpr double kStrength[] = {0.95, 0.6, 0.35, 0.8, 0.45, 0.2};
    const double mix = kStrength[row % std::size(kStrength)];
    const QColor c = palette.color(Role::Host), bg = palette.background;
    auto blend = [&](int fg, int back) { return static_cast<int>(back + (fg - back) * mix); };
    return QColor(blend(c.red(), bg.red()), blend(c.green(), bg.green()),
                  blend(c.blue(), bg.blue()));
}

} // namespace

QList<CpuShareGroup> cpuShareGroupsOf(const host::HostModel& host) {
    QList<CpuShareGroup> out;
    auto& tree = const_cast<host::CgroupTree&>(host.cgroups()); // all() is not const
    for (const host::Cgroup* g : tree.all())
        out << CpuShareGroup{QString::fromStdString(g->path()), g->id, limitsText(*g), {}};
    for (int pid : host.pids()) {
        const host::Pcb* task = host.task(pid);
        if (!task) continue;
        const std::string path = task->state == host::TaskState::Exited || !task->cgroup
                                     ? task->exitedFrom
                                     : task->cgroup->path();
        for (CpuShareGroup& g : out)
            if (g.path == QString::fromStdString(path)) g.pids << pid;
    }
    return out;
}

CpuSharePlotView::CpuSharePlotView(QWidget* parent) : PlotView(parent) {
    // The bands fill the plot to 100 %: the legend goes below it, in one row.
    QCustomPlot* p = plot();
    p->axisRect()->insetLayout()->take(p->legend);
    p->plotLayout()->addElement(2, 0, p->legend);
    p->plotLayout()->setRowStretchFactor(2, 0.001);
    p->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    p->legend->setMargins(QMargins(8, 4, 8, 4));
    refresh();
}

QString CpuSharePlotView::title() const {
    return tr("CPU share per cgroup over time");
}

void CpuSharePlotView::setGroups(const QList<CpuShareGroup>& groups) {
    groups_ = groups;
    eventsChanged(0);
}

void CpuSharePlotView::setSliceUsec(uint64_t usec) {
    slice_ = std::max<uint64_t>(1, usec);
    eventsChanged(0);
}

int CpuSharePlotView::rowOfPid(int pid) const {
    const auto it = rowOfPid_.find(pid);
    return it == rowOfPid_.end() ? -1 : it->second;
}

void CpuSharePlotView::account(int pid, uint64_t from, uint64_t to) {
    const int row = rowOfPid(pid);
    if (row < 0) return; // a task of no group given: not drawn
    std::vector<double>& slices = usec_[row];
    while (from < to) {
        const uint64_t slice = from / slice_;
        const uint64_t end = std::min(to, (slice + 1) * slice_);
        if (slices.size() <= slice) {
            for (auto& s : usec_)
                s.resize(slice + 1, 0.0);
        }
        slices[slice] += static_cast<double>(end - from);
        from = end;
    }
}

void CpuSharePlotView::collect(std::size_t firstNew) {
    if (firstNew == 0) {
        shown_.clear();
        rowOfPid_.clear();
        for (int g = 0; g < groups_.size(); ++g) {
            if (groups_[g].pids.isEmpty()) continue;
            for (int pid : groups_[g].pids)
                rowOfPid_[pid] = static_cast<int>(shown_.size());
            shown_.push_back(g);
        }
        rowOfPid_[0] = static_cast<int>(shown_.size()); // the idle task
        usec_.assign(shown_.size() + 1, {});
        throttles_.clear();
        running_ = -1;
        runningSince_ = 0;
    }
    for (std::size_t i = firstNew; i < events().size(); ++i) {
        const Event& e = events()[i];
        if (e.type == EventType::ContextSwitch) {
            // The task switched in ran until the next switch: e.cycle is host time (µs).
            if (running_ >= 0) account(running_, runningSince_, e.cycle);
            running_ = static_cast<int>(e.c);
            runningSince_ = e.cycle;
        } else if (e.type == EventType::CgroupThrottle && e.b == 1) {
            throttles_[e.a].push_back(e.cycle);
        }
    }
}

void CpuSharePlotView::refresh() {
    QCustomPlot* p = plot();
    p->clearGraphs();
    p->clearItems();
    styleAxes(tr("virtual time (ms)"), tr("share of the CPU (%)"));
    const ConceptPalette& palette = conceptPalette();
    const std::size_t slices = usec_.empty() ? 0 : usec_.front().size();
    const double sliceMs = static_cast<double>(slice_) / 1000.0;
    std::vector<double> below(slices, 0.0);
    QCPGraph* previous = nullptr;
    for (std::size_t row = 0; row < usec_.size(); ++row) {
        const bool idle = row == shown_.size();
        const CpuShareGroup* group = idle ? nullptr : &groups_[shown_[row]];
        QCPGraph* g = p->addGraph();
        double total = 0;
        for (std::size_t s = 0; s < slices; ++s) {
            total += usec_[row][s];
            below[s] += usec_[row][s] * 100.0 / static_cast<double>(slice_);
            g->addData((static_cast<double>(s) + 0.5) * sliceMs, below[s]);
        }
        const double mean = slices ? total * 100.0 / (static_cast<double>(slice_) * slices) : 0;
        const QString name = idle ? tr("idle task") : group->path;
        g->setName(tr("%1: %2 %").arg(name).arg(mean, 0, 'f', 1));
        g->setPen(QPen(idle ? palette.muted : palette.outline, 1.5));
        if (!idle) g->setBrush(bandFill(palette, row));
        // Steps: the share holds across its slice, and bands with only horizontal and
        // vertical edges fill fast (a sloped antialiased outline is slow to rasterize).
        g->setLineStyle(QCPGraph::lsStepCenter);
        if (previous) g->setChannelFillGraph(previous);
        previous = g;
        // The band's name written inside it, where it is thickest on average.
        if (slices && mean >= 4) {
            auto* label = new QCPItemText(p);
            const double middle = (below[slices / 2] - usec_[row][slices / 2] * 50.0 / slice_);
            label->position->setCoords(slices * sliceMs / 2, middle);
            QString text = name + QStringLiteral("  ") + QString::number(mean, 'f', 1) + " %";
            if (group && !group->limits.isEmpty()) text += QStringLiteral("\n") + group->limits;
            label->setText(text);
            label->setFont(conceptFont(15, true));
            label->setColor(palette.text);
            label->setBrush(palette.background);
            label->setPadding(QMargins(6, 2, 6, 2));
            label->setPen(QPen(palette.muted));
        }
    }
    // Throttling: a mark on the top edge of the throttled group's band when it happened.
    QCPGraph* marks = p->addGraph();
    marks->setLineStyle(QCPGraph::lsNone);
    marks->setScatterStyle(scatterStyleOf(Role::Alert, palette, 11));
    std::size_t count = 0;
    for (const auto& [id, times] : throttles_) {
        int row = -1;
        for (std::size_t r = 0; r < shown_.size(); ++r)
            if (groups_[shown_[r]].id == id) row = static_cast<int>(r);
        if (row < 0) continue;
        for (uint64_t t : times) {
            const std::size_t s = t / slice_;
            if (s >= slices) continue;
            marks->addData(static_cast<double>(t) / 1000.0, p->graph(row)->data()->at(s)->value);
            ++count;
        }
    }
    marks->setName(tr("cpu.max throttled (%1)").arg(count));
    if (count == 0) p->removeGraph(marks);
    p->xAxis->setRange(0, std::max(1.0, slices * sliceMs));
    p->yAxis->setRange(0, 105);
    p->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace vizor::views::concepts
