// Vizor's entry point: headless subcommands run without any Qt object; everything
// else opens the window.
#include "app/AppSettings.h"
#include "app/FirstPaintProbe.h"
#include "app/FrameTimeProbe.h"
#include "app/GuestKernel.h"
#include "app/HypervisorPanes.h"
#include "app/InspectorPanes.h"
#include "app/LessonExport.h"
#include "app/LessonPlayer.h"
#include "app/MainWindow.h"
#include "app/Startup.h"
#include "cli/CommandLine.h"

#include "views/EventLogView.h"

#include <QApplication>
#include <iostream>
#include <string>
#include <vector>

int main(int argc, char* argv[]) {
    const std::vector<std::string> args(argv + 1, argv + argc);
    // Lesson export draws with Qt but needs no display (it sets the offscreen platform).
    if (!args.empty() && args[0] == "lesson") return vizor::app::lessonMain(argc, argv);
    if (vizor::cli::isHeadlessCommand(args))
        return vizor::cli::runHeadless(args, std::cout, std::cerr);

    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Vizor"));
    QApplication::setOrganizationName(QStringLiteral("Vizor"));
    QApplication::setApplicationVersion(QStringLiteral(VIZOR_VERSION));
    QGuiApplication::setDesktopFileName(QStringLiteral("vizor"));

    QStringList arguments = QApplication::arguments();
    const QString lessonFile = vizor::app::takeLessonOption(arguments);
    const vizor::app::StartupOptions options = vizor::app::parseStartupOptions(arguments);
    if (!options.error.isEmpty()) {
        std::cerr << "vizor: " << options.error.toStdString() << '\n';
        return 2;
    }
    // The command line wins over the saved preferences.
    const vizor::app::AppSettings settings = vizor::app::AppSettings::load();
    vizor::app::installTranslations(app, options.language.isEmpty() ? settings.language
                                                                    : options.language);
    if (options.dark ||
        (options.screenshotPath.isEmpty() && settings.theme == vizor::app::Theme::Dark))
        vizor::app::applyDarkPalette(app);

    vizor::app::MainWindow window;
    QString error;
    if (!options.guestKernel.isEmpty()) {
        const auto kernel = vizor::app::guestKernelSource(options.guestKernel, &error);
        if (!kernel) {
            std::cerr << "vizor: " << error.toStdString() << '\n';
            return 2;
        }
        window.openSource(*kernel, QStringLiteral("guest-kernel-%1.s").arg(options.guestKernel));
    } else if (options.file.isEmpty() || !window.openFile(options.file)) {
        window.openSource(vizor::app::defaultProgramText(), QStringLiteral("hello.s"));
    }
    vizor::app::Scenario scenario = settings.scenario;
    if (!options.mode.isEmpty()) scenario.mode = options.mode;
    if (options.x86Sensitive) scenario.x86Sensitive = true;
    window.hypervisorPanes()->setScenario(scenario);
    if (!options.breakOn.isEmpty())
        window.inspectors()->eventLog()->setEventBreakpoints(
            *vizor::app::eventBreakMask(options.breakOn, nullptr));
    if (!options.screenshotPath.isEmpty()) return vizor::app::renderScreenshot(window, options);

    window.restoreLayout();
    // The speed suite's start-up and drawing measurements (environment variables).
    vizor::app::installFirstPaintProbe(window);
    vizor::app::installFrameTimeProbe(window);
    window.show();
    if (!lessonFile.isEmpty()) {
        QString lessonError;
        auto* player = vizor::app::LessonPlayer::open(
            lessonFile,
            vizor::app::lessonLanguage(options.language.isEmpty() ? settings.language : options.language),
            &window, &lessonError);
        if (!player) {
            std::cerr << "vizor: " << lessonError.toStdString() << '\n';
            return 2;
        }
        player->show();
    }
    return app.exec();
}
