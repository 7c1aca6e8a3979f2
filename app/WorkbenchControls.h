// The workbench's controls beyond the debug actions: the timeline scrubber, the speed
// slider, the View menu's theme, reduce-motion and language entries, and the Examples
// menu. Preferences are read from and written to AppSettings. Kept out of MainWindow so
// that it stays a mediator.
#pragma once

#include "app/AppSettings.h"
#include "app/EngineSnapshot.h"

#include <QElapsedTimer>
#include <QObject>

class QCheckBox;
class QMainWindow;
class QMenu;

namespace vizor::views {
class EventLogModel;
class SpeedControl;
class TimelineBar;
} // namespace vizor::views

namespace vizor::app {

class EngineBridge;

class WorkbenchControls : public QObject {
    Q_OBJECT
public:
    WorkbenchControls(EngineBridge& bridge, QMainWindow* window);

    views::TimelineBar* timeline() const { return timeline_; }
    views::SpeedControl* speed() const { return speed_; }
    const AppSettings& settings() const { return settings_; }

    void addViewEntries(QMenu* view);
    void addExamples(QMenu* file);
    void showSnapshot(const EngineSnapshot& snapshot, const views::EventLogModel& events);
    void applyTheme(Theme theme);
    // Restores and then persists the register pane's signed/unsigned choice.
    void bindSignedDecimal(QCheckBox* toggle);

    // Example programs: built-in ones (":/examples/...") and the guest sources, if this
    // build can see them. Each is a display name and a path.
    static QList<std::pair<QString, QString>> examples();

signals:
    void exampleChosen(const QString& path);
    // A program put together from several files (the guest kernel with a workload).
    void programChosen(const QString& text, const QString& name);
    void reduceMotionChanged(bool reduce);

private:
    EngineBridge& bridge_;
    QMainWindow* window_;
    views::TimelineBar* timeline_;
    views::SpeedControl* speed_;
    AppSettings settings_;
    quint64 markersFor_ = UINT64_MAX; // event count the markers were computed from
    QElapsedTimer markerClock_;
};

} // namespace vizor::app
