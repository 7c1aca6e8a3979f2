#include "host/Levels.h"

#include "host/VcpuTask.h"

#include <cstdio>
#include <map>
#include <sstream>

namespace vizor::host {

namespace {

std::string groupOf(const Pcb& t) {
    return t.cgroup ? t.cgroup->path() : t.exitedFrom;
}

void addVm(LevelRow& row, const VcpuVm& vm) {
    const hv::VmStats stats = vm.hypervisor->stats();
    row.level = "vm";
    row.name = vm.name;
    row.mode = vm.mode;
    row.instructions += stats.guestInstructions();
    row.vmExits += stats.totalExits();
    row.worldSwitches += stats.worldSwitches;
    row.guestEntries += vm.entries;
    row.output += vm.console();
}

} // namespace

std::vector<LevelRow> compareLevels(const HostModel& host) {
    std::map<std::string, LevelRow> rows; // by cgroup path
    for (int pid : host.pids()) {
        const Pcb& t = *host.task(pid);
        LevelRow& row = rows[groupOf(t)];
        row.cgroup = groupOf(t);
        row.pids.push_back(pid);
        row.cpuUsec += t.cpuTimeUsec;
        row.hostSyscalls += t.syscalls;
        if (t.state == TaskState::Exited && !t.killedBySignal && t.exitCode == 0) ++row.exitedOk;
        if (t.vm) {
            addVm(row, *t.vm);
            continue;
        }
        row.ownPids.push_back(HostModel::pidInNamespace(t));
        row.instructions += t.instructions;
        row.output += t.output;
    }
    for (const ContextSwitchRecord& r : host.contextSwitches())
        if (const Pcb* next = host.task(r.nextPid); next && r.nextPid)
            ++rows[groupOf(*next)].contextSwitches;
    std::vector<LevelRow> result;
    for (auto& [path, row] : rows) {
        if (row.pids.empty()) continue;
        if (row.level.empty()) row.level = "process";
        for (const Container& c : host.containers())
            if (row.level == "process" && c.cgroupPath == path) {
                row.level = "container";
                row.name = c.name;
            }
        if (const Cgroup* g = host.cgroups().find(path))
            row.memoryPeakBytes = g->memoryPeak * kPageSize;
        result.push_back(std::move(row));
    }
    return result;
}

std::string formatLevels(const std::vector<LevelRow>& rows) {
    std::ostringstream out;
    char line[256];
    std::snprintf(line, sizeof line, "%-22s %-10s %5s %10s %12s %9s %9s %9s %11s\n", "level",
                  "cgroup", "tasks", "cpu_us", "instructions", "syscalls", "switches", "vm_exits",
                  "memory_peak");
    out << line;
    for (const LevelRow& r : rows) {
        std::string level = r.level;
        if (!r.name.empty()) level += " " + r.name;
        if (!r.mode.empty()) level += " (" + r.mode + ")";
        std::snprintf(line, sizeof line,
                      "%-22s %-10s %5zu %10llu %12llu %9llu %9llu %9llu %11llu\n", level.c_str(),
                      r.cgroup.c_str(), r.pids.size(), static_cast<unsigned long long>(r.cpuUsec),
                      static_cast<unsigned long long>(r.instructions),
                      static_cast<unsigned long long>(r.hostSyscalls),
                      static_cast<unsigned long long>(r.contextSwitches),
                      static_cast<unsigned long long>(r.vmExits),
                      static_cast<unsigned long long>(r.memoryPeakBytes));
        out << line;
    }
    for (const LevelRow& r : rows) {
        out << r.cgroup << ": host pids";
        for (int p : r.pids)
            out << " " << p;
        if (r.level == "vm") {
            out << " (the vCPU task; " << r.guestEntries << " slices in guest mode, "
                << r.worldSwitches << " world switches; the guest's pids are its own kernel's)\n";
        } else {
            out << ", getpid inside";
            for (int p : r.ownPids)
                out << " " << p;
            out << "\n";
        }
    }
    return out.str();
}

} // namespace vizor::host
