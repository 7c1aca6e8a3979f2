#include "views/RegisterView.h"

#include "views/CodeTheme.h"
#include "views/RegisterFilter.h"
#include "views/RegisterModel.h"

#include <QCheckBox>
#include <QEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace vizor::views {

namespace {

struct PrivilegeStyle {
    const char* letter;
    const char* name; // translated in context vizor::views::RegisterView
    QColor light, dark;
};

// One colour per mode, the same in every view: M warm, S blue, U green.
PrivilegeStyle styleFor(uint64_t priv) {
    switch (static_cast<Privilege>(priv)) {
    case Privilege::Machine:
        return {"M", QT_TRANSLATE_NOOP("vizor::views::RegisterView", "Machine mode"),
                QColor(0xb45309), QColor(0xf59e0b)};
    case Privilege::Supervisor:
        return {"S", QT_TRANSLATE_NOOP("vizor::views::RegisterView", "Supervisor mode"),
                QColor(0x1d4ed8), QColor(0x60a5fa)};
    case Privilege::User:
        return {"U", QT_TRANSLATE_NOOP("vizor::views::RegisterView", "User mode"), QColor(0x047857),
                QColor(0x34d399)};
    }
    return {"?", "", QColor(Qt::gray), QColor(Qt::gray)};
}

} // namespace

RegisterView::RegisterView(QWidget* parent)
    : QWidget(parent), model_(new RegisterModel(this)), banner_(new QLabel(this)),
      signed_(new QCheckBox(tr("Signed decimal"), this)), registers_(makeTable()),
      csrs_(makeTable()) {
    registers_->setModel(new RegisterFilter(model_, RegisterFilter::Part::Registers, this));
    csrs_->setModel(new RegisterFilter(model_, RegisterFilter::Part::Csrs, this));
    // A column fits its widest value (bold when changed) and its header.
    const auto width = [](const QTableView* t, int column, const char* sample) {
        QFont bold = t->font();
        bold.setBold(true);
        const QString header = t->model()->headerData(column, Qt::Horizontal).toString();
        return std::max(QFontMetrics(bold).horizontalAdvance(QLatin1String(sample)),
                        t->horizontalHeader()->fontMetrics().horizontalAdvance(header)) +
               12;
    };
    registers_->setColumnWidth(RegisterModel::Name, width(registers_, RegisterModel::Name, "x31"));
    registers_->setColumnWidth(RegisterModel::Alias,
                               width(registers_, RegisterModel::Alias, "s0/fp"));
    registers_->setColumnWidth(RegisterModel::Hex,
                               width(registers_, RegisterModel::Hex, "0x00000000"));
    csrs_->setColumnWidth(0, width(csrs_, 0, "mcounteren"));
    signed_->setChecked(model_->signedDecimal());
    signed_->setToolTip(tr("Show the decimal column as signed (two's complement) numbers. "
                           "ra, sp, gp and tp hold addresses and are always unsigned."));
    connect(signed_, &QCheckBox::toggled, model_, &RegisterModel::setSignedDecimal);
    connect(model_, &RegisterModel::dataChanged, this, &RegisterView::updateBanner);

    QFont bannerFont = font();
    bannerFont.setPointSizeF(bannerFont.pointSizeF() * 1.25);
    bannerFont.setBold(true);
    banner_->setFont(bannerFont);
    banner_->setObjectName(QStringLiteral("privilegeBanner"));

    auto* top = new QHBoxLayout;
    top->addWidget(banner_, 1);
    top->addWidget(signed_);
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(registers_);
    split->addWidget(csrs_);
    split->setChildrenCollapsible(false);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(split, 1);
    updateBanner();
}

QTableView* RegisterView::makeTable() {
    auto* table = new QTableView(this);
    table->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    table->verticalHeader()->hide();
    // Fixed row height from the font: no per-row measuring on each update.
    table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 4);
    // Widths from the font, not ResizeToContents: measuring every cell on each of up to
    // 60 updates a second costs the GUI thread more than everything else together.
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    table->horizontalHeader()->setStretchLastSection(true);
    table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    table->setShowGrid(false);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    table->setWordWrap(false);
    table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff); // the columns fit
    return table;
}

QString RegisterView::privilegeText() const {
    const PrivilegeStyle style = styleFor(model_->value(model_->rowOf(u"priv")));
    return QStringLiteral("%1  %2").arg(QLatin1String(style.letter), tr(style.name));
}

void RegisterView::updateBanner() {
    const PrivilegeStyle style = styleFor(model_->value(model_->rowOf(u"priv")));
    const QColor colour = isDarkPalette(palette()) ? style.dark : style.light;
    // A filled letter like a road sign, then the name: readable from the back row.
    banner_->setText(
        QStringLiteral("<span style=\"background:%1; color:%2;\">&nbsp;%3&nbsp;"
                       "</span>&nbsp; <span style=\"color:%1;\">%4</span>")
            .arg(colour.name(),
                 isDarkPalette(palette()) ? QStringLiteral("#111111") : QStringLiteral("#ffffff"),
                 QLatin1String(style.letter), tr(style.name)));
    banner_->setToolTip(tr("The hart's current privilege mode"));
}

void RegisterView::changeEvent(QEvent* event) {
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::LanguageChange) {
        signed_->setText(tr("Signed decimal"));
        updateBanner();
    }
    QWidget::changeEvent(event);
}

} // namespace vizor::views
