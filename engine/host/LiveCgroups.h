// Reads the real machine's cgroup hierarchies — cgroup v2 unified, v1 (legacy) or
// hybrid (v1 controllers plus a v2 mount) — from /proc/self/mountinfo and the cgroup
// file systems: each group's limits and current usage. The reader never throws and
// never stops on a bad group: unreadable files and groups that vanish while they are
// read (a container exiting mid-walk) are reported, not fatal. All file access goes
// through CgroupFileSystem so tests run it on fixture trees and inject faults.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vizor::host {

class CgroupFileSystem {
public:
    virtual ~CgroupFileSystem() = default;
    // 0 on success, else an errno (ENOENT, EACCES, ...).
    virtual int readFile(const std::string& path, std::string& text) const = 0;
    // Names of the subdirectories, sorted; 0 or an errno.
    virtual int listDirectories(const std::string& path, std::vector<std::string>& names) const = 0;
};

// The real file system, through the C++ standard library.
class RealCgroupFileSystem : public CgroupFileSystem {
public:
    int readFile(const std::string& path, std::string& text) const override;
    int listDirectories(const std::string& path, std::vector<std::string>& names) const override;
};

struct CgroupMount {
    std::string mountPoint;               // as mountinfo names it, e.g. /sys/fs/cgroup/memory
    int version = 2;                      // 1 or 2
    std::vector<std::string> controllers; // v1: from the super options ("cpu", "name=systemd")
};

enum class CgroupLayout { None, Unified, Legacy, Hybrid };
std::string_view layoutName(CgroupLayout layout); // "unified (v2)", "legacy (v1)", ...

struct LiveGroup {
    std::string path; // "/" or "/system.slice/cron.service", relative to the mount
    std::vector<std::pair<std::string, std::string>> values; // "cpu.max" -> "max 100000"
    std::vector<std::pair<std::string, std::string>> errors; // file -> "permission denied"
    int processes = -1;                                      // lines of cgroup.procs; -1 if unknown
    bool vanished = false;                                   // removed while being read
};

struct LiveHierarchy {
    CgroupMount mount;
    std::vector<LiveGroup> groups; // pre-order
    bool truncated = false;        // more than the group limit
};

struct LiveCgroupTree {
    CgroupLayout layout = CgroupLayout::None;
    std::vector<LiveHierarchy> hierarchies;
    std::vector<std::string> problems; // whole-tree problems (mountinfo unreadable ...)
};

std::vector<CgroupMount> parseMountInfo(std::string_view text);
CgroupLayout layoutOf(const std::vector<CgroupMount>& mounts);

// `root` is prefixed to every path ("" for the real machine, a fixture directory in
// tests): mountinfo is read from root + "/proc/self/mountinfo".
LiveCgroupTree readLiveCgroups(const CgroupFileSystem& fs, const std::string& root,
                               std::size_t maxGroupsPerHierarchy = 5000);

// Human-readable tree, one group per line with its limits and usage.
std::string formatLiveCgroups(const LiveCgroupTree& tree);

} // namespace vizor::host
