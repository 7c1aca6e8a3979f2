// Checks the source as the user types: after a short pause in typing it assembles the
// text on a pool thread and reports the errors, so they appear at their line while the
// program is being written, not only when it is run.
#pragma once

#include "asm/Program.h"
#include "views/CodeIssue.h"

#include <QFutureWatcher>
#include <QObject>
#include <QTimer>
#include <vector>

class QTextDocument;

namespace vizor::app {

views::CodeIssues toIssues(const std::vector<Diagnostic>& diagnostics);
views::CodeIssues checkSource(const QString& source, const QString& fileName);

class SourceChecker : public QObject {
    Q_OBJECT
public:
    explicit SourceChecker(QObject* parent = nullptr);

    void watch(QTextDocument* document);
    void setFileName(const QString& fileName) { fileName_ = fileName; }
    void setDelay(int ms) { timer_.setInterval(ms); }
    // Checks now, without waiting for the typing pause.
    void checkNow();

signals:
    void issuesChanged(const vizor::views::CodeIssues& issues);

private:
    void start();
    void finished();

    QTextDocument* document_ = nullptr;
    QString fileName_ = QStringLiteral("program.s");
    QTimer timer_;
    QFutureWatcher<views::CodeIssues> watcher_;
    bool stale_ = false; // the text changed while a check was running
};

} // namespace vizor::app
