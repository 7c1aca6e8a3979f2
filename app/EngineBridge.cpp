#include "app/EngineBridge.h"

namespace vizor::app {

EngineBridge::EngineBridge(QObject* parent) : QObject(parent), worker_(new EngineWorker) {
    qRegisterMetaType<EngineSnapshot>();
    qRegisterMetaType<ProgramPtr>();
    qRegisterMetaType<views::CodeIssues>();
    qRegisterMetaType<Scenario>();
    thread_.setObjectName(QStringLiteral("vizor-engine"));
    worker_->moveToThread(&thread_);
    connect(worker_, &EngineWorker::published, this, [this](const EngineSnapshot& s) {
        snapshot_ = s;
        Q_EMIT snapshotChanged(snapshot_);
    });
    connect(worker_, &EngineWorker::loaded, this, [this](const ProgramPtr& program) {
        program_ = program;
        Q_EMIT programLoaded();
    });
    connect(worker_, &EngineWorker::loadFailed, this, [this](const views::CodeIssues& issues) {
        program_.reset();
        Q_EMIT loadFailed(issues);
    });
    connect(worker_, &EngineWorker::synced, this, &EngineBridge::synced);
    connect(worker_, &EngineWorker::scenarioChanged, this, [this](const Scenario& scenario) {
        scenario_ = scenario;
        Q_EMIT scenarioChanged(scenario);
    });
    connect(worker_, &EngineWorker::scenarioFailed, this, &EngineBridge::scenarioFailed);
    thread_.start();
}

EngineBridge::~EngineBridge() {
    // The worker finishes at most its current slice (~10 ms); later slices are dropped.
    thread_.quit();
    thread_.wait();
    delete worker_; // its thread has ended, so deleting it from here is safe
}

void EngineBridge::setMemoryByte(quint32 address, quint8 value, bool isVirtual) {
    post([w = worker_, address, value, isVirtual] { w->setMemoryByte(address, value, isVirtual); });
}

void EngineBridge::setScenario(const Scenario& scenario) {
    post([w = worker_, scenario] { w->setScenario(scenario); });
}

void EngineBridge::load(const QString& source, const QString& fileName) {
    post([w = worker_, source, fileName] { w->load(source, fileName); });
}

void EngineBridge::run() {
    post([w = worker_] { w->run(); });
}
void EngineBridge::runToLine(int line) {
    post([w = worker_, line] { w->runToLine(line); });
}
void EngineBridge::pause() {
    post([w = worker_] { w->pause(); });
}
void EngineBridge::stepInto(int count) {
    post([w = worker_, count] { w->stepInto(count); });
}
void EngineBridge::stepOver() {
    post([w = worker_] { w->stepOver(); });
}
void EngineBridge::stepOut() {
    post([w = worker_] { w->stepOut(); });
}
void EngineBridge::stepBack() {
    post([w = worker_] { w->stepBack(); });
}
void EngineBridge::reverseContinue() {
    post([w = worker_] { w->reverseContinue(); });
}
void EngineBridge::reset() {
    post([w = worker_] { w->reset(); });
}

void EngineBridge::goTo(quint64 step) {
    post([w = worker_, step] { w->goTo(step); });
}
void EngineBridge::setMemoryWindow(quint32 address, quint32 length, bool isVirtual) {
    post([w = worker_, address, length, isVirtual] {
        w->setMemoryWindow(address, length, isVirtual);
    });
}
void EngineBridge::setWatchpoints(const QList<quint32>& addresses, bool isVirtual) {
    post([w = worker_, addresses, isVirtual] { w->setWatchpoints(addresses, isVirtual); });
}
void EngineBridge::setEventBreakpoints(vizor::EventMask types) {
    post([w = worker_, types] { w->setEventBreakpoints(types); });
}
void EngineBridge::setSpeed(double instructionsPerSecond) {
    post([w = worker_, instructionsPerSecond] { w->setSpeed(instructionsPerSecond); });
}

void EngineBridge::setBreakpointLines(const QList<int>& lines) {
    post([w = worker_, lines] { w->setBreakpointLines(lines); });
}

void EngineBridge::setRegister(const QString& name, quint32 value) {
    post([w = worker_, name, value] { w->setRegister(name, value); });
}

quint64 EngineBridge::requestSync() {
    const quint64 token = ++nextToken_;
    post([w = worker_, token] { w->sync(token); });
    return token;
}

int EngineBridge::lineForAddress(uint32_t address) const {
    if (!program_) return 0;
    const LineMapEntry* entry = program_->lineFor(address);
    return entry && entry->fileIndex == 0 ? entry->line : 0;
}

} // namespace vizor::app
