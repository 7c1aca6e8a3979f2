// What a concept view draws, as data: boxes, markers, arrows, lines and text, each tied
// to the engine event it shows (for the reveal animation) and named by what it stands
// for (tests count "transition" or "reference" items). One painter draws them all, so
// every view looks alike and renders the same pixels for the same events.
#pragma once

#include "views/concepts/ConceptPalette.h"

#include <QFont>
#include <QList>
#include <QPointF>
#include <QRectF>
#include <QString>

class QPainter;

namespace vizor::views::concepts {

struct SceneItem {
    enum class Kind { Box, Marker, Arrow, Line, Text };
    Kind kind = Kind::Box;
    QString id;   // what it stands for ("transition", "reference", "lane"...)
    QRectF rect;  // Box, Marker (its centre and size), Text
    QPointF from; // Arrow, Line
    QPointF to;   // Arrow, Line
    Role role = Role::Neutral;
    Shape shape = Shape::None; // Marker: defaults to the role's shape
    bool strong = false;       // Box: filled with the role's colour instead of its tint
    bool outlined = true;      // Box: draw the border
    bool dashed = false;       // Line, Arrow, Box border
    bool onFill = false;       // Text: drawn over a strong box of `role` (its text colour)
    qreal width = 2.0;         // Line, Arrow: pen width
    QString text;              // Box: centred label; Text: the text
    int fontPx = 15;
    bool bold = false;
    int align = 0x0084;    // Qt::AlignCenter
    qint64 sequence = -1;  // the engine event shown; newer ones animate in (and out)
    int selectKey = -1;    // a click on the item selects this key (-1: not selectable)
    bool selected = false; // drawn with a heavier outline
};

using SceneItems = QList<SceneItem>;

// Draws one item; `reveal` in [0, 1] is how far its appearance has progressed.
void paintItem(QPainter& painter, const SceneItem& item, const ConceptPalette& palette,
               qreal reveal);
void paintMarker(QPainter& painter, Shape shape, const QRectF& box, const QColor& fill,
                 const QColor& outline);
// The fixed font every view uses (the same on every machine with DejaVu installed).
QFont conceptFont(int pixelSize, bool bold = false);

// Small builders used by every view.
SceneItem textItem(const QRectF& rect, const QString& text, int fontPx = 15,
                   int align = 0x0081 /* left | vcenter */, Role role = Role::Neutral);
SceneItem boxItem(const QString& id, const QRectF& rect, Role role, const QString& text = {});
SceneItem markerItem(const QString& id, const QPointF& centre, qreal size, Role role,
                     Shape shape = Shape::None);
SceneItem arrowItem(const QString& id, const QPointF& from, const QPointF& to, Role role);
SceneItem lineItem(const QPointF& from, const QPointF& to, Role role, qreal width = 1.0,
                   bool dashed = false);

// A legend row: a marker in each role's colour and shape, followed by its label.
void addLegend(SceneItems& out, const QRectF& area, const QList<QPair<Role, QString>>& entries);

} // namespace vizor::views::concepts
