#include "views/ScenarioView.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace vizor::views {

QString modeDescription(const QString& mode) {
    if (mode == QLatin1String("native"))
        return ScenarioView::tr("The kernel runs on the bare machine, its own firmware included.");
    if (mode == QLatin1String("emulate"))
        return ScenarioView::tr("The VMM interprets every guest instruction on a software CPU.");
    if (mode == QLatin1String("trap"))
        return ScenarioView::tr("Trap and emulate: the kernel runs deprivileged; each privileged "
                                "instruction traps to the VMM, which emulates it.");
    if (mode == QLatin1String("bt"))
        return ScenarioView::tr("Binary translation: kernel code runs from a translation cache; "
                                "sensitive instructions become calls into the VMM.");
    if (mode == QLatin1String("patch"))
        return ScenarioView::tr("Binary patching: sensitive instructions are patched in place "
                                "before the kernel's code first runs.");
    if (mode == QLatin1String("pv"))
        return ScenarioView::tr("Paravirtualization: the kernel asks the VMM with hypercalls "
                                "instead of trapping.");
    if (mode == QLatin1String("hw"))
        return ScenarioView::tr("Hardware-assisted: the kernel runs in VS-mode; only configured "
                                "events leave the guest as VM exits.");
    return {};
}

ScenarioView::ScenarioView(QWidget* parent)
    : QWidget(parent), mode_(new QComboBox(this)), x86_(new QCheckBox(this)),
      costs_(new QLineEdit(this)), browse_(new QPushButton(this)), apply_(new QPushButton(this)),
      hint_(new QLabel(this)), status_(new QLabel(this)), modeLabel_(new QLabel(this)),
      costsLabel_(new QLabel(this)) {
    mode_->setObjectName(QStringLiteral("scenarioMode"));
    apply_->setObjectName(QStringLiteral("scenarioApply"));
    hint_->setWordWrap(true);
    status_->setWordWrap(true);
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* costsRow = new QHBoxLayout;
    costsRow->addWidget(costs_, 1);
    costsRow->addWidget(browse_);
    auto* form = new QFormLayout;
    form->addRow(modeLabel_, mode_);
    form->addRow(QString(), x86_);
    form->addRow(costsLabel_, costsRow);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(form);
    layout->addWidget(hint_);
    layout->addWidget(apply_, 0, Qt::AlignLeft);
    layout->addWidget(status_);
    layout->addStretch(1);

    connect(mode_, &QComboBox::currentIndexChanged, this, &ScenarioView::updateHint);
    connect(browse_, &QPushButton::clicked, this, &ScenarioView::browse);
    connect(apply_, &QPushButton::clicked, this, [this] {
        Q_EMIT applyRequested(mode_->currentText(), x86_->isChecked(), costs_->text().trimmed());
    });
    retranslate();
}

void ScenarioView::setModes(const QStringList& modes) {
    const QString current = mode_->currentText();
    mode_->clear();
    mode_->addItems(modes);
    if (modes.contains(current)) mode_->setCurrentText(current);
}

void ScenarioView::showScenario(const QString& mode, bool x86Sensitive,
                                const QString& costModelFile) {
    mode_->setCurrentText(mode);
    x86_->setChecked(x86Sensitive);
    costs_->setText(costModelFile);
    status_->setText(
        tr("In force: %1%2").arg(mode, x86Sensitive ? tr(", x86-sensitive") : QString()));
    updateHint();
}

void ScenarioView::showError(const QString& message) {
    status_->setText(tr("Not applied: %1").arg(message));
}

void ScenarioView::updateHint() {
    hint_->setText(modeDescription(mode_->currentText()));
}

void ScenarioView::browse() {
    const QString file = QFileDialog::getOpenFileName(
        this, tr("Cost model"), costs_->text(), tr("Cost models (*.costs *.txt);;All files (*)"));
    if (!file.isEmpty()) costs_->setText(file);
}

void ScenarioView::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslate();
    QWidget::changeEvent(event);
}

void ScenarioView::retranslate() {
    modeLabel_->setText(tr("Mode"));
    x86_->setText(tr("x86-sensitive (Popek–Goldberg variant)"));
    x86_->setToolTip(tr("In U-mode, reading sstatus or satp returns the real value and "
                        "clearing sstatus.SIE is silently dropped, as PUSHF and POPF do on x86: "
                        "trap and emulate then breaks"));
    costsLabel_->setText(tr("Cost model"));
    costs_->setPlaceholderText(tr("built-in costs"));
    browse_->setText(tr("Browse…"));
    apply_->setText(tr("Apply (restarts the program)"));
    updateHint();
}

} // namespace vizor::views
