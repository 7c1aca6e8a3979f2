#include "app/FrameTimeProbe.h"

#include <QAction>
#include <QCoreApplication>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QKeySequence>
#include <QTimer>
#include <QWidget>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <vector>

namespace vizor::app {

namespace {

// CPU time of the GUI thread, in ms: on a busy machine a frame's wall time also counts
// other programs' turns.
double threadCpuMs() {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) * 1e-6;
}

// This process's peak resident memory (VmHWM, Linux), or an empty string elsewhere.
QByteArray peakResident() {
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly)) return {};
    for (const QByteArray& line : status.readAll().split('\n'))
        if (line.startsWith("VmHWM:")) return line.mid(6).simplified();
    return {};
}

class FrameTimeProbe : public QObject {
public:
    FrameTimeProbe(QWidget& window, double seconds)
        : QObject(&window), window_(window), seconds_(seconds) {}

    void start() {
        for (QDockWidget* dock : window_.findChildren<QDockWidget*>()) {
            dock->setFloating(true);
            dock->resize(640, 420);
            dock->show();
            widgets_.push_back(dock);
        }
        widgets_.push_back(&window_);
        if (QAction* run = continueAction())
            run->trigger();
        else
            std::fprintf(stderr, "frame probe: no Continue (F5) action\n");
        tick_ = new QTimer(this);
        tick_->setInterval(16);
        connect(tick_, &QTimer::timeout, this, [this] { frame(); });
        tick_->start();
    }

private:
    QAction* continueAction() const {
        for (QAction* action : window_.findChildren<QAction*>())
            if (action->shortcut() == QKeySequence(Qt::Key_F5)) return action;
        return nullptr;
    }

    // One frame: every open window drawn as its repaint would draw it.
    // The clock starts at the first frame: opening the docks is start-up, not drawing.
    void frame() {
        if (!wall_.isValid()) wall_.start();
        if (wall_.elapsed() > seconds_ * 1000) return finish();
        QElapsedTimer timer;
        timer.start();
        const double cpuStart = threadCpuMs();
        for (QWidget* widget : widgets_) {
            if (!widget->isVisible()) continue;
            QImage image(widget->size(), QImage::Format_ARGB32_Premultiplied);
            widget->render(&image);
        }
        times_.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
        cpuTimes_.push_back(threadCpuMs() - cpuStart);
    }

    void finish() {
        tick_->stop();
        std::sort(times_.begin(), times_.end());
        std::sort(cpuTimes_.begin(), cpuTimes_.end());
        const auto quantile = [](const std::vector<double>& v, double q) {
            return v.empty() ? 0.0
                             : v[static_cast<std::size_t>(q * static_cast<double>(v.size() - 1))];
        };
        const auto at = [&](double q) { return quantile(times_, q); };
        std::fprintf(stderr,
                     "frame probe: %zu windows, %zu frames, median %.2f ms, p95 %.2f ms, max "
                     "%.2f ms; CPU p95 %.2f ms; VmHWM %s\n",
                     widgets_.size(), times_.size(), at(0.5), at(0.95), at(1.0),
                     quantile(cpuTimes_, 0.95), peakResident().constData());
        std::fflush(stderr);
        QCoreApplication::quit();
    }

    QWidget& window_;
    double seconds_;
    std::vector<QWidget*> widgets_;
    std::vector<double> times_, cpuTimes_;
    QElapsedTimer wall_;
    QTimer* tick_ = nullptr;
};

} // namespace

void installFrameTimeProbe(QWidget& window) {
    const double seconds = qEnvironmentVariable("VIZOR_FRAME_PROBE").toDouble();
    if (seconds <= 0) return;
    auto* probe = new FrameTimeProbe(window, seconds);
    QTimer::singleShot(0, probe, [probe] { probe->start(); });
}

} // namespace vizor::app
