#include "views/CodeTheme.h"

namespace vizor::views {

namespace {

// Token order: Mnemonic, Register, Directive, Label, Number, Comment, String, Relocation.
// Light colours keep at least 4.5:1 contrast on white, dark ones on #1e1e1e, so they
// stay legible on a washed-out projector too.
const CodeTheme kLight{
    {QColor(0x1d4ed8), QColor(0x7e22ce), QColor(0xa16207), QColor(0x047857), QColor(0xc2410c),
     QColor(0x6b7280), QColor(0xbe185d), QColor(0xa16207)},
    QColor(0xfff1a8),
    QColor(0xd97706),
    QColor(0xdc2626),
    QColor(0xdc2626),
    QColor(0xf3f4f6),
    QColor(0x6b7280),
    QColor(0xfde68a),
    QColor(0xc7d2fe),
};

const CodeTheme kDark{
    {QColor(0x82b4ff), QColor(0xd0a8ff), QColor(0xf2c46d), QColor(0x5fd4a8), QColor(0xffa372),
     QColor(0x9aa3ad), QColor(0xf7a1c9), QColor(0xf2c46d)},
    QColor(0x4a4215),
    QColor(0xfbbf24),
    QColor(0xf05252),
    QColor(0xff6b6b),
    QColor(0x252526),
    QColor(0x8b949e),
    QColor(0x6b5a10),
    QColor(0x33407a),
};

} // namespace

bool isDarkPalette(const QPalette& palette) {
    return palette.color(QPalette::Base).lightness() < 128;
}

const CodeTheme& codeTheme(bool dark) {
    return dark ? kDark : kLight;
}

const CodeTheme& codeThemeFor(const QPalette& palette) {
    return codeTheme(isDarkPalette(palette));
}

QColor tokenColor(const CodeTheme& theme, AsmTokenKind kind) {
    return theme.tokens[static_cast<int>(kind)];
}

} // namespace vizor::views
