// One pane's share of the register table: the integer registers (with pc) or the CSRs
// (with the counters). The register pane shows both side by side, so every CSR is
// visible without scrolling. Counters show their decimal value in the value column:
// a 64-bit count reads better as 1,234,567 than as sixteen hex digits.
#pragma once

#include <QSortFilterProxyModel>

namespace vizor::views {

class RegisterModel;

class RegisterFilter : public QSortFilterProxyModel {
    Q_OBJECT
public:
    enum class Part { Registers, Csrs };
    RegisterFilter(RegisterModel* source, Part part, QObject* parent = nullptr);

    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
    bool filterAcceptsColumn(int sourceColumn, const QModelIndex& sourceParent) const override;
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

private:
    Part part_;
};

} // namespace vizor::views
