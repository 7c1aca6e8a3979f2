#include "app/SourceChecker.h"

#include "asm/Assembler.h"

#include <QTextDocument>
#include <QtConcurrent/QtConcurrentRun>

namespace vizor::app {

namespace {
constexpr int kTypingPauseMs = 300;
}

views::CodeIssues toIssues(const std::vector<Diagnostic>& diagnostics) {
    views::CodeIssues issues;
    for (const Diagnostic& d : diagnostics)
        issues.append({d.where.line, d.where.column, QString::fromStdString(d.message)});
    return issues;
}

views::CodeIssues checkSource(const QString& source, const QString& fileName) {
    AssemblerOptions options;
    options.fileName = fileName.toStdString();
    return toIssues(assemble(source.toStdString(), options).errors);
}

SourceChecker::SourceChecker(QObject* parent) : QObject(parent) {
    timer_.setSingleShot(true);
    timer_.setInterval(kTypingPauseMs);
    connect(&timer_, &QTimer::timeout, this, &SourceChecker::start);
    connect(&watcher_, &QFutureWatcher<views::CodeIssues>::finished, this,
            &SourceChecker::finished);
}

void SourceChecker::watch(QTextDocument* document) {
    document_ = document;
    connect(document, &QTextDocument::contentsChanged, &timer_, qOverload<>(&QTimer::start));
}

void SourceChecker::checkNow() {
    timer_.stop();
    start();
}

void SourceChecker::start() {
    if (!document_) return;
    if (watcher_.isRunning()) {
        stale_ = true;
        return;
    }
    stale_ = false;
    watcher_.setFuture(QtConcurrent::run(checkSource, document_->toPlainText(), fileName_));
}

void SourceChecker::finished() {
    if (stale_) return start(); // the result describes old text: check the new one instead
    Q_EMIT issuesChanged(watcher_.result());
}

} // namespace vizor::app
