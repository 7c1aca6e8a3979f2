// The timeline scrubber: a strip over the recorded run, from step 0 to the furthest step
// reached, with the present as a handle and traps and interrupts as ticks. Dragging
// previews a position; releasing asks to travel there (the owner calls the debugger's
// goTo, which restores the nearest snapshot and replays).
#pragma once

#include <QWidget>
#include <cstdint>
#include <vector>

namespace vizor::views {

class TimelineBar : public QWidget {
    Q_OBJECT
public:
    explicit TimelineBar(QWidget* parent = nullptr);

    void setRange(quint64 furthest);
    void setPosition(quint64 step);
    void setMarkers(std::vector<uint64_t> traps, std::vector<uint64_t> interrupts);
    quint64 position() const { return dragging_ ? preview_ : position_; }
    quint64 furthest() const { return furthest_; }
    // The step under an x coordinate (for tests and the mouse).
    quint64 stepAtX(int x) const;
    int xOfStep(quint64 step) const;

    QSize sizeHint() const override;

signals:
    void stepRequested(quint64 step);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    QRect track() const;

    quint64 furthest_ = 0;
    quint64 position_ = 0;
    quint64 preview_ = 0;
    bool dragging_ = false;
    std::vector<uint64_t> traps_, interrupts_;
};

} // namespace vizor::views
