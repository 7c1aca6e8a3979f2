#include "lesson/LessonRunner.h"

#include "events/EventStream.h"
#include "host/GuestWorkload.h"
#include "host/Scenario.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <unordered_set>

namespace vizor::lesson {

namespace fs = std::filesystem;

// Records every event with its number; when waiting for a type, asks the machine to
// stop as soon as one is published.
class LessonRunner::Recorder : public EventObserver {
public:
    Recorder(std::vector<RecordedEvent>& out, Machine& machine) : out_(out), machine_(machine) {}
    void onEvent(const Event& event) override {
        if (out_.size() < kMaxEvents) out_.push_back({event, next_});
        ++next_;
        if (waiting_ && event.type == *waiting_) {
            seen_ = true;
            machine_.requestStop();
        }
    }
    void waitFor(std::optional<EventType> type) {
        waiting_ = type;
        seen_ = false;
    }
    bool seen() const { return seen_; }

private:
    std::vector<RecordedEvent>& out_;
    Machine& machine_;
    uint64_t next_ = 0;
    std::optional<EventType> waiting_;
    bool seen_ = false;
};

namespace {

bool readFile(const fs::path& path, std::string& text) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::ostringstream s;
    s << in.rdbuf();
    text = s.str();
    return true;
}

// What the GUI's event log records: everything but TLB hits, and retired instructions
// only when the scenario traces them.
EventMask recordedTypes(bool traced) {
    const EventMask all = kAllEvents & ~maskOf(EventType::TlbHit);
    return traced ? all : all & ~maskOf(EventType::InstructionRetired);
}

// A run waiting for an event goes in slices: the machine stops at the event when the
// mode honours requestStop, and at the end of the slice when it does not. Either way
// the same lesson stops at the same step every time.
constexpr uint64_t kSlice = 4096;

bool finished(HaltReason r) {
    return r == HaltReason::PowerOff || r == HaltReason::Failure || r == HaltReason::Deadlock;
}

} // namespace

LessonRunner::LessonRunner(Lesson lesson, std::string sourceDir)
    : lesson_(std::move(lesson)), sourceDir_(std::move(sourceDir)) {}

LessonRunner::~LessonRunner() {
    if (recorder_) machine().events().unsubscribe(recorder_.get());
}

Machine& LessonRunner::machine() const {
    return vm_ ? vm_->machine() : host_->machine();
}

bool LessonRunner::start(std::string& error) {
    if (recorder_) machine().events().unsubscribe(recorder_.get());
    recorder_.reset();
    vm_.reset();
    host_.reset();
    events_.clear();
    outcomes_.clear();
    const Scenario& s = lesson_.scenario;
    const fs::path root(sourceDir_);
    if (s.kind == Scenario::Kind::Host) {
        host_ = std::make_unique<host::HostModel>();
        recorder_ = std::make_unique<Recorder>(events_, host_->machine());
        host_->machine().events().subscribe(recorder_.get(), recordedTypes(false));
        // Programs are named as in the shipped scenarios, relative to their directory.
        const fs::path dir = root / "resources/host/scenarios";
        const host::SourceLoader load = [&](const std::string& program, std::string& source) {
            const bool bare = !fs::path(program).has_extension();
            return readFile(dir / (bare ? program + ".s" : program), source);
        };
        const host::ScenarioResult r = host::runScenario(*host_, s.hostSetup, lesson_.file, load);
        if (!r.ok()) {
            error = lesson_.file + ": scenario: host-setup: " + r.errors.front();
            return false;
        }
        return true;
    }
    const fs::path guests = root / "resources/guests";
    const auto workload = host::buildGuestWorkload(
        s.workload,
        [&](const std::string& name, std::string& text) { return readFile(guests / name, text); },
        error);
    if (!workload) {
        error = lesson_.file + ": scenario: guest: " + error;
        return false;
    }
    hv::VmConfig config;
    config.x86Sensitive = s.x86Sensitive;
    config.traceInstructions = s.traceInstructions;
    vm_ = hv::makeHypervisor(s.mode, config);
    if (!vm_) {
        error = lesson_.file + ": scenario: mode: unknown mode '" + s.mode + "'";
        return false;
    }
    program_ = workload->kernelFor(s.mode);
    recorder_ = std::make_unique<Recorder>(events_, vm_->machine());
    vm_->machine().events().subscribe(recorder_.get(), recordedTypes(s.traceInstructions));
    if (!vm_->load(program_, error)) {
        error = lesson_.file + ": scenario: " + error;
        return false;
    }
    return true;
}

RunResult LessonRunner::runUntilEvent(EventType type, uint64_t limit, bool& reached) {
    RunResult total;
    recorder_->waitFor(type);
    while (total.executed < limit && !recorder_->seen()) {
        const RunResult r = vm_->run(std::min(kSlice, limit - total.executed));
        total.executed += r.executed;
        total.reason = r.reason;
        if (r.executed == 0 ||
            (r.reason != HaltReason::None && r.reason != HaltReason::InstructionLimit))
            break;
    }
    reached = recorder_->seen();
    recorder_->waitFor(std::nullopt);
    return total;
}

StepOutcome LessonRunner::play(const RunSpec& run, std::string& error) {
    StepOutcome out;
    if (vm_ && finished(vm_->machine().haltReason())) out.halted = true;
    RunResult r;
    switch (run.kind) {
    case RunSpec::Kind::Nothing:
        break;
    case RunSpec::Kind::Steps:
        r = vm_->run(run.count);
        break;
    case RunSpec::Kind::UntilEvent:
        r = runUntilEvent(run.event, run.count, out.reached);
        break;
    case RunSpec::Kind::UntilLabel: {
        const auto address = program_.symbol(run.label);
        if (!address) {
            error = lesson_.file + ": the guest kernel has no label '" + run.label + "'";
            return out;
        }
        const std::unordered_set<uint32_t> stops = {*address};
        r = vm_->runUntil(run.count, &stops);
        out.reached = r.reason == HaltReason::Breakpoint;
        break;
    }
    case RunSpec::Kind::ToEnd:
        r = vm_->run(run.count);
        out.reached = finished(vm_->machine().haltReason());
        break;
    case RunSpec::Kind::HostTime:
        host_->run(run.count);
        out.stepsRun = run.count;
        break;
    }
    if (vm_) {
        out.stepsRun = r.executed;
        out.halted = out.halted || finished(vm_->machine().haltReason());
    }
    out.eventEnd = events_.size();
    return out;
}

bool LessonRunner::next(std::string& error) {
    if (!recorder_ && !start(error)) return false;
    if (played() >= stepCount()) {
        error = "the lesson has no more steps";
        return false;
    }
    const Step& step = lesson_.steps[outcomes_.size()];
    error.clear();
    StepOutcome outcome = play(step.run, error);
    if (!error.empty()) return false;
    outcomes_.push_back(outcome);
    return true;
}

bool LessonRunner::goTo(int target, std::string& error) {
    if (target < 0 || target > stepCount()) {
        error = "no step " + std::to_string(target);
        return false;
    }
    if (!recorder_ || target < played()) {
        if (!start(error)) return false;
    }
    while (played() < target)
        if (!next(error)) return false;
    return true;
}

std::string LessonRunner::console() const {
    std::string out;
    for (const RecordedEvent& e : events_)
        if (e.event.type == EventType::ConsoleOutput) out += static_cast<char>(e.event.a);
    return out;
}

} // namespace vizor::lesson
