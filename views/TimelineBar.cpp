#include "views/TimelineBar.h"

#include "views/CodeTheme.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <algorithm>

namespace vizor::views {

namespace {
constexpr int kMargin = 10;
}

TimelineBar::TimelineBar(QWidget* parent) : QWidget(parent) {
    setFocusPolicy(Qt::StrongFocus);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setToolTip(tr("Timeline: drag or click to travel to a step; ticks mark traps (red) and "
                  "interrupts (blue)"));
}

QSize TimelineBar::sizeHint() const {
    return {400, fontMetrics().height() + 14};
}

void TimelineBar::setRange(quint64 furthest) {
    if (furthest == furthest_) return;
    furthest_ = furthest;
    update();
}

void TimelineBar::setPosition(quint64 step) {
    if (step == position_) return;
    position_ = step;
    update();
}

void TimelineBar::setMarkers(std::vector<uint64_t> traps, std::vector<uint64_t> interrupts) {
    traps_ = std::move(traps);
    interrupts_ = std::move(interrupts);
    update();
}

QRect TimelineBar::track() const {
    return rect().adjusted(kMargin, 4, -kMargin, -4);
}

quint64 TimelineBar::stepAtX(int x) const {
    const QRect t = track();
    if (furthest_ == 0 || t.width() <= 1) return 0;
    const double f = std::clamp(double(x - t.left()) / double(t.width() - 1), 0.0, 1.0);
    return static_cast<quint64>(std::llround(f * double(furthest_)));
}

int TimelineBar::xOfStep(quint64 step) const {
    const QRect t = track();
    if (furthest_ == 0) return t.left();
    return t.left() + static_cast<int>(double(std::min(step, furthest_)) / double(furthest_) *
                                       double(t.width() - 1));
}

void TimelineBar::paintEvent(QPaintEvent*) {
    QPainter p(this);
    const QPalette& pal = palette();
    const bool dark = isDarkPalette(pal);
    const QRect t = track();
    p.fillRect(t, pal.color(QPalette::Base));
    p.setPen(pal.color(QPalette::Mid));
    p.drawRect(t.adjusted(0, 0, -1, -1));
    // Drawn per pixel column, not per event: a long run has far more events than pixels.
    const auto ticks = [&](const std::vector<uint64_t>& steps, QColor colour, int top, int bottom) {
        p.setPen(colour);
        int last = -1;
        for (quint64 s : steps) {
            const int x = xOfStep(s);
            if (x == last) continue;
            p.drawLine(x, top, x, bottom);
            last = x;
        }
    };
    const int mid = t.center().y();
    ticks(traps_, dark ? QColor(0xf87171) : QColor(0xdc2626), t.top() + 2, mid);
    ticks(interrupts_, dark ? QColor(0x60a5fa) : QColor(0x2563eb), mid, t.bottom() - 2);
    // The past is shaded: everything up to the present has happened.
    const int x = xOfStep(position());
    QColor past = pal.color(QPalette::Highlight);
    past.setAlpha(50);
    p.fillRect(QRect(QPoint(t.left(), t.top()), QPoint(x, t.bottom())), past);
    p.setPen(QPen(pal.color(QPalette::Highlight), 3));
    p.drawLine(x, rect().top() + 1, x, rect().bottom() - 1);
    if (hasFocus()) {
        p.setPen(QPen(pal.color(QPalette::Highlight), 1, Qt::DotLine));
        p.drawRect(rect().adjusted(0, 0, -1, -1));
    }
}

void TimelineBar::mousePressEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton || furthest_ == 0) return;
    dragging_ = true;
    preview_ = stepAtX(event->position().toPoint().x());
    update();
}

void TimelineBar::mouseMoveEvent(QMouseEvent* event) {
    if (!dragging_) return;
    preview_ = stepAtX(event->position().toPoint().x());
    setToolTip(tr("Step %L1").arg(preview_));
    update();
}

void TimelineBar::mouseReleaseEvent(QMouseEvent* event) {
    if (!dragging_ || event->button() != Qt::LeftButton) return;
    dragging_ = false;
    preview_ = stepAtX(event->position().toPoint().x());
    position_ = preview_;
    update();
    Q_EMIT stepRequested(preview_);
}

// Left/Right move by about one percent of the run; Home/End to the ends.
void TimelineBar::keyPressEvent(QKeyEvent* event) {
    const quint64 stride = std::max<quint64>(1, furthest_ / 100);
    quint64 target = position_;
    switch (event->key()) {
    case Qt::Key_Left:
        target = position_ > stride ? position_ - stride : 0;
        break;
    case Qt::Key_Right:
        target = std::min(furthest_, position_ + stride);
        break;
    case Qt::Key_Home:
        target = 0;
        break;
    case Qt::Key_End:
        target = furthest_;
        break;
    default:
        return QWidget::keyPressEvent(event);
    }
    Q_EMIT stepRequested(target);
}

} // namespace vizor::views
