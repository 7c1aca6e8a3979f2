#include "views/concepts/ConceptExport.h"

#include "views/concepts/ConceptView.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QFileInfo>
#include <QImage>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>

namespace vizor::views::concepts {

namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("vizor::views::concepts::ConceptExport", text);
}

bool writeAtomically(const QString& path, const QByteArray& bytes, QString* error) {
    QSaveFile file(path);
    if (file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size() && file.commit())
        return true;
    if (error) *error = tr("Cannot write %1: %2").arg(path, file.errorString());
    return false;
}

QByteArray renderPng(const ConceptView& view, const QSize& size, double scale) {
    QImage image(QSize(qRound(size.width() * scale), qRound(size.height() * scale)),
                 QImage::Format_ARGB32_Premultiplied);
    image.fill(view.conceptPalette().background);
    view.render(image, size, scale);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.convertToFormat(QImage::Format_RGB32).save(&buffer, "PNG");
    return bytes;
}

QByteArray renderSvg(const ConceptView& view, const QSize& size) {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    QSvgGenerator svg;
    svg.setOutputDevice(&buffer);
    svg.setSize(size);
    svg.setViewBox(QRect(QPoint(0, 0), size));
    svg.setTitle(view.title());
    svg.setDescription(tr("Exported by Vizor"));
    view.render(svg, size, 1.0);
    return bytes;
}

QByteArray renderPdf(const ConceptView& view, const QSize& size) {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter pdf(&buffer);
    pdf.setCreator(QStringLiteral("Vizor"));
    pdf.setTitle(view.title());
    pdf.setResolution(96);
    pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
    pdf.setPageSize(QPageSize(QSizeF(size.width() * 72.0 / 96.0, size.height() * 72.0 / 96.0),
                              QPageSize::Point));
    view.render(pdf, size, 1.0);
    return bytes;
}

} // namespace

std::optional<ExportFormat> exportFormatForPath(const QString& path) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("png")) return ExportFormat::Png;
    if (suffix == QLatin1String("svg")) return ExportFormat::Svg;
    if (suffix == QLatin1String("pdf")) return ExportFormat::Pdf;
    return std::nullopt;
}

bool exportView(const ConceptView& view, const QString& path, ExportFormat format, double scale,
                QString* error) {
    if (!(scale > 0.0 && scale <= 8.0)) {
        if (error) *error = tr("Export scale must be between 0 and 8, not %1").arg(scale);
        return false;
    }
    const QSize size = view.exportSize();
    switch (format) {
    case ExportFormat::Png:
        return writeAtomically(path, renderPng(view, size, scale), error);
    case ExportFormat::Svg:
        return writeAtomically(path, renderSvg(view, size), error);
    case ExportFormat::Pdf:
        return writeAtomically(path, renderPdf(view, size), error);
    }
    return false;
}

} // namespace vizor::views::concepts
