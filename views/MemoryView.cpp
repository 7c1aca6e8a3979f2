#include "views/MemoryView.h"

#include "views/MemoryModel.h"

#include <QComboBox>
#include <QEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>
#include <optional>

namespace vizor::views {

MemoryView::MemoryView(QWidget* parent)
    : QWidget(parent), model_(new MemoryModel(this)), address_(new QLineEdit(this)),
      space_(new QComboBox(this)), watch_(new QToolButton(this)), message_(new QLabel(this)),
      table_(new QTableView(this)) {
    address_->setObjectName(QStringLiteral("memoryAddress"));
    address_->setClearButtonEnabled(true);
    space_->addItems({QString(), QString()});
    watch_->setCheckable(false);
    table_->setModel(model_);
    connect(model_, &MemoryModel::byteEditRequested, this, &MemoryView::byteEditRequested);
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    table_->setFont(fixed);
    table_->setShowGrid(false);
    table_->setWordWrap(false);
    // Fixed widths from the font: no measuring of 544 cells on every update.
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    table_->horizontalHeader()->setMinimumSectionSize(8);
    QFont bold = fixed;
    bold.setBold(true);
    for (int c = 0; c < MemoryModel::kBytesPerRow; ++c)
        table_->setColumnWidth(c, QFontMetrics(bold).horizontalAdvance(QStringLiteral("00")) + 8);
    table_->verticalHeader()->setFixedWidth(
        QFontMetrics(fixed).horizontalAdvance(QStringLiteral("00000000")) + 12);
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    table_->verticalHeader()->setDefaultSectionSize(QFontMetrics(fixed).height() + 4);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);

    auto* bar = new QHBoxLayout;
    bar->addWidget(address_, 1);
    bar->addWidget(space_);
    bar->addWidget(watch_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(message_);
    layout->addWidget(table_, 1);
    message_->hide();

    connect(address_, &QLineEdit::returnPressed, this, [this] { goTo(address_->text()); });
    connect(space_, &QComboBox::currentIndexChanged, this, [this] {
        setWatchpoints({}); // a watched word belongs to the address space it was set in
        Q_EMIT watchpointsChanged(watched_, isVirtual());
        requestWindow(model_->address());
    });
    connect(watch_, &QToolButton::clicked, this, &MemoryView::watchSelection);
    connect(table_, &QTableView::doubleClicked, this,
            [this](const QModelIndex& index) { toggleWatch(model_->addressOf(index)); });
    retranslate();
}

std::optional<quint32> MemoryView::resolve(const QString& text) const {
    static const QRegularExpression form(
        QStringLiteral("^\\s*([^+\\s]+)\\s*(?:\\+\\s*(\\S+))?\\s*$"));
    const auto match = form.match(text);
    if (!match.hasMatch()) return std::nullopt;
    const auto number = [](QString t) -> std::optional<quint32> {
        bool ok = false;
        const qulonglong v = t.startsWith(QLatin1String("0x"), Qt::CaseInsensitive)
                                 ? t.mid(2).toULongLong(&ok, 16)
                                 : t.toULongLong(&ok, 10);
        if (ok && v <= 0xFFFFFFFFull) return static_cast<quint32>(v);
        return std::nullopt;
    };
    std::optional<quint32> base = symbols_.contains(match.captured(1))
                                      ? std::optional(symbols_.value(match.captured(1)))
                                      : number(match.captured(1));
    if (!base || match.captured(2).isEmpty()) return base;
    const auto offset = number(match.captured(2));
    return offset ? std::optional<quint32>(*base + *offset) : std::nullopt;
}

bool MemoryView::goTo(const QString& text) {
    const auto address = resolve(text);
    if (!address) {
        message_->setText(tr("“%1” is neither an address nor a symbol of the program").arg(text));
        message_->show();
        return false;
    }
    message_->hide();
    message_->clear();
    requestWindow(*address);
    return true;
}

void MemoryView::requestWindow(quint32 address) {
    // Rows start at a multiple of 16, as in every hex dump.
    Q_EMIT windowRequested(address & ~quint32(MemoryModel::kBytesPerRow - 1), kWindowBytes,
                           isVirtual());
}

void MemoryView::setVirtual(bool isVirtual) {
    space_->setCurrentIndex(isVirtual ? 1 : 0);
}

bool MemoryView::isVirtual() const {
    return space_->currentIndex() == 1;
}

QString MemoryView::message() const {
    return message_->text();
}

void MemoryView::toggleWatch(quint32 address) {
    const quint32 word = address & ~3u;
    QList<quint32> words = watched_;
    if (!words.removeOne(word)) words.append(word);
    setWatchpoints(words);
    Q_EMIT watchpointsChanged(watched_, isVirtual());
}

void MemoryView::setWatchpoints(const QList<quint32>& words) {
    watched_ = words;
    model_->setWatched(QSet<quint32>(words.begin(), words.end()));
}

void MemoryView::watchSelection() {
    const QModelIndex current = table_->currentIndex();
    if (current.isValid()) toggleWatch(model_->addressOf(current));
}

void MemoryView::retranslate() {
    address_->setPlaceholderText(tr("Go to address or symbol (Enter)"));
    space_->setItemText(0, tr("Physical"));
    space_->setItemText(1, tr("Virtual"));
    space_->setToolTip(tr("Physical: guest-physical addresses. Virtual: addresses as the "
                          "program sees them, translated through the current page table."));
    watch_->setText(tr("Watch"));
    watch_->setToolTip(tr("Stop when the selected word changes (double-click a byte does "
                          "the same); click again to stop watching"));
}

void MemoryView::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslate();
    QWidget::changeEvent(event);
}

} // namespace vizor::views
