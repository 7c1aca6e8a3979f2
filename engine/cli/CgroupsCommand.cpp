#include "cli/CgroupsCommand.h"

#include "cli/JsonWriter.h"
#include "host/Levels.h"
#include "host/LiveCgroups.h"
#include "host/Scenario.h"

#include <charconv>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <ostream>
#include <sstream>
#include <thread>

namespace vizor::cli {

namespace {

constexpr int kBadInput = 2;

struct CgroupsOptions {
    bool live = false;
    std::string scenario; // a scenario file to run in the host model instead
    bool json = false;
    std::string root; // prefix for fixture trees; "" = this machine
    uint64_t count = 1;
    uint64_t intervalSeconds = 2;
};

std::optional<uint64_t> number(const std::string& text) {
    uint64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

std::optional<CgroupsOptions> parse(const std::vector<std::string>& args, std::ostream& err) {
    CgroupsOptions o;
    for (std::size_t i = 1; i < args.size(); ++i) {
        const std::string& a = args[i];
        const bool takesValue =
            a == "--root" || a == "--count" || a == "--interval" || a == "--scenario";
        const std::string value = takesValue && i + 1 < args.size() ? args[++i] : "";
        if (a == "--live") {
            o.live = true;
        } else if (a == "--json") {
            o.json = true;
        } else if (a == "--scenario" && !value.empty()) {
            o.scenario = value;
        } else if (a == "--root" && !value.empty()) {
            o.root = value;
        } else if ((a == "--count" || a == "--interval") && number(value)) {
            (a == "--count" ? o.count : o.intervalSeconds) = *number(value);
        } else {
            err << "vizor cgroups: bad option '" << a << (takesValue ? " " + value : "")
                << "' (see 'vizor help')\n";
            return std::nullopt;
        }
    }
    if (o.live == !o.scenario.empty()) {
        err << "vizor cgroups: give --live (this machine's cgroups) or --scenario FILE\n";
        return std::nullopt;
    }
    return o;
}

JsonObject pairs(const std::vector<std::pair<std::string, std::string>>& list) {
    JsonObject json;
    for (const auto& [key, value] : list)
        json.add(key, value);
    return json;
}

JsonObject groupJson(const host::LiveGroup& g) {
    JsonObject json;
    json.add("processes", static_cast<int64_t>(g.processes))
        .add("vanished", g.vanished)
        .add("values", pairs(g.values))
        .add("errors", pairs(g.errors));
    return json;
}

} // namespace

std::string liveCgroupsJson(const host::LiveCgroupTree& tree) {
    JsonObject hierarchies;
    for (const host::LiveHierarchy& h : tree.hierarchies) {
        std::string controllers;
        for (const std::string& c : h.mount.controllers)
            controllers += (controllers.empty() ? "" : ",") + c;
        JsonObject groups;
        for (const host::LiveGroup& g : h.groups)
            groups.add(g.path, groupJson(g));
        JsonObject json;
        json.add("version", static_cast<uint64_t>(h.mount.version))
            .add("controllers", controllers)
            .add("truncated", h.truncated)
            .add("groups", groups);
        hierarchies.add(h.mount.mountPoint, json);
    }
    JsonObject problems;
    for (std::size_t i = 0; i < tree.problems.size(); ++i)
        problems.add(std::to_string(i), tree.problems[i]);
    const char* layouts[] = {"none", "unified", "legacy", "hybrid"};
    JsonObject json;
    json.add("layout", layouts[static_cast<int>(tree.layout)])
        .add("problems", problems)
        .add("hierarchies", hierarchies);
    return json.str();
}

namespace {

bool readText(const std::filesystem::path& path, std::string& text) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::ostringstream buffer;
    buffer << in.rdbuf();
    text = buffer.str();
    return true;
}

JsonObject levelJson(const host::LevelRow& r) {
    auto list = [](const std::vector<int>& pids) {
        std::string text;
        for (int p : pids)
            text += (text.empty() ? "" : " ") + std::to_string(p);
        return text;
    };
    JsonObject json;
    json.add("level", r.level)
        .add("name", r.name)
        .add("mode", r.mode)
        .add("pids", list(r.pids))
        .add("own_pids", list(r.ownPids))
        .add("exited_ok", static_cast<int64_t>(r.exitedOk))
        .add("cpu_usec", r.cpuUsec)
        .add("instructions", r.instructions)
        .add("host_syscalls", r.hostSyscalls)
        .add("context_switches", r.contextSwitches)
        .add("guest_entries", r.guestEntries)
        .add("vm_exits", r.vmExits)
        .add("world_switches", r.worldSwitches)
        .add("memory_peak_bytes", r.memoryPeakBytes)
        .add("output", r.output);
    return json;
}

std::string scenarioJson(const std::string& file, const host::HostModel& host,
                         const host::ScenarioResult& result) {
    JsonObject errors, levels;
    for (std::size_t i = 0; i < result.errors.size(); ++i)
        errors.add(std::to_string(i), result.errors[i]);
    for (const host::LevelRow& r : host::compareLevels(host))
        levels.add(r.cgroup, levelJson(r));
    JsonObject json;
    json.add("scenario", file)
        .add("ok", result.ok())
        .add("errors", errors)
        .add("time_usec", host.now())
        .add("idle_usec", host.idleUsec())
        .add("context_switches", static_cast<uint64_t>(host.contextSwitches().size()))
        .add("levels", levels);
    return json.str();
}

// Programs are named relative to the scenario file, ".s" added to a name without an
// extension (the guest kernel's sources include "privops.inc").
int scenarioCommand(const std::string& file, bool json, std::ostream& out, std::ostream& err) {
    std::string text;
    if (!readText(file, text)) {
        err << "vizor cgroups: cannot read '" << file << "'\n";
        return kBadInput;
    }
    const std::filesystem::path dir = std::filesystem::path(file).parent_path();
    const host::SourceLoader load = [&](const std::string& name, std::string& source) {
        const bool bare = !std::filesystem::path(name).has_extension();
        const std::string withSuffix = bare ? name + ".s" : name;
        return readText(dir / withSuffix, source);
    };
    host::HostModel host;
    const host::ScenarioResult result = host::runScenario(host, text, file, load);
    for (const std::string& e : result.errors)
        err << e << "\n";
    if (json) {
        out << scenarioJson(file, host, result) << "\n";
        return result.ok() ? 0 : kBadInput;
    }
    for (const std::string& line : result.log)
        out << "$ " << line << "\n";
    out << host::describeHost(host);
    if (!host.containers().empty() || !host.vms().empty())
        out << "\n" << host::formatLevels(host::compareLevels(host));
    return result.ok() ? 0 : kBadInput;
}

} // namespace

int cgroupsCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    const auto options = parse(args, err);
    if (!options) return kBadInput;
    if (!options->scenario.empty())
        return scenarioCommand(options->scenario, options->json, out, err);
    const host::RealCgroupFileSystem fs;
    for (uint64_t i = 0; i < options->count; ++i) {
        if (i) {
            std::this_thread::sleep_for(std::chrono::seconds(options->intervalSeconds));
            out << (options->json ? "" : "\n");
        }
        const host::LiveCgroupTree tree = host::readLiveCgroups(fs, options->root);
        out << (options->json ? liveCgroupsJson(tree) + "\n" : host::formatLiveCgroups(tree));
        out.flush();
    }
    return 0;
}

} // namespace vizor::cli
