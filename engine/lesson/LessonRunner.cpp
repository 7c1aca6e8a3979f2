#include "lesson/LessonRunner.h"

#include "datacenter/BlockVm.h"
#include "events/EventStream.h"
#include "host/GuestWorkload.h"
#include "host/Scenario.h"
#include "lesson/LessonFiles.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <unordered_set>

namespace vizor::lesson {

namespace fs = std::filesystem;

// Records every event with its number (one sequence across all the VMs of a vms
// scenario, in the order the engine emitted them); when waiting for a type, notes it and,
// where the run honours it, asks the machine to stop.
class LessonRunner::Recorder : public EventObserver {
public:
    Recorder(LessonRunner& runner, Machine& machine, uint32_t vm, bool stops)
        : runner_(runner), machine_(machine), vm_(vm), stops_(stops) {}
    void onEvent(const Event& event) override {
        if (runner_.events_.size() < kMaxEvents)
            runner_.events_.push_back({event, runner_.nextSequence_, vm_});
        ++runner_.nextSequence_;
        if (runner_.wait_.type && event.type == *runner_.wait_.type) {
            runner_.wait_.seen = true;
            if (stops_) machine_.requestStop();
        }
    }
    Machine& machine() const { return machine_; }

private:
    LessonRunner& runner_;
    Machine& machine_;
    uint32_t vm_;
    bool stops_;
};

bool detail::readFile(const fs::path& path, std::string& text) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::ostringstream s;
    s << in.rdbuf();
    text = s.str();
    return true;
}

namespace {

using detail::finished;
using detail::readFile;

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

} // namespace

LessonRunner::LessonRunner(Lesson lesson, std::string sourceDir)
    : lesson_(std::move(lesson)), sourceDir_(std::move(sourceDir)) {}

LessonRunner::~LessonRunner() {
    detach();
}

void LessonRunner::subscribe(Machine& machine, uint32_t vm, bool traced, bool stops) {
    recorders_.push_back(std::make_unique<Recorder>(*this, machine, vm, stops));
    machine.events().subscribe(recorders_.back().get(), recordedTypes(traced));
}

void LessonRunner::detach() {
    for (const auto& r : recorders_)
        r->machine().events().unsubscribe(r.get());
    recorders_.clear();
}

bool LessonRunner::start(std::string& error) {
    started_ = build(error);
    return started_;
}

bool LessonRunner::build(std::string& error) {
    detach();
    vm_.reset();
    disk_.reset();
    host_.reset();
    multi_.reset();
    bare_.reset();
    migration_.reset();
    after_.reset();
    placed_.reset();
    policy_.clear();
    wait_ = {};
    nextSequence_ = 0;
    multiTarget_ = 0;
    events_.clear();
    outcomes_.clear();
    const Scenario& s = lesson_.scenario;
    switch (s.kind) {
    case Scenario::Kind::Guest:
        return startGuest(error);
    case Scenario::Kind::Vms:
        return startVms(error);
    case Scenario::Kind::Cluster:
        return startCluster(error);
    case Scenario::Kind::Migration:
        return startMigration(error);
    case Scenario::Kind::Host:
        break;
    }
    host_ = std::make_unique<host::HostModel>();
    subscribe(host_->machine(), 0, false, true);
    // Programs are named as in the shipped scenarios, relative to their directory.
    const fs::path dir = fs::path(sourceDir_) / "resources/host/scenarios";
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

bool LessonRunner::startGuest(std::string& error) {
    const Scenario& s = lesson_.scenario;
    if (!s.disk.empty()) {
        // The kernel with its virtio-blk driver, on a trap-and-emulate VMM that is the
        // disk's back end.
        if (!assembleKernel(s.workload, "blk.s", "BLOCK", program_, error)) return false;
        disk_ = dc::VirtualDisk::inMemory(
            s.diskMiB << 20, s.disk == "thick" ? dc::Provisioning::Thick : dc::Provisioning::Thin);
        vm_ = std::make_unique<dc::BlockVm>(hv::VmConfig{}, *disk_);
    } else {
        const fs::path guests = fs::path(sourceDir_) / "resources/guests";
        const auto workload = host::buildGuestWorkload(
            s.workload,
            [&](const std::string& name, std::string& text) {
                return readFile(guests / name, text);
            },
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
    }
    subscribe(vm_->machine(), 0, s.traceInstructions, true);
    if (!vm_->load(program_, error)) {
        error = lesson_.file + ": scenario: " + error;
        return false;
    }
    return true;
}

RunResult LessonRunner::runUntilEvent(EventType type, uint64_t limit, bool& reached) {
    RunResult total;
    wait_ = {type, false};
    // Several VMs go a whole turn each at a time: their turns stay those of a plain run.
    const uint64_t slice = multi_ ? hv::MultiVmConfig{}.slice : kSlice;
    while (total.executed < limit && !wait_.seen) {
        const RunResult r = advance(std::min(slice, limit - total.executed));
        total.executed += r.executed;
        total.reason = r.reason;
        if (r.executed == 0 ||
            (r.reason != HaltReason::None && r.reason != HaltReason::InstructionLimit))
            break;
    }
    reached = wait_.seen;
    wait_ = {};
    return total;
}

StepOutcome LessonRunner::play(const RunSpec& run, std::string& error) {
    StepOutcome out;
    out.halted = guestFinished();
    RunResult r;
    switch (run.kind) {
    case RunSpec::Kind::Nothing:
        break;
    case RunSpec::Kind::Steps:
        r = advance(run.count);
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
        r = advance(run.count);
        out.reached = guestFinished();
        break;
    case RunSpec::Kind::HostTime:
        host_->run(run.count);
        r.executed = run.count;
        break;
    case RunSpec::Kind::Place:
    case RunSpec::Kind::Cap:
    case RunSpec::Kind::Migrate:
        if (!playDatacenter(run, error)) return out;
        break;
    }
    out.stepsRun = r.executed;
    out.halted = out.halted || guestFinished();
    out.eventEnd = events_.size();
    return out;
}

bool LessonRunner::next(std::string& error) {
    if (!started_ && !start(error)) return false;
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
    if (!started_ || target < played()) {
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
