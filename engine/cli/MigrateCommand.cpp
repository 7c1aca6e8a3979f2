#include "cli/MigrateCommand.h"

#include "asm/Assembler.h"
#include "cli/JsonWriter.h"
#include "datacenter/Migration.h"

#include <charconv>
#include <cstdio>
#include <fstream>
#include <map>
#include <optional>
#include <ostream>
#include <sstream>

namespace vizor::cli {

namespace {

constexpr int kBadInput = 2;
constexpr int kNotFinished = 3;
constexpr uint64_t kMaxSteps = 1'000'000'000;

struct Options {
    std::string program;
    dc::MigrationConfig config;
    uint64_t after = 300'000; // steps the guest runs before the migration starts
    std::map<std::string, int64_t> defines;
    bool json = false;
};

template <typename T> bool parseNumber(const std::string& text, T& value) {
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    return !text.empty() && ec == std::errc() && end == text.data() + text.size();
}

// -D NAME=VALUE, as the assembler's defines.
bool parseDefine(const std::string& text, Options& o) {
    const auto eq = text.find('=');
    int64_t value = 1;
    if (eq != std::string::npos && !parseNumber(text.substr(eq + 1), value)) return false;
    const std::string name = text.substr(0, eq);
    if (name.empty()) return false;
    o.defines[name] = value;
    return true;
}

bool parseOption(const std::string& a, const std::string& value, Options& o) {
    dc::MigrationConfig& c = o.config;
    if (a == "--method") {
        if (value != "live" && value != "cold") return false;
        c.method = value == "live" ? dc::MigrationMethod::Live : dc::MigrationMethod::Cold;
        return true;
    }
    if (a == "--bandwidth") return parseNumber(value, c.bandwidthMbps) && c.bandwidthMbps > 0;
    if (a == "--after") return parseNumber(value, o.after);
    if (a == "--max-rounds") return parseNumber(value, c.maxRounds) && c.maxRounds > 0;
    if (a == "--min-pages") return parseNumber(value, c.minPagesLeft);
    if (a == "--max-factor") return parseNumber(value, c.maxFactor) && c.maxFactor > 0;
    if (a == "-D") return parseDefine(value, o);
    return false;
}

std::optional<Options> parse(const std::vector<std::string>& args, std::ostream& err) {
    Options o;
    for (std::size_t i = 1; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--json") {
            o.json = true;
        } else if (a.starts_with("-")) {
            const std::string value = i + 1 < args.size() ? args[++i] : "";
            if (!parseOption(a, value, o)) {
                err << "vizor migrate: bad option '" << a << " " << value
                    << "' (see 'vizor help')\n";
                return std::nullopt;
            }
        } else if (o.program.empty()) {
            o.program = a;
        } else {
            err << "vizor migrate: one program only, got also '" << a << "'\n";
            return std::nullopt;
        }
    }
    if (o.program.empty()) {
        err << "vizor migrate: missing PROGRAM.s (see 'vizor help')\n";
        return std::nullopt;
    }
    return o;
}

std::string ms(double seconds) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f ms", seconds * 1e3);
    return buf;
}

void printText(const Options& o, const dc::MigrationReport& r, const Machine& vm,
               std::ostream& out) {
    out << "migrating " << o.program << " (" << r.vmPages << " pages of 4 KiB) "
        << (r.method == dc::MigrationMethod::Live ? "live" : "cold") << " over "
        << o.config.bandwidthMbps << " Mbit/s, after " << o.after << " steps\n";
    out << "round  pages sent  (zero)  dirtied meanwhile   link time   guest steps\n";
    for (const dc::MigrationRound& round : r.rounds) {
        char line[160];
        std::snprintf(line, sizeof line, "%5u  %10u  %6u  %17u  %10s  %12llu%s\n", round.round,
                      round.pagesSent, round.zeroPages, round.pagesDirtied,
                      ms(round.seconds).c_str(), static_cast<unsigned long long>(round.guestSteps),
                      round.stopAndCopy ? "  stop-and-copy" : "");
        out << line;
    }
    if (!r.stopReason.empty()) out << "pre-copy ended: " << r.stopReason << "\n";
    out << "total time " << ms(r.totalSeconds) << ", downtime " << ms(r.downtimeSeconds) << ", "
        << r.pagesSent << " pages (" << r.bytesSent << " bytes) sent\n";
    out << "destination state " << (r.stateMatches ? "equals" : "DIFFERS FROM")
        << " the source's at the pause; the guest finished there: "
        << haltReasonName(vm.haltReason()) << ", exit code " << vm.exitCode() << "\n";
    out << "--- guest console ---\n" << vm.console();
}

std::string roundsJson(const dc::MigrationReport& r) {
    std::string out = "[";
    for (std::size_t i = 0; i < r.rounds.size(); ++i) {
        const dc::MigrationRound& round = r.rounds[i];
        JsonObject j;
        j.add("round", uint64_t{round.round})
            .add("pages_sent", uint64_t{round.pagesSent})
            .add("zero_pages", uint64_t{round.zeroPages})
            .add("pages_dirtied", uint64_t{round.pagesDirtied})
            .add("bytes", round.bytes)
            .addNumber("ms", round.seconds * 1e3, 6)
            .add("guest_steps", round.guestSteps)
            .add("stop_and_copy", round.stopAndCopy);
        out += (i ? ", " : "") + j.str(2);
    }
    return out + "]";
}

void printJson(const Options& o, const dc::MigrationReport& r, const Machine& vm,
               std::ostream& out) {
    JsonObject j;
    j.add("program", o.program)
        .add("method", r.method == dc::MigrationMethod::Live ? "live" : "cold")
        .addNumber("bandwidth_mbps", o.config.bandwidthMbps, 3)
        .add("after_steps", o.after)
        .add("vm_pages", uint64_t{r.vmPages})
        .addRaw("rounds", roundsJson(r))
        .add("stop_reason", r.stopReason)
        .add("pages_sent", r.pagesSent)
        .add("bytes_sent", r.bytesSent)
        .addNumber("total_ms", r.totalSeconds * 1e3, 6)
        .addNumber("downtime_ms", r.downtimeSeconds * 1e3, 6)
        .add("state_matches", r.stateMatches)
        .add("console", vm.console())
        .add("exit_code", uint64_t{vm.exitCode()})
        .add("halted_reason", haltReasonName(vm.haltReason()));
    out << j.str() << "\n";
}

} // namespace

int migrateCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    const auto o = parse(args, err);
    if (!o) return kBadInput;
    std::ifstream in(o->program, std::ios::binary);
    if (!in) {
        err << "vizor migrate: cannot read '" << o->program << "'\n";
        return kBadInput;
    }
    std::ostringstream text;
    text << in.rdbuf();
    AssemblerOptions asmOptions;
    asmOptions.fileName = o->program;
    asmOptions.defines = o->defines;
    const AssemblyResult assembled = assemble(text.str(), asmOptions);
    if (!assembled.ok()) {
        for (const Diagnostic& d : assembled.errors)
            err << d.format() << "\n";
        return kBadInput;
    }
    Machine source;
    source.load(assembled.program);
    source.run(o->after);
    dc::MigrationResult moved = dc::migrate(source, o->config);
    Machine& vm = *moved.destination;
    vm.run(kMaxSteps);
    if (o->json)
        printJson(*o, moved.report, vm, out);
    else
        printText(*o, moved.report, vm, out);
    return vm.haltReason() == HaltReason::PowerOff ? 0 : kNotFinished;
}

} // namespace vizor::cli
