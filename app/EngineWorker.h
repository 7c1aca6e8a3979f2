// The engine's side of the bridge: lives in the bridge's thread, owns the Machine and
// its Debugger, and is driven only by queued calls. Long runs are cut into slices of a
// few milliseconds so that queued commands (pause above all) get through between them.
//
// Watchpoints and event breakpoints must stop exactly after the instruction that caused
// them, and the Debugger knows neither; when any is set, runs go one instruction at a
// time with a check after each (EngineRun.cpp). That costs speed — see there.
#pragma once

#include "app/EngineSnapshot.h"
#include "app/EventCollector.h"
#include "app/MemoryProbe.h"
#include "app/Scenario.h"
#include "asm/Program.h"
#include "debug/Debugger.h"
#include "hypervisor/HypervisorParticipant.h"
#include "machine/Machine.h"
#include "views/CodeIssue.h"

#include <QElapsedTimer>
#include <QObject>
#include <QStringDecoder>
#include <memory>

namespace vizor::app {

using ProgramPtr = std::shared_ptr<const Program>;

class EngineWorker : public QObject {
    Q_OBJECT
public:
    EngineWorker();
    ~EngineWorker() override;

    // Commands; each runs on the worker thread.
    void load(const QString& source, const QString& fileName);
    // Rebuilds the machine for another mode, switch or cost model and loads the program
    // again (from step 0). A cost-model file that does not read keeps the old scenario.
    void setScenario(const vizor::app::Scenario& scenario);
    void run();
    void runToLine(int line);
    void pause();
    void stepInto(int count);
    void stepOver();
    void stepOut();
    void stepBack();
    void reverseContinue();
    void goTo(quint64 step);
    void reset();
    void setBreakpointLines(const QList<int>& lines);
    void setRegister(const QString& name, quint32 value);
    void setMemoryByte(quint32 address, quint8 value, bool isVirtual);
    void setMemoryWindow(quint32 address, quint32 length, bool isVirtual);
    void setWatchpoints(const QList<quint32>& addresses, bool isVirtual);
    void setEventBreakpoints(EventMask types);
    // Instructions per second; 0 = as fast as the host allows.
    void setSpeed(double instructionsPerSecond);
    void sync(quint64 token);

signals:
    void loaded(vizor::app::ProgramPtr program);
    void loadFailed(const vizor::views::CodeIssues& issues);
    void scenarioChanged(const vizor::app::Scenario& scenario);
    void scenarioFailed(const QString& message);
    void published(const vizor::app::EngineSnapshot& snapshot);
    void synced(quint64 token);

private:
    struct SliceEnd {
        HaltReason reason = HaltReason::InstructionLimit;
        uint64_t executed = 0;
        std::optional<uint32_t> watchpoint;
        bool event = false;
    };

    void startRunning(std::optional<uint32_t> target);
    void runSlice(quint64 generation);
    SliceEnd runFast(uint64_t budget);
    SliceEnd runFine(uint64_t budget);
    uint64_t throttledBudget() const;
    int throttleWaitMs() const;
    void stopRunning() { ++generation_, running_ = false; }
    void timelineRewritten();
    void applyBreakpoints();
    void publish(bool stopped, HaltReason stopReason);
    void publishStop(HaltReason reason) { publish(true, reason); }
    void fillConsole(EngineSnapshot& s, bool stopped);
    bool runnable() const;
    void buildMachine(const hv::VmConfig& config);
    bool loadProgram(views::CodeIssues& issues);

    // The machine always belongs to a hypervisor of the scenario's mode (native too);
    // the Debugger runs the guest through it and snapshots its VMM state.
    Scenario scenario_;
    hv::VmConfig vmConfig_;
    std::unique_ptr<hv::Hypervisor> vm_;
    Machine* machine_ = nullptr;
    std::unique_ptr<hv::HypervisorParticipant> participant_;
    std::unique_ptr<Debugger> debugger_;
    std::unique_ptr<EventCollector> events_;
    QString source_, fileName_; // the program's text, assembled again for another mode
    WatchList watches_;
    ProgramPtr program_;
    QList<int> breakpointLines_;

    bool running_ = false;
    quint64 generation_ = 0;            // a slice of an older run is ignored
    std::optional<uint32_t> runTarget_; // run to this address (run to cursor, a long step over)
    uint64_t sliceSteps_ = 50000;       // adapted so a slice takes about 10 ms
    QElapsedTimer sincePublish_;
    double speed_ = 0;              // instructions per second, 0 = unthrottled
    QElapsedTimer throttleClock_;   // since the run (or the speed) started
    uint64_t throttleExecuted_ = 0; // steps run since then
    std::optional<uint32_t> watchpointHit_;
    bool eventHit_ = false;
    HaltReason lastStopReason_ = HaltReason::None;
    uint64_t furthestStep_ = 0;

    QList<quint32> watchAddresses_;
    bool watchVirtual_ = false;
    EventMask eventBreakTypes_ = 0;

    quint32 memoryAddress_ = 0x80000000u;
    quint32 memoryLength_ = 256;
    bool memoryVirtual_ = false;

    std::size_t consoleSent_ = 0;
    QStringDecoder consoleDecoder_{QStringDecoder::Utf8};
};

} // namespace vizor::app

Q_DECLARE_METATYPE(vizor::app::ProgramPtr)
