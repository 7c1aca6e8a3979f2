#include "views/concepts/MigrationView.h"

#include <algorithm>
#include <cmath>

namespace vizor::views::concepts {

namespace {

constexpr qreal kLegend = 30;
constexpr qreal kLabel = 150; // "round 12" column
constexpr qreal kNote = 450;  // the numbers on the right

// Cells a count of pages covers: at least one when there is any, so a handful of
// dirtied pages out of thousands still shows (the note gives the exact number).
int cellsFor(uint32_t pages, uint32_t perCell) {
    if (pages == 0) return 0;
    return std::clamp(static_cast<int>((pages + perCell - 1) / perCell), 1, MigrationView::kCells);
}

} // namespace

MigrationView::MigrationView(QWidget* parent) : ConceptView(parent) {}

QString MigrationView::title() const {
    return tr("live migration");
}

void MigrationView::setTiming(const MigrationTiming& timing) {
    timing_ = timing;
    update();
}

uint32_t MigrationView::pagesPerCell() const {
    uint32_t pages = timing_.vmPages;
    for (const MigrationRoundItem& r : rounds_)
        pages = std::max(pages, r.pagesSent);
    return std::max<uint32_t>(1, (pages + kCells - 1) / kCells);
}

void MigrationView::eventsChanged(std::size_t firstNew) {
    if (firstNew == 0) rounds_.clear();
    for (std::size_t i = firstNew; i < events().size(); ++i) {
        const Event& e = events()[i];
        if (e.type != EventType::MigrationRound) continue;
        rounds_ << MigrationRoundItem{e.a, e.b, e.c, e.d != 0, static_cast<qint64>(sequenceAt(i))};
    }
}

QString MigrationView::roundNote(const MigrationRoundItem& r) const {
    const int i = static_cast<int>(r.round) - 1;
    const double seconds = i >= 0 && i < timing_.roundSeconds.size() ? timing_.roundSeconds[i] : -1;
    QString note = tr("sent %L1").arg(r.pagesSent);
    if (seconds > 0) note += tr(" · %1 ms").arg(seconds * 1e3, 0, 'f', 2);
    if (r.stopAndCopy) return note + tr(" · VM paused");
    note += tr(" · dirtied %L1").arg(r.pagesDirtied);
    // The dirty rate: pages the guest wrote per second of this round on the link.
    if (seconds > 0) note += tr(" (%L1 pages/s)").arg(std::llround(r.pagesDirtied / seconds));
    return note;
}

void MigrationView::addRound(SceneItems& out, const MigrationRoundItem& r,
                             const QRectF& row) const {
    const uint32_t perCell = pagesPerCell();
    SceneItem label =
        boxItem(QStringLiteral("round"), QRectF(row.left(), row.top(), kLabel - 10, row.height()),
                r.stopAndCopy ? Role::Vmm : Role::Device,
                r.stopAndCopy ? tr("stop-and-copy") : tr("round %1").arg(r.round));
    label.fontPx = 14;
    label.sequence = r.sequence;
    out << label;
    const qreal gridW = row.width() - kLabel - kNote;
    const qreal cw = gridW / kCells;
    const int sent = cellsFor(r.pagesSent, perCell);
    const int dirtied = r.stopAndCopy ? 0 : cellsFor(r.pagesDirtied, perCell);
    for (int c = 0; c < kCells; ++c) {
        const QRectF cell(row.left() + kLabel + c * cw + 1, row.top() + 2, cw - 2,
                          row.height() - 4);
        const bool isSent = c < sent;
        SceneItem box =
            boxItem(isSent ? QStringLiteral("page-sent") : QStringLiteral("page-clean"), cell,
                    isSent ? (r.stopAndCopy ? Role::Vmm : Role::Device) : Role::Neutral);
        box.strong = isSent;
        box.sequence = r.sequence;
        out << box;
        // Dirtied cells are drawn from the left as well: which pages they are is in the
        // engine's log, the grid shows how many.
        if (c < dirtied) {
            SceneItem mark = markerItem(QStringLiteral("page-dirtied"), cell.center(),
                                        std::min(cell.width(), cell.height()) - 2, Role::Alert);
            mark.sequence = r.sequence;
            out << mark;
        }
    }
    SceneItem note = textItem(QRectF(row.right() - kNote + 8, row.top(), kNote - 8, row.height()),
                              roundNote(r), 14);
    note.id = QStringLiteral("round-note");
    note.sequence = r.sequence;
    out << note;
}

void MigrationView::buildItems(SceneItems& out, const QRectF& area) const {
    SceneItem heading = textItem(QRectF(area.left(), area.top(), area.width(), 28),
                                 tr("live migration: pre-copy rounds, then stop-and-copy"), 20);
    heading.bold = true;
    out << heading;
    out << textItem(QRectF(area.left(), area.top() + 30, area.width(), 22),
                    tr("%L1 pages in the VM · one cell = %L2 pages%3")
                        .arg(timing_.vmPages)
                        .arg(pagesPerCell())
                        .arg(timing_.stopReason.isEmpty()
                                 ? QString()
                                 : tr(" · pre-copy ended: %1").arg(timing_.stopReason)),
                    14);
    const qreal top = area.top() + 62;
    const qreal bottom = area.bottom() - kLegend - 40;
    const int shown = static_cast<int>(rounds_.size());
    const qreal rowH = shown ? std::clamp((bottom - top) / shown, 10.0, 40.0) : 40.0;
    // When there are more rounds than rows, the first and the last ones are shown.
    const int fit = std::max(1, static_cast<int>((bottom - top) / rowH));
    for (int i = 0, y = 0; i < shown; ++i) {
        if (shown > fit && i >= fit - 1 && i < shown - 1) continue;
        addRound(out, rounds_[i], QRectF(area.left(), top + y * rowH, area.width(), rowH));
        ++y;
    }
    double totalMs = 0;
    for (double seconds : timing_.roundSeconds)
        totalMs += seconds * 1e3;
    for (const MigrationRoundItem& r : rounds_) {
        if (!r.stopAndCopy) continue;
        SceneItem down =
            textItem(QRectF(area.left(), bottom + 8, area.width(), 26),
                     tr("downtime: %1 ms of %2 ms in all, %L3 pages sent with the VM paused")
                         .arg(timing_.downtimeSeconds * 1e3, 0, 'f', 3)
                         .arg(totalMs, 0, 'f', 2)
                         .arg(r.pagesSent),
                     16, 0x0081, Role::Vmm);
        down.id = QStringLiteral("downtime");
        down.bold = true;
        down.sequence = r.sequence;
        out << markerItem(QStringLiteral("downtime-marker"), QPointF(area.left() + 8, bottom + 21),
                          16, Role::Vmm);
        down.rect.adjust(22, 0, 0, 0);
        out << down;
    }
    addLegend(out, QRectF(area.left(), area.bottom() - kLegend + 4, area.width(), kLegend - 4),
              {{Role::Device, tr("sent on the link")},
               {Role::Alert, tr("dirtied again: resent next round")},
               {Role::Vmm, tr("stop-and-copy: the VM is paused")},
               {Role::Neutral, tr("empty cells: already at the destination")}});
}

} // namespace vizor::views::concepts
