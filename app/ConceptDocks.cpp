#include "app/ConceptDocks.h"

#include "app/EngineBridge.h"
#include "app/WorkbenchControls.h"
#include "host/LiveCgroups.h"
#include "views/SpeedControl.h"
#include "views/concepts/BalloonView.h"
#include "views/concepts/CgroupTreeView.h"
#include "views/concepts/ConsolidationView.h"
#include "views/concepts/CpuSharePlotView.h"
#include "views/concepts/DirtyPagesPlotView.h"
#include "views/concepts/InstructionClassesView.h"
#include "views/concepts/MemoryPlotView.h"
#include "views/concepts/MigrationView.h"
#include "views/concepts/PageWalkView.h"
#include "views/concepts/PlotView.h"
#include "views/concepts/ShippedScenes.h"
#include "views/concepts/SplitDriverView.h"
#include "views/concepts/StorageView.h"
#include "views/concepts/TranslationCacheView.h"
#include "views/concepts/WorldSwitchView.h"

#include <QDockWidget>
#include <QFutureWatcher>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QTimer>
#include <QtConcurrent>

namespace vizor::app {

using namespace views::concepts;

namespace {
// Events kept for a hidden dock until it is shown (the views keep at most as many).
constexpr std::size_t kPendingLimit = 200'000;
} // namespace

ConceptDocks::ConceptDocks(EngineBridge& bridge, QMainWindow& window, WorkbenchControls& controls)
    : QObject(&window) {
    add(new WorldSwitchView(&window), window);
    add(new PageWalkView(&window), window);
    add(new InstructionClassesView(&window), window);
    add(new TranslationCacheView(&window), window);
    add(new ExitsPlotView(&window), window);
    add(new SplitDriverView(&window), window);
    addLiveCgroups(window);
    // The workbench runs one VM: these show a shipped scenario's real run instead.
    for (ConceptView* view : std::initializer_list<ConceptView*>{
             new BalloonView(&window), new MemoryPlotView(&window), new MigrationView(&window),
             new DirtyPagesPlotView(&window), new ConsolidationView(&window),
             new StorageView(&window), new CpuSharePlotView(&window)})
        addShipped(view, window);
    for (int i = 1; i < docks_.size(); ++i)
        window.tabifyDockWidget(docks_[0], docks_[i]);
    for (ConceptView* view : views_) {
        view->setReduceMotion(controls.settings().reduceMotion);
        view->setSpeedPosition(controls.speed()->position());
        connect(&controls, &WorkbenchControls::reduceMotionChanged, view,
                &ConceptView::setReduceMotion);
        connect(controls.speed(), &views::SpeedControl::speedChanged, view,
                [view, speed = controls.speed()] { view->setSpeedPosition(speed->position()); });
    }
    connect(&bridge, &EngineBridge::snapshotChanged, this, &ConceptDocks::showSnapshot);
    // Before Help, the menu bar's last entry.
    auto* menu = new QMenu(tr("&Concepts"), &window);
    const QList<QAction*> top = window.menuBar()->actions();
    window.menuBar()->insertMenu(top.isEmpty() ? nullptr : top.back(), menu);
    for (QDockWidget* dock : docks_)
        menu->addAction(dock->toggleViewAction());
}

void ConceptDocks::add(ConceptView* view, QMainWindow& window) {
    auto* dock = new QDockWidget(view->title(), &window);
    dock->setObjectName(view->viewName() + QStringLiteral("Dock"));
    dock->setWidget(view);
    window.addDockWidget(Qt::LeftDockWidgetArea, dock);
    dock->hide(); // opened from the Concepts menu; the workbench stays as it was
    const int index = static_cast<int>(views_.size());
    connect(dock, &QDockWidget::visibilityChanged, this, [this, index](bool visible) {
        if (visible) flush(index);
    });
    views_ << view;
    docks_ << dock;
    pending_ << Pending{};
}

// The real machine's cgroup tree, read again every second while its dock is shown (the
// reader is quick and never fails hard: unreadable groups are reported in the tree).
void ConceptDocks::addLiveCgroups(QMainWindow& window) {
    auto* view = new CgroupTreeView(&window);
    add(view, window);
    QDockWidget* dock = docks_.back();
    dock->setWindowTitle(tr("cgroup tree (this machine)"));
    dock->setObjectName(QStringLiteral("liveCgroupTreeDock"));
    auto* timer = new QTimer(this);
    timer->setInterval(1000);
    auto refresh = [view] {
        view->setForest(forestOf(host::readLiveCgroups(host::RealCgroupFileSystem(), {})));
    };
    connect(timer, &QTimer::timeout, view, refresh);
    connect(dock, &QDockWidget::visibilityChanged, timer, [timer, refresh](bool visible) {
        if (visible)
            refresh(), timer->start();
        else
            timer->stop();
    });
}

// Several VMs on a host, a migration, a cluster, a thin disk and the host model's
// cgroups are not what the workbench's single VM does, so these views are not fed its
// events: the first time the dock is shown, the view's shipped scenario runs on a pool
// thread (the engine there, never a widget) and the view gets its events when it ends.
void ConceptDocks::addShipped(ConceptView* view, QMainWindow& window) {
    add(view, window);
    const int index = static_cast<int>(views_.size()) - 1;
    shipped_.insert(index);
    QDockWidget* dock = docks_.back();
    dock->setWindowTitle(tr("%1 (shipped scenario)").arg(view->title()));
    connect(dock, &QDockWidget::visibilityChanged, this, [this, index](bool visible) {
        if (visible) loadShipped(index);
    });
}

void ConceptDocks::loadShipped(int index) {
    if (loaded_.contains(index)) return;
    loaded_.insert(index);
    ConceptView* view = views_[index];
    auto* watcher = new QFutureWatcher<ShippedScene>(this);
    connect(watcher, &QFutureWatcher<ShippedScene>::finished, view, [watcher, view] {
        const ShippedScene scene = watcher->result();
        watcher->deleteLater();
        if (!scene.ok()) {
            view->setToolTip(QString::fromStdString(scene.error));
            return;
        }
        view->setToolTip(scene.description);
        if (scene.setUp) scene.setUp(*view);
        feedView(*view, UINT64_MAX, scene.events);
    });
    watcher->setFuture(QtConcurrent::run(&shippedScene, view->viewName()));
}

void ConceptDocks::showSnapshot(const EngineSnapshot& snapshot) {
    for (int i = 0; i < views_.size(); ++i) {
        if (shipped_.contains(i)) continue;
        Pending& p = pending_[i];
        if (snapshot.eventsKeepBelow != UINT64_MAX) {
            p.keepBelow = std::min(p.keepBelow, snapshot.eventsKeepBelow);
            std::erase_if(p.events, [&](const NumberedEvent& e) {
                return e.sequence >= snapshot.eventsKeepBelow;
            });
        }
        for (const LoggedEvent& e : snapshot.newEvents)
            p.events.push_back({e.event, e.sequence});
        if (p.events.size() > kPendingLimit)
            p.events.erase(p.events.begin(),
                           p.events.begin() +
                               static_cast<std::ptrdiff_t>(p.events.size() - kPendingLimit));
        if (docks_[i]->isVisible()) flush(i);
    }
}

void ConceptDocks::flush(int index) {
    Pending& p = pending_[index];
    if (p.keepBelow == UINT64_MAX && p.events.empty()) return;
    feedView(*views_[index], p.keepBelow, p.events);
    p = Pending{};
}

} // namespace vizor::app
