// A problem the assembler found in the source, at a 1-based line and column.
#pragma once

#include <QList>
#include <QMetaType>
#include <QString>

namespace vizor::views {

struct CodeIssue {
    int line = 0;   // 1-based; 0 = not tied to a line
    int column = 0; // 1-based; 0 = whole line
    QString message;
    friend bool operator==(const CodeIssue&, const CodeIssue&) = default;
};

using CodeIssues = QList<CodeIssue>;

} // namespace vizor::views

Q_DECLARE_METATYPE(vizor::views::CodeIssue)
