// The concept views as docks of the main window, fed by the bridge's snapshots: each
// snapshot's rewritten range (stepping back, reset, reload) and its new events go to
// every view, so a view animates what the engine did and plays it backwards when the
// timeline is rewound. Views never see the engine; this object only forwards what the
// bridge published. Hidden docks are fed when they are shown (bounded by the views).
// Views of what the workbench's one VM never does (ballooning between VMs, migration,
// consolidation, a thin disk, cgroup CPU shares) show their shipped scenario's real run.
#pragma once

#include "app/EngineSnapshot.h"
#include "views/concepts/ConceptView.h"

#include <QList>
#include <QObject>
#include <QSet>

class QDockWidget;
class QMainWindow;

namespace vizor::app {

class EngineBridge;
class WorkbenchControls;

class ConceptDocks : public QObject {
    Q_OBJECT
public:
    ConceptDocks(EngineBridge& bridge, QMainWindow& window, WorkbenchControls& controls);

    const QList<views::concepts::ConceptView*>& views() const { return views_; }
    const QList<QDockWidget*>& docks() const { return docks_; }
    void showSnapshot(const EngineSnapshot& snapshot);

private:
    struct Pending {
        uint64_t keepBelow = UINT64_MAX;
        std::vector<views::concepts::NumberedEvent> events;
    };
    void add(views::concepts::ConceptView* view, QMainWindow& window);
    void addLiveCgroups(QMainWindow& window);
    void addShipped(views::concepts::ConceptView* view, QMainWindow& window);
    void loadShipped(int index);
    void flush(int index);

    QList<views::concepts::ConceptView*> views_;
    QList<QDockWidget*> docks_;
    QList<Pending> pending_;
    QSet<int> shipped_; // views shown with their shipped scenario, not the bridge's events
    QSet<int> loaded_;  // of those, the ones whose run was started
};

} // namespace vizor::app
