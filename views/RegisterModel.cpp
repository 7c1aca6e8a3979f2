#include "views/RegisterModel.h"

#include "views/CodeTheme.h"
#include "views/RegisterTable.h"

#include <QCoreApplication>
#include <QFont>
#include <QFontDatabase>
#include <QGuiApplication>
#include <optional>

namespace vizor::views {

namespace {

const RegisterSpec& specAt(int row) {
    return registerTable()[static_cast<std::size_t>(row)];
}

QString hexText(uint64_t value, int bits) {
    return QStringLiteral("0x%1").arg(value, bits / 4, 16, QLatin1Char('0'));
}

QString privilegeText(uint64_t value) {
    const auto priv = static_cast<Privilege>(value);
    switch (priv) {
    case Privilege::Machine:
        return RegisterModel::tr("M (machine)");
    case Privilege::Supervisor:
        return RegisterModel::tr("S (supervisor)");
    case Privilege::User:
        return RegisterModel::tr("U (user)");
    }
    return QString::number(value);
}

// Registers that hold addresses by convention (the RISC-V psABI).
bool isPointerLike(const RegisterSpec& spec) {
    return spec.alias == "ra" || spec.alias == "sp" || spec.alias == "gp" || spec.alias == "tp";
}

} // namespace

std::optional<uint32_t> parseRegisterValue(QString text, bool hexByDefault) {
    text.remove(QLatin1Char('_')).remove(QLatin1Char(' '));
    bool hex = hexByDefault;
    if (text.startsWith(QLatin1String("0x"), Qt::CaseInsensitive)) {
        hex = true;
        text = text.mid(2);
    }
    bool ok = false;
    if (hex) {
        const qulonglong v = text.toULongLong(&ok, 16);
        if (ok && v <= 0xFFFFFFFFull) return static_cast<uint32_t>(v);
        return std::nullopt;
    }
    const qlonglong v = text.toLongLong(&ok, 10);
    if (ok && v >= INT32_MIN && v <= UINT32_MAX) return static_cast<uint32_t>(v);
    return std::nullopt;
}

RegisterModel::RegisterModel(QObject* parent)
    : QAbstractTableModel(parent), values_(registerTable().size(), 0),
      lastStop_(registerTable().size(), 0), reference_(registerTable().size(), 0),
      changed_(registerTable().size(), false) {}

void RegisterModel::setHart(const HartState& hart, bool stopped) {
    const auto table = registerTable();
    for (std::size_t i = 0; i < table.size(); ++i)
        values_[i] = table[i].read(hart);
    // The same stop published again (another pane asked for data): keep the marks.
    if (hasStop_ && hart.steps == lastStopSteps_ && values_ == lastStop_) return;
    reference_ = hasStop_ ? lastStop_ : values_;
    for (std::size_t i = 0; i < table.size(); ++i)
        changed_[i] = values_[i] != reference_[i];
    if (stopped || !hasStop_) {
        lastStop_ = values_;
        lastStopSteps_ = hart.steps;
        hasStop_ = true;
    }
    Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

void RegisterModel::clearHistory() {
    hasStop_ = false;
    std::fill(changed_.begin(), changed_.end(), false);
    Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

void RegisterModel::setEditable(bool editable) {
    if (editable == editable_) return;
    editable_ = editable;
    // Flags changed for the editable cells; views re-query them on dataChanged.
    Q_EMIT dataChanged(index(0, Hex), index(rowCount() - 1, Decimal));
}

void RegisterModel::setSignedDecimal(bool isSigned) {
    if (isSigned == signedDecimal_) return;
    signedDecimal_ = isSigned;
    Q_EMIT dataChanged(index(0, Decimal), index(rowCount() - 1, Decimal));
}

int RegisterModel::rowOf(QStringView name) const {
    const auto table = registerTable();
    for (std::size_t i = 0; i < table.size(); ++i)
        if (QString::fromLatin1(table[i].name.data(),
                                static_cast<qsizetype>(table[i].name.size())) == name)
            return static_cast<int>(i);
    return -1;
}

int RegisterModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(registerTable().size());
}

int RegisterModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RegisterModel::display(int row, int column) const {
    const RegisterSpec& spec = specAt(row);
    const uint64_t v = value(row);
    switch (column) {
    case Name:
        return QString::fromLatin1(spec.name.data(), static_cast<qsizetype>(spec.name.size()));
    case Alias:
        return QString::fromLatin1(spec.alias.data(), static_cast<qsizetype>(spec.alias.size()));
    case Hex:
        return spec.bits == 0 ? privilegeText(v) : hexText(v, spec.bits);
    case Decimal:
        if (spec.group == RegisterGroup::Integer) {
            const auto word = static_cast<uint32_t>(v);
            if (!signedDecimal_ || isPointerLike(spec)) return QString::number(word);
            return QString::number(static_cast<int32_t>(word));
        }
        if (spec.group == RegisterGroup::Counter) return QString::number(v);
        return {};
    default:
        return {};
    }
}

QVariant RegisterModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return {};
    const int row = index.row();
    switch (role) {
    case Qt::DisplayRole:
        return display(row, index.column());
    case Qt::EditRole:
        return display(row, index.column());
    case Qt::FontRole: {
        QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
        font.setBold(isChanged(row) && index.column() >= Hex);
        return font;
    }
    case Qt::BackgroundRole:
        if (isChanged(row)) return codeThemeFor(QGuiApplication::palette()).changedValue;
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() >= Hex) return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::ToolTipRole:
        if (index.column() < Hex)
            return QCoreApplication::translate("vizor::views::RegisterTable",
                                               specAt(row).description);
        if (isChanged(row)) {
            const RegisterSpec& spec = specAt(row);
            return tr("Changed since the last stop (was %1)")
                .arg(spec.bits == 0
                         ? privilegeText(reference_[static_cast<std::size_t>(row)])
                         : hexText(reference_[static_cast<std::size_t>(row)], spec.bits));
        }
        return {};
    default:
        return {};
    }
}

QVariant RegisterModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case Name:
        return tr("Register");
    case Alias:
        return tr("ABI");
    case Hex:
        return tr("Hex");
    case Decimal:
        return tr("Decimal");
    default:
        return {};
    }
}

Qt::ItemFlags RegisterModel::flags(const QModelIndex& index) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    const RegisterSpec& spec = specAt(index.row());
    const bool valueColumn = index.column() == Hex ||
                             (index.column() == Decimal && spec.group == RegisterGroup::Integer);
    if (editable_ && spec.write && valueColumn) f |= Qt::ItemIsEditable;
    return f;
}

bool RegisterModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (role != Qt::EditRole || !(flags(index) & Qt::ItemIsEditable)) return false;
    const auto parsed = parseRegisterValue(value.toString().trimmed(), index.column() == Hex);
    if (!parsed) return false;
    Q_EMIT editRequested(display(index.row(), Name).toString(), *parsed);
    return true;
}

} // namespace vizor::views
