#include "app/Startup.h"

#include "app/InspectorPanes.h"
#include "app/MainWindow.h"
#include "app/Scenario.h"
#include "hypervisor/Hypervisor.h"
#include "views/CodeEditor.h"
#include "views/EventLogView.h"
#include "views/EventText.h"

#include <QApplication>
#include <QDockWidget>
#include <QEventLoop>
#include <QFile>
#include <QLibraryInfo>
#include <QLocale>
#include <QPalette>
#include <QTimer>
#include <QTranslator>

namespace vizor::app {

StartupOptions parseStartupOptions(const QStringList& arguments) {
    StartupOptions options;
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString& a = arguments[i];
        const auto value = [&]() -> QString {
            return i + 1 < arguments.size() ? arguments[++i] : QString();
        };
        if (a == QLatin1String("--screenshot")) {
            options.screenshotPath = value();
        } else if (a == QLatin1String("--steps")) {
            bool ok = false;
            options.screenshotSteps = value().toInt(&ok);
            if (!ok || options.screenshotSteps < 0)
                options.error = QStringLiteral("--steps needs a whole number");
        } else if (a == QLatin1String("--dock")) {
            options.raiseDock = value();
        } else if (a == QLatin1String("--dark")) {
            options.dark = true;
        } else if (a == QLatin1String("--lang")) {
            options.language = value();
        } else if (a == QLatin1String("--mode")) {
            options.mode = value();
            if (!scenarioModes().contains(options.mode))
                options.error = QStringLiteral("unknown mode '%1' (one of: %2)")
                                    .arg(options.mode, scenarioModes().join(QStringLiteral(", ")));
        } else if (a == QLatin1String("--x86-sensitive")) {
            options.x86Sensitive = true;
        } else if (a == QLatin1String("--guest-kernel")) {
            options.guestKernel = value();
        } else if (a == QLatin1String("--break-on")) {
            options.breakOn = value().split(QLatin1Char(','), Qt::SkipEmptyParts);
            QString unknown;
            if (!eventBreakMask(options.breakOn, &unknown))
                options.error = QStringLiteral("unknown event '%1' for --break-on").arg(unknown);
        } else if (a.startsWith(QLatin1String("--"))) {
            options.error = QStringLiteral("unknown option '%1' (see 'vizor help')").arg(a);
        } else {
            options.file = a;
        }
    }
    if (arguments.contains(QLatin1String("--screenshot")) && options.screenshotPath.isEmpty())
        options.error = QStringLiteral("--screenshot needs a file name");
    return options;
}

std::optional<quint64> eventBreakMask(const QStringList& names, QString* unknown) {
    quint64 mask = 0;
    for (const QString& name : names) {
        const std::string n = name.toStdString();
        bool found = false;
        for (std::size_t t = 0; t < kEventTypeCount && !found; ++t)
            if (eventTypeName(static_cast<EventType>(t)) == n) {
                mask |= maskOf(static_cast<EventType>(t));
                found = true;
            }
        if (n == "page_fault") {
            mask |= views::kPageFaultBreak;
            found = true;
        }
        for (std::size_t r = 0; r < hv::kExitReasonCount && !found; ++r)
            if (n == "vm_exit:" + std::string(hv::exitReasonName(static_cast<hv::ExitReason>(r)))) {
                mask |= views::vmExitReasonBreak(static_cast<unsigned>(r));
                found = true;
            }
        if (!found) {
            if (unknown) *unknown = name;
            return std::nullopt;
        }
    }
    return mask;
}

void applyDarkPalette(QApplication& app) {
    QApplication::setStyle(QStringLiteral("Fusion"));
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x2b2b2b));
    p.setColor(QPalette::WindowText, QColor(0xe6e6e6));
    p.setColor(QPalette::Base, QColor(0x1e1e1e));
    p.setColor(QPalette::AlternateBase, QColor(0x262626));
    p.setColor(QPalette::Text, QColor(0xe6e6e6));
    p.setColor(QPalette::Button, QColor(0x333333));
    p.setColor(QPalette::ButtonText, QColor(0xe6e6e6));
    p.setColor(QPalette::Highlight, QColor(0x2f65ca));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::ToolTipBase, QColor(0x333333));
    p.setColor(QPalette::ToolTipText, QColor(0xe6e6e6));
    p.setColor(QPalette::PlaceholderText, QColor(0x8b949e));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x7a7a7a));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x7a7a7a));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x7a7a7a));
    app.setPalette(p);
}

void installTranslations(QApplication& app, const QString& language) {
    const QLocale locale = language.isEmpty() ? QLocale() : QLocale(language);
    if (!language.isEmpty()) QLocale::setDefault(locale);
    auto* vizor = new QTranslator(&app);
    // uiLanguages() follows LANGUAGE / LANG; English needs no file (the source strings).
    if (vizor->load(locale, QStringLiteral("vizor"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        app.installTranslator(vizor);
    auto* qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        app.installTranslator(qt);
}

QString defaultProgramText() {
    QFile file(QStringLiteral(":/examples/hello.s"));
    if (file.open(QIODevice::ReadOnly)) return QString::fromUtf8(file.readAll());
    return QStringLiteral("# The built-in example is missing from this build.\n");
}

namespace {

// Continues, as F5 does, until the run stops (an event breakpoint, a breakpoint or a
// halt), so that a screenshot shows a real stop.
bool runUntilStopped(MainWindow& window) {
    EngineBridge& bridge = window.bridge();
    QEventLoop loop;
    bool started = false;
    QObject::connect(&bridge, &EngineBridge::snapshotChanged, &loop, [&](const EngineSnapshot& s) {
        if (s.state == RunState::Running)
            started = true;
        else if (started && s.stopped)
            loop.quit();
    });
    bridge.run();
    QTimer::singleShot(60000, &loop, [&] { loop.exit(1); });
    if (loop.exec() != 0) {
        qWarning("vizor: the run did not stop within 60 s");
        return false;
    }
    return true;
}

} // namespace

int renderScreenshot(MainWindow& window, const StartupOptions& options) {
    window.resize(1280, 800);
    window.show();
    EngineBridge& bridge = window.bridge();
    if (options.screenshotSteps > 0) bridge.stepInto(options.screenshotSteps);
    if (!options.breakOn.isEmpty() && !runUntilStopped(window)) return 1;
    // Wait until the engine has handled everything and its snapshots have arrived.
    QEventLoop loop;
    const quint64 token = bridge.requestSync();
    QObject::connect(&bridge, &EngineBridge::synced, &loop, [&](quint64 t) {
        if (t == token) loop.quit();
    });
    QTimer::singleShot(30000, &loop, [&] { loop.exit(1); });
    if (loop.exec() != 0) {
        qWarning("vizor: the engine did not answer within 30 s");
        return 1;
    }
    for (const QString& name : options.raiseDock.split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (auto* dock = window.findChild<QDockWidget*>(name)) dock->raise();
    QApplication::processEvents(); // let layouts settle and pending paints run
    // Where the editor scrolled to depends on when the window got its final size; place
    // the line explicitly so the same command always gives the same picture.
    window.editor()->scrollToLine(window.editor()->executionLine());
    QApplication::processEvents();
    if (!window.grab().save(options.screenshotPath)) {
        qWarning("vizor: cannot write %s", qPrintable(options.screenshotPath));
        return 1;
    }
    return 0;
}

} // namespace vizor::app
