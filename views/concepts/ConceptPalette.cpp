#include "views/concepts/ConceptPalette.h"

namespace vizor::views::concepts {

namespace {

// Okabe & Ito, "Color Universal Design" (2008): distinguishable under the common
// colour-vision deficiencies. In the dark theme the two blues are lifted a little so
// they keep their contrast against a dark background; the hue (the meaning) is the same.
QColor okabeIto(Role role, bool dark) {
    switch (role) {
    case Role::GuestUser:
        return QColor(0x56, 0xB4, 0xE9);
    case Role::GuestKernel:
        return dark ? QColor(0x3A, 0x9A, 0xE0) : QColor(0x00, 0x72, 0xB2);
    case Role::Vmm:
        return QColor(0xD5, 0x5E, 0x00);
    case Role::Host:
        return QColor(0x00, 0x9E, 0x73);
    case Role::Hardware:
        return QColor(0xE6, 0x9F, 0x00);
    case Role::Device:
        return QColor(0xCC, 0x79, 0xA7);
    case Role::Alert:
        return QColor(0xF0, 0xE4, 0x42);
    case Role::Neutral:
        break;
    }
    return dark ? QColor(0xF0, 0xF0, 0xF0) : QColor(0x00, 0x00, 0x00);
}

} // namespace

Shape shapeOf(Role role) {
    switch (role) {
    case Role::GuestUser:
        return Shape::Circle;
    case Role::GuestKernel:
        return Shape::Square;
    case Role::Vmm:
        return Shape::Diamond;
    case Role::Host:
        return Shape::Triangle;
    case Role::Hardware:
        return Shape::Hexagon;
    case Role::Device:
        return Shape::Star;
    case Role::Alert:
        return Shape::Cross;
    case Role::Neutral:
        break;
    }
    return Shape::None;
}

QColor ConceptPalette::color(Role role) const {
    return okabeIto(role, dark);
}

QColor ConceptPalette::tint(Role role) const {
    const QColor c = color(role);
    const qreal mix = dark ? 0.25 : 0.18;
    auto blend = [&](int fg, int bg) { return static_cast<int>(bg + (fg - bg) * mix); };
    return QColor(blend(c.red(), background.red()), blend(c.green(), background.green()),
                  blend(c.blue(), background.blue()));
}

QColor ConceptPalette::textOn(Role role) const {
    // Black on the light Okabe–Ito colours, white on blue and vermillion (WCAG contrast).
    switch (role) {
    case Role::GuestKernel:
    case Role::Vmm:
        return Qt::white;
    case Role::Neutral:
        return background;
    default:
        return Qt::black;
    }
}

ConceptPalette ConceptPalette::light() {
    ConceptPalette p;
    p.dark = false;
    p.background = QColor(0xFF, 0xFF, 0xFF);
    p.panel = QColor(0xF3, 0xF3, 0xF3);
    p.text = QColor(0x10, 0x10, 0x10);
    p.muted = QColor(0x60, 0x60, 0x60);
    p.outline = QColor(0x30, 0x30, 0x30);
    return p;
}

ConceptPalette ConceptPalette::darkPalette() {
    ConceptPalette p;
    p.dark = true;
    p.background = QColor(0x1E, 0x1E, 0x1E);
    p.panel = QColor(0x2B, 0x2B, 0x2B);
    p.text = QColor(0xF0, 0xF0, 0xF0);
    p.muted = QColor(0xA8, 0xA8, 0xA8);
    p.outline = QColor(0xD0, 0xD0, 0xD0);
    return p;
}

} // namespace vizor::views::concepts
