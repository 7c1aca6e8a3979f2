#include "views/ProblemsView.h"

#include <QStyle>

namespace vizor::views {

namespace {
constexpr int kLineRole = Qt::UserRole;
constexpr int kColumnRole = Qt::UserRole + 1;
} // namespace

ProblemsView::ProblemsView(QWidget* parent) : QListWidget(parent) {
    setAlternatingRowColors(true);
    setWordWrap(true);
    connect(this, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
        Q_EMIT issueActivated(item->data(kLineRole).toInt(), item->data(kColumnRole).toInt());
    });
}

void ProblemsView::setIssues(const CodeIssues& issues) {
    clear();
    const QIcon icon = style()->standardIcon(QStyle::SP_MessageBoxCritical);
    for (const CodeIssue& issue : issues) {
        const QString where = issue.column > 0
                                  ? tr("Line %1, column %2").arg(issue.line).arg(issue.column)
                                  : tr("Line %1").arg(issue.line);
        auto* item = new QListWidgetItem(icon, where + QStringLiteral(": ") + issue.message, this);
        item->setData(kLineRole, issue.line);
        item->setData(kColumnRole, issue.column);
    }
}

} // namespace vizor::views
