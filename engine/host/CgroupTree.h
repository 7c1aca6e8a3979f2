// The cgroup v2 hierarchy of the host model: groups, their processes, the controllers
// enabled for each subtree, limits and statistics. Interface files are read and
// written as text exactly as the kernel prints and parses them ("max 100000",
// "+cpu -memory", "oom_kill 1"); malformed values are refused with the kernel's errno.
// The tree holds the rules of cgroup v2 (Documentation/admin-guide/cgroup-v2.rst);
// the host model (HostModel) enforces the limits while tasks run.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vizor::host {

// Linux errno values the interface files and system calls return (as negatives in a0).
namespace err {
constexpr int kENOENT = 2;
constexpr int kEBADF = 9;
constexpr int kEAGAIN = 11;
constexpr int kENOMEM = 12;
constexpr int kEFAULT = 14;
constexpr int kEBUSY = 16;
constexpr int kEEXIST = 17;
constexpr int kEINVAL = 22;
constexpr int kENOTTY = 25;
constexpr int kENOSYS = 38;
constexpr int kENOTEMPTY = 39;
constexpr int kESRCH = 3;
} // namespace err

constexpr uint32_t kPageSize = 4096;
constexpr uint64_t kMax = UINT64_MAX; // the "max" token: no limit

enum Controller : unsigned { kCpu = 1, kMemory = 2, kPids = 4 };
constexpr unsigned kAllControllers = kCpu | kMemory | kPids;

struct CpuStat {
    uint64_t usageUsec = 0;
    uint64_t nrPeriods = 0;
    uint64_t nrThrottled = 0;
    uint64_t throttledUsec = 0;
};

struct MemoryEvents {
    uint64_t low = 0, high = 0, max = 0, oom = 0, oomKill = 0;
};

// One group. Limits are stored as the kernel does (memory in pages, cpu in µs).
// Everything but the links of the tree, apart so that a snapshot copies it whole.
struct CgroupState {
    std::string name; // "" for the root
    uint32_t id = 1;  // as the kernel's cgroup id: events name groups by it
    unsigned subtreeControl = 0;
    std::vector<int> procs; // pids whose tasks are in this group (not descendants)

    // cpu
    uint32_t weight = 100;
    uint64_t quotaUsec = kMax; // cpu.max MAX
    uint64_t periodUsec = 100000;
    CpuStat cpuStat;
    // memory (pages); current and events are hierarchical, as memory.current is
    uint64_t memoryCurrent = 0, memoryHigh = kMax, memoryMax = kMax;
    uint64_t memoryPeak = 0; // the highest memoryCurrent since the group was made
    uint64_t swapCurrent = 0, swapMax = kMax;
    MemoryEvents memoryEvents;
    // pids
    uint64_t pidsCurrent = 0, pidsMax = kMax, pidsEventsMax = 0;

    // Bandwidth control state (sched-bwc.rst): runtime left in this period, may go
    // negative by the overrun of the slice that used it up; paid back at refill.
    int64_t runtimeRemaining = 0;
    uint64_t periodStart = 0;
    bool throttled = false;
    uint64_t throttledSince = 0;
    // The group's entity in its parent's run queue (CFS virtual runtime).
    uint64_t vruntime = 0;
};

struct Cgroup : CgroupState {
    Cgroup* parent = nullptr;
    std::vector<std::unique_ptr<Cgroup>> children;

    bool isRoot() const { return parent == nullptr; }
    std::string path() const; // "/" or "/a/b"
    // Controllers this group may use: those its parent enabled (all for the root).
    unsigned controllers() const { return parent ? parent->subtreeControl : kAllControllers; }
    bool has(Controller c) const { return !isRoot() && (controllers() & c); }
    bool populated() const; // any process in this group or a descendant
};

// Result of writing an interface file: 0 or a Linux errno, with a message.
struct WriteResult {
    int error = 0;
    std::string message;
    bool ok() const { return error == 0; }
};

std::string_view controllerName(Controller c);
std::string controllerList(unsigned mask); // "cpu memory pids"
// Kernel formats: "max" or the number.
std::string formatLimit(uint64_t value);
// Parses "max" or a whole number with an optional K/M/G suffix (memparse); nullopt if malformed.
std::optional<uint64_t> parseLimit(std::string_view text, bool allowSuffix);

class CgroupTree {
public:
    CgroupTree();
    // Deep copies (host snapshots): the same groups, ids and state, new objects.
    CgroupTree(const CgroupTree& other);
    CgroupTree& operator=(const CgroupTree& other);

    Cgroup& root() { return *root_; }
    const Cgroup& root() const { return *root_; }
    Cgroup* find(std::string_view path);
    Cgroup* findById(uint32_t id);
    const Cgroup* find(std::string_view path) const;

    // mkdir / rmdir. Creating needs an existing parent; removing needs an empty group.
    WriteResult create(std::string_view path);
    WriteResult remove(std::string_view path);

    // Text of an interface file, as `cat` would show it; nullopt if the file does not
    // exist in that group (for example cpu.max where cpu is not enabled by the parent).
    std::optional<std::string> read(std::string_view path, std::string_view file) const;
    // Writes every file except cgroup.procs (the host model moves tasks).
    WriteResult write(std::string_view path, std::string_view file, std::string_view value);

    // Checks the no-internal-process rule for moving a process into `to`.
    WriteResult canAttach(const Cgroup& to) const;
    void attach(int pid, Cgroup& to);
    void detach(int pid, Cgroup& from);

    // Groups in pre-order (parents before children).
    std::vector<Cgroup*> all();

private:
    WriteResult writeSubtreeControl(Cgroup& group, std::string_view value);
    WriteResult writeCpuMax(Cgroup& group, std::string_view value);
    std::unique_ptr<Cgroup> root_;
    uint32_t nextId_ = 2;
};

} // namespace vizor::host
