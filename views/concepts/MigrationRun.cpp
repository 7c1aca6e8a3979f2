#include "views/concepts/MigrationRun.h"

#include "asm/Assembler.h"
#include "events/EventStream.h"
#include "views/concepts/ScenarioRun.h"

#include <fstream>
#include <sstream>

namespace vizor::views::concepts {

namespace {

class RoundRecorder : public EventObserver {
public:
    explicit RoundRecorder(std::vector<NumberedEvent>& out) : out_(out) {}
    void onEvent(const Event& event) override { out_.push_back({event, out_.size()}); }

private:
    std::vector<NumberedEvent>& out_;
};

} // namespace

MigrationRun runMigration(const std::map<std::string, int64_t>& defines, uint64_t stepsBefore,
                          const dc::MigrationConfig& config) {
    MigrationRun run;
    const std::string path = dataRoot() + "/resources/datacenter/memtouch.s";
    std::ifstream in(path);
    if (!in) {
        run.error = "cannot read " + path;
        return run;
    }
    std::ostringstream text;
    text << in.rdbuf();
    AssemblerOptions options;
    options.fileName = "memtouch.s";
    options.defines = defines;
    const AssemblyResult assembled = assemble(text.str(), options);
    if (!assembled.ok()) {
        run.error = assembled.errors.front().format();
        return run;
    }
    Machine source;
    source.load(assembled.program);
    source.run(stepsBefore);
    RoundRecorder recorder(run.events);
    source.events().subscribe(&recorder, maskOf(EventType::MigrationRound));
    dc::MigrationResult moved = dc::migrate(source, config);
    source.events().unsubscribe(&recorder);
    run.report = moved.report;
    return run;
}

MigrationTiming timingOf(const dc::MigrationReport& report) {
    MigrationTiming t;
    t.vmPages = report.vmPages;
    for (const dc::MigrationRound& r : report.rounds)
        t.roundSeconds << r.seconds;
    t.downtimeSeconds = report.downtimeSeconds;
    t.stopReason = QString::fromStdString(report.stopReason);
    return t;
}

} // namespace vizor::views::concepts
