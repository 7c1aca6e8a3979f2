#include "views/concepts/ScenarioRun.h"

#include "asm/Assembler.h"
#include "events/EventStream.h"
#include "host/Scenario.h"

#include <QCoreApplication>
#include <filesystem>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace vizor::views::concepts {

namespace {

class Recorder : public EventObserver {
public:
    Recorder(std::vector<NumberedEvent>& out, std::size_t limit) : out_(out), limit_(limit) {}
    void onEvent(const Event& event) override {
        if (out_.size() < limit_) out_.push_back({event, next_});
        ++next_;
    }

private:
    std::vector<NumberedEvent>& out_;
    std::size_t limit_;
    uint64_t next_ = 0;
};

// What the GUI's event log records: everything but instruction-level tracing, unless asked.
EventMask recordedTypes(bool traced) {
    const EventMask all = kAllEvents & ~maskOf(EventType::TlbHit);
    return traced ? all : all & ~maskOf(EventType::InstructionRetired);
}

} // namespace

std::vector<Event> ScenarioRun::plainEvents() const {
    std::vector<Event> plain;
    plain.reserve(events.size());
    for (const NumberedEvent& e : events)
        plain.push_back(e.event);
    return plain;
}

namespace {
bool holdsResources(const std::filesystem::path& root) {
    std::error_code error;
    return std::filesystem::is_directory(root / "resources" / "guests", error);
}
} // namespace

std::string installedDataRootFor(const std::string& executableDir) {
    // bin/ and share/vizor/ under one prefix (GNUInstallDirs), as packaging/ installs them.
    const std::filesystem::path root =
        (std::filesystem::path(executableDir) / ".." / "share" / "vizor").lexically_normal();
    return holdsResources(root) ? root.string() : std::string();
}

std::string dataRoot() {
    for (const char* variable : {"VIZOR_SOURCE_DIR", "VIZOR_DATA_DIR"})
        if (const char* dir = std::getenv(variable); dir && *dir) return dir;
    if (QCoreApplication::instance()) {
        const std::string installed =
            installedDataRootFor(QCoreApplication::applicationDirPath().toStdString());
        if (!installed.empty()) return installed;
    }
    return VIZOR_SOURCE_DIR_DEFAULT;
}

std::string guestKernelSource(const std::string& workload) {
    const std::string dir = dataRoot() + "/resources/guests/";
    std::string source;
    for (const std::string& name :
         {std::string("privops.inc"), std::string("kernel.s"), std::string("proc.s"),
          std::string("vm.s"), std::string("console.s"), std::string("ulib.s"),
          "workloads/" + workload + ".s"}) {
        std::ifstream in(dir + name);
        if (!in) return {};
        std::ostringstream text;
        text << in.rdbuf();
        source += text.str() + "\n";
    }
    return source;
}

ScenarioRun runScenario(const ScenarioOptions& options) {
    ScenarioRun run;
    run.options = options;
    const std::string source = guestKernelSource(options.workload);
    if (source.empty()) {
        run.error = "cannot read the guest kernel sources for workload '" + options.workload + "'";
        return run;
    }
    AssemblerOptions asmOptions;
    asmOptions.fileName = options.workload + ".s";
    if (options.mode == "pv") asmOptions.defines["PARAVIRT"] = 1; // as `vizor compare` does
    const AssemblyResult assembled = assemble(source, asmOptions);
    if (!assembled.ok()) {
        run.error = assembled.errors.front().format();
        return run;
    }
    hv::VmConfig config;
    config.x86Sensitive = options.x86Sensitive;
    config.traceInstructions = options.traceInstructions;
    run.vm = hv::makeHypervisor(options.mode, config);
    if (!run.vm) {
        run.error = "unknown execution mode '" + options.mode + "'";
        return run;
    }
    if (!run.vm->load(assembled.program, run.error)) return run;
    Recorder recorder(run.events, options.maxEvents);
    run.vm->machine().events().subscribe(&recorder, recordedTypes(options.traceInstructions));
    run.result = run.vm->run(options.maxSteps);
    run.vm->machine().events().unsubscribe(&recorder);
    return run;
}

namespace {
bool readFile(const std::string& path, std::string& text) {
    std::ifstream in(path);
    if (!in) return false;
    std::ostringstream s;
    s << in.rdbuf();
    text = s.str();
    return true;
}
} // namespace

HostScenarioRun runHostScenario(const std::string& name) {
    HostScenarioRun run;
    run.host = std::make_unique<host::HostModel>();
    const std::filesystem::path file =
        std::filesystem::path(dataRoot()) / "resources/host/scenarios" / name;
    std::string text;
    if (!readFile(file.string(), text)) {
        run.error = "cannot read " + file.string();
        return run;
    }
    // Programs are named relative to the scenario file, as `vizor cgroups` names them.
    const host::SourceLoader load = [&](const std::string& program, std::string& source) {
        const bool bare = !std::filesystem::path(program).has_extension();
        return readFile((file.parent_path() / (bare ? program + ".s" : program)).string(), source);
    };
    Recorder recorder(run.events, 1'000'000);
    run.host->machine().events().subscribe(&recorder, recordedTypes(false));
    const host::ScenarioResult result = host::runScenario(*run.host, text, name, load);
    run.host->machine().events().unsubscribe(&recorder);
    if (!result.ok()) run.error = result.errors.front();
    return run;
}

void feedRun(ConceptView& view, const ScenarioRun& run, std::size_t batch) {
    if (batch == 0) batch = run.events.size();
    for (std::size_t i = 0; i < run.events.size(); i += batch) {
        const std::size_t end = std::min(run.events.size(), i + batch);
        feedView(view, UINT64_MAX,
                 std::vector<NumberedEvent>(run.events.begin() + static_cast<std::ptrdiff_t>(i),
                                            run.events.begin() + static_cast<std::ptrdiff_t>(end)));
    }
}

} // namespace vizor::views::concepts
