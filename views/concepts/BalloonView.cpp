#include "views/concepts/BalloonView.h"

#include <QPaintEngine>
#include <QPainter>

#include <algorithm>

namespace vizor::views::concepts {

namespace {

constexpr qreal kCell = 24; // one frame's square in the grids
constexpr qreal kLegend = 30;
constexpr qreal kHeader = 74; // a panel's title and counts above its grid

// The centre of cell `index` of a grid filling `rect` row by row.
QPointF cellCentre(const QRectF& rect, uint32_t index) {
    const int columns = std::max(1, static_cast<int>(rect.width() / kCell));
    return {rect.left() + (static_cast<int>(index % columns) + 0.5) * kCell,
            rect.top() + (static_cast<int>(index / columns) + 0.5) * kCell};
}

// `count` frames of one kind from cell `first` on; they share the event that last changed
// them, so a change fades them in (or out, stepping back).
void addCells(SceneItems& out, const QString& id, const QRectF& grid, uint32_t first,
              uint32_t count, Role role, qint64 sequence) {
    const int columns = std::max(1, static_cast<int>(grid.width() / kCell));
    const uint32_t capacity =
        static_cast<uint32_t>(columns * std::max(1, static_cast<int>(grid.height() / kCell)));
    for (uint32_t i = first; i < first + count && i < capacity; ++i) {
        SceneItem cell = markerItem(id, cellCentre(grid, i), kCell - 5, role);
        cell.sequence = sequence;
        out << cell;
    }
}

} // namespace

Role roleOfVm(uint32_t vm) {
    return vm % 2 == 0 ? Role::GuestKernel : Role::GuestUser;
}

BalloonView::BalloonView(QWidget* parent) : ConceptView(parent) {}

QString BalloonView::title() const {
    return tr("Memory ballooning");
}

void BalloonView::setHost(uint32_t totalFrames, uint32_t vmCount) {
    totalFrames_ = totalFrames;
    vms_.assign(vmCount, {});
    eventsChanged(0);
    update();
}

void BalloonView::setEventVms(std::vector<uint32_t> vmOfSequence) {
    vmOfSequence_ = std::move(vmOfSequence);
    eventsChanged(0);
    update();
}

uint32_t BalloonView::vmOf(std::size_t index) const {
    const uint64_t sequence = sequenceAt(index);
    return sequence < vmOfSequence_.size() ? vmOfSequence_[sequence] : 0;
}

void BalloonView::eventsChanged(std::size_t firstNew) {
    if (firstNew == 0) {
        for (BalloonVmState& vm : vms_)
            vm = {};
        freeFrames_ = totalFrames_;
        swapOuts_ = 0;
        hostChange_ = -1;
        inflatedOnce_ = false;
    }
    for (std::size_t i = firstNew; i < events().size(); ++i) {
        const Event& e = events()[i];
        if (e.type != EventType::BalloonChange && e.type != EventType::HostFrames) continue;
        // balloon_change names its VM (c); host_frames is on the stream of the VM it is for.
        const uint32_t id = e.type == EventType::BalloonChange ? e.c : vmOf(i);
        if (id >= vms_.size()) vms_.resize(id + 1);
        BalloonVmState& vm = vms_[id];
        vm.seen = true;
        vm.lastChange = static_cast<qint64>(sequenceAt(i));
        if ((e.type == EventType::BalloonChange ? e.a : e.c) != vm.balloonPages)
            vm.balloonChange = vm.lastChange;
        if (e.type == EventType::BalloonChange) {
            vm.balloonPages = e.a;
            vm.target = e.b;
        } else {
            freeFrames_ = e.a;
            vm.usedFrames = e.b;
            vm.balloonPages = e.c;
            swapOuts_ = e.d;
            hostChange_ = vm.lastChange;
        }
        if (vm.balloonPages > 0 && !inflatedOnce_) {
            // From here on, what the other VMs gain came out of this balloon.
            inflatedOnce_ = true;
            for (BalloonVmState& other : vms_)
                other.grownFrom = other.usedFrames;
        }
    }
}

void BalloonView::addVmPanel(SceneItems& out, uint32_t id, const QRectF& rect) const {
    const BalloonVmState& vm = vms_[id];
    out << boxItem(QStringLiteral("vm"), rect, Role::Neutral);
    SceneItem name = textItem(QRectF(rect.left() + 10, rect.top() + 4, rect.width() - 20, 26),
                              tr("VM %1").arg(id), 18);
    name.bold = true;
    out << name;
    SceneItem counts = textItem(QRectF(rect.left() + 10, rect.top() + 30, rect.width() - 20, 40),
                                tr("%1 host frames in use\nballoon %2 pages (target %3)")
                                    .arg(vm.usedFrames)
                                    .arg(vm.balloonPages)
                                    .arg(vm.target),
                                16);
    counts.id = QStringLiteral("vm-counts");
    counts.sequence = vm.lastChange;
    out << counts;
    const QRectF grid = rect.adjusted(10, kHeader, -10, -10);
    addCells(out, QStringLiteral("vm-frame"), grid, 0, vm.usedFrames, roleOfVm(id), -1);
    addCells(out, QStringLiteral("ballooned"), grid, vm.usedFrames, vm.balloonPages, Role::Device,
             vm.balloonChange);
}

void BalloonView::addHostPanel(SceneItems& out, const QRectF& rect) const {
    out << boxItem(QStringLiteral("host"), rect, Role::Neutral);
    SceneItem name = textItem(QRectF(rect.left() + 10, rect.top() + 4, rect.width() - 20, 26),
                              tr("Host: %1 frames").arg(totalFrames_), 18);
    name.bold = true;
    out << name;
    QString counts = tr("%1 free").arg(freeFrames_);
    if (swapOuts_) counts += tr(", %1 swapped out").arg(swapOuts_);
    SceneItem text =
        textItem(QRectF(rect.left() + 10, rect.top() + 30, rect.width() - 20, 40), counts, 16);
    text.id = QStringLiteral("host-counts");
    text.sequence = hostChange_;
    out << text;
    // The pool by owner: each VM's frames together, then the free ones.
    const QRectF grid = rect.adjusted(10, kHeader, -10, -10);
    uint32_t next = 0;
    for (uint32_t id = 0; id < vms_.size(); ++id) {
        const uint32_t n = std::min(vms_[id].usedFrames, totalFrames_ - next);
        addCells(out, QStringLiteral("host-frame"), grid, next, n, roleOfVm(id), -1);
        next += n;
    }
    addCells(out, QStringLiteral("free-frame"), grid, next,
             std::min(freeFrames_, totalFrames_ - next), Role::Host, -1);
    if (swapOuts_)
        out << markerItem(QStringLiteral("swapped"), QPointF(rect.right() - 20, rect.top() + 18),
                          18, Role::Alert);
}

void BalloonView::addFlows(SceneItems& out, const QRectF& left, const QRectF& host,
                           const QRectF& right) const {
    if (vms_.empty()) return;
    const qreal gap = host.left() - left.right();
    auto label = [&](const QRectF& r, const QString& s, qint64 sequence) {
        SceneItem t = textItem(r, s, 14, 0x0084);
        t.id = QStringLiteral("flow-label");
        t.sequence = sequence;
        out << t;
    };
    const BalloonVmState& a = vms_[0];
    const qreal y = host.top() + host.height() * 0.35;
    if (a.balloonPages > 0 || a.target > 0) {
        const bool deflating = a.target < a.balloonPages;
        SceneItem arrow = deflating ? arrowItem(QStringLiteral("flow"), QPointF(host.left(), y),
                                                QPointF(left.right(), y), Role::Device)
                                    : arrowItem(QStringLiteral("flow"), QPointF(left.right(), y),
                                                QPointF(host.left(), y), Role::Device);
        arrow.width = 3;
        arrow.sequence = a.lastChange;
        out << arrow;
        label(QRectF(left.right(), y - 62, gap, 56),
              deflating ? tr("deflating:\nframes back\nto VM 0")
                        : tr("inflating:\n%1 frames\nto the host").arg(a.balloonPages),
              a.lastChange);
    }
    if (vms_.size() > 1 && inflatedOnce_ && vms_[1].usedFrames > vms_[1].grownFrom) {
        SceneItem arrow = arrowItem(QStringLiteral("flow"), QPointF(host.right(), y),
                                    QPointF(right.left(), y), roleOfVm(1));
        arrow.width = 3;
        arrow.sequence = vms_[1].lastChange;
        out << arrow;
        label(QRectF(host.right(), y - 62, gap, 56),
              tr("VM 1 grew\n+%1 frames").arg(vms_[1].usedFrames - vms_[1].grownFrom),
              vms_[1].lastChange);
    }
}

void BalloonView::buildItems(SceneItems& out, const QRectF& area) const {
    SceneItem heading = textItem(QRectF(area.left(), area.top(), area.width(), 28),
                                 tr("Memory ballooning: each VM's frames and the host's pool"), 20);
    heading.bold = true;
    out << heading;
    const qreal top = area.top() + 40, bottom = area.bottom() - kLegend - 6;
    const qreal gap = 110;
    const qreal width = (area.width() - 2 * gap) / 3;
    const QRectF left(area.left(), top, width, bottom - top);
    const QRectF host(left.right() + gap, top, width, bottom - top);
    const QRectF right(host.right() + gap, top, width, bottom - top);
    if (!vms_.empty()) addVmPanel(out, 0, left);
    addHostPanel(out, host);
    if (vms_.size() > 1) addVmPanel(out, 1, right);
    addFlows(out, left, host, right);
    addLegend(out, QRectF(area.left(), area.bottom() - kLegend + 4, area.width(), kLegend - 4),
              {{roleOfVm(0), tr("VM 0's frames")},
               {roleOfVm(1), tr("VM 1's frames")},
               {Role::Device, tr("in the balloon")},
               {Role::Host, tr("free host frame")},
               {Role::Alert, tr("host swapped")}});
}

void BalloonView::paintTo(QPainter& painter, const QSizeF& size) const {
    if (!painter.paintEngine() || painter.paintEngine()->type() != QPaintEngine::Raster)
        return ConceptView::paintTo(painter, size);
    // Items without an event of their own never animate: they change only with the
    // events, the palette or the size, and are drawn once into the layer.
    const qreal scale = painter.deviceTransform().m11();
    const QString key = QStringLiteral("%1 %2 %3 %4x%5 %6")
                            .arg(firstSequence())
                            .arg(endSequence())
                            .arg(conceptPalette().dark)
                            .arg(size.width())
                            .arg(size.height())
                            .arg(scale);
    const SceneItems all = items(size);
    if (still_.key != key) {
        still_.image = QImage((size * scale).toSize(), QImage::Format_ARGB32_Premultiplied);
        QPainter layer(&still_.image);
        layer.scale(scale, scale);
        layer.fillRect(QRectF(QPointF(0, 0), size), conceptPalette().background);
        layer.setRenderHint(QPainter::Antialiasing);
        layer.setRenderHint(QPainter::TextAntialiasing);
        for (const SceneItem& item : all)
            if (item.sequence < 0) paintItem(layer, item, conceptPalette(), 1.0);
        still_.key = key;
    }
    painter.drawImage(QRectF(QPointF(0, 0), size), still_.image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    for (const SceneItem& item : all)
        if (item.sequence >= 0) paintItem(painter, item, conceptPalette(), revealOf(item));
}

} // namespace vizor::views::concepts
