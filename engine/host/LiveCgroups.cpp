#include "host/LiveCgroups.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace vizor::host {

namespace {

namespace fs = std::filesystem;

// Interface files worth showing per controller: limits first, then usage.
struct FileSet {
    const char* controller; // v1 controller the hierarchy must have, or "" for any
    std::vector<const char*> files;
};

const std::vector<FileSet>& v2Files() {
    static const std::vector<FileSet> files = {
        {"", {"cgroup.controllers", "cgroup.subtree_control"}},
        {"", {"cpu.weight", "cpu.max", "cpu.stat"}},
        {"", {"memory.high", "memory.max", "memory.current", "memory.events"}},
        {"", {"pids.max", "pids.current"}}};
    return files;
}

const std::vector<FileSet>& v1Files() {
    static const std::vector<FileSet> files = {
        {"cpu", {"cpu.shares", "cpu.cfs_quota_us", "cpu.cfs_period_us", "cpu.stat"}},
        {"cpuacct", {"cpuacct.usage"}},
        {"memory",
         {"memory.limit_in_bytes", "memory.soft_limit_in_bytes", "memory.usage_in_bytes",
          "memory.failcnt"}},
        {"pids", {"pids.max", "pids.current"}},
        {"cpuset", {"cpuset.cpus", "cpuset.mems"}}};
    return files;
}

// Keyed files ("usage_usec 12\n...") are shown by the keys that say most.
std::vector<std::string> keysOf(std::string_view file) {
    if (file == "cpu.stat")
        return {"usage_usec", "nr_periods", "nr_throttled", "throttled_usec", "throttled_time"};
    if (file == "memory.events") return {"high", "max", "oom", "oom_kill"};
    return {};
}

std::string trimmed(std::string text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
        text.pop_back();
    return text;
}

std::string summarize(std::string_view file, const std::string& text) {
    const std::vector<std::string> keys = keysOf(file);
    if (keys.empty()) return trimmed(text);
    std::istringstream in(text);
    std::string key, value, out;
    while (in >> key >> value)
        if (std::find(keys.begin(), keys.end(), key) != keys.end())
            out += (out.empty() ? "" : " ") + key + "=" + value;
    return out;
}

// mountinfo escapes space, tab, newline and backslash as \ooo.
std::string unescape(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 3 < s.size()) {
            const std::string oct(s.substr(i + 1, 3));
            if (oct.find_first_not_of("01234567") == std::string::npos) {
                out += static_cast<char>(std::stoi(oct, nullptr, 8));
                i += 3;
                continue;
            }
        }
        out += s[i];
    }
    return out;
}

std::vector<std::string> words(std::string_view line) {
    std::vector<std::string> w;
    std::istringstream in{std::string(line)};
    std::string word;
    while (in >> word)
        w.push_back(word);
    return w;
}

std::string errorText(int error) {
    return error == ENOENT ? "vanished" : std::strerror(error);
}

class Walker {
public:
    Walker(const CgroupFileSystem& files, const std::string& root, LiveHierarchy& out,
           std::size_t limit)
        : fs_(files), root_(root), out_(out), limit_(limit) {}

    void visit(const std::string& relative, int depth) {
        if (out_.groups.size() >= limit_) {
            out_.truncated = true;
            return;
        }
        const std::string dir = root_ + out_.mount.mountPoint + (relative == "/" ? "" : relative);
        out_.groups.push_back({relative, {}, {}, -1, false});
        const std::size_t index = out_.groups.size() - 1;
        readProcs(index, dir);
        if (out_.groups[index].vanished) return;
        readLimits(index, dir);
        std::vector<std::string> children;
        const int error = fs_.listDirectories(dir, children);
        if (error == ENOENT)
            out_.groups[index].vanished = true;
        else if (error)
            out_.groups[index].errors.push_back({"(directory)", errorText(error)});
        if (depth >= 64) return; // cgroup.max.depth is rarely set; a loop would be a bug
        for (const std::string& child : children)
            visit((relative == "/" ? "" : relative) + "/" + child, depth + 1);
    }

private:
    void readProcs(std::size_t index, const std::string& dir) {
        std::string text;
        const int error = fs_.readFile(dir + "/cgroup.procs", text);
        LiveGroup& g = out_.groups[index];
        if (error == ENOENT) {
            g.vanished = true; // every cgroup directory has cgroup.procs while it exists
        } else if (error) {
            g.errors.push_back({"cgroup.procs", errorText(error)});
        } else {
            g.processes = static_cast<int>(std::count(text.begin(), text.end(), '\n'));
        }
    }

    void readLimits(std::size_t index, const std::string& dir) {
        const CgroupMount& m = out_.mount;
        for (const FileSet& set : m.version == 2 ? v2Files() : v1Files()) {
            if (*set.controller && std::find(m.controllers.begin(), m.controllers.end(),
                                             set.controller) == m.controllers.end())
                continue;
            for (const char* file : set.files) {
                std::string text;
                const int error = fs_.readFile(dir + "/" + file, text);
                // A missing file only means the controller is not enabled here.
                if (error == ENOENT) continue;
                LiveGroup& g = out_.groups[index];
                if (error)
                    g.errors.push_back({file, errorText(error)});
                else
                    g.values.push_back({file, summarize(file, text)});
            }
        }
    }

    const CgroupFileSystem& fs_;
    const std::string& root_;
    LiveHierarchy& out_;
    std::size_t limit_;
};

} // namespace

int RealCgroupFileSystem::readFile(const std::string& path, std::string& text) const {
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (ec) return ec.value();
    if (!fs::is_regular_file(status)) return EISDIR;
    errno = 0;
    std::ifstream in(path, std::ios::binary);
    if (!in) return errno ? errno : EACCES;
    std::ostringstream buffer;
    buffer << in.rdbuf();
    text = buffer.str();
    return 0;
}

int RealCgroupFileSystem::listDirectories(const std::string& path,
                                          std::vector<std::string>& names) const {
    std::error_code ec;
    fs::directory_iterator it(path, ec);
    if (ec) return ec.value();
    for (; it != fs::directory_iterator(); it.increment(ec)) {
        if (ec) return ec.value();
        std::error_code typeError;
        // Not following symlinks: v1 layouts link "cpu" to "cpu,cpuacct".
        if (it->is_directory(typeError) && !it->is_symlink(typeError))
            names.push_back(it->path().filename().string());
    }
    if (ec) return ec.value();
    std::sort(names.begin(), names.end());
    return 0;
}

std::string_view layoutName(CgroupLayout layout) {
    switch (layout) {
    case CgroupLayout::Unified:
        return "unified (cgroup v2 only)";
    case CgroupLayout::Legacy:
        return "legacy (cgroup v1 only)";
    case CgroupLayout::Hybrid:
        return "hybrid (cgroup v1 controllers and a cgroup v2 mount)";
    case CgroupLayout::None:
        break;
    }
    return "none (no cgroup file system mounted)";
}

// mountinfo line: ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTIONS [OPTIONAL...] - FSTYPE SOURCE SUPER
std::vector<CgroupMount> parseMountInfo(std::string_view text) {
    std::vector<CgroupMount> mounts;
    std::istringstream in{std::string(text)};
    std::string line;
    while (std::getline(in, line)) {
        const std::vector<std::string> w = words(line);
        const auto dash = std::find(w.begin(), w.end(), "-");
        if (w.size() < 5 || dash == w.end() || w.end() - dash < 3) continue;
        const std::string& type = dash[1];
        if (type != "cgroup" && type != "cgroup2") continue;
        CgroupMount m;
        m.mountPoint = unescape(w[4]);
        m.version = type == "cgroup2" ? 2 : 1;
        // The super options are the fourth field after the separator; a line can end
        // before them.
        if (m.version == 1 && w.end() - dash >= 4) {
            std::istringstream options(dash[3]);
            std::string option;
            while (std::getline(options, option, ','))
                if (option != "rw" && option != "ro" && option.find("xattr") == std::string::npos &&
                    option != "noprefix" && !option.starts_with("release_agent") &&
                    option != "clone_children")
                    m.controllers.push_back(option);
        }
        const bool seen = std::any_of(mounts.begin(), mounts.end(), [&](const CgroupMount& o) {
            return o.mountPoint == m.mountPoint;
        });
        if (!seen) mounts.push_back(m);
    }
    return mounts;
}

CgroupLayout layoutOf(const std::vector<CgroupMount>& mounts) {
    const bool v1 =
        std::any_of(mounts.begin(), mounts.end(), [](auto& m) { return m.version == 1; });
    const bool v2 =
        std::any_of(mounts.begin(), mounts.end(), [](auto& m) { return m.version == 2; });
    if (v1 && v2) return CgroupLayout::Hybrid;
    if (v1) return CgroupLayout::Legacy;
    if (v2) return CgroupLayout::Unified;
    return CgroupLayout::None;
}

LiveCgroupTree readLiveCgroups(const CgroupFileSystem& fs, const std::string& root,
                               std::size_t maxGroupsPerHierarchy) {
    LiveCgroupTree tree;
    std::string mountinfo;
    if (const int error = fs.readFile(root + "/proc/self/mountinfo", mountinfo)) {
        tree.problems.push_back("cannot read /proc/self/mountinfo: " + errorText(error));
        return tree;
    }
    const std::vector<CgroupMount> mounts = parseMountInfo(mountinfo);
    tree.layout = layoutOf(mounts);
    for (const CgroupMount& m : mounts) {
        tree.hierarchies.push_back({m, {}, false});
        Walker(fs, root, tree.hierarchies.back(), maxGroupsPerHierarchy).visit("/", 0);
    }
    return tree;
}

std::string formatLiveCgroups(const LiveCgroupTree& tree) {
    std::ostringstream out;
    out << "cgroup layout: " << layoutName(tree.layout) << "\n";
    for (const std::string& p : tree.problems)
        out << "problem: " << p << "\n";
    for (const LiveHierarchy& h : tree.hierarchies) {
        out << "\n" << (h.mount.version == 2 ? "v2 " : "v1 ") << h.mount.mountPoint;
        if (!h.mount.controllers.empty()) {
            out << " [";
            for (std::size_t i = 0; i < h.mount.controllers.size(); ++i)
                out << (i ? "," : "") << h.mount.controllers[i];
            out << "]";
        }
        out << "\n";
        for (const LiveGroup& g : h.groups) {
            const auto depth = g.path == "/" ? 0 : std::count(g.path.begin(), g.path.end(), '/');
            const std::string name = g.path == "/" ? "/" : g.path.substr(g.path.rfind('/') + 1);
            out << std::string(2 + 2 * static_cast<std::size_t>(depth), ' ') << name;
            if (g.vanished) {
                out << "  (vanished while read)\n";
                continue;
            }
            if (g.processes >= 0) out << "  procs=" << g.processes;
            for (const auto& [file, value] : g.values)
                out << "  " << file << "=" << (value.empty() ? "\"\"" : value);
            for (const auto& [file, error] : g.errors)
                out << "  " << file << ": " << error;
            out << "\n";
        }
        if (h.truncated) out << "  ... (more groups not shown)\n";
    }
    return out.str();
}

} // namespace vizor::host
