// Exporting a concept view to a file: PNG (at any scale, 1x and 2x for slides), SVG and
// PDF. The lesson exporter and the gallery call exportView from code; the views' context
// menu calls it from the GUI. Files are written atomically (QSaveFile).
#pragma once

#include <QString>
#include <optional>

namespace vizor::views::concepts {

class ConceptView;

enum class ExportFormat { Png, Svg, Pdf };

// The format a file name asks for (.png, .svg, .pdf), or nullopt.
std::optional<ExportFormat> exportFormatForPath(const QString& path);

// Renders `view` at its exportSize() times `scale` (PNG; SVG and PDF are vector and keep
// the logical size). False with a message naming the file on failure.
bool exportView(const ConceptView& view, const QString& path, ExportFormat format,
                double scale = 1.0, QString* error = nullptr);

} // namespace vizor::views::concepts
