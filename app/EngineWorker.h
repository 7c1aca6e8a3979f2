// The engine's side of the bridge: lives in the bridge's thread, owns the Machine and
// its Debugger, and is driven only by queued calls. Long runs are cut into slices of a
// few milliseconds so that queued commands (pause above all) get through between them.
#pragma once

#include "app/EngineSnapshot.h"
#include "asm/Program.h"
#include "debug/Debugger.h"
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
    void run();
    void runToLine(int line);
    void pause();
    void stepInto(int count);
    void stepOver();
    void stepOut();
    void stepBack();
    void reverseContinue();
    void reset();
    void setBreakpointLines(const QList<int>& lines);
    void setRegister(const QString& name, quint32 value);
    void sync(quint64 token);

signals:
    void loaded(vizor::app::ProgramPtr program);
    void loadFailed(const vizor::views::CodeIssues& issues);
    void published(const vizor::app::EngineSnapshot& snapshot);
    void synced(quint64 token);

private:
    void startRunning(std::optional<uint32_t> target);
    void runSlice(quint64 generation);
    void stopRunning() { ++generation_, running_ = false; }
    void applyBreakpoints();
    void publish(bool stopped, HaltReason stopReason);
    void publishStop(HaltReason reason) { publish(true, reason); }
    bool runnable() const;

    std::unique_ptr<Machine> machine_;
    std::unique_ptr<Debugger> debugger_;
    ProgramPtr program_;
    QList<int> breakpointLines_;

    bool running_ = false;
    quint64 generation_ = 0;            // a slice of an older run is ignored
    std::optional<uint32_t> runTarget_; // run to this address (run to cursor, a long step over)
    uint64_t sliceSteps_ = 50000;       // adapted so a slice takes about 10 ms
    QElapsedTimer sincePublish_;

    std::size_t consoleSent_ = 0;
    QStringDecoder consoleDecoder_{QStringDecoder::Utf8};
};

} // namespace vizor::app

Q_DECLARE_METATYPE(vizor::app::ProgramPtr)
