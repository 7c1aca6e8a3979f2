// Drawing benchmark for the concept views: each view plays its real scenario (see
// views/concepts/ConceptGallery) for a fixed time offscreen at 1280x720, as the GUI
// would: every 6th frame a snapshot's worth of events arrives (the bridge publishes at
// most 60 Hz; views get a batch every ~100 ms) and a transition starts; every frame the
// animation advances 16 ms and the view is drawn. Reports the frame-time p95 and max per
// view; fails if a p95 is above one 60 Hz frame (16 ms).
#include "views/concepts/ConceptGallery.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QImage>
#include <algorithm>
#include <cstdio>
#include <cstring>

using namespace vizor::views::concepts;

namespace {

constexpr int kFrameMs = 16;
constexpr int kFramesPerBatch = 6;
constexpr double kTargetMs = 16.0;

struct Result {
    std::size_t frames = 0;
    double p95 = 0, max = 0, median = 0;
};

Result play(GalleryScene& scene, double seconds) {
    ConceptView& view = *scene.view;
    view.setSpeedPosition(50);
    const std::size_t total = scene.events.size();
    const std::size_t batches = std::max<std::size_t>(
        1, static_cast<std::size_t>(seconds * 1000 / kFrameMs / kFramesPerBatch));
    const std::size_t batch = std::max<std::size_t>(1, total / batches + 1);
    QImage frame(ConceptView::defaultExportSize(), QImage::Format_ARGB32_Premultiplied);
    std::vector<double> times;
    std::size_t next = 0;
    QElapsedTimer wall;
    wall.start();
    for (int f = 0; wall.elapsed() < seconds * 1000; ++f) {
        QElapsedTimer t;
        t.start();
        if (f % kFramesPerBatch == 0 && total) {
            if (next >= total) { // played through: start over, as a reset would
                view.clearEvents();
                next = 0;
            }
            const std::size_t end = std::min(total, next + batch);
            feedView(view, UINT64_MAX,
                     {scene.events.begin() + static_cast<std::ptrdiff_t>(next),
                      scene.events.begin() + static_cast<std::ptrdiff_t>(end)});
            next = end;
        }
        view.seekAnimation((f % kFramesPerBatch) * kFrameMs);
        view.render(frame, frame.size(), 1.0);
        times.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
    }
    std::sort(times.begin(), times.end());
    Result r;
    r.frames = times.size();
    r.median = times[times.size() / 2];
    r.p95 = times[std::min(times.size() - 1, times.size() * 95 / 100)];
    r.max = times.back();
    return r;
}

} // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    double seconds = 10;
    const char* only = nullptr;
    for (int i = 1; i + 1 < argc; ++i) {
        if (!std::strcmp(argv[i], "--seconds")) seconds = std::atof(argv[i + 1]);
        if (!std::strcmp(argv[i], "--only")) only = argv[i + 1];
    }
    std::string error;
    std::vector<GalleryScene> scenes = galleryScenes(error);
    if (!error.empty()) {
        std::fprintf(stderr, "bench_views: %s\n", error.c_str());
        return 1;
    }
    bool ok = true;
    std::printf("%-26s %8s %10s %10s %10s\n", "view (1280x720)", "frames", "median ms", "p95 ms",
                "max ms");
    for (GalleryScene& scene : scenes) {
        if (only && scene.name != QLatin1String(only)) continue;
        const Result r = play(scene, seconds);
        const bool pass = r.p95 <= kTargetMs;
        ok &= pass;
        std::printf("%-26s %8zu %10.2f %10.2f %10.2f  %s\n", qPrintable(scene.name), r.frames,
                    r.median, r.p95, r.max, pass ? "ok" : "ABOVE 16 ms");
        std::fflush(stdout);
    }
    return ok ? 0 : 1;
}
