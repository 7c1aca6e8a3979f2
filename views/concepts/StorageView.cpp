#include "views/concepts/StorageView.h"

#include <algorithm>
#include <cmath>

namespace vizor::views::concepts {

namespace {
constexpr qreal kLegend = 30;
} // namespace

StorageView::StorageView(QWidget* parent) : ConceptView(parent) {}

QString StorageView::title() const {
    return tr("thin disk");
}

void StorageView::setDisk(const StorageDisk& disk) {
    disk_ = disk;
    update();
}

void StorageView::eventsChanged(std::size_t firstNew) {
    if (firstNew == 0) {
        allocated_.clear();
        grainTables_ = 0;
    }
    for (std::size_t i = firstNew; i < events().size(); ++i) {
        const Event& e = events()[i];
        if (e.type != EventType::GrainAllocated) continue;
        allocated_.insert(e.a, static_cast<qint64>(sequenceAt(i)));
        grainTables_ = e.c;
    }
}

void StorageView::buildItems(SceneItems& out, const QRectF& area) const {
    const double kib = disk_.grainBytes / 1024.0;
    SceneItem heading = textItem(QRectF(area.left(), area.top(), area.width(), 28),
                                 tr("thin disk: %1").arg(disk_.name), 20);
    heading.bold = true;
    out << heading;
    SceneItem summary =
        textItem(QRectF(area.left(), area.top() + 30, area.width(), 22),
                 tr("%L1 of %L2 grains of %3 KiB allocated (%L4 KiB of %L5 MiB), %6 grain tables")
                     .arg(allocated_.size())
                     .arg(disk_.grainCount)
                     .arg(kib, 0, 'f', 0)
                     .arg(allocated_.size() * kib, 0, 'f', 0)
                     .arg(disk_.grainCount * kib / 1024, 0, 'f', 0)
                     .arg(grainTables_),
                 15);
    summary.id = QStringLiteral("summary");
    out << summary;
    if (disk_.grainCount == 0) return;
    // A square-ish grid of every grain of the disk, in LBA order, row by row.
    const QRectF grid(area.left(), area.top() + 62, area.width(),
                      area.bottom() - kLegend - 8 - (area.top() + 62));
    const int cols = std::max(
        1, static_cast<int>(std::ceil(std::sqrt(disk_.grainCount * grid.width() / grid.height()))));
    const int rows = static_cast<int>((disk_.grainCount + cols - 1) / cols);
    const qreal cell = std::min(grid.width() / cols, grid.height() / rows);
    for (uint32_t g = 0; g < disk_.grainCount; ++g) {
        const QRectF r(grid.left() + (g % cols) * cell, grid.top() + (g / cols) * cell, cell, cell);
        const auto it = allocated_.constFind(g);
        const bool used = it != allocated_.constEnd();
        SceneItem box = boxItem(used ? QStringLiteral("grain-allocated") : QStringLiteral("grain"),
                                r.adjusted(1, 1, -1, -1), used ? Role::Device : Role::Neutral);
        box.strong = used;
        box.outlined = used;
        if (used) box.sequence = it.value();
        out << box;
        if (used) {
            SceneItem mark = markerItem(QStringLiteral("grain-marker"), r.center(),
                                        std::max<qreal>(8, cell * 0.6), Role::Device);
            mark.sequence = it.value();
            out << mark;
        }
    }
    addLegend(out, QRectF(area.left(), area.bottom() - kLegend + 4, area.width(), kLegend - 4),
              {{Role::Device, tr("grain allocated by a guest write")},
               {Role::Neutral, tr("empty cells: never written, no space in the image")}});
}

} // namespace vizor::views::concepts
