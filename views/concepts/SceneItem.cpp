#include "views/concepts/SceneItem.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>
#include <QtMath>

namespace vizor::views::concepts {

QFont conceptFont(int pixelSize, bool bold) {
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPixelSize(pixelSize);
    font.setBold(bold);
    // No hinting tied to the screen: exports look the same wherever they are made.
    font.setHintingPreference(QFont::PreferNoHinting);
    font.setStyleStrategy(QFont::NoSubpixelAntialias);
    return font;
}

namespace {

QPolygonF regularPolygon(const QPointF& c, qreal r, int sides, qreal startDeg) {
    QPolygonF poly;
    for (int i = 0; i < sides; ++i) {
        const qreal a = qDegreesToRadians(startDeg + 360.0 * i / sides);
        poly << QPointF(c.x() + r * qCos(a), c.y() + r * qSin(a));
    }
    return poly;
}

QPolygonF star(const QPointF& c, qreal r) {
    QPolygonF poly;
    for (int i = 0; i < 10; ++i) {
        const qreal a = qDegreesToRadians(-90.0 + 36.0 * i);
        const qreal ri = i % 2 ? r * 0.45 : r;
        poly << QPointF(c.x() + ri * qCos(a), c.y() + ri * qSin(a));
    }
    return poly;
}

QPen pen(const QColor& color, qreal width, bool dashed) {
    QPen p(color, width);
    p.setCapStyle(Qt::FlatCap);
    p.setJoinStyle(Qt::MiterJoin);
    if (dashed) p.setStyle(Qt::DashLine);
    return p;
}

void paintBox(QPainter& painter, const SceneItem& item, const ConceptPalette& palette) {
    const QColor fill = item.strong                  ? palette.color(item.role)
                        : item.role == Role::Neutral ? palette.panel
                                                     : palette.tint(item.role);
    painter.setBrush(fill);
    if (item.outlined || item.selected) {
        const QColor border = item.role == Role::Neutral ? palette.muted : palette.color(item.role);
        painter.setPen(
            pen(item.selected ? palette.text : border, item.selected ? 3.0 : 1.5, item.dashed));
    } else {
        painter.setPen(Qt::NoPen);
    }
    painter.drawRect(item.rect);
    if (item.text.isEmpty()) return;
    painter.setFont(conceptFont(item.fontPx, item.bold));
    painter.setPen(item.strong ? palette.textOn(item.role) : palette.text);
    painter.drawText(item.rect.adjusted(6, 2, -6, -2), item.align | Qt::TextWordWrap, item.text);
}

void paintArrow(QPainter& painter, const SceneItem& item, const ConceptPalette& palette,
                qreal reveal) {
    const QPointF to = item.from + (item.to - item.from) * reveal;
    const QColor color = palette.color(item.role);
    painter.setPen(pen(color, item.selected ? item.width + 2 : item.width, item.dashed));
    painter.drawLine(item.from, to);
    const QLineF line(item.from, to);
    if (line.length() < 1.0) return;
    const qreal angle = qDegreesToRadians(line.angle());
    const qreal head = 9.0 + item.width;
    QPolygonF tip;
    tip << to << to + QPointF(-head * qCos(angle - 0.45), head * qSin(angle - 0.45))
        << to + QPointF(-head * qCos(angle + 0.45), head * qSin(angle + 0.45));
    painter.setPen(Qt::NoPen);
    painter.setBrush(color);
    painter.drawPolygon(tip);
}

} // namespace

void paintMarker(QPainter& painter, Shape shape, const QRectF& box, const QColor& fill,
                 const QColor& outline) {
    const QPointF c = box.center();
    const qreal r = qMin(box.width(), box.height()) / 2.0;
    painter.setBrush(fill);
    painter.setPen(QPen(outline, 1.5));
    switch (shape) {
    case Shape::Circle:
        painter.drawEllipse(c, r, r);
        break;
    case Shape::Square:
        painter.drawRect(QRectF(c.x() - r * 0.85, c.y() - r * 0.85, r * 1.7, r * 1.7));
        break;
    case Shape::Diamond:
        painter.drawPolygon(regularPolygon(c, r * 1.1, 4, -90));
        break;
    case Shape::Triangle:
        painter.drawPolygon(regularPolygon(c + QPointF(0, r * 0.15), r * 1.1, 3, -90));
        break;
    case Shape::Hexagon:
        painter.drawPolygon(regularPolygon(c, r, 6, 0));
        break;
    case Shape::Star:
        painter.drawPolygon(star(c, r * 1.15));
        break;
    case Shape::Cross: {
        const qreal t = r * 0.38;
        QPolygonF plus;
        plus << QPointF(-t, -r) << QPointF(t, -r) << QPointF(t, -t) << QPointF(r, -t)
             << QPointF(r, t) << QPointF(t, t) << QPointF(t, r) << QPointF(-t, r) << QPointF(-t, t)
             << QPointF(-r, t) << QPointF(-r, -t) << QPointF(-t, -t);
        painter.drawPolygon(plus.translated(c));
        break;
    }
    case Shape::None:
        break;
    }
}

void paintItem(QPainter& painter, const SceneItem& item, const ConceptPalette& palette,
               qreal reveal) {
    if (reveal <= 0.0) return;
    painter.save();
    painter.setOpacity(item.kind == SceneItem::Kind::Arrow ? 1.0 : reveal);
    switch (item.kind) {
    case SceneItem::Kind::Box:
        paintBox(painter, item, palette);
        break;
    case SceneItem::Kind::Marker: {
        const Shape shape = item.shape == Shape::None ? shapeOf(item.role) : item.shape;
        paintMarker(painter, shape, item.rect, palette.color(item.role),
                    item.selected ? palette.text : palette.outline);
        break;
    }
    case SceneItem::Kind::Arrow:
        paintArrow(painter, item, palette, reveal);
        break;
    case SceneItem::Kind::Line:
        painter.setPen(pen(item.role == Role::Neutral ? palette.muted : palette.color(item.role),
                           item.width, item.dashed));
        painter.drawLine(item.from, item.to);
        break;
    case SceneItem::Kind::Text:
        painter.setFont(conceptFont(item.fontPx, item.bold));
        painter.setPen(item.onFill                  ? palette.textOn(item.role)
                       : item.role == Role::Neutral ? palette.text
                                                    : palette.color(item.role));
        painter.drawText(item.rect, item.align | Qt::TextWordWrap, item.text);
        break;
    }
    painter.restore();
}

SceneItem textItem(const QRectF& rect, const QString& text, int fontPx, int align, Role role) {
    SceneItem item;
    item.kind = SceneItem::Kind::Text;
    item.id = QStringLiteral("text");
    item.rect = rect;
    item.text = text;
    item.fontPx = fontPx;
    item.align = align;
    item.role = role;
    return item;
}

SceneItem boxItem(const QString& id, const QRectF& rect, Role role, const QString& text) {
    SceneItem item;
    item.kind = SceneItem::Kind::Box;
    item.id = id;
    item.rect = rect;
    item.role = role;
    item.text = text;
    return item;
}

SceneItem markerItem(const QString& id, const QPointF& centre, qreal size, Role role, Shape shape) {
    SceneItem item;
    item.kind = SceneItem::Kind::Marker;
    item.id = id;
    item.rect = QRectF(centre.x() - size / 2, centre.y() - size / 2, size, size);
    item.role = role;
    item.shape = shape;
    return item;
}

SceneItem arrowItem(const QString& id, const QPointF& from, const QPointF& to, Role role) {
    SceneItem item;
    item.kind = SceneItem::Kind::Arrow;
    item.id = id;
    item.from = from;
    item.to = to;
    item.role = role;
    return item;
}

SceneItem lineItem(const QPointF& from, const QPointF& to, Role role, qreal width, bool dashed) {
    SceneItem item;
    item.kind = SceneItem::Kind::Line;
    item.id = QStringLiteral("line");
    item.from = from;
    item.to = to;
    item.role = role;
    item.width = width;
    item.dashed = dashed;
    return item;
}

void addLegend(SceneItems& out, const QRectF& area, const QList<QPair<Role, QString>>& entries) {
    const QFontMetricsF metrics(conceptFont(14));
    qreal x = area.left();
    const qreal y = area.center().y();
    for (const auto& [role, label] : entries) {
        out << markerItem(QStringLiteral("legend"), QPointF(x + 8, y), 14, role);
        const qreal w = metrics.horizontalAdvance(label) + 8;
        out << textItem(QRectF(x + 20, area.top(), w, area.height()), label, 14);
        x += 20 + w + 18;
    }
}

} // namespace vizor::views::concepts
