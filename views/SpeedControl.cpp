#include "views/SpeedControl.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <cmath>

namespace vizor::views {

namespace {
constexpr double kMaxDecades = 8; // 10^8 instructions a second before "unthrottled"
}

SpeedControl::SpeedControl(QWidget* parent)
    : QWidget(parent), slider_(new QSlider(Qt::Horizontal, this)), label_(new QLabel(this)) {
    slider_->setRange(0, kSteps);
    slider_->setValue(kSteps);
    slider_->setFixedWidth(160);
    setSizePolicy(QSizePolicy::Maximum, QSizePolicy::Fixed);
    slider_->setToolTip(tr("Simulation speed, from one instruction a second to unthrottled"));
    label_->setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("999.9 M instr/s")));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 0, 6, 0);
    layout->addWidget(new QLabel(tr("Speed"), this));
    layout->addWidget(slider_);
    layout->addWidget(label_);
    connect(slider_, &QSlider::valueChanged, this, [this](int value) {
        label_->setText(labelText());
        Q_EMIT speedChanged(instructionsPerSecond(value));
    });
    label_->setText(labelText());
}

int SpeedControl::position() const {
    return slider_->value();
}

void SpeedControl::setPosition(int position) {
    slider_->setValue(position);
}

QString SpeedControl::labelText() const {
    return speedText(instructionsPerSecond(slider_->value()));
}

double SpeedControl::instructionsPerSecond(int position) {
    if (position >= kSteps) return 0;
    return std::pow(10.0, kMaxDecades * std::max(0, position) / (kSteps - 1));
}

QString SpeedControl::speedText(double ips) {
    if (ips <= 0) return tr("unthrottled");
    if (ips < 1000) return tr("%1 instr/s").arg(std::round(ips));
    if (ips < 1e6) return tr("%1 k instr/s").arg(ips / 1e3, 0, 'f', 1);
    return tr("%1 M instr/s").arg(ips / 1e6, 0, 'f', 1);
}

} // namespace vizor::views
