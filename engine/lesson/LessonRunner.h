// Plays a lesson's scenario on the real engine, one step at a time: the guest kernel in
// its mode through makeHypervisor (as `vizor run` does), or a host-model scenario. Every
// event the engine publishes is recorded, numbered as the GUI's bridge numbers them,
// and each step remembers where its events end, so the views can be fed exactly what
// the engine did up to that step.
//
// Going back re-runs the lesson from the start to the earlier step. The engine is
// deterministic, so this lands on exactly the state the forward play reached (a test
// compares the events), and unlike a machine snapshot it also restores the VMM's and
// the host model's own bookkeeping.
#pragma once

#include "host/HostModel.h"
#include "hypervisor/Hypervisor.h"
#include "lesson/Lesson.h"

#include <memory>
#include <string>
#include <vector>

namespace vizor::lesson {

struct RecordedEvent {
    Event event;
    uint64_t sequence = 0;
};

// What one played step did.
struct StepOutcome {
    uint64_t stepsRun = 0;    // hart steps (guest) or µs (host) this step took
    bool reached = true;      // the event / label it waited for happened within its limit
    bool halted = false;      // the machine halted during or before this step
    std::size_t eventEnd = 0; // events() index one past this step's last event
};

class LessonRunner {
public:
    // `sourceDir` is the source tree: the guest kernel and host programs are read there.
    LessonRunner(Lesson lesson, std::string sourceDir);
    ~LessonRunner();

    const Lesson& lesson() const { return lesson_; }
    int stepCount() const { return static_cast<int>(lesson_.steps.size()); }
    // Steps played so far: 0 before the first, stepCount() at the end.
    int played() const { return static_cast<int>(outcomes_.size()); }

    // Builds the machine and loads the scenario (nothing runs yet).
    bool start(std::string& error);
    // Plays the next step.
    bool next(std::string& error);
    // Back to the state after `played` steps (re-running from the start if it is earlier).
    bool goTo(int played, std::string& error);
    bool back(std::string& error) { return goTo(played() - 1, error); }

    const std::vector<RecordedEvent>& events() const { return events_; }
    const StepOutcome& outcome(int step) const {
        return outcomes_.at(static_cast<std::size_t>(step));
    }
    std::string console() const; // the UART output so far

    hv::Hypervisor* vm() const { return vm_.get(); }
    host::HostModel* host() const { return host_.get(); }

    static constexpr std::size_t kMaxEvents = 2'000'000;

private:
    class Recorder;
    Machine& machine() const;
    StepOutcome play(const RunSpec& run, std::string& error);
    RunResult runUntilEvent(EventType type, uint64_t limit, bool& reached);

    Lesson lesson_;
    std::string sourceDir_;
    std::unique_ptr<hv::Hypervisor> vm_;
    std::unique_ptr<host::HostModel> host_;
    std::unique_ptr<Recorder> recorder_;
    std::vector<RecordedEvent> events_;
    std::vector<StepOutcome> outcomes_;
    Program program_;
};

} // namespace vizor::lesson
