// The memory pane: go to an address or a program symbol, show guest-physical or
// guest-virtual addresses (virtual ones are translated by the engine with the current
// satp), and watch words (data breakpoints). It only emits requests; the window owner
// forwards them to the engine bridge and feeds the bytes back into model().
#pragma once

#include <QHash>
#include <QList>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QToolButton;

namespace vizor::views {

class MemoryModel;

class MemoryView : public QWidget {
    Q_OBJECT
public:
    static constexpr quint32 kWindowBytes = 512;

    explicit MemoryView(QWidget* parent = nullptr);

    MemoryModel* model() const { return model_; }
    QTableView* table() const { return table_; }
    void setSymbols(const QHash<QString, quint32>& symbols) { symbols_ = symbols; }
    // "0x80000010", "2147483664", "msg_user", "msg_user+8". False (and a message) when
    // the text names nothing.
    bool goTo(const QString& text);
    void setVirtual(bool isVirtual);
    bool isVirtual() const;
    // Watches or stops watching the aligned word holding `address`.
    void toggleWatch(quint32 address);
    QList<quint32> watchpoints() const { return watched_; }
    void setWatchpoints(const QList<quint32>& words);
    QString message() const;

signals:
    void windowRequested(quint32 address, quint32 length, bool isVirtual);
    void watchpointsChanged(const QList<quint32>& words, bool isVirtual);
    // A byte typed over in the hex columns (double-click while paused).
    void byteEditRequested(quint32 address, quint8 value, bool isVirtual);

protected:
    void changeEvent(QEvent* event) override;

private:
    std::optional<quint32> resolve(const QString& text) const;
    void requestWindow(quint32 address);
    void watchSelection();
    void retranslate();

    MemoryModel* model_;
    QLineEdit* address_;
    QComboBox* space_;
    QToolButton* watch_;
    QLabel* message_;
    QTableView* table_;
    QHash<QString, quint32> symbols_;
    QList<quint32> watched_;
};

} // namespace vizor::views
