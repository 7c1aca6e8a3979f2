#include "app/FirstPaintProbe.h"

#include <QCoreApplication>
#include <QEvent>
#include <QTimer>
#include <QWidget>

#include <cstdio>
#include <ctime>

namespace vizor::app {

namespace {

double wallClockSeconds() {
    timespec now{};
    clock_gettime(CLOCK_REALTIME, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

class FirstPaintProbe : public QObject {
public:
    explicit FirstPaintProbe(QWidget& window) : QObject(&window), window_(window) {}

    bool eventFilter(QObject* watched, QEvent* event) override {
        if (watched == &window_ && event->type() == QEvent::Paint && !seen_) {
            seen_ = true;
            std::fprintf(stderr, "first paint event: %.6f\n", wallClockSeconds());
            // Queued: it runs once this paint and the children's are done and flushed.
            QTimer::singleShot(0, this, [] {
                // CPU time too: on a busy machine the wall clock also counts others' work.
                std::fprintf(stderr, "first frame done: %.6f (CPU %.3f s)\n", wallClockSeconds(),
                             static_cast<double>(std::clock()) / CLOCKS_PER_SEC);
                std::fflush(stderr);
                QCoreApplication::quit();
            });
        }
        return false;
    }

private:
    QWidget& window_;
    bool seen_ = false;
};

} // namespace

void installFirstPaintProbe(QWidget& window) {
    if (qEnvironmentVariableIsEmpty("VIZOR_FIRST_PAINT")) return;
    window.installEventFilter(new FirstPaintProbe(window));
}

} // namespace vizor::app
