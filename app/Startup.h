// What `vizor` does when it opens a window: the command-line options of the GUI, the
// translation to install and the screenshot mode used for the README and for checks.
#pragma once

#include <QString>
#include <QStringList>
#include <optional>

class QApplication;

namespace vizor::app {

class MainWindow;

struct StartupOptions {
    QString file;           // a program to open instead of the default one
    QString language;       // "it", "en"; empty = from the system locale
    QString screenshotPath; // --screenshot FILE.png: render the window and exit
    int screenshotSteps = 0;
    QString raiseDock; // --dock NAME[,NAME]: bring tabbed docks to the front (memoryDock, ...)
    bool dark = false; // --dark: Fusion with a dark palette (to check the dark colours)
    QString mode;      // --mode trap: the scenario's execution mode (empty: as saved)
    bool x86Sensitive = false; // --x86-sensitive
    // --break-on vm_exit,page_fault,...: event breakpoints, as the event log's names
    // (event types, "page_fault", "vm_exit:<reason>"); with --screenshot the program
    // runs until one stops it.
    QStringList breakOn;
    QString guestKernel; // --guest-kernel WORKLOAD: open the guest kernel with that workload
    QString error;       // set when the command line is wrong
};

StartupOptions parseStartupOptions(const QStringList& arguments);

// The event-breakpoint mask for --break-on names; nullopt names the first unknown one.
std::optional<quint64> eventBreakMask(const QStringList& names, QString* unknown);

// The Fusion style with a dark palette, for rooms and screens where dark reads better.
void applyDarkPalette(QApplication& app);

// Loads Vizor's (and Qt's own) Italian strings when the language is Italian.
void installTranslations(QApplication& app, const QString& language);

// The built-in example program shown at first start.
QString defaultProgramText();

// Opens the window at 1280x800 on the default program, steps it, saves a PNG. Returns
// the process exit status.
int renderScreenshot(MainWindow& window, const StartupOptions& options);

} // namespace vizor::app
