#include "views/concepts/WorldSwitchView.h"

#include <QFontMetricsF>

namespace vizor::views::concepts {

namespace {
constexpr qreal kLabelWidth = 190;
constexpr qreal kColumn = 46;   // horizontal room per transition
constexpr qreal kDetails = 170; // the selected transition's register list
constexpr qreal kLegend = 30;
} // namespace

WorldSwitchView::WorldSwitchView(QWidget* parent)
    : ConceptView(parent), builder_(makeTransitionBuilder()) {}

QString WorldSwitchView::title() const {
    return tr("World and context switches");
}

Role WorldSwitchView::roleOf(Lane lane) {
    switch (lane) {
    case Lane::GuestUser:
        return Role::GuestUser;
    case Lane::GuestKernel:
        return Role::GuestKernel;
    case Lane::Vmm:
        return Role::Vmm;
    case Lane::Host:
        return Role::Host;
    }
    return Role::Neutral;
}

QString WorldSwitchView::laneName(Lane lane) {
    switch (lane) {
    case Lane::GuestUser:
        return tr("Guest user");
    case Lane::GuestKernel:
        return tr("Guest kernel");
    case Lane::Vmm:
        return tr("VMM / firmware");
    case Lane::Host:
        return tr("Host tasks");
    }
    return {};
}

void WorldSwitchView::eventsChanged(std::size_t firstNew) {
    if (firstNew == 0) builder_ = makeTransitionBuilder();
    for (std::size_t i = firstNew; i < events().size(); ++i)
        feedTransitions(*builder_, events()[i], sequenceAt(i));
}

int WorldSwitchView::defaultSelection() const {
    // The newest switch away from where the hart was (its details say the most).
    for (int k = static_cast<int>(transitions().size()) - 1; k >= 0; --k)
        if (transitions()[k].kind != Transition::Kind::Return) return k;
    return transitions().empty() ? -1 : static_cast<int>(transitions().size()) - 1;
}

void WorldSwitchView::addLanes(SceneItems& out, const QRectF& plot, qreal labelWidth) const {
    const qreal laneHeight = plot.height() / kLaneCount;
    for (int l = 0; l < kLaneCount; ++l) {
        const auto lane = static_cast<Lane>(l);
        const QRectF band(plot.left() - labelWidth, plot.top() + l * laneHeight,
                          plot.width() + labelWidth, laneHeight);
        SceneItem bg = boxItem(QStringLiteral("lane"), band.adjusted(0, 2, 0, -2), roleOf(lane));
        bg.outlined = false;
        out << bg;
        out << markerItem(QStringLiteral("lane-marker"),
                          QPointF(band.left() + 16, band.center().y()), 18, roleOf(lane));
        SceneItem label =
            textItem(QRectF(band.left() + 32, band.top(), labelWidth - 36, band.height()),
                     laneName(lane), 17);
        label.bold = true;
        out << label;
    }
}

void WorldSwitchView::buildItems(SceneItems& out, const QRectF& area) const {
    SceneItem heading = textItem(QRectF(area.left(), area.top(), area.width(), 28), title(), 20);
    heading.bold = true;
    out << heading;
    const QRectF plot(area.left() + kLabelWidth, area.top() + 80, area.width() - kLabelWidth,
                      area.height() - 80 - kDetails - kLegend);
    addLanes(out, plot, kLabelWidth);
    const qreal laneHeight = plot.height() / kLaneCount;
    auto laneY = [&](Lane lane) {
        return plot.top() + (static_cast<int>(lane) + 0.5) * laneHeight;
    };

    const int fit = std::max(1, static_cast<int>(plot.width() / kColumn) - 1);
    const int count = static_cast<int>(transitions().size());
    const int first = std::max(0, count - fit);
    out << textItem(QRectF(area.left(), area.top() + 28, area.width(), 24),
                    count == 0 ? tr("No transitions yet: run the guest.")
                               : tr("Transitions %1–%2 of %3, oldest on the left, at virtual "
                                    "cycles %4–%5")
                                     .arg(first + 1)
                                     .arg(count)
                                     .arg(count)
                                     .arg(transitions()[first].cycle)
                                     .arg(transitions().back().cycle),
                    14, 0x0081, Role::Neutral);
    for (int k = first; k < count; ++k) {
        const Transition& t = transitions()[k];
        const qreal x = plot.left() + (k - first + 0.5) * kColumn;
        // The time spent in the destination lane until the next transition.
        const qreal xEnd = k + 1 < count ? x + kColumn : x + kColumn * 0.5;
        SceneItem stay =
            lineItem(QPointF(x, laneY(t.to)), QPointF(xEnd, laneY(t.to)), roleOf(t.to), 5.0);
        stay.id = QStringLiteral("occupancy");
        stay.sequence = static_cast<qint64>(t.sequence);
        out << stay;
        const qreal y0 = laneY(t.from), y1 = laneY(t.to);
        SceneItem arrow = arrowItem(QStringLiteral("transition"), QPointF(x, y0),
                                    QPointF(x, y1 + (y1 > y0   ? -9
                                                     : y1 < y0 ? 9
                                                               : 0)),
                                    roleOf(t.to));
        arrow.width = 3.0;
        arrow.dashed = t.kind == Transition::Kind::Return;
        arrow.sequence = static_cast<qint64>(t.sequence);
        arrow.selectKey = k;
        out << arrow;
        SceneItem head =
            markerItem(QStringLiteral("transition-marker"), QPointF(x, y1), 14, roleOf(t.to));
        head.sequence = arrow.sequence;
        head.selectKey = k;
        out << head;
        // Returns are the dashed arrows; only what caused a switch is named.
        if (t.kind != Transition::Kind::Return) {
            SceneItem label = textItem(QRectF(x - kColumn, plot.top() - 22, 2 * kColumn, 20),
                                       t.label, 13, 0x0084);
            label.sequence = arrow.sequence;
            out << label;
        }
    }
    addDetails(out, QRectF(area.left(), plot.bottom() + 8, area.width(), kDetails - 12));
    addLegend(out, QRectF(area.left(), area.bottom() - kLegend + 4, area.width(), kLegend - 4),
              {{Role::GuestUser, laneName(Lane::GuestUser)},
               {Role::GuestKernel, laneName(Lane::GuestKernel)},
               {Role::Vmm, laneName(Lane::Vmm)},
               {Role::Host, laneName(Lane::Host)},
               {Role::Neutral, tr("solid arrow: trap or exit, dashed: return")}});
}

void WorldSwitchView::addDetails(SceneItems& out, const QRectF& area) const {
    const int key = effectiveSelection();
    SceneItem panel = boxItem(QStringLiteral("details"), area, Role::Neutral);
    out << panel;
    if (key < 0 || key >= static_cast<int>(transitions().size())) return;
    const Transition& t = transitions()[key];
    SceneItem head = textItem(QRectF(area.left() + 10, area.top() + 4, area.width() - 20, 24),
                              tr("#%1 at cycle %2: %3 → %4 (%5)")
                                  .arg(key + 1)
                                  .arg(t.cycle)
                                  .arg(laneName(t.from), laneName(t.to), t.label),
                              16);
    head.bold = true;
    out << head;
    const qreal lineHeight = 19;
    const int rows = static_cast<int>((area.height() - 30) / lineHeight);
    for (int i = 0; i < t.details.size() && i < rows; ++i)
        out << textItem(QRectF(area.left() + 22, area.top() + 30 + i * lineHeight,
                               area.width() - 32, lineHeight),
                        t.details[i], 14);
}

} // namespace vizor::views::concepts
