#include "views/MemoryModel.h"

#include "views/CodeTheme.h"

#include <QFontDatabase>
#include <QGuiApplication>

namespace vizor::views {

MemoryModel::MemoryModel(QObject* parent) : QAbstractTableModel(parent) {}

void MemoryModel::setWindow(quint32 address, bool isVirtual, const QByteArray& bytes,
                            const QByteArray& readable, bool stopped) {
    const bool sameRows = bytes.size() == bytes_.size();
    if (!sameRows) beginResetModel();
    address_ = address;
    isVirtual_ = isVirtual;
    bytes_ = bytes;
    readable_ = readable;
    // Compare with the last stop only if it showed the same memory.
    const bool comparable = hasStop_ && lastStopAddress_ == address &&
                            lastStopVirtual_ == isVirtual && lastStop_.size() == bytes.size();
    reference_ = comparable ? lastStop_ : bytes;
    if (stopped || !comparable) {
        lastStop_ = bytes;
        lastStopAddress_ = address;
        lastStopVirtual_ = isVirtual;
        hasStop_ = true;
    }
    if (!sameRows) {
        endResetModel();
    } else if (rowCount() > 0) {
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, kAsciiColumn));
        Q_EMIT headerDataChanged(Qt::Vertical, 0, rowCount() - 1);
    }
}

void MemoryModel::clearHistory() {
    hasStop_ = false;
    reference_ = bytes_;
    if (rowCount() > 0) Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, kAsciiColumn));
}

void MemoryModel::setWatched(const QSet<quint32>& words) {
    watched_ = words;
    if (rowCount() > 0) Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, kAsciiColumn));
}

bool MemoryModel::readable(int offset) const {
    return offset >= 0 && offset < readable_.size() && readable_[offset] != 0;
}

int MemoryModel::byteAt(int offset) const {
    return readable(offset) ? static_cast<uint8_t>(bytes_[offset]) : -1;
}

bool MemoryModel::isChanged(int offset) const {
    return readable(offset) && offset < reference_.size() && reference_[offset] != bytes_[offset];
}

quint32 MemoryModel::addressOf(const QModelIndex& index) const {
    const int column = index.column() == kAsciiColumn ? 0 : index.column();
    return address_ + static_cast<quint32>(index.row() * kBytesPerRow + column);
}

int MemoryModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0
                            : static_cast<int>((bytes_.size() + kBytesPerRow - 1) / kBytesPerRow);
}

int MemoryModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : kBytesPerRow + 1;
}

QString MemoryModel::asciiOf(int row) const {
    QString text;
    for (int i = 0; i < kBytesPerRow; ++i) {
        const int b = byteAt(row * kBytesPerRow + i);
        text += b >= 0x20 && b < 0x7f ? QChar(b) : QChar(u'·');
    }
    return text;
}

QVariant MemoryModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return {};
    const int offset = index.row() * kBytesPerRow + index.column();
    const bool ascii = index.column() == kAsciiColumn;
    switch (role) {
    case Qt::DisplayRole:
        if (ascii) return asciiOf(index.row());
        if (byteAt(offset) < 0) return QStringLiteral("··");
        return QStringLiteral("%1").arg(byteAt(offset), 2, 16, QLatin1Char('0'));
    case Qt::FontRole: {
        QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
        font.setBold(!ascii && isChanged(offset));
        return font;
    }
    case Qt::BackgroundRole: {
        if (ascii) return {};
        const CodeTheme& theme = codeThemeFor(QGuiApplication::palette());
        if (isChanged(offset)) return theme.changedValue;
        if (watched_.contains(addressOf(index) & ~3u)) return theme.watched;
        return {};
    }
    case Qt::ForegroundRole:
        if (!ascii && byteAt(offset) == 0)
            return QGuiApplication::palette().color(QPalette::PlaceholderText); // zeros recede
        return {};
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(ascii ? Qt::AlignLeft | Qt::AlignVCenter : Qt::AlignCenter);
    case Qt::ToolTipRole:
        if (ascii) return {};
        if (isChanged(offset))
            return tr("0x%1: changed since the last stop (was %2)")
                .arg(addressOf(index), 8, 16, QLatin1Char('0'))
                .arg(static_cast<uint8_t>(reference_[offset]), 2, 16, QLatin1Char('0'));
        return QStringLiteral("0x%1").arg(addressOf(index), 8, 16, QLatin1Char('0'));
    default:
        return {};
    }
}

QVariant MemoryModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (role == Qt::FontRole) return QFontDatabase::systemFont(QFontDatabase::FixedFont);
    if (role != Qt::DisplayRole) return {};
    if (orientation == Qt::Vertical)
        return QStringLiteral("%1").arg(address_ + static_cast<quint32>(section * kBytesPerRow), 8,
                                        16, QLatin1Char('0'));
    if (section == kAsciiColumn) return tr("ASCII");
    return QStringLiteral("%1").arg(section, 1, 16).toUpper();
}

Qt::ItemFlags MemoryModel::flags(const QModelIndex& index) const {
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    const int offset = index.row() * kBytesPerRow + index.column();
    if (editable_ && index.column() < kAsciiColumn && readable(offset)) f |= Qt::ItemIsEditable;
    return f;
}

bool MemoryModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (role != Qt::EditRole || !(flags(index) & Qt::ItemIsEditable)) return false;
    bool ok = false;
    const QString text = value.toString().trimmed();
    const uint byte = text.toUInt(&ok, 16);
    if (!ok || text.size() > 2 || byte > 0xff) return false;
    Q_EMIT byteEditRequested(addressOf(index), static_cast<quint8>(byte), isVirtual_);
    return true;
}

} // namespace vizor::views
