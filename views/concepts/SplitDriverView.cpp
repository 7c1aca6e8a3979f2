// SplitDriverView's drawing: the front end, the back end and the device across the top,
// the virtqueue's three parts below them as tables, the device's output on the right.
// Each step of the newest request is an arrow in the colour of whoever does it; steps it
// has not reached yet are drawn dashed and grey (only arrows are dashed: dashed outlines
// cost most of a frame in the raster engine, so empty slots are plain grey boxes), so the whole round trip is always there
// to read and fills in as the engine goes.
#include "views/concepts/SplitDriverView.h"

#include <QFontMetricsF>

namespace vizor::views::concepts {

namespace {

constexpr qreal kLegend = 30;
constexpr qreal kEndH = 78; // front end, back end, device boxes
constexpr qreal kEndW = 232;
constexpr qreal kGap = 84;     // between the boxes and the tables (the diagonal arrows)
constexpr qreal kHeaderH = 50; // a table's title and index line
constexpr qreal kDescW = 390, kAvailW = 250, kUsedW = 230, kColGap = 26; // the tables

QString hex(uint32_t v) {
    return QStringLiteral("0x%1").arg(v, 8, 16, QLatin1Char('0'));
}

SceneItem bold(SceneItem item) {
    item.bold = true;
    return item;
}

} // namespace

// The arrow of one step of the newest request, and its label on a small panel at
// `anchor` (so an arrow passing under it cannot make it unreadable).
void SplitDriverView::addStepArrow(SceneItems& out, SplitStep step, const QPointF& from,
                                   const QPointF& to, Role role, const QPointF& anchor,
                                   const QString& label) const {
    const bool done = reached(step);
    SceneItem arrow = arrowItem(QStringLiteral("step"), from, to, done ? role : Role::Neutral);
    arrow.text = label;
    arrow.dashed = !done;
    arrow.width = done ? 3.0 : 1.5;
    arrow.sequence = state_.step[static_cast<int>(step)];
    out << arrow;
    const QFontMetricsF metrics(conceptFont(14));
    const QStringList lines = label.split(QLatin1Char('\n'));
    qreal width = 0;
    for (const QString& line : lines)
        width = std::max(width, metrics.horizontalAdvance(line));
    const QSizeF size(width + 14, 20.0 * lines.size() + 4);
    const QRectF rect(anchor - QPointF(size.width() / 2, size.height() / 2), size);
    SceneItem panel = boxItem(QStringLiteral("step-panel"), rect, Role::Neutral);
    panel.outlined = false;
    panel.sequence = arrow.sequence;
    SceneItem text = textItem(rect, label, 14, Qt::AlignCenter, done ? role : Role::Neutral);
    text.id = QStringLiteral("step-label");
    text.sequence = arrow.sequence;
    out << panel << text;
}

QRectF SplitDriverView::frontRect(const QRectF& body) const {
    return {body.left(), body.top(), kEndW, kEndH};
}

// Above the available and used rings, which it reads and writes.
QRectF SplitDriverView::backRect(const QRectF& body) const {
    return {body.left() + kDescW + kColGap + kAvailW / 2 + 40, body.top(), kEndW, kEndH};
}

// Front end -> back end (kick), back end -> device (bytes), back end -> front end
// (notification): the three ends of the split driver and the messages between them.
void SplitDriverView::addEnds(SceneItems& out, const QRectF& body) const {
    const SplitDriverState& s = state_;
    const QRectF front = frontRect(body);
    const QRectF back = backRect(body);
    const QRectF device(body.right() - kEndW, body.top(), kEndW, kEndH);
    SceneItem f = boxItem(QStringLiteral("front-end"), front, Role::GuestKernel,
                          tr("Front end\nguest kernel driver (console.s)"));
    SceneItem b =
        boxItem(QStringLiteral("back-end"), back, Role::Vmm, tr("Back end\nVMM (VirtioConsole)"));
    SceneItem d = boxItem(QStringLiteral("device"), device, Role::Device,
                          tr("Device\nconsole, out to the UART"));
    for (SceneItem* item : {&f, &b, &d}) {
        item->fontPx = 15;
        item->bold = true;
    }
    out << f << b << d;
    const qreal midX = (front.right() + back.left()) / 2;
    addStepArrow(out, SplitStep::Kick, QPointF(front.right(), front.top() + 22),
                 QPointF(back.left(), front.top() + 22), Role::GuestKernel,
                 QPointF(midX, front.top() + 4),
                 tr("1  kick (CONSOLE_KICK), avail.idx = %1").arg(s.availIdx));
    addStepArrow(out, SplitStep::Notify, QPointF(back.left(), front.bottom() - 26),
                 QPointF(front.right(), front.bottom() - 26), Role::Device,
                 QPointF(midX, front.bottom() + 4),
                 tr("6  notification: InterruptStatus = %1\n(the driver polls used.idx)")
                     .arg(s.interruptStatus));
    addStepArrow(out, SplitStep::Consume, QPointF(back.right(), back.center().y()),
                 QPointF(device.left(), back.center().y()), Role::Device,
                 QPointF((back.right() + device.left()) / 2, back.top() + 12),
                 tr("4  %1 bytes").arg(reached(SplitStep::Consume) ? s.length : 0));
}

void SplitDriverView::addDescriptors(SceneItems& out, const QRectF& table, qreal rowH) const {
    const SplitDriverState& s = state_;
    out << bold(
        textItem(QRectF(table.left(), table.top(), table.width(), 24), tr("Descriptor table"), 16));
    out << textItem(QRectF(table.left(), table.top() + 24, table.width(), 22),
                    tr("written by the driver, read by the device"), 14);
    for (uint32_t i = 0; i < s.num; ++i) {
        const VirtqDescriptorSlot& d = s.descriptors[i];
        const QRectF row(table.left(), table.top() + kHeaderH + i * rowH, table.width(), rowH - 3);
        const QString text = d.filled ? tr("%1   addr %2   len %3   %4")
                                            .arg(i)
                                            .arg(hex(d.address))
                                            .arg(d.length)
                                            .arg(d.flags & 1 ? tr("NEXT") : tr("device reads"))
                                      : tr("%1   (never handed over)").arg(i);
        SceneItem box = boxItem(d.filled ? QStringLiteral("descriptor") : QStringLiteral("slot"),
                                row, d.filled ? Role::GuestKernel : Role::Neutral, text);
        box.fontPx = 14;
        box.align = Qt::AlignLeft | Qt::AlignVCenter;
        box.strong = d.filled && reached(SplitStep::Descriptor) && i == s.head;
        box.sequence = d.sequence;
        out << box;
    }
}

void SplitDriverView::addRing(SceneItems& out, const QRectF& table, qreal rowH, bool used) const {
    const SplitDriverState& s = state_;
    out << bold(textItem(QRectF(table.left(), table.top(), table.width(), 24),
                         used ? tr("Used ring") : tr("Available ring"), 16));
    SceneItem index =
        textItem(QRectF(table.left(), table.top() + 24, table.width(), 22),
                 used ? tr("used.idx = %1").arg(s.usedIdx)
                      : tr("avail.idx = %1   last_avail = %2").arg(s.availIdx).arg(s.lastAvail),
                 14);
    index.id = used ? QStringLiteral("used-idx") : QStringLiteral("avail-idx");
    out << index;
    const std::vector<VirtqRingSlot>& ring = used ? s.used : s.avail;
    const uint32_t newest = used ? s.usedSlot : s.availSlot;
    const bool fresh = reached(used ? SplitStep::Used : SplitStep::Pop);
    for (uint32_t i = 0; i < s.num; ++i) {
        const VirtqRingSlot& r = ring[i];
        const QRectF row(table.left(), table.top() + kHeaderH + i * rowH, table.width(), rowH - 3);
        QString text = tr("[%1]   —").arg(i);
        if (r.filled)
            text = used ? tr("[%1]   id %2   len %3").arg(i).arg(r.head).arg(r.length)
                        : tr("[%1]   descriptor %2").arg(i).arg(r.head);
        SceneItem box =
            boxItem(used ? QStringLiteral("used-slot") : QStringLiteral("avail-slot"), row,
                    r.filled ? (used ? Role::Vmm : Role::GuestKernel) : Role::Neutral, text);
        box.fontPx = 14;
        box.align = Qt::AlignLeft | Qt::AlignVCenter;
        box.strong = r.filled && fresh && i == newest;
        box.sequence = r.sequence;
        out << box;
    }
}

// What the device printed: the bytes of the last few buffers, newest at the bottom.
void SplitDriverView::addOutput(SceneItems& out, const QRectF& column, qreal rowH) const {
    out << bold(
        textItem(QRectF(column.left(), column.top(), column.width(), 24), tr("Device output"), 16));
    out << textItem(QRectF(column.left(), column.top() + 24, column.width(), 22),
                    tr("%1 buffers, %2 bytes").arg(state_.served).arg(state_.bytes), 14);
    const int rows = std::max(1, static_cast<int>((column.height() - kHeaderH) / rowH));
    const std::size_t shown = std::min<std::size_t>(state_.lines.size(), rows);
    for (std::size_t k = 0; k < shown; ++k) {
        const QString& line = state_.lines[state_.lines.size() - shown + k];
        SceneItem t = textItem(
            QRectF(column.left(), column.top() + kHeaderH + k * rowH, column.width(), rowH - 3),
            line.trimmed().isEmpty() ? QStringLiteral("·") : line.trimmed(), 13);
        t.id = QStringLiteral("output-line");
        t.role = k + 1 == shown && reached(SplitStep::Consume) ? Role::Device : Role::Neutral;
        out << t;
    }
}

void SplitDriverView::addQueue(SceneItems& out, const QRectF& body) const {
    const SplitDriverState& s = state_;
    const qreal top = body.top() + kEndH + kGap;
    const qreal rowH =
        std::min<qreal>(34, (body.bottom() - 26 - top - kHeaderH) / std::max(1u, s.num));
    const QRectF desc(body.left(), top, kDescW, body.bottom() - top);
    const QRectF avail(desc.right() + kColGap, top, kAvailW, desc.height());
    const QRectF used(avail.right() + kColGap, top, kUsedW, desc.height());
    const QRectF output(used.right() + 30, top, body.right() - used.right() - 30, desc.height());
    // Guest memory behind the three tables.
    SceneItem memory = boxItem(QStringLiteral("guest-memory"),
                               QRectF(desc.left() - 6, top - 6, used.right() - desc.left() + 12,
                                      kHeaderH + s.num * rowH + 30),
                               Role::Neutral);
    out << memory;
    out << textItem(
        QRectF(desc.left(), top + kHeaderH + s.num * rowH, used.right() - desc.left(), 22),
        tr("the transmit virtqueue in guest memory: %1 entries, shared by driver and device")
            .arg(s.num),
        13, Qt::AlignCenter);
    addDescriptors(out, desc, rowH);
    addRing(out, avail, rowH, false);
    addRing(out, used, rowH, true);
    addOutput(out, output, rowH);

    const QRectF back = backRect(body);
    const qreal headerTop = top - 8;
    auto along = [](const QPointF& a, const QPointF& b, qreal t) { return a + (b - a) * t; };
    const QPointF readFrom(desc.right() - 50, headerTop), readTo(back.left() + 24, back.bottom());
    addStepArrow(out, SplitStep::Descriptor, readFrom, readTo, Role::Vmm,
                 along(readFrom, readTo, 0.3), tr("3  read desc %1").arg(s.head));
    const QPointF popFrom(avail.center().x(), headerTop), popTo(back.left() + 100, back.bottom());
    addStepArrow(out, SplitStep::Pop, popFrom, popTo, Role::Vmm, along(popFrom, popTo, 0.3),
                 tr("2  pop [%1]").arg(s.availSlot));
    const QPointF usedFrom(back.right() - 40, back.bottom()),
        usedTo(used.center().x() + 30, headerTop);
    addStepArrow(out, SplitStep::Used, usedFrom, usedTo, Role::Vmm, along(usedFrom, usedTo, 0.6),
                 tr("5  publish used [%1]").arg(s.usedSlot));
}

void SplitDriverView::buildItems(SceneItems& out, const QRectF& area) const {
    const SplitDriverState& s = state_;
    out << bold(textItem(QRectF(area.left(), area.top(), area.width(), 28), title(), 20));
    SceneItem summary =
        textItem(QRectF(area.left(), area.top() + 28, area.width(), 22),
                 tr("%1 kicks · %2 buffers served · %3 used-buffer notifications · %4 acknowledged")
                     .arg(s.kicks)
                     .arg(s.served)
                     .arg(s.notifications)
                     .arg(s.acks),
                 15);
    summary.id = QStringLiteral("summary");
    out << summary;
    if (s.num == 0) {
        out << textItem(QRectF(area.left(), area.top() + 70, area.width(), 60),
                        tr("No virtqueue activity yet. The split driver runs under pv: the "
                           "PARAVIRT kernel's console is a virtio front end whose back end is "
                           "in the VMM."),
                        16);
        return;
    }
    out << textItem(QRectF(area.left(), area.top() + 50, area.width(), 22),
                    tr("Latest: %1").arg(s.latest), 15);
    const QRectF body(area.left(), area.top() + 84, area.width(),
                      area.bottom() - kLegend - 8 - (area.top() + 84));
    addEnds(out, body);
    addQueue(out, body);
    addLegend(out, QRectF(area.left(), area.bottom() - kLegend + 4, area.width(), kLegend - 4),
              {{Role::GuestKernel, tr("guest driver and what it wrote")},
               {Role::Vmm, tr("VMM back end and what it wrote")},
               {Role::Device, tr("device and notification")},
               {Role::Neutral, tr("dashed grey: not reached by this request yet")}});
}

} // namespace vizor::views::concepts
