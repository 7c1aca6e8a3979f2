#include "views/concepts/BalloonRun.h"

#include "asm/Assembler.h"
#include "events/EventStream.h"
#include "views/concepts/ScenarioRun.h"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace vizor::views::concepts {

namespace {

// The kernel with its balloon driver, followed by one demonstration program.
std::string kernelWith(const std::string& program) {
    const std::string dir = dataRoot() + "/resources/guests/";
    std::string source;
    for (const std::string& name :
         {std::string("privops.inc"), std::string("kernel.s"), std::string("proc.s"),
          std::string("vm.s"), std::string("console.s"), std::string("balloon.s"),
          std::string("ulib.s"), "demos/" + program}) {
        std::ifstream in(dir + name);
        if (!in) return {};
        std::ostringstream text;
        text << in.rdbuf();
        source += text.str() + "\n";
    }
    return source;
}

// One per VM, all appending to the run's one list: the engine calls them in the order
// it emits, so the list is the host's order of events.
class VmRecorder : public EventObserver {
public:
    VmRecorder(BalloonRun& run, uint32_t vm) : run_(run), vm_(vm) {}
    void onEvent(const Event& event) override {
        run_.events.push_back({event, static_cast<uint64_t>(run_.events.size())});
        run_.vmOf.push_back(vm_);
    }

private:
    BalloonRun& run_;
    uint32_t vm_;
};

bool assembleDemo(const std::string& program, bool balloon, Program& out, std::string& error) {
    const std::string source = kernelWith(program);
    if (source.empty()) {
        error = "cannot read the guest kernel sources for demo '" + program + "'";
        return false;
    }
    AssemblerOptions options;
    options.fileName = program;
    if (balloon) options.defines["BALLOON"] = 1;
    const AssemblyResult r = assemble(source, options);
    if (!r.ok()) {
        error = r.errors.empty() ? program + ": assembly failed" : r.errors.front().format();
        return false;
    }
    out = r.program;
    return true;
}

} // namespace

BalloonRun runBalloonScenario(const BalloonRunOptions& options) {
    BalloonRun run;
    Program a, b;
    if (!assembleDemo("balloon-giveback.s", true, a, run.error) ||
        !assembleDemo("balloon-growlate.s", false, b, run.error))
        return run;
    hv::MultiVmConfig config;
    config.hostFrames = options.hostFrames;
    run.host = std::make_unique<hv::MultiVm>(config, 2);
    if (!run.host->load(0, a, true, run.error) || !run.host->load(1, b, false, run.error))
        return run;
    const EventMask memory = maskOf(EventType::BalloonChange) | maskOf(EventType::HostFrames);
    VmRecorder first(run, 0), second(run, 1);
    run.host->vm(0).machine().events().subscribe(&first, memory);
    run.host->vm(1).machine().events().subscribe(&second, memory);
    if (options.balloon) {
        run.host->addBalloonTarget({0, options.inflatePages, options.inflateAt});
        if (options.deflateAt) run.host->addBalloonTarget({0, 0, options.deflateAt});
    }
    run.host->run(options.maxSteps);
    run.host->vm(0).machine().events().unsubscribe(&first);
    run.host->vm(1).machine().events().unsubscribe(&second);
    return run;
}

std::vector<NumberedEvent> upToOtherVmPeak(const BalloonRun& run) {
    uint32_t fullest = 0, peak = 0;
    std::size_t end = run.events.size();
    for (std::size_t i = 0; i < run.events.size(); ++i) {
        const Event& e = run.events[i].event;
        if (e.type != EventType::HostFrames) continue;
        if (run.vmOf[i] == 0) fullest = std::max(fullest, e.c);
        // While VM 0's balloon is still at its fullest (it only grows until deflation).
        if (run.vmOf[i] == 1 && fullest > 0 && e.b > peak) peak = e.b, end = i + 1;
        if (run.vmOf[i] == 0 && fullest > 0 && e.c < fullest) break;
    }
    return {run.events.begin(), run.events.begin() + static_cast<std::ptrdiff_t>(end)};
}

} // namespace vizor::views::concepts
