#include "views/concepts/ConsolidationView.h"

#include <algorithm>

namespace vizor::views::concepts {

namespace {
constexpr qreal kLegend = 30;
constexpr qreal kHeading = 26;
constexpr qreal kFoot = 22; // host labels under the columns
} // namespace

ConsolidationView::ConsolidationView(QWidget* parent) : ConceptView(parent) {}

QString ConsolidationView::title() const {
    return tr("consolidation");
}

void ConsolidationView::setPicture(const ConsolidationPicture& picture) {
    picture_ = picture;
    update();
}

void ConsolidationView::addHost(SceneItems& out, const ConsolidatedHost& host, const QString& tag,
                                const QRectF& column) const {
    SceneItem frame = boxItem(QStringLiteral("host-") + tag, column, Role::Host);
    frame.dashed = !host.on(); // switched off
    out << frame;
    // Stacked from the bottom with a gap between blocks, so each VM can be counted; a stack past
    // the top (peaks that never coincide, or an overloaded host) is cut at the column and the host
    // marked.
    qreal y = column.bottom();
    bool cut = false;
    for (const ConsolidatedVm& vm : host.vms) {
        const qreal h = column.height() * vm.peakCpu / host.capacity;
        const qreal top = std::max(column.top(), y - h);
        cut = cut || y - h < column.top();
        SceneItem block = boxItem(
            QStringLiteral("vm-") + tag,
            QRectF(column.left() + 2, top + 4, column.width() - 4, std::max(0.0, y - top - 4)),
            Role::GuestKernel);
        block.strong = true;
        block.outlined = false;
        out << block;
        y = top;
    }
    if (host.on()) {
        const qreal peakY =
            column.bottom() - column.height() * std::min(1.0, host.peakUsed / host.capacity);
        out << lineItem(QPointF(column.left() - 2, peakY), QPointF(column.right() + 2, peakY),
                        Role::Hardware, 3.0);
    }
    if (cut)
        out << markerItem(QStringLiteral("stack-cut"),
                          QPointF(column.center().x(), column.top() - 8), 12, Role::Alert);
    SceneItem count =
        textItem(QRectF(column.left() - 4, column.bottom() + 2, column.width() + 8, kFoot),
                 host.on() ? QString::number(host.vms.size()) : tr("off"), 12, 0x0084);
    count.id = QStringLiteral("host-count-") + tag;
    out << count;
}

void ConsolidationView::addPanel(SceneItems& out, const ConsolidationLayout& layout,
                                 const QString& heading, const QString& tag,
                                 const QRectF& area) const {
    SceneItem h = textItem(QRectF(area.left(), area.top(), area.width(), kHeading),
                           tr("%1: %2 of %3 hosts on, mean CPU use %4%%5")
                               .arg(heading)
                               .arg(layout.hostsOn)
                               .arg(layout.hosts.size())
                               .arg(layout.meanUtilization * 100, 0, 'f', 1)
                               .arg(layout.overCapacity ? tr(", over capacity") : QString()),
                           16);
    h.bold = true;
    out << h;
    const int n = std::max<int>(1, static_cast<int>(layout.hosts.size()));
    const qreal step = area.width() / n;
    const qreal w = std::min<qreal>(48, step * 0.8);
    const QRectF body(area.left(), area.top() + kHeading + 14, area.width(),
                      area.height() - kHeading - 14 - kFoot);
    for (int i = 0; i < layout.hosts.size(); ++i)
        addHost(out, layout.hosts[i], tag,
                QRectF(body.left() + i * step + (step - w) / 2, body.top(), w, body.height()));
}

void ConsolidationView::buildItems(SceneItems& out, const QRectF& area) const {
    SceneItem heading =
        textItem(QRectF(area.left(), area.top(), area.width(), 28),
                 tr("consolidation: %1, policy %2").arg(picture_.scenario, picture_.policy), 20);
    heading.bold = true;
    out << heading;
    const qreal top = area.top() + 36;
    const qreal half = (area.bottom() - kLegend - 8 - top) / 2;
    addPanel(out, picture_.before, tr("before"), QStringLiteral("before"),
             QRectF(area.left(), top, area.width(), half - 10));
    addPanel(out, picture_.after, tr("after"), QStringLiteral("after"),
             QRectF(area.left(), top + half, area.width(), half - 10));
    addLegend(out, QRectF(area.left(), area.bottom() - kLegend + 4, area.width(), kLegend - 4),
              {{Role::Host, tr("host: CPU capacity (dashed: off); number = VMs")},
               {Role::GuestKernel, tr("VM: its peak CPU")},
               {Role::Hardware, tr("host's busiest sample")},
               {Role::Alert, tr("peaks stack past the top")}});
}

} // namespace vizor::views::concepts
