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
//
// The datacenter scenarios play the same way: several VMs on one host (hv::MultiVm, in
// turns, their events in the one list with the VM each came from), a guest with a thin
// or thick virtual disk (dc::BlockVm), a cluster placed by a policy, and a bare guest
// moved to another host by live or cold migration.
#pragma once

#include "datacenter/Consolidation.h"
#include "datacenter/Migration.h"
#include "datacenter/VirtualDisk.h"
#include "host/HostModel.h"
#include "hypervisor/Hypervisor.h"
#include "hypervisor/MultiVm.h"
#include "lesson/Lesson.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace vizor::lesson {

struct RecordedEvent {
    Event event;
    uint64_t sequence = 0;
    uint32_t vm = 0; // the VM whose stream it came from (vms scenarios; 0 otherwise)
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
    hv::MultiVm* multiVm() const { return multi_.get(); }
    const dc::VirtualDisk* disk() const { return disk_.get(); }
    // The migration scenario's guest: on the source host, then on the destination.
    const Machine* bareGuest() const { return bare_.get(); }
    const std::optional<dc::MigrationReport>& migration() const { return migration_; }
    // The cluster scenario: each VM where the file puts it, and after the latest
    // `place` step (with every cap set so far).
    const dc::Cluster& cluster() const { return cluster_; }
    const dc::PlacementReport& placementBefore() const { return before_; }
    const std::optional<dc::PlacementReport>& placementAfter() const { return after_; }
    const std::string& policy() const { return policy_; }

    static constexpr std::size_t kMaxEvents = 2'000'000;

private:
    class Recorder;
    struct Wait {
        std::optional<EventType> type;
        bool seen = false;
    };
    bool build(std::string& error);
    void subscribe(Machine& machine, uint32_t vm, bool traced, bool stops);
    void detach();
    bool startGuest(std::string& error);
    bool startVms(std::string& error);
    bool startCluster(std::string& error);
    bool startMigration(std::string& error);
    bool assembleKernel(const std::string& program, const std::string& driver,
                        const std::string& define, Program& out, std::string& error) const;
    bool guestFinished() const;
    RunResult advance(uint64_t steps);
    StepOutcome play(const RunSpec& run, std::string& error);
    bool playDatacenter(const RunSpec& run, std::string& error);
    RunResult runUntilEvent(EventType type, uint64_t limit, bool& reached);

    Lesson lesson_;
    std::string sourceDir_;
    // Declared before what runs on it: destroyed after it.
    std::unique_ptr<dc::VirtualDisk> disk_;
    std::unique_ptr<hv::Hypervisor> vm_;
    std::unique_ptr<host::HostModel> host_;
    std::unique_ptr<hv::MultiVm> multi_;
    std::unique_ptr<Machine> bare_;
    std::vector<std::unique_ptr<Recorder>> recorders_;
    Wait wait_;
    bool started_ = false;
    uint64_t nextSequence_ = 0;
    uint64_t multiTarget_ = 0; // vms: steps each VM may have run so far
    std::vector<RecordedEvent> events_;
    std::vector<StepOutcome> outcomes_;
    Program program_;
    std::optional<dc::MigrationReport> migration_;
    dc::Cluster cluster_;
    dc::PlacementReport before_;
    std::optional<dc::PlacementReport> after_;
    dc::Placement home_; // the cluster's placement before consolidation
    std::optional<dc::Placement> placed_;
    std::string policy_;
};

} // namespace vizor::lesson
