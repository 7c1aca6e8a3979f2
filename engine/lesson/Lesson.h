// A lesson: a guided walk through one idea of the course, played on the real engine.
// The file format (lessons/README.md) is a small, strict, versioned text format read
// here without Qt, so the loader can be tested and fuzzed with the engine alone.
// Every piece of text a student reads comes in English and Italian.
#pragma once

#include "events/Event.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vizor::lesson {

enum class Language { English, Italian };

// One text in both languages (Markdown for narration, plain for titles and choices).
struct Text {
    std::string en;
    std::string it;
    const std::string& in(Language language) const {
        return language == Language::Italian ? it : en;
    }
};

// What a step runs before it is shown.
struct RunSpec {
    enum class Kind {
        Nothing,    // "run: nothing": look at the state as it is
        Steps,      // "run: steps N": N more steps of the hart
        UntilEvent, // "run: until EVENT [within N]": up to and including the next such event
        UntilLabel, // "run: until-label NAME [within N]": stop before the guest's pc reaches NAME
        ToEnd,      // "run: to-end [within N]": until the machine halts
        HostTime,   // "run: host-usec N": N µs of the host model's virtual time
        Place,      // "run: place POLICY": a consolidation scenario's placement (ffd...)
        Cap,        // "run: cap VM=PERCENT": credit-scheduler cap of the VMs named VM
        Migrate,    // "run: migrate live|cold [bandwidth MBPS]": move the guest
    };
    Kind kind = Kind::Nothing;
    uint64_t count = 0; // Steps / HostTime: how many; the others: the step limit
    EventType event = EventType::Halt;
    std::string label; // UntilLabel: the label; Place: the policy; Cap: the VM name
    bool cold = false; // Migrate: stop-and-copy only
};

struct Callout {
    std::string view; // the view it is drawn on
    Text text;
};

// "Predict what happens next": asked before the step runs, answered after.
struct Question {
    Text prompt;
    std::vector<Text> choices;
    int answer = 0; // index into choices
    Text explanation;
};

struct Step {
    int line = 0;   // of its [step] header
    std::string id; // optional, for errors and file names
    Text title;
    Text narration;
    RunSpec run;
    std::vector<std::string> views;
    std::string highlight; // one of views, or empty
    std::optional<Callout> callout;
    std::optional<Question> question;
};

// `balloon: VM=PAGES[@CYCLE]`, as `vizor run --balloon` takes it.
struct BalloonSpec {
    uint32_t vm = 0;
    uint32_t pages = 0;
    uint64_t atCycle = 0;
};

struct Scenario {
    // Guest: the guest kernel in one mode (with a virtio-blk disk when `disk` is set).
    // Host: the host model. Vms: several trap-mode VMs sharing one host's memory
    // (hv::MultiVm), ballooned. Cluster: a consolidation scenario
    // (resources/datacenter/NAME.cluster). Migration: a bare guest
    // (resources/datacenter/NAME.s) that a step moves to another host.
    enum class Kind { Guest, Host, Vms, Cluster, Migration };
    Kind kind = Kind::Guest;
    std::string workload = "syscalls"; // guest: resources/guests/workloads/NAME.s
    std::string mode = "trap";         // guest: native, emulate, trap, bt, patch, pv, hw
    bool x86Sensitive = false;
    bool traceInstructions = false;
    std::string hostSetup; // host: scenario commands (engine/host/README.md), no time passes
    std::string disk;      // guest: "thin" or "thick" gives it a virtio-blk disk, "" none
    uint64_t diskMiB = 64;
    std::vector<std::string> vmPrograms; // vms: per VM, workloads/NAME.s or demos/NAME.s
    uint32_t hostFrames = 0;             // vms: 0 = room for every VM
    std::vector<BalloonSpec> balloons;   // vms: a VM named here gets a balloon
    std::string datacenter;              // cluster / migration: the file in resources/datacenter
    std::vector<std::pair<std::string, int64_t>> defines; // migration: assembler symbols
};

struct Lesson {
    static constexpr int kVersion = 1;
    std::string file;
    std::string name; // the file's stem: names the export directory
    Text title;
    Text summary;
    Scenario scenario;
    std::vector<Step> steps;
};

struct LessonError {
    std::string file;
    int line = 0;
    std::string step;  // "step 3 (first-exit)", or empty outside a step
    std::string field; // "run", "narration.it", ...
    std::string message;
    std::string format() const;
};

struct LoadResult {
    std::optional<Lesson> lesson;
    std::vector<LessonError> errors; // the first problem only: the file is refused whole
    bool ok() const { return lesson.has_value(); }
};

// The views a step may show: the concept views' stable names (views/concepts).
const std::vector<std::string_view>& knownViews();

LoadResult parseLesson(std::string_view text, const std::string& fileName);
LoadResult loadLessonFile(const std::string& path);

} // namespace vizor::lesson
