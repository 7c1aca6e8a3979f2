// Registers, privilege and CSRs of the hart as a table: name, ABI name, hex, decimal.
// Values that changed since the last stop are marked (bold on a tinted background),
// as debuggers do, so a student sees at a glance what an instruction did.
#pragma once

#include "cpu/HartState.h"

#include <QAbstractTableModel>
#include <vector>

namespace vizor::views {

class RegisterModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Name, Alias, Hex, Decimal, ColumnCount };

    explicit RegisterModel(QObject* parent = nullptr);

    // `stopped`: execution stopped here (a step finished, a breakpoint hit), as opposed
    // to a progress update while running. Changes are measured from the previous stop.
    void setHart(const HartState& hart, bool stopped);
    // Forget the previous stop (a new program was loaded): nothing shows as changed.
    void clearHistory();
    // Editing is allowed only while the machine is paused.
    void setEditable(bool editable);
    bool isEditable() const { return editable_; }
    // Decimal column as signed (two's complement) or unsigned. Pointer-like registers
    // (ra, sp, gp, tp) are always unsigned: an address is never negative.
    void setSignedDecimal(bool isSigned);
    bool signedDecimal() const { return signedDecimal_; }

    int rowOf(QStringView name) const;
    uint64_t value(int row) const { return values_.at(static_cast<std::size_t>(row)); }
    bool isChanged(int row) const { return changed_.at(static_cast<std::size_t>(row)); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role) override;

signals:
    // The user typed a new value; the owner forwards it to the engine.
    void editRequested(const QString& name, quint32 value);

private:
    QVariant display(int row, int column) const;

    std::vector<uint64_t> values_;
    std::vector<uint64_t> lastStop_;
    std::vector<uint64_t> reference_; // what values_ is compared with
    std::vector<bool> changed_;
    uint64_t lastStopSteps_ = 0;
    bool hasStop_ = false;
    bool editable_ = false;
    bool signedDecimal_ = true;
};

// Parses what a user types into a register cell: hex (0x optional in the hex column),
// decimal (may be negative), with '_' or ' ' as digit separators. Empty on error.
std::optional<uint32_t> parseRegisterValue(QString text, bool hexByDefault);

} // namespace vizor::views
