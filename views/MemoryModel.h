// A window of guest memory as a table: 16 bytes a row in hex, then the same bytes as
// ASCII; the row header is the address. Bytes that changed since the last stop are
// marked like changed registers, watched words get their own colour, and unreadable
// bytes (nothing mapped there) show as "··".
#pragma once

#include <QAbstractTableModel>
#include <QByteArray>
#include <QSet>

namespace vizor::views {

class MemoryModel : public QAbstractTableModel {
    Q_OBJECT
public:
    static constexpr int kBytesPerRow = 16;
    static constexpr int kAsciiColumn = kBytesPerRow;

    explicit MemoryModel(QObject* parent = nullptr);

    // `stopped` as for RegisterModel::setHart: changes are measured from the last stop.
    void setWindow(quint32 address, bool isVirtual, const QByteArray& bytes,
                   const QByteArray& readable, bool stopped);
    void clearHistory();
    // Aligned word addresses (in the window's address space) to mark as watched.
    void setWatched(const QSet<quint32>& words);

    quint32 address() const { return address_; }
    bool isVirtual() const { return isVirtual_; }
    // Byte at an offset into the window; -1 if unreadable or outside.
    int byteAt(int offset) const;
    bool isChanged(int offset) const;
    // Address of the byte a cell shows (the row's first byte for the ASCII column).
    quint32 addressOf(const QModelIndex& index) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    // A hex cell of a readable byte is editable (while paused: see setEditable): two hex
    // digits. The edit is only requested; the engine applies it and the next window shows it.
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role) override;
    void setEditable(bool editable) { editable_ = editable; }

signals:
    void byteEditRequested(quint32 address, quint8 value, bool isVirtual);

private:
    QString asciiOf(int row) const;
    bool readable(int offset) const;

    quint32 address_ = 0;
    bool isVirtual_ = false;
    QByteArray bytes_, readable_;
    QByteArray lastStop_; // bytes at the last stop, for the same address and mode
    quint32 lastStopAddress_ = 0;
    bool lastStopVirtual_ = false;
    bool hasStop_ = false;
    QByteArray reference_;
    QSet<quint32> watched_;
    bool editable_ = false;
};

} // namespace vizor::views
