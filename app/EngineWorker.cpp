#include "app/EngineWorker.h"

#include "app/SourceChecker.h"
#include "asm/Assembler.h"
#include "views/RegisterTable.h"

#include <QFile>
#include <algorithm>

namespace vizor::app {

namespace {

constexpr uint64_t kFirstStepOverSlice = 200'000; // then it continues as a pausable run
constexpr uint64_t kStepOutBudget = 5'000'000;
constexpr std::size_t kMaxConsoleBytesPerSnapshot = 64 * 1024;

// A step that did all it was asked to reports "instruction limit"; to the user that is
// simply a finished step, not a limit they ran into.
HaltReason stepReason(const RunResult& result) {
    return result.reason == HaltReason::InstructionLimit ? HaltReason::None : result.reason;
}

} // namespace

EngineWorker::EngineWorker() {
    buildMachine(vmConfig_);
    sincePublish_.start();
}

// A fresh hypervisor of the scenario's mode, and everything that holds on to its machine.
void EngineWorker::buildMachine(const hv::VmConfig& config) {
    events_.reset();
    debugger_.reset();
    participant_.reset();
    vmConfig_ = config;
    vm_ = hv::makeHypervisor(scenario_.mode.toStdString(), vmConfig_);
    machine_ = &vm_->machine();
    participant_ = std::make_unique<hv::HypervisorParticipant>(*vm_);
    debugger_ = std::make_unique<Debugger>(*machine_);
    debugger_->setParticipant(participant_.get());
    debugger_->resetHistory();
    events_ = std::make_unique<EventCollector>(*machine_);
    events_->setBreakTypes(eventBreakTypes_);
    watches_.set(*machine_, watchAddresses_, watchVirtual_);
    consoleSent_ = 0;
}

// Assembles the source (pv needs the PARAVIRT build of a guest kernel) and loads it into
// a fresh machine of the scenario's mode.
bool EngineWorker::loadProgram(views::CodeIssues& issues) {
    AssemblerOptions options;
    options.fileName = fileName_.toStdString();
    if (scenario_.mode == QLatin1String("pv")) options.defines["PARAVIRT"] = 1;
    AssemblyResult result = assemble(source_.toStdString(), options);
    if (!result.ok()) {
        issues = toIssues(result.errors);
        return false;
    }
    buildMachine(vmConfig_);
    std::string error;
    if (!vm_->load(result.program, error)) {
        issues = {{0, 0, QString::fromStdString(error)}};
        return false;
    }
    program_ = std::make_shared<const Program>(std::move(result.program));
    debugger_->setSourceMap(*program_);
    debugger_->resetHistory();
    return true;
}

void EngineWorker::setScenario(const Scenario& scenario) {
    stopRunning();
    hv::VmConfig config;
    config.x86Sensitive = scenario.x86Sensitive;
    if (!scenario.costModelFile.isEmpty()) {
        QFile file(scenario.costModelFile);
        std::string error;
        std::optional<hv::CostModel> costs;
        if (file.open(QIODevice::ReadOnly))
            costs = hv::CostModel::parse(file.readAll().toStdString(), error);
        else
            error = file.errorString().toStdString();
        if (!costs) {
            Q_EMIT scenarioFailed(scenario.costModelFile + QStringLiteral(": ") +
                                  QString::fromStdString(error));
            return;
        }
        config.costs = *costs;
    }
    scenario_ = scenario;
    vmConfig_ = config;
    Q_EMIT scenarioChanged(scenario_);
    if (!source_.isEmpty()) return load(source_, fileName_);
    buildMachine(vmConfig_);
    publishStop(HaltReason::None);
}

EngineWorker::~EngineWorker() = default;

bool EngineWorker::runnable() const {
    return program_ && !isFinalHalt(machine_->haltReason());
}

// After a load, a reset or an edit the recorded future no longer holds: the log forgets
// events beyond this point and the timeline ends here.
void EngineWorker::timelineRewritten() {
    events_->truncate();
    furthestStep_ = machine_->hart().steps;
}

void EngineWorker::load(const QString& source, const QString& fileName) {
    stopRunning();
    source_ = source;
    fileName_ = fileName;
    views::CodeIssues issues;
    if (!loadProgram(issues)) {
        program_.reset();
        Q_EMIT loadFailed(issues);
        publishStop(HaltReason::None);
        return;
    }
    timelineRewritten();
    applyBreakpoints();
    consoleSent_ = 0;
    Q_EMIT loaded(program_);
    publishStop(HaltReason::None);
}

void EngineWorker::applyBreakpoints() {
    debugger_->clearBreakpoints();
    if (!program_) return;
    // A breakpoint on a label, comment or blank line means "the next instruction", as in
    // most debuggers; look a little way down for it.
    constexpr int kLookAhead = 32;
    for (int line : breakpointLines_) {
        for (int l = line; l < line + kLookAhead; ++l) {
            if (const auto address = program_->addressForLine(l)) {
                debugger_->setBreakpoint(*address);
                break;
            }
        }
    }
}

void EngineWorker::setBreakpointLines(const QList<int>& lines) {
    breakpointLines_ = lines;
    applyBreakpoints();
}

void EngineWorker::stepInto(int count) {
    stopRunning();
    if (!runnable()) return publishStop(machine_->haltReason());
    RunResult result;
    for (int i = 0; i < count && runnable(); ++i)
        result = debugger_->stepInstruction();
    publishStop(stepReason(result));
}

// Steps over a whole source line, as F10 does in IDEs: `call f` is auipc + jalr and
// `li` may be lui + addi, so one line can be several instructions. It stops when
// execution leaves the line or jumps back within it (a one-line loop).
void EngineWorker::stepOver() {
    stopRunning();
    if (!runnable()) return publishStop(machine_->haltReason());
    const LineMapEntry* line = program_->lineFor(machine_->hart().pc);
    RunResult result;
    for (;;) {
        const uint32_t pc = machine_->hart().pc;
        result = debugger_->stepOver(kFirstStepOverSlice);
        // Only a call can take this long; its return address is the next instruction,
        // so the rest runs as an ordinary, pausable run to that address.
        if (result.reason == HaltReason::InstructionLimit && result.executed >= kFirstStepOverSlice)
            return startRunning(pc + 4);
        if (stepReason(result) != HaltReason::None) break;
        const uint32_t now = machine_->hart().pc;
        const LineMapEntry* next = program_->lineFor(now);
        const bool sameLine = line && next && next->line == line->line &&
                              next->fileIndex == line->fileIndex && now > pc;
        if (!sameLine) break;
    }
    publishStop(stepReason(result));
}

void EngineWorker::stepOut() {
    stopRunning();
    if (!runnable()) return publishStop(machine_->haltReason());
    publishStop(debugger_->stepOut(kStepOutBudget).reason);
}

void EngineWorker::stepBack() {
    stopRunning();
    if (program_) debugger_->stepBack(1);
    publishStop(HaltReason::None);
}

void EngineWorker::reverseContinue() {
    stopRunning();
    if (!program_) return publishStop(HaltReason::None);
    publishStop(debugger_->reverseContinue().reason);
}

void EngineWorker::goTo(quint64 step) {
    stopRunning();
    // Forward of the furthest step this replays new ground (a restored session).
    if (program_) debugger_->goTo(step);
    publishStop(HaltReason::None);
}

void EngineWorker::setMemoryWindow(quint32 address, quint32 length, bool isVirtual) {
    memoryAddress_ = address;
    memoryLength_ = std::min<quint32>(length, 64 * 1024);
    memoryVirtual_ = isVirtual;
    // Not a stop: what changed since the last stop stays marked in the other panes.
    if (!running_) publish(false, HaltReason::None);
}

void EngineWorker::setWatchpoints(const QList<quint32>& addresses, bool isVirtual) {
    watchAddresses_ = addresses;
    watchVirtual_ = isVirtual;
    watches_.set(*machine_, addresses, isVirtual);
}

void EngineWorker::setEventBreakpoints(EventMask types) {
    eventBreakTypes_ = types;
    events_->setBreakTypes(types);
}

void EngineWorker::reset() {
    stopRunning();
    if (program_) {
        // A reset is the program loaded again on a fresh machine of the same mode (the
        // VMM's state starts over with the guest's).
        buildMachine(vmConfig_);
        std::string error;
        vm_->load(*program_, error);
        debugger_->setSourceMap(*program_);
        debugger_->resetHistory();
        timelineRewritten();
    }
    publishStop(HaltReason::None);
}

void EngineWorker::setRegister(const QString& name, quint32 value) {
    const views::RegisterSpec* spec = views::findRegister(name.toStdString());
    if (!program_ || running_ || !spec || !spec->write) return;
    spec->write(machine_->hart(), value);
    debugger_->stateEdited(); // the recorded future no longer follows from the present
    timelineRewritten();
    publishStop(HaltReason::None);
}

void EngineWorker::setMemoryByte(quint32 address, quint8 value, bool isVirtual) {
    if (!program_ || running_) return;
    const auto paddr = isVirtual ? machine_->translateForDebugger(address) : std::optional(address);
    if (!paddr || !machine_->pokePhysical(*paddr, value, 1)) return;
    // Step back restores the byte: the snapshot of this position is taken afterwards,
    // but the one before (the previous step) still holds the old value.
    debugger_->stateEdited();
    timelineRewritten();
    publishStop(HaltReason::None);
}

void EngineWorker::sync(quint64 token) {
    Q_EMIT synced(token);
}

void EngineWorker::publish(bool stopped, HaltReason stopReason) {
    EngineSnapshot s;
    s.stopped = stopped;
    s.hart = machine_->hart();
    // A refresh while paused (another pane asked for data) repeats why it stopped.
    if (stopped) lastStopReason_ = stopReason;
    s.stopReason = stopped || running_ ? stopReason : lastStopReason_;
    s.haltReason = machine_->haltReason();
    s.mode = scenario_.mode;
    if (scenario_.mode != QLatin1String("native")) {
        s.guest = vm_->guestState();
        s.vmStats = vm_->stats();
    }
    s.exitCode = machine_->exitCode();
    s.eventsRecorded = machine_->events().totalRecorded();
    s.canStepBack = program_ && debugger_->position() > 0;
    furthestStep_ = std::max(furthestStep_, s.hart.steps);
    s.furthestStep = furthestStep_;
    s.memory = readMemoryWindow(*machine_, memoryAddress_, memoryLength_, memoryVirtual_);
    events_->take(s, stopped);
    if (stopped) {
        s.watchpointHit = std::exchange(watchpointHit_, std::nullopt);
        s.eventBreakpointHit = std::exchange(eventHit_, false);
    }
    if (!program_) {
        s.state = RunState::Empty;
    } else if (running_) {
        s.state = RunState::Running;
    } else {
        s.state = isFinalHalt(s.haltReason) ? RunState::Halted : RunState::Paused;
    }
    fillConsole(s, stopped);
    sincePublish_.restart();
    Q_EMIT published(s);
}

void EngineWorker::fillConsole(EngineSnapshot& s, bool stopped) {
    const std::string& console = machine_->console();
    if (console.size() < consoleSent_ || (consoleSent_ == 0 && stopped)) {
        s.consoleReset = true; // travelled back (or freshly loaded): send all of it
        consoleSent_ = 0;
        consoleDecoder_.resetState();
    }
    // A guest printing in a tight loop must not flood the GUI: only the tail is sent.
    if (console.size() - consoleSent_ > kMaxConsoleBytesPerSnapshot) {
        s.consoleReset = true;
        consoleSent_ = console.size() - kMaxConsoleBytesPerSnapshot;
        consoleDecoder_.resetState();
    }
    s.consoleAppend = consoleDecoder_(QByteArrayView(
        console.data() + consoleSent_, static_cast<qsizetype>(console.size() - consoleSent_)));
    consoleSent_ = console.size();
}

} // namespace vizor::app
