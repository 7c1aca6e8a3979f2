// The speed slider: logarithmic from one instruction a second to 10^8, and then
// "unthrottled" at the right end. Simulation speed only; animation speed is separate.
#pragma once

#include <QWidget>

class QLabel;
class QSlider;

namespace vizor::views {

class SpeedControl : public QWidget {
    Q_OBJECT
public:
    static constexpr int kSteps = 100; // slider positions; the last one is unthrottled

    explicit SpeedControl(QWidget* parent = nullptr);
    int position() const;
    void setPosition(int position);
    QSlider* slider() const { return slider_; }
    QString labelText() const;

    // 0 → 1/s, kSteps-1 → 1e8/s, kSteps → 0 (unthrottled).
    static double instructionsPerSecond(int position);
    static QString speedText(double instructionsPerSecond);

signals:
    void speedChanged(double instructionsPerSecond); // 0 = unthrottled

private:
    QSlider* slider_;
    QLabel* label_;
};

} // namespace vizor::views
