#include "views/RegisterFilter.h"

#include "views/RegisterModel.h"
#include "views/RegisterTable.h"

namespace vizor::views {

namespace {
const RegisterSpec& specAt(int sourceRow) {
    return registerTable()[static_cast<std::size_t>(sourceRow)];
}
} // namespace

RegisterFilter::RegisterFilter(RegisterModel* source, Part part, QObject* parent)
    : QSortFilterProxyModel(parent), part_(part) {
    setSourceModel(source);
    sort(0); // only to put pc first; see lessThan
}

// Table order, except that pc leads the integer registers: it is what a student looks at
// first after every step.
bool RegisterFilter::lessThan(const QModelIndex& left, const QModelIndex& right) const {
    const auto rank = [](int row) { return specAt(row).name == "pc" ? -1 : row; };
    return rank(left.row()) < rank(right.row());
}

bool RegisterFilter::filterAcceptsRow(int sourceRow, const QModelIndex&) const {
    const RegisterSpec& spec = specAt(sourceRow);
    if (part_ == Part::Registers) return spec.group == RegisterGroup::Integer || spec.name == "pc";
    // The privilege mode has its own banner above both tables.
    return spec.group == RegisterGroup::Csr || spec.group == RegisterGroup::Counter;
}

bool RegisterFilter::filterAcceptsColumn(int sourceColumn, const QModelIndex&) const {
    if (part_ == Part::Registers) return true;
    return sourceColumn == RegisterModel::Name || sourceColumn == RegisterModel::Hex;
}

QVariant RegisterFilter::data(const QModelIndex& index, int role) const {
    const QModelIndex source = mapToSource(index);
    if (part_ == Part::Csrs && source.column() == RegisterModel::Hex &&
        specAt(source.row()).group == RegisterGroup::Counter &&
        (role == Qt::DisplayRole || role == Qt::EditRole)) {
        const auto* model = static_cast<const RegisterModel*>(sourceModel());
        return QStringLiteral("%L1").arg(model->value(source.row()));
    }
    return QSortFilterProxyModel::data(index, role);
}

QVariant RegisterFilter::headerData(int section, Qt::Orientation orientation, int role) const {
    if (part_ == Part::Csrs && orientation == Qt::Horizontal && role == Qt::DisplayRole)
        return section == 0 ? tr("CSR") : tr("Value");
    return QSortFilterProxyModel::headerData(section, orientation, role);
}

} // namespace vizor::views
