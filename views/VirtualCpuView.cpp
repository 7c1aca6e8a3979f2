#include "views/VirtualCpuView.h"

#include "cpu/Csr.h"
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

QTableWidget* makeTable(QWidget* parent, int columns) {
    auto* t = new QTableWidget(0, columns, parent);
    t->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    t->verticalHeader()->hide();
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setSelectionMode(QAbstractItemView::NoSelection);
    t->setShowGrid(false);
    t->setAlternatingRowColors(true);
    t->horizontalHeader()->setStretchLastSection(true);
    t->verticalHeader()->setDefaultSectionSize(t->fontMetrics().height() + 4);
    return t;
}

} // namespace

std::vector<CsrPair> csrPairs(const HartState& hart, const hv::GuestState& guest) {
    const CsrFile& c = hart.csr;
    const hv::VirtualCsrs& v = guest.csrs;
    return {{"priv", static_cast<uint32_t>(guest.priv), static_cast<uint32_t>(hart.priv)},
            {"sstatus", v.sstatus, c.mstatus & csr::kSstatusMask},
            {"sie", v.sie, c.mie & c.mideleg},
            {"sip", v.sip, c.mip & c.mideleg},
            {"stvec", v.stvec, c.stvec},
            {"sscratch", v.sscratch, c.sscratch},
            {"sepc", v.sepc, c.sepc},
            {"scause", v.scause, c.scause},
            {"stval", v.stval, c.stval},
            {"satp", v.satp, c.satp},
            {"scounteren", v.scounteren, c.scounteren}};
}

VirtualCpuView::VirtualCpuView(QWidget* parent)
    : QWidget(parent), title_(new QLabel(this)), csrs_(makeTable(this, 3)),
      exits_(makeTable(this, 2)) {
    csrs_->setObjectName(QStringLiteral("virtualCsrTable"));
    exits_->setObjectName(QStringLiteral("vmExitTable"));
    title_->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(title_);
    layout->addWidget(csrs_, 3);
    layout->addWidget(exits_, 2);
    const int digit = fontMetrics().horizontalAdvance(QLatin1Char('0'));
    csrs_->setColumnWidth(0, digit * 11);
    csrs_->setColumnWidth(1, digit * 13);
    exits_->setColumnWidth(0, digit * 24);
    retranslate();
}

void VirtualCpuView::setCell(QTableWidget* table, int row, int column, const QString& text,
                             bool changed) {
    QTableWidgetItem* item = table->item(row, column);
    if (!item) {
        item = new QTableWidgetItem;
        table->setItem(row, column, item);
    }
    item->setText(text);
    QFont f = item->font();
    f.setBold(changed);
    item->setFont(f);
}

void VirtualCpuView::show(const QString& mode, const HartState& hart,
                          const std::optional<hv::GuestState>& guest, const hv::VmStats& stats,
                          bool stopped) {
    mode_ = mode;
    hasGuest_ = guest.has_value();
    retranslate();
    if (!guest) {
        csrs_->setRowCount(0);
        exits_->setRowCount(0);
        lastValues_.clear();
        lastExits_.clear();
        return;
    }
    const std::vector<CsrPair> pairs = csrPairs(hart, *guest);
    std::vector<uint32_t> values;
    csrs_->setRowCount(static_cast<int>(pairs.size()));
    for (std::size_t i = 0; i < pairs.size(); ++i) {
        const CsrPair& p = pairs[i];
        values.push_back(p.virtualValue);
        values.push_back(p.realValue);
        const bool known = lastValues_.size() == 2 * pairs.size();
        const int row = static_cast<int>(i);
        setCell(csrs_, row, 0, QString::fromLatin1(p.name), false);
        const bool isPriv = i == 0;
        setCell(csrs_, row, 1, isPriv ? privilegeLetter(p.virtualValue) : hex(p.virtualValue),
                known && lastValues_[2 * i] != p.virtualValue);
        setCell(csrs_, row, 2, isPriv ? privilegeLetter(p.realValue) : hex(p.realValue),
                known && lastValues_[2 * i + 1] != p.realValue);
    }
    std::vector<uint64_t> exits(stats.exits.begin(), stats.exits.end());
    exits_->setRowCount(static_cast<int>(exits.size()) + 1);
    for (std::size_t r = 0; r < exits.size(); ++r) {
        const int row = static_cast<int>(r);
        setCell(exits_, row, 0, exitReasonText(static_cast<uint32_t>(r)), false);
        setCell(exits_, row, 1, QString::number(exits[r]),
                lastExits_.size() == exits.size() && lastExits_[r] != exits[r]);
    }
    const int total = static_cast<int>(exits.size());
    setCell(exits_, total, 0, tr("all VM exits"), false);
    setCell(exits_, total, 1, QString::number(stats.totalExits()), false);
    // "Changed" compares with the previous stop, as the register pane does.
    shownValues_ = std::move(values);
    shownExits_ = std::move(exits);
    if (stopped) {
        lastValues_ = shownValues_;
        lastExits_ = shownExits_;
    }
}

void VirtualCpuView::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslate();
    QWidget::changeEvent(event);
}

void VirtualCpuView::retranslate() {
    csrs_->setHorizontalHeaderLabels({tr("CSR"), tr("Virtual (guest)"), tr("Real hart")});
    exits_->setHorizontalHeaderLabels({tr("VM exit reason"), tr("Count")});
    title_->setText(hasGuest_ ? tr("Mode %1: what the guest kernel sees (its virtual CPU) "
                                   "beside what the hardware holds.")
                                    .arg(mode_)
                              : tr("Native: the kernel owns the real CSRs; there is no "
                                   "virtual CPU. Choose a hypervisor mode in Scenario."));
}

} // namespace vizor::views
