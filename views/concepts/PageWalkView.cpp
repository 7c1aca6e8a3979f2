#include "views/concepts/PageWalkView.h"

namespace vizor::views::concepts {

namespace {

constexpr qreal kLegend = 30;

QString hex(uint32_t v) {
    return QStringLiteral("0x%1").arg(v, 8, 16, QLatin1Char('0'));
}

QString pteFlags(uint32_t pte) {
    static const char names[] = "VRWXUGAD";
    QString s;
    for (int i = 0; i < 8; ++i)
        if (pte & (1u << i)) s += QLatin1Char(names[i]);
    return s.isEmpty() ? QStringLiteral("invalid") : s;
}

} // namespace

bool RecordedWalk::nested() const {
    for (const WalkReference& r : refs)
        if (r.gStage) return true;
    return false;
}

PageWalkView::PageWalkView(QWidget* parent) : ConceptView(parent) {}

QString PageWalkView::title() const {
    return tr("Page walk");
}

void PageWalkView::setGuestRamEnd(uint32_t end) {
    guestRamEnd_ = end;
    update();
}

void PageWalkView::eventsChanged(std::size_t firstNew) {
    if (firstNew == 0) {
        walk_ = current_ = {};
        walks_ = hidden_ = true_ = syncs_ = 0;
        shadowLog_.clear();
    }
    RecordedWalk& current = current_;
    for (std::size_t i = firstNew; i < events().size(); ++i) {
        const Event& e = events()[i];
        switch (e.type) {
        case EventType::PageWalkStep: {
            if (current.done || (!current.refs.empty() && current.vaddr != e.a)) current = {};
            current.vaddr = e.a;
            // d: level | stage << 8 | index << 16 (nested walks carry stage and index).
            current.refs.push_back({sequenceAt(i), e.b, e.c, static_cast<int>(e.d & 0xff),
                                    ((e.d >> 8) & 0xff) == 1, e.d >> 16});
            break;
        }
        case EventType::PageWalkDone:
            current.vaddr = e.a;
            current.paddr = e.b;
            current.faulted = e.d != 0;
            current.done = true;
            walk_ = current;
            current = {};
            ++walks_;
            break;
        case EventType::ShadowFault:
            ++(e.b ? true_ : hidden_);
            shadowLog_ << (e.b ? tr("true fault at %1: reflected to the guest")
                               : tr("hidden fault at %1: shadow entry filled"))
                              .arg(hex(e.a));
            break;
        case EventType::ShadowSync:
            ++syncs_;
            shadowLog_ << (e.b ? tr("guest PTE write at %1: shadow resynced").arg(hex(e.a))
                               : tr("shadow flushed (satp write or sfence.vma)"));
            break;
        default:
            break;
        }
        if (shadowLog_.size() > 12) shadowLog_.removeFirst();
    }
}

void PageWalkView::addAddressSplit(SceneItems& out, const QRectF& area) const {
    const uint32_t va = walk_.vaddr;
    const qreal w = (area.width() - 200) / 3;
    out << textItem(QRectF(area.left(), area.top(), 190, area.height()),
                    tr("Virtual address\n%1").arg(hex(va)), 16);
    const QStringList labels = {
        tr("VPN[1] = %1\nbits 31–22").arg(va >> 22),
        tr("VPN[0] = %1\nbits 21–12").arg((va >> 12) & 0x3ff),
        tr("offset = 0x%1\nbits 11–0").arg(va & 0xfff, 3, 16, QLatin1Char('0'))};
    for (int i = 0; i < 3; ++i) {
        SceneItem box = boxItem(QStringLiteral("va-field"),
                                QRectF(area.left() + 200 + i * w, area.top(), w - 8, area.height()),
                                Role::Neutral, labels[i]);
        box.fontPx = 16;
        out << box;
    }
}

SceneItem PageWalkView::referenceBox(const WalkReference& r, const QRectF& rect, int order) const {
    const bool shadow = !r.gStage && r.pteAddress >= guestRamEnd_;
    const Role role = r.gStage ? Role::Vmm : shadow ? Role::Vmm : Role::GuestKernel;
    const QString table = r.gStage ? tr("G-stage L%1").arg(r.level)
                          : shadow ? tr("shadow L%1").arg(r.level)
                                   : tr("guest L%1").arg(r.level);
    SceneItem box = boxItem(QStringLiteral("reference"), rect, role,
                            tr("%1. %2\nPTE at %3\n= %4  %5")
                                .arg(order)
                                .arg(table, hex(r.pteAddress), hex(r.pte), pteFlags(r.pte)));
    box.sequence = static_cast<qint64>(r.sequence);
    box.fontPx = 14;
    box.dashed = r.gStage;
    return box;
}

void PageWalkView::addLinearWalk(SceneItems& out, const QRectF& area) const {
    const int n = static_cast<int>(walk_.refs.size());
    const qreal w = std::min<qreal>(260, (area.width() - 420) / std::max(1, n));
    const qreal h = 96;
    const qreal y = area.top() + 20;
    SceneItem tlb = boxItem(QStringLiteral("tlb"), QRectF(area.left(), y, 150, h), Role::Hardware,
                            tr("TLB\nmiss: walk"));
    tlb.fontPx = 16;
    out << tlb;
    QPointF from(area.left() + 150, y + h / 2);
    for (int i = 0; i < n; ++i) {
        const QRectF rect(area.left() + 200 + i * (w + 40), y, w, h);
        SceneItem arrow = arrowItem(QStringLiteral("walk-arrow"), from,
                                    QPointF(rect.left(), from.y()), Role::Hardware);
        arrow.sequence = static_cast<qint64>(walk_.refs[i].sequence);
        out << arrow << referenceBox(walk_.refs[i], rect, i + 1);
        from = QPointF(rect.right(), from.y());
    }
    const QRectF result(area.left() + 200 + n * (w + 40), y, std::max<qreal>(180, w), h);
    if (walk_.done) {
        SceneItem arrow = arrowItem(QStringLiteral("walk-arrow"), from,
                                    QPointF(result.left(), from.y()), Role::Hardware);
        out << arrow;
        SceneItem pa = boxItem(
            QStringLiteral("physical"), result, walk_.faulted ? Role::Alert : Role::Hardware,
            walk_.faulted ? tr("page fault") : tr("physical\n%1").arg(hex(walk_.paddr)));
        pa.fontPx = 16;
        out << pa;
    }
}

QList<QPoint> PageWalkView::nestedCells(const RecordedWalk& walk) {
    // Each guest (VS) level: its table's guest-physical address goes through the G-stage
    // (two references), then the guest PTE is read; the final guest-physical address goes
    // through the G-stage once more. Rows are those three steps, columns G L1, G L0, PTE.
    QList<QPoint> cells;
    int row = 0;
    for (const WalkReference& r : walk.refs) {
        if (r.gStage) {
            cells << QPoint(r.level == 1 ? 0 : 1, row);
        } else {
            cells << QPoint(2, row);
            ++row;
        }
    }
    return cells;
}

void PageWalkView::addNestedGrid(SceneItems& out, const QRectF& area) const {
    const qreal labelW = 230;
    const qreal cw = (area.width() - labelW) / 3, ch = (area.height() - 30) / 3;
    const QStringList cols = {tr("G-stage level 1"), tr("G-stage level 0"), tr("guest PTE read")};
    for (int c = 0; c < 3; ++c) {
        SceneItem t = textItem(QRectF(area.left() + labelW + c * cw, area.top(), cw, 26), cols[c],
                               15, 0x0084);
        t.bold = true;
        out << t;
    }
    const QStringList rows = {tr("guest level-1 table\n(from vsatp)"), tr("guest level-0 table"),
                              tr("the data page")};
    for (int r = 0; r < 3; ++r)
        out << textItem(QRectF(area.left(), area.top() + 30 + r * ch, labelW - 10, ch), rows[r],
                        15);
    const QList<QPoint> cells = nestedCells(walk_);
    for (int i = 0; i < cells.size(); ++i) {
        const QRectF rect(area.left() + labelW + cells[i].x() * cw + 4,
                          area.top() + 30 + cells[i].y() * ch + 4, cw - 8, ch - 8);
        out << referenceBox(walk_.refs[i], rect, i + 1);
    }
}

void PageWalkView::addShadowPanel(SceneItems& out, const QRectF& area) const {
    out << boxItem(QStringLiteral("shadow-panel"), area, Role::Vmm);
    SceneItem head = textItem(QRectF(area.left() + 10, area.top() + 4, area.width() - 20, 24),
                              tr("The VMM's shadow paging: %1 hidden faults, %2 true faults, "
                                 "%3 syncs")
                                  .arg(hidden_)
                                  .arg(true_)
                                  .arg(syncs_),
                              15);
    head.bold = true;
    out << head;
    const int rows = static_cast<int>((area.height() - 32) / 20);
    const int first = std::max(0, static_cast<int>(shadowLog_.size()) - rows);
    for (int i = first; i < shadowLog_.size(); ++i)
        out << textItem(
            QRectF(area.left() + 20, area.top() + 30 + (i - first) * 20, area.width() - 30, 20),
            shadowLog_[i], 14);
}

void PageWalkView::buildItems(SceneItems& out, const QRectF& area) const {
    SceneItem heading = textItem(QRectF(area.left(), area.top(), area.width(), 28), title(), 20);
    heading.bold = true;
    out << heading;
    const bool nested = walk_.nested();
    out << textItem(QRectF(area.left(), area.top() + 28, area.width(), 24),
                    walks_ == 0 ? tr("No walk yet: every translation so far hit the TLB.")
                    : nested    ? tr("Walk %1: nested paging, %2 references (Sv32 over Sv32x4: "
                                        "(2+1)(2+1)−1 = 8 on a cold walk)")
                                   .arg(walks_)
                                   .arg(walk_.refs.size())
                             : tr("Walk %1: %2 references").arg(walks_).arg(walk_.refs.size()),
                    15);
    if (walks_ == 0) return;
    addAddressSplit(out, QRectF(area.left(), area.top() + 62, area.width(), 56));
    const QRectF body(area.left(), area.top() + 132, area.width(),
                      area.bottom() - kLegend - 8 - (area.top() + 132));
    if (nested) {
        SceneItem tlb = boxItem(QStringLiteral("tlb"), QRectF(body.left(), body.top(), 150, 80),
                                Role::Hardware, tr("TLB\nmiss: 2-D walk"));
        tlb.fontPx = 16;
        out << tlb;
        addNestedGrid(out, body.adjusted(170, 0, 0, 0));
    } else {
        addLinearWalk(out, QRectF(body.left(), body.top(), body.width(), 140));
        addShadowPanel(out,
                       QRectF(body.left(), body.top() + 180, body.width(), body.height() - 180));
    }
    addLegend(out, QRectF(area.left(), area.bottom() - kLegend + 4, area.width(), kLegend - 4),
              {{Role::Hardware, tr("TLB and hardware walker")},
               {Role::GuestKernel, tr("the guest's page table")},
               {Role::Vmm, tr("the VMM's tables (shadow, G-stage)")},
               {Role::Alert, tr("fault")}});
}

} // namespace vizor::views::concepts
