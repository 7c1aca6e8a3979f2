// Crash recovery for the program in the editor. A few seconds after an edit, the text
// is written (atomically, with QSaveFile) to a recovery file named after the program;
// saving the program, or opening another one, removes it. So a recovery file exists
// only while there are unsaved changes, and one left over at start means the previous
// run died with unsaved work. When the same program is opened again and its recovery
// file is newer than the saved file, the text is restored as an edit of the saved one:
// the document shows as modified and Undo returns to what is on disk.
#pragma once

#include <QObject>
#include <QString>
#include <QTimer>

class QPlainTextEdit;

namespace vizor::app {

class Recovery : public QObject {
    Q_OBJECT
public:
    // Autosaves `editor`'s document into `directory` (created when first needed).
    Recovery(QPlainTextEdit& editor, const QString& directory, QObject* parent = nullptr);
    // The per-user default: <AppLocalDataLocation>/recovery.
    static QString defaultDirectory();

    // The program now shown: `path` is its file ("" for a built-in one), `name` its name.
    // Looks for a recovery file of that program once control returns to the event loop
    // (openFile sets the name, then the path: only the last one counts).
    void track(const QString& path, const QString& name);

    void setInterval(int milliseconds) { autosave_.setInterval(milliseconds); }
    // Where the current program's unsaved text would be written.
    QString recoveryFile() const;

    // Writes the recovery file now (if the document has unsaved changes).
    bool writeNow();

signals:
    // A recovery file was applied: `savedAt` is when it was written.
    void recovered(const QString& message);

private:
    void documentEdited();
    void modificationChanged(bool modified);
    void restorePending();
    void removeWritten();

    QPlainTextEdit& editor_;
    QString directory_;
    QString path_;
    QString name_;
    QString written_; // the recovery file this session wrote (or restored) last
    QTimer autosave_;
    bool checkScheduled_ = false;
};

} // namespace vizor::app
