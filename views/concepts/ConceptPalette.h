// One colour-blind-safe palette for every concept view: the eight Okabe–Ito colours,
// each with exactly one meaning in all views (a VMM is vermillion everywhere), and each
// meaning also carried by a shape and a label, so no view relies on colour alone.
#pragma once

#include <QColor>
#include <QString>

namespace vizor::views::concepts {

// What a colour means. Views pick a role, never a raw colour.
enum class Role {
    GuestUser,   // the guest's user programs (sky blue, circle)
    GuestKernel, // the guest kernel (blue, square)
    Vmm,         // the hypervisor / VMM / firmware below the guest (vermillion, diamond)
    Host,        // host tasks and cgroups (bluish green, triangle)
    Hardware,    // what the hardware does by itself: TLB, walker, cache hits (orange, hexagon)
    Device,      // devices, virtqueues and interrupts (reddish purple, star)
    Alert,       // throttling, OOM, invalidation, "sensitive but not privileged" (yellow, cross)
    Neutral,     // text, axes, idle (black / white)
};

enum class Shape { Circle, Square, Diamond, Triangle, Hexagon, Star, Cross, None };

Shape shapeOf(Role role);

struct ConceptPalette {
    bool dark = false;
    QColor background;
    QColor panel; // boxes and lanes behind the drawing
    QColor text;
    QColor muted; // secondary text, grid lines
    QColor outline;

    QColor color(Role role) const;
    // A pale version of the role's colour for large filled areas behind text.
    QColor tint(Role role) const;
    // Text drawn on top of a filled marker of this role.
    QColor textOn(Role role) const;

    static ConceptPalette light();
    static ConceptPalette darkPalette();
};

} // namespace vizor::views::concepts
