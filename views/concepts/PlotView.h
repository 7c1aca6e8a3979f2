// The plots (QCustomPlot): exits by reason over time, drawn from the VmExit events fed to
// the view, and virtual cycles by mode and by cause, from the counts a run reports priced
// by its cost model. Zoom and pan with the mouse wheel and drag, values on hover, a
// legend; exported like every concept view (vector in SVG and PDF).
#pragma once

#include "hypervisor/Hypervisor.h"
#include "views/concepts/ConceptView.h"

class QCustomPlot;
class QCPScatterStyle;

namespace vizor::views::concepts {

// The colour (and so the shape) of each VM exit reason: every reason its own, each
// chosen by the role's one meaning (see ConceptPalette.h): the guest's user programs
// trap on exceptions, its kernel on privileged instructions, it calls the VMM's firmware
// (SBI), the hardware walker misses in the shadow table, a page-table write is an
// invalidation alert, the timer is the host's, MMIO is a device; the hypercall, the pv
// guest naming the VMM directly, is the one drawn in the neutral ink.
Role roleOfExitReason(hv::ExitReason reason);

// The marker of a role in every plot: its palette colour and its palette shape, so a
// series reads the same in a plot as the role's items do in the other views.
QCPScatterStyle scatterStyleOf(Role role, const ConceptPalette& palette, double size = 9);

class PlotView : public ConceptView {
    Q_OBJECT
public:
    explicit PlotView(QWidget* parent = nullptr);
    QCustomPlot* plot() const { return plot_; }
    void render(QPaintDevice& device, const QSizeF& size, qreal scale) const override;

protected:
    void buildItems(SceneItems&, const QRectF&) const override {}
    // Rebuilds the plot's data and looks (also called when the palette changes).
    virtual void refresh() = 0;
    void eventsChanged(std::size_t firstNew) override {
        collect(firstNew);
        refresh();
    }
    // Takes what the plot needs from events()[firstNew...] (0: start over).
    virtual void collect(std::size_t firstNew) { (void)firstNew; }
    void paletteChanged() override { refresh(); }
    void styleAxes(const QString& x, const QString& y);
    void resizeEvent(QResizeEvent* event) override;
    void paintEvent(QPaintEvent*) override {}

private:
    void showValueAt(QMouseEvent* event);
    QCustomPlot* plot_;
};

// Exits by reason in equal slices of virtual time.
class ExitsPlotView : public PlotView {
    Q_OBJECT
public:
    explicit ExitsPlotView(QWidget* parent = nullptr);
    QString viewName() const override { return QStringLiteral("exits-plot"); }
    QString title() const override;
    static constexpr int kBuckets = 40;
    // Exits of each reason in each slice (what the graphs show).
    const std::array<std::vector<double>, hv::kExitReasonCount>& series() const { return series_; }

protected:
    void refresh() override;
    void collect(std::size_t firstNew) override;

private:
    std::array<std::vector<double>, hv::kExitReasonCount> series_;
    std::array<std::vector<uint64_t>, hv::kExitReasonCount> cycles_; // of each reason's exits
    uint64_t first_ = UINT64_MAX, last_ = 0;
};

// Virtual cycles of each mode, split by cause (stacked bars).
struct ModeCycles {
    QString mode;
    hv::VmStats stats;
    hv::CostModel costs;
};
struct CycleCause {
    QString name;
    Role role;
    std::vector<uint64_t> cycles; // one per mode
};

class CyclesPlotView : public PlotView {
    Q_OBJECT
public:
    explicit CyclesPlotView(QWidget* parent = nullptr);
    QString viewName() const override { return QStringLiteral("cycles-plot"); }
    QString title() const override;
    void setRuns(const QList<ModeCycles>& runs);
    // Per cause, the cycles each mode spent (each priced by CostModel::cycles alone).
    const QList<CycleCause>& causes() const { return causes_; }

protected:
    void refresh() override;

private:
    QList<ModeCycles> runs_;
    QList<CycleCause> causes_;
};

} // namespace vizor::views::concepts
