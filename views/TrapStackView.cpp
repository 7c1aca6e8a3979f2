#include "views/TrapStackView.h"

#include "views/EventText.h"

#include <QEvent>
#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace vizor::views {

namespace {

QString hex(uint32_t v) {
    return QStringLiteral("0x%1").arg(v, 8, 16, QLatin1Char('0'));
}

} // namespace

TrapStackView::TrapStackView(QWidget* parent)
    : QWidget(parent), table_(new QTableWidget(0, 4, this)), lastExit_(new QLabel(this)) {
    table_->setObjectName(QStringLiteral("trapStackTable"));
    table_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    table_->verticalHeader()->hide();
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setSelectionMode(QAbstractItemView::NoSelection);
    table_->setShowGrid(false);
    table_->horizontalHeader()->setStretchLastSection(true);
    const int digit = fontMetrics().horizontalAdvance(QLatin1Char('0'));
    table_->setColumnWidth(0, digit * 9);
    table_->setColumnWidth(1, digit * 12);
    table_->setColumnWidth(2, digit * 30);
    lastExit_->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(table_, 1);
    layout->addWidget(lastExit_);
    retranslate();
}

void TrapStackView::show(const TrapStack& stack) {
    shown_ = stack;
    const auto& frames = stack.frames;
    table_->setRowCount(static_cast<int>(frames.size()));
    for (std::size_t i = 0; i < frames.size(); ++i) {
        const TrapFrame& f = frames[frames.size() - 1 - i]; // innermost on top
        const QString level =
            f.isVirtual
                ? QStringLiteral("V%1→V%2").arg(privilegeLetter(f.from), privilegeLetter(f.to))
                : QStringLiteral("%1→%2").arg(privilegeLetter(f.from), privilegeLetter(f.to));
        const QString kind = f.isVirtual ? tr("guest") : tr("hart");
        const QStringList cells = {level, hex(f.epc), trapCauseText(f.cause),
                                   QStringLiteral("%1, %2").arg(kind).arg(f.step)};
        for (int c = 0; c < cells.size(); ++c)
            table_->setItem(static_cast<int>(i), c, new QTableWidgetItem(cells[c]));
    }
    retranslate();
}

void TrapStackView::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslate();
    QWidget::changeEvent(event);
}

void TrapStackView::retranslate() {
    table_->setHorizontalHeaderLabels(
        {tr("Privilege"), tr("Resumes at"), tr("Cause"), tr("Taken by, step")});
    if (shown_.frames.empty() && !shown_.lastExit)
        lastExit_->setText(tr("No trap in progress."));
    else if (!shown_.lastExit)
        lastExit_->clear();
    else
        lastExit_->setText(
            tr("Last VM exit: %1 at %2, step %3")
                .arg(exitReasonText(shown_.lastExit->event.a), hex(shown_.lastExit->event.pc))
                .arg(shown_.lastExit->step));
}

} // namespace vizor::views
