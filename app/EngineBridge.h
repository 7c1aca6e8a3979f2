// The one adapter between the engine and Qt. It owns the engine's thread and the worker
// living in it; every command is queued to the worker, and the worker's throttled,
// immutable snapshots come back as signals. Views never touch the worker.
#pragma once

#include "app/EngineSnapshot.h"
#include "app/EngineWorker.h"
#include "views/CodeIssue.h"

#include <QObject>
#include <QThread>
#include <optional>

namespace vizor::app {

class EngineBridge : public QObject {
    Q_OBJECT
public:
    explicit EngineBridge(QObject* parent = nullptr);
    ~EngineBridge() override;

    void load(const QString& source, const QString& fileName = QStringLiteral("program.s"));
    // Rebuilds the machine on the engine thread for this scenario and loads the program
    // again; scenarioChanged or scenarioFailed tells how it went.
    void setScenario(const vizor::app::Scenario& scenario);
    const Scenario& scenario() const { return scenario_; }
    void run();
    void runToLine(int line);
    void pause();
    void stepInto(int count = 1);
    void stepOver();
    void stepOut();
    void stepBack();
    void reverseContinue();
    void reset();
    // Travel to a timeline position (HartState::steps), backward or forward.
    void goTo(quint64 step);
    void setMemoryWindow(quint32 address, quint32 length, bool isVirtual);
    // Data breakpoints on aligned words; a run stops after the instruction that changed one.
    void setWatchpoints(const QList<quint32>& addresses, bool isVirtual);
    // A run stops right after an event of one of these types (a trap, a page fault...).
    void setEventBreakpoints(vizor::EventMask types);
    // Instructions per second; 0 = unthrottled.
    void setSpeed(double instructionsPerSecond);
    void setBreakpointLines(const QList<int>& lines);
    void setRegister(const QString& name, quint32 value);
    // One byte of guest memory (virtual: through the current translation), while paused.
    // Like a register edit it cuts the recorded future; step back undoes it.
    void setMemoryByte(quint32 address, quint8 value, bool isVirtual);
    // Emits synced(token) once every command queued before it has been handled and its
    // snapshots delivered. Returns the token.
    quint64 requestSync();

    // The latest published state, and the program it belongs to (null before a load).
    const EngineSnapshot& snapshot() const { return snapshot_; }
    const ProgramPtr& program() const { return program_; }
    // Source line (of the main file) of the instruction at an address, 0 when unknown.
    int lineForAddress(uint32_t address) const;

signals:
    void snapshotChanged(const vizor::app::EngineSnapshot& snapshot);
    void programLoaded();
    void loadFailed(const vizor::views::CodeIssues& issues);
    void synced(quint64 token);
    void scenarioChanged(const vizor::app::Scenario& scenario);
    void scenarioFailed(const QString& message);

private:
    template <typename F> void post(F&& command) {
        QMetaObject::invokeMethod(worker_, std::forward<F>(command), Qt::QueuedConnection);
    }

    QThread thread_;
    EngineWorker* worker_;
    EngineSnapshot snapshot_;
    ProgramPtr program_;
    Scenario scenario_;
    quint64 nextToken_ = 0;
};

} // namespace vizor::app
