#include "app/Recovery.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QMainWindow>
#include <QPlainTextEdit>
#include <QSaveFile>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTextCursor>
#include <QTextDocument>
#include <optional>

namespace vizor::app {

namespace {

// The first line of every recovery file. A file with another first line (a later
// version, or not ours) is left alone, never applied and never deleted.
const QByteArray kMagic = QByteArrayLiteral("Vizor recovery 1");
constexpr int kDefaultIntervalMs = 3000;

struct RecoveredText {
    QString path;
    QString text;
};

std::optional<RecoveredText> readRecoveryFile(const QString& file) {
    QFile in(file);
    if (!in.open(QIODevice::ReadOnly)) return std::nullopt;
    const QByteArray bytes = in.readAll();
    const qsizetype headerEnd = bytes.indexOf("\n\n");
    if (headerEnd < 0) return std::nullopt;
    const QList<QByteArray> header = bytes.left(headerEnd).split('\n');
    if (header.value(0) != kMagic) return std::nullopt;
    RecoveredText r;
    for (const QByteArray& line : header.mid(1))
        if (line.startsWith("path=")) r.path = QString::fromUtf8(line.mid(5));
    r.text = QString::fromUtf8(bytes.mid(headerEnd + 2));
    return r;
}

} // namespace

Recovery::Recovery(QPlainTextEdit& editor, const QString& directory, QObject* parent)
    : QObject(parent), editor_(editor), directory_(directory) {
    autosave_.setSingleShot(true);
    autosave_.setInterval(kDefaultIntervalMs);
    connect(&autosave_, &QTimer::timeout, this, &Recovery::writeNow);
    connect(editor_.document(), &QTextDocument::contentsChanged, this, &Recovery::documentEdited);
    connect(editor_.document(), &QTextDocument::modificationChanged, this,
            &Recovery::modificationChanged);
}

QString Recovery::defaultDirectory() {
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) +
           QStringLiteral("/recovery");
}

void Recovery::track(const QString& path, const QString& name) {
    path_ = path.isEmpty() ? QString() : QFileInfo(path).absoluteFilePath();
    name_ = name;
    if (checkScheduled_) return;
    checkScheduled_ = true;
    QTimer::singleShot(0, this, &Recovery::restorePending);
}

// One file per program, named by a hash of its path (or of the built-in name), so two
// programs edited in turn never overwrite each other's unsaved text.
QString Recovery::recoveryFile() const {
    const QString key = path_.isEmpty() ? QStringLiteral("builtin:") + name_ : path_;
    const QByteArray hash = QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha1);
    return directory_ + QLatin1Char('/') + QString::fromLatin1(hash.toHex().left(16)) +
           QStringLiteral(".recovery");
}

// Writes at most one interval after the first unsaved edit, and again after later ones:
// restarting the timer on every key would never write while someone types steadily.
void Recovery::documentEdited() {
    if (editor_.document()->isModified() && !autosave_.isActive()) autosave_.start();
}

bool Recovery::writeNow() {
    if (!editor_.document()->isModified()) return false;
    const QString file = recoveryFile();
    QDir().mkpath(directory_);
    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly)) return false;
    out.write(kMagic + "\npath=" + path_.toUtf8() + "\nname=" + name_.toUtf8() + "\n\n");
    out.write(editor_.toPlainText().toUtf8());
    if (!out.commit()) return false;
    if (!written_.isEmpty() && written_ != file) QFile::remove(written_); // saved under a new name
    written_ = file;
    return true;
}

// Unmodified means saved, reverted, or replaced by another program after the user
// answered "save or discard": the unsaved text is no longer wanted.
void Recovery::modificationChanged(bool modified) {
    if (modified) return;
    autosave_.stop();
    removeWritten();
}

void Recovery::removeWritten() {
    if (!written_.isEmpty()) QFile::remove(written_);
    written_.clear();
}

void Recovery::restorePending() {
    checkScheduled_ = false;
    const QString file = recoveryFile();
    const QFileInfo info(file);
    if (!info.exists()) return;
    const std::optional<RecoveredText> pending = readRecoveryFile(file);
    if (!pending || pending->path != path_) return; // not ours to apply or delete
    const QFileInfo saved(path_);
    const bool savedIsNewer =
        !path_.isEmpty() && saved.exists() && saved.lastModified() > info.lastModified();
    if (savedIsNewer || pending->text == editor_.toPlainText()) {
        QFile::remove(file);
        return;
    }
    // One edit block: a single Undo brings back the saved text.
    QTextCursor cursor(editor_.document());
    cursor.beginEditBlock();
    cursor.select(QTextCursor::Document);
    cursor.insertText(pending->text);
    cursor.endEditBlock();
    written_ = file;
    const QString message =
        tr("Recovered unsaved changes from %1 (Undo returns to the saved program)")
            .arg(QLocale().toString(info.lastModified(), QLocale::ShortFormat));
    if (auto* window = qobject_cast<QMainWindow*>(editor_.window()))
        window->statusBar()->showMessage(message);
    Q_EMIT recovered(message);
}

} // namespace vizor::app
