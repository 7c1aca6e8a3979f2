#include "host/Scenario.h"

#include "asm/Assembler.h"
#include "host/GuestWorkload.h"

#include <charconv>
#include <cstdio>
#include <map>
#include <sstream>

namespace vizor::host {

namespace {

std::vector<std::string> words(const std::string& line) {
    std::vector<std::string> w;
    std::istringstream in(line);
    std::string word;
    while (in >> word)
        w.push_back(word);
    return w;
}

// Everything after the first `skip` words, as written (interface values keep spaces).
std::string rest(const std::string& line, std::size_t skip) {
    std::size_t at = 0;
    for (std::size_t i = 0; i < skip; ++i) {
        at = line.find_first_not_of(" \t", at);
        at = line.find_first_of(" \t", at);
        if (at == std::string::npos) return "";
    }
    const std::size_t start = line.find_first_not_of(" \t", at);
    return start == std::string::npos ? "" : line.substr(start);
}

std::optional<int64_t> integer(const std::string& text) {
    int64_t v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return v;
}

const char* stateName(TaskState s) {
    return s == TaskState::Runnable ? "runnable" : s == TaskState::Sleeping ? "sleeping" : "exited";
}

class Runner {
public:
    Runner(HostModel& host, const std::string& file, const SourceLoader& load, ScenarioResult& r)
        : host_(host), file_(file), load_(load), result_(r) {}

    // False stops the scenario.
    bool command(const std::string& line, int number) {
        line_ = number;
        const std::vector<std::string> w = words(line);
        if (w.empty() || w[0].starts_with("#")) return true;
        const std::string& verb = w[0];
        if (verb == "mkdir" && w.size() == 2) return check(host_.mkdir(w[1]), line);
        if (verb == "rmdir" && w.size() == 2) return check(host_.cgroups().remove(w[1]), line);
        if (verb == "write" && w.size() >= 3)
            return check(host_.writeFile(w[1], w[2], rest(line, 3)), line);
        if (verb == "spawn" && w.size() >= 3) return spawn(w);
        if (verb == "workload" && w.size() == 3) return workload(w[1], w[2]);
        if (verb == "container" && w.size() == 3)
            return check(host_.createContainer(w[1], w[2]), line);
        if (verb == "exec" && w.size() >= 3) return exec(w);
        if (verb == "vm" && w.size() == 5) return vm(w);
        const int64_t usec = w.size() == 2 ? integer(w[1]).value_or(0) : 0;
        if ((verb == "run" || verb == "wait") && usec > kMaxScenarioRunMicroseconds)
            return fail(line + ": at most " + std::to_string(kMaxScenarioRunMicroseconds) +
                        " us (two minutes of virtual time) in one command; write several");
        if (verb == "run" && usec > 0) {
            host_.run(static_cast<uint64_t>(usec));
            result_.log.push_back(line + "  -> now " + std::to_string(host_.now()) + " us");
            return true;
        }
        if (verb == "wait" && usec > 0) return wait(static_cast<uint64_t>(usec), line);
        return fail("unknown or malformed command: " + line);
    }

private:
    bool check(const WriteResult& r, const std::string& line) {
        if (!r.ok())
            return fail(line + ": " + r.message + " (errno " + std::to_string(r.error) + ")");
        result_.log.push_back(line);
        return true;
    }

    // spawn GROUP PROGRAM [NAME=VALUE ...]
    bool spawn(const std::vector<std::string>& w) {
        const auto program = load(w);
        if (!program) return false;
        const int pid = host_.spawn(*program, w[1]);
        if (pid < 0) return fail("spawn in " + w[1] + " failed with errno " + std::to_string(-pid));
        result_.log.push_back("spawn " + w[2] + " in " + w[1] + " -> pid " + std::to_string(pid));
        return true;
    }

    // exec CONTAINER PROGRAM [NAME=VALUE ...]: a task in the container's cgroup and PID namespace.
    bool exec(const std::vector<std::string>& w) {
        const auto program = load(w);
        if (!program) return false;
        const int pid = host_.spawnInContainer(*program, w[1]);
        if (pid < 0)
            return fail("exec in container " + w[1] + " failed with errno " + std::to_string(-pid));
        const Pcb& t = *host_.task(pid);
        result_.log.push_back("exec " + w[2] + " in " + w[1] + " -> pid " + std::to_string(pid) +
                              " (pid " + std::to_string(t.nsPid) + " inside)");
        return true;
    }

    // workload NAME GUESTDIR: the guest kernel's workload NAME, from its sources in GUESTDIR.
    bool workload(const std::string& name, const std::string& dir) {
        std::string error;
        const auto read = [&](const std::string& file, std::string& text) {
            return load_(dir + "/" + file, text);
        };
        auto built = buildGuestWorkload(name, read, error);
        if (!built) return fail("workload " + name + ": " + error);
        workloads_[name] = std::move(*built);
        result_.log.push_back("workload " + name + " from " + dir + " (user image " +
                              std::to_string(workloads_[name].imageBytes) + " bytes)");
        return true;
    }

    // vm NAME GROUP MODE WORKLOAD: a VM booting the guest kernel with WORKLOAD in MODE,
    // its vCPU a task in GROUP.
    bool vm(const std::vector<std::string>& w) {
        const auto it = workloads_.find(w[4]);
        if (it == workloads_.end()) return fail("no workload " + w[4] + " (use 'workload' first)");
        std::string error;
        const int pid = host_.startVm(w[1], it->second.kernelFor(w[3]), w[3], w[2], error);
        if (pid < 0) return fail("vm " + w[1] + ": " + error);
        result_.log.push_back("vm " + w[1] + " (" + w[3] + ", " + w[4] + ") in " + w[2] +
                              " -> vCPU task pid " + std::to_string(pid));
        return true;
    }

    // wait MAX: run until every task has exited, at most MAX µs.
    bool wait(uint64_t max, const std::string& line) {
        const uint64_t end = host_.now() + max;
        auto running = [&] {
            for (int pid : host_.pids())
                if (host_.task(pid)->state != TaskState::Exited) return true;
            return false;
        };
        while (running() && host_.now() < end)
            host_.run(std::min<uint64_t>(10'000, end - host_.now()));
        if (running())
            return fail(line + ": tasks still running after " + std::to_string(max) + " us");
        result_.log.push_back(line + "  -> all exited, now " + std::to_string(host_.now()) + " us");
        return true;
    }

    // The program named in w[2] (a loaded workload, or a .s file with NAME=VALUE defines).
    std::optional<Program> load(const std::vector<std::string>& w) {
        if (const auto it = workloads_.find(w[2]); it != workloads_.end()) {
            if (w.size() > 3) return failed("a workload takes no defines");
            return it->second.hostProgram;
        }
        std::string source;
        if (!load_(w[2], source)) return failed("cannot read program " + w[2]);
        AssemblerOptions options;
        options.fileName = w[2];
        options.baseAddress = layout::kTextBase;
        for (std::size_t i = 3; i < w.size(); ++i) {
            const std::size_t eq = w[i].find('=');
            const auto v = eq == std::string::npos ? std::nullopt : integer(w[i].substr(eq + 1));
            if (!v) return failed("expected NAME=NUMBER, got " + w[i]);
            options.defines[w[i].substr(0, eq)] = *v;
        }
        AssemblyResult assembled = assemble(source, options);
        if (!assembled.ok()) return failed(assembled.errors.front().format());
        return std::move(assembled.program);
    }

    std::nullopt_t failed(const std::string& message) {
        fail(message);
        return std::nullopt;
    }

    bool fail(const std::string& message) {
        result_.errors.push_back(file_ + ":" + std::to_string(line_) + ": " + message);
        return false;
    }

    HostModel& host_;
    const std::string& file_;
    const SourceLoader& load_;
    ScenarioResult& result_;
    std::map<std::string, GuestWorkload> workloads_;
    int line_ = 0;
};

} // namespace

ScenarioResult runScenario(HostModel& host, std::string_view text, const std::string& fileName,
                           const SourceLoader& load) {
    ScenarioResult result;
    Runner runner(host, fileName, load, result);
    std::istringstream in{std::string(text)};
    std::string line;
    for (int number = 1; std::getline(in, line); ++number)
        if (!runner.command(line, number)) break;
    return result;
}

std::string describeHost(const HostModel& host) {
    std::ostringstream out;
    out << "time " << host.now() << " us, idle " << host.idleUsec() << " us, "
        << host.contextSwitches().size() << " context switches\n";
    for (const Cgroup* g : const_cast<CgroupTree&>(host.cgroups()).all()) {
        out << g->path() << "\n";
        for (const char* file : {"cpu.weight", "cpu.max", "cpu.stat", "memory.high", "memory.max",
                                 "memory.current", "memory.events", "pids.max", "pids.current"}) {
            const auto text = host.readFile(g->path(), file);
            if (!text) continue;
            std::string flat = *text;
            for (char& c : flat)
                if (c == '\n') c = ' ';
            out << "  " << file << ": " << flat << "\n";
        }
    }
    out << "pid  ppid state     cpu_us    pages swap  cgroup\n";
    for (int pid : host.pids()) {
        const Pcb& t = *host.task(pid);
        const std::string where = t.cgroup ? t.cgroup->path()
                                  : t.killedBySignal
                                      ? "killed by signal " + std::to_string(t.killedBySignal)
                                      : "exit " + std::to_string(t.exitCode);
        char line[160];
        std::snprintf(line, sizeof line, "%-4d %-4d %-9s %-9llu %-5llu %-5llu %s\n", t.pid, t.ppid,
                      stateName(t.state), static_cast<unsigned long long>(t.cpuTimeUsec),
                      static_cast<unsigned long long>(t.residentPages),
                      static_cast<unsigned long long>(t.swappedPages), where.c_str());
        out << line;
    }
    return out.str();
}

} // namespace vizor::host
