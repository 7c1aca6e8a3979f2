#include "app/WorkbenchControls.h"

#include "app/DataDir.h"
#include "app/EngineBridge.h"
#include "app/GuestKernel.h"
#include "app/Startup.h"
#include "views/EventLogModel.h"
#include "views/SpeedControl.h"
#include "views/TimelineBar.h"

#include <QActionGroup>
#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QMainWindow>
#include <QMenu>
#include <QStatusBar>
#include <QStyle>
#include <QToolBar>

namespace vizor::app {

namespace {
constexpr qint64 kMarkerIntervalMs = 250;
}

WorkbenchControls::WorkbenchControls(EngineBridge& bridge, QMainWindow* window)
    : QObject(window), bridge_(bridge), window_(window), timeline_(new views::TimelineBar(window)),
      speed_(new views::SpeedControl(window)), settings_(AppSettings::load()) {
    timeline_->setObjectName(QStringLiteral("timeline"));
    auto* bar = new QToolBar(tr("Timeline"), window);
    bar->setObjectName(QStringLiteral("timelineToolBar"));
    bar->setMovable(false);
    // Speed sits with the timeline: both are about time, and the debug toolbar is full
    // in longer languages.
    bar->addWidget(speed_);
    bar->addSeparator();
    bar->addWidget(timeline_);
    window->addToolBar(Qt::BottomToolBarArea, bar);
    connect(timeline_, &views::TimelineBar::stepRequested, &bridge_, &EngineBridge::goTo);

    speed_->setPosition(settings_.speedPosition);
    bridge_.setSpeed(views::SpeedControl::instructionsPerSecond(settings_.speedPosition));
    connect(speed_, &views::SpeedControl::speedChanged, this, [this](double ips) {
        bridge_.setSpeed(ips);
        settings_.speedPosition = speed_->position();
        settings_.save();
    });
}

void WorkbenchControls::addViewEntries(QMenu* view) {
    view->addSeparator();
    QMenu* theme = view->addMenu(tr("&Theme"));
    auto* themes = new QActionGroup(theme);
    const std::pair<Theme, QString> names[] = {
        {Theme::System, tr("&System")}, {Theme::Light, tr("&Light")}, {Theme::Dark, tr("&Dark")}};
    for (const auto& [value, name] : names) {
        QAction* a = theme->addAction(name);
        a->setCheckable(true);
        a->setChecked(settings_.theme == value);
        a->setObjectName(QStringLiteral("theme-") + themeName(value));
        themes->addAction(a);
        connect(a, &QAction::triggered, this, [this, v = value] {
            settings_.theme = v;
            settings_.save();
            applyTheme(v);
        });
    }
    QAction* motion = view->addAction(tr("&Reduce Motion"));
    motion->setCheckable(true);
    motion->setChecked(settings_.reduceMotion);
    connect(motion, &QAction::toggled, this, [this](bool on) {
        settings_.reduceMotion = on;
        settings_.save();
        Q_EMIT reduceMotionChanged(on);
    });
    // The language applies at the next start: every string of the window is created
    // once, and retranslating them all live is not worth the risk of a half-translated UI.
    QMenu* language = view->addMenu(tr("&Language"));
    auto* languages = new QActionGroup(language);
    for (const auto& [code, name] : {std::pair{QStringLiteral("en"), QStringLiteral("English")},
                                     std::pair{QStringLiteral("it"), QStringLiteral("Italiano")}}) {
        QAction* a = language->addAction(name);
        a->setObjectName(QStringLiteral("language-") + code);
        a->setCheckable(true);
        a->setChecked(settings_.language == code);
        languages->addAction(a);
        connect(a, &QAction::triggered, this, [this, c = code] {
            settings_.language = c;
            settings_.save();
            window_->statusBar()->showMessage(
                tr("The new language applies when Vizor starts again."), 8000);
        });
    }
}

QList<std::pair<QString, QString>> WorkbenchControls::examples() {
    QList<std::pair<QString, QString>> found;
    for (const QString& name :
         QDir(QStringLiteral(":/examples")).entryList({QStringLiteral("*.s")}))
        found.append({name, QStringLiteral(":/examples/") + name});
    // The guest sources: installed beside the program, or the sources' (app/DataDir.h).
    if (const QString resources = resourcesDirectory(); !resources.isEmpty()) {
        const QDir guests(resources + QStringLiteral("/guests"));
        for (const QString& name :
             guests.entryList({QStringLiteral("*.s")}, QDir::Files, QDir::Name))
            found.append({tr("Guest: %1").arg(name), guests.filePath(name)});
    }
    return found;
}

void WorkbenchControls::addExamples(QMenu* file) {
    QMenu* menu = file->addMenu(tr("E&xamples"));
    menu->setObjectName(QStringLiteral("examplesMenu"));
    for (const auto& [name, path] : examples()) {
        QAction* a = menu->addAction(name);
        connect(a, &QAction::triggered, this, [this, p = path] { Q_EMIT exampleChosen(p); });
    }
    // The whole guest kernel, one entry per workload: what the hypervisor modes run.
    const QStringList workloads = guestKernelWorkloads();
    if (workloads.isEmpty()) return;
    QMenu* kernels = menu->addMenu(tr("Guest &kernel"));
    kernels->setObjectName(QStringLiteral("guestKernelMenu"));
    for (const QString& workload : workloads) {
        QAction* a = kernels->addAction(workload);
        connect(a, &QAction::triggered, this, [this, workload] {
            QString error;
            if (const auto text = guestKernelSource(workload, &error))
                Q_EMIT programChosen(*text, QStringLiteral("guest-kernel-%1.s").arg(workload));
        });
    }
}

void WorkbenchControls::showSnapshot(const EngineSnapshot& s, const views::EventLogModel& events) {
    timeline_->setRange(s.furthestStep);
    timeline_->setPosition(s.hart.steps);
    // Markers scan the whole log: at most a few times a second while running.
    const auto count = static_cast<quint64>(events.totalEvents());
    if (count == markersFor_ ||
        (!s.stopped && markerClock_.isValid() && markerClock_.elapsed() < kMarkerIntervalMs))
        return;
    markersFor_ = count;
    markerClock_.start();
    timeline_->setMarkers(events.stepsOf(maskOf(EventType::Exception)),
                          events.stepsOf(maskOf(EventType::Interrupt)));
}

void WorkbenchControls::bindSignedDecimal(QCheckBox* toggle) {
    toggle->setChecked(settings_.signedDecimal);
    connect(toggle, &QCheckBox::toggled, this, [this](bool on) {
        settings_.signedDecimal = on;
        settings_.save();
    });
}

void WorkbenchControls::applyTheme(Theme theme) {
    auto* app = qApp;
    const bool dark = theme == Theme::Dark;
    if (dark) {
        applyDarkPalette(*app);
    } else if (theme == Theme::Light) {
        QApplication::setStyle(QStringLiteral("Fusion"));
        QApplication::setPalette(QApplication::style()->standardPalette());
    } else {
        QApplication::setPalette(QApplication::style()->standardPalette());
    }
}

} // namespace vizor::app
