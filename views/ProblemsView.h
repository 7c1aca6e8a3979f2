// The list of assembler errors; activating one asks to show its place in the editor.
#pragma once

#include "views/CodeIssue.h"

#include <QListWidget>

namespace vizor::views {

class ProblemsView : public QListWidget {
    Q_OBJECT
public:
    explicit ProblemsView(QWidget* parent = nullptr);
    void setIssues(const CodeIssues& issues);

signals:
    void issueActivated(int line, int column);
};

} // namespace vizor::views
