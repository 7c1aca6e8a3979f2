// vizor_gallery: exports every concept view from its real scenario, light and dark, as
// PNG (the README's gallery), or a single view: vizor_gallery --out DIR [--only NAME]
// [--scale S] [--format png|svg|pdf].
#include "views/concepts/ConceptExport.h"
#include "views/concepts/ConceptGallery.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <cstdio>

using namespace vizor::views::concepts;

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({"out", "Directory for the pictures.", "dir"});
    parser.addOption({"only", "Export only this scene.", "name"});
    parser.addOption({"scale", "PNG scale (1 or 2).", "scale", "1"});
    parser.addOption({"format", "png, svg or pdf.", "format", "png"});
    parser.process(app);
    if (!parser.isSet("out")) {
        std::fprintf(stderr, "vizor_gallery: --out DIR is required\n");
        return 2;
    }
    const QDir out(parser.value("out"));
    if (!QDir().mkpath(out.path())) {
        std::fprintf(stderr, "vizor_gallery: cannot create %s\n", qPrintable(out.path()));
        return 1;
    }
    const QString suffix = parser.value("format").toLower();
    const auto format = exportFormatForPath("x." + suffix);
    if (!format) {
        std::fprintf(stderr, "vizor_gallery: unknown format '%s'\n", qPrintable(suffix));
        return 2;
    }
    std::string error;
    std::vector<GalleryScene> scenes = galleryScenes(error);
    if (!error.empty()) {
        std::fprintf(stderr, "vizor_gallery: %s\n", error.c_str());
        return 1;
    }
    for (GalleryScene& scene : scenes) {
        if (parser.isSet("only") && parser.value("only") != scene.name) continue;
        scene.view->setReduceMotion(true);
        feedView(*scene.view, UINT64_MAX, scene.events);
        for (const bool dark : {false, true}) {
            scene.view->setDark(dark);
            const QString path = out.filePath(
                QStringLiteral("%1-%2.%3").arg(scene.name, dark ? "dark" : "light", suffix));
            QString message;
            if (!exportView(*scene.view, path, *format, parser.value("scale").toDouble(),
                            &message)) {
                std::fprintf(stderr, "vizor_gallery: %s\n", qPrintable(message));
                return 1;
            }
            std::printf("%s  (%s)\n", qPrintable(path), qPrintable(scene.description));
        }
    }
    return 0;
}
