#include "views/RegisterView.h"

#include "views/RegisterModel.h"

#include <QFontDatabase>
#include <QHeaderView>

namespace vizor::views {

RegisterView::RegisterView(QWidget* parent) : QTableView(parent), model_(new RegisterModel(this)) {
    setModel(model_);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    verticalHeader()->hide();
    verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    horizontalHeader()->setStretchLastSection(true);
    horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    setAlternatingRowColors(true);
    setShowGrid(false);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    setWordWrap(false);
}

} // namespace vizor::views
