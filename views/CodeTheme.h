// Colours of the code views, chosen as data for a light and a dark palette. Qt 6.4 has
// no colour-scheme API, so "dark" is read from the palette's window colour.
#pragma once

#include "views/AsmLexer.h"

#include <QColor>
#include <QPalette>

namespace vizor::views {

struct CodeTheme {
    QColor tokens[8];       // indexed by AsmTokenKind
    QColor executionLine;   // background of the line about to execute
    QColor executionMarker; // the arrow in the gutter
    QColor breakpoint;
    QColor error;
    QColor gutterBackground;
    QColor gutterText;
    QColor changedValue; // register view: background of a value that changed
    QColor watched;      // memory view: background of a watched word
};

bool isDarkPalette(const QPalette& palette);
const CodeTheme& codeTheme(bool dark);
const CodeTheme& codeThemeFor(const QPalette& palette);
QColor tokenColor(const CodeTheme& theme, AsmTokenKind kind);

} // namespace vizor::views
