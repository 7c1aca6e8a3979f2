#include "host/CgroupTree.h"

#include <algorithm>
#include <charconv>
#include <functional>
#include <sstream>

namespace vizor::host {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n'))
        s.remove_suffix(1);
    return s;
}

std::vector<std::string_view> split(std::string_view s) {
    std::vector<std::string_view> words;
    s = trim(s);
    while (!s.empty()) {
        const std::size_t space = s.find_first_of(" \t\n");
        words.push_back(s.substr(0, space));
        if (space == std::string_view::npos) break;
        s = trim(s.substr(space));
    }
    return words;
}

std::optional<uint64_t> parseNumber(std::string_view text) {
    uint64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

// Path components of "/a/b" (or "a/b"); "/" has none.
std::vector<std::string_view> components(std::string_view path) {
    std::vector<std::string_view> parts;
    while (!path.empty()) {
        const std::size_t slash = path.find('/');
        if (slash != 0) parts.push_back(path.substr(0, slash));
        if (slash == std::string_view::npos) break;
        path.remove_prefix(slash + 1);
    }
    return parts;
}

WriteResult fail(int error, std::string message) {
    return {error, std::move(message)};
}

// Memory limits are kept in pages and printed in bytes, as the kernel does.
std::string formatPages(uint64_t pages) {
    return pages == kMax ? "max" : std::to_string(pages * kPageSize);
}

std::string keyed(std::initializer_list<std::pair<const char*, uint64_t>> rows) {
    std::string text;
    for (const auto& [key, value] : rows)
        text += std::string(key) + " " + std::to_string(value) + "\n";
    return text;
}

} // namespace

std::string Cgroup::path() const {
    if (isRoot()) return "/";
    const std::string above = parent->path();
    return (above == "/" ? "" : above) + "/" + name;
}

bool Cgroup::populated() const {
    if (!procs.empty()) return true;
    return std::any_of(children.begin(), children.end(),
                       [](const auto& c) { return c->populated(); });
}

std::string_view controllerName(Controller c) {
    switch (c) {
    case kCpu:
        return "cpu";
    case kMemory:
        return "memory";
    case kPids:
        return "pids";
    }
    return "?";
}

std::string controllerList(unsigned mask) {
    std::string text;
    for (Controller c : {kCpu, kMemory, kPids}) {
        if (!(mask & c)) continue;
        if (!text.empty()) text += ' ';
        text += controllerName(c);
    }
    return text;
}

std::string formatLimit(uint64_t value) {
    return value == kMax ? "max" : std::to_string(value);
}

std::optional<uint64_t> parseLimit(std::string_view text, bool allowSuffix) {
    text = trim(text);
    if (text == "max") return kMax;
    uint64_t scale = 1;
    if (allowSuffix && !text.empty()) {
        const char last = static_cast<char>(text.back() | 0x20); // lower case
        const uint64_t shift = last == 'k' ? 10 : last == 'm' ? 20 : last == 'g' ? 30 : 0;
        if (shift) {
            scale = uint64_t{1} << shift;
            text.remove_suffix(1);
        }
    }
    const auto number = parseNumber(text);
    if (!number || *number > kMax / scale) return std::nullopt;
    return *number * scale;
}

CgroupTree::CgroupTree() : root_(std::make_unique<Cgroup>()) {}

namespace {
std::unique_ptr<Cgroup> cloneGroup(const Cgroup& from, Cgroup* parent) {
    auto group = std::make_unique<Cgroup>();
    static_cast<CgroupState&>(*group) = from;
    group->parent = parent;
    for (const auto& child : from.children)
        group->children.push_back(cloneGroup(*child, group.get()));
    return group;
}
} // namespace

CgroupTree::CgroupTree(const CgroupTree& other)
    : root_(cloneGroup(*other.root_, nullptr)), nextId_(other.nextId_) {}

CgroupTree& CgroupTree::operator=(const CgroupTree& other) {
    if (this != &other) {
        root_ = cloneGroup(*other.root_, nullptr);
        nextId_ = other.nextId_;
    }
    return *this;
}

Cgroup* CgroupTree::find(std::string_view path) {
    Cgroup* group = root_.get();
    for (std::string_view name : components(path)) {
        auto it = std::find_if(group->children.begin(), group->children.end(),
                               [&](const auto& c) { return c->name == name; });
        if (it == group->children.end()) return nullptr;
        group = it->get();
    }
    return group;
}

Cgroup* CgroupTree::findById(uint32_t id) {
    for (Cgroup* g : all())
        if (g->id == id) return g;
    return nullptr;
}

const Cgroup* CgroupTree::find(std::string_view path) const {
    return const_cast<CgroupTree*>(this)->find(path);
}

WriteResult CgroupTree::create(std::string_view path) {
    std::vector<std::string_view> parts = components(path);
    if (parts.empty()) return fail(err::kEEXIST, "the root cgroup always exists");
    const std::string_view name = parts.back();
    if (name.find_first_of(" \n") != std::string_view::npos || name.starts_with("cgroup."))
        return fail(err::kEINVAL, "invalid cgroup name");
    parts.pop_back();
    std::string parentPath;
    for (std::string_view p : parts)
        parentPath += "/" + std::string(p);
    Cgroup* parent = find(parentPath);
    if (!parent) return fail(err::kENOENT, "parent cgroup does not exist");
    if (find(path)) return fail(err::kEEXIST, "cgroup exists");
    auto group = std::make_unique<Cgroup>();
    group->name = name;
    group->id = nextId_++;
    group->parent = parent;
    parent->children.push_back(std::move(group));
    return {};
}

WriteResult CgroupTree::remove(std::string_view path) {
    Cgroup* group = find(path);
    if (!group) return fail(err::kENOENT, "no such cgroup");
    if (group->isRoot()) return fail(err::kEBUSY, "the root cgroup cannot be removed");
    if (!group->children.empty() || !group->procs.empty())
        return fail(err::kEBUSY, "cgroup has children or processes");
    auto& siblings = group->parent->children;
    siblings.erase(std::find_if(siblings.begin(), siblings.end(),
                                [&](const auto& c) { return c.get() == group; }));
    return {};
}

std::optional<std::string> CgroupTree::read(std::string_view path, std::string_view file) const {
    const Cgroup* g = find(path);
    if (!g) return std::nullopt;
    if (file == "cgroup.procs") {
        std::vector<int> pids = g->procs;
        std::sort(pids.begin(), pids.end());
        std::string text;
        for (int pid : pids)
            text += std::to_string(pid) + "\n";
        return text;
    }
    if (file == "cgroup.controllers") return controllerList(g->controllers()) + "\n";
    if (file == "cgroup.subtree_control") return controllerList(g->subtreeControl) + "\n";
    if (file == "cgroup.events") return keyed({{"populated", g->populated()}, {"frozen", 0}});
    if (file == "cpu.stat") {
        const CpuStat& s = g->cpuStat;
        if (!g->has(kCpu))
            return keyed(
                {{"usage_usec", s.usageUsec}, {"user_usec", s.usageUsec}, {"system_usec", 0}});
        return keyed({{"usage_usec", s.usageUsec},
                      {"user_usec", s.usageUsec},
                      {"system_usec", 0},
                      {"nr_periods", s.nrPeriods},
                      {"nr_throttled", s.nrThrottled},
                      {"throttled_usec", s.throttledUsec}});
    }
    if (file.starts_with("cpu.") && g->has(kCpu)) {
        if (file == "cpu.weight") return std::to_string(g->weight) + "\n";
        if (file == "cpu.max")
            return formatLimit(g->quotaUsec) + " " + std::to_string(g->periodUsec) + "\n";
    }
    if (file.starts_with("memory.") && g->has(kMemory)) {
        const MemoryEvents& e = g->memoryEvents;
        if (file == "memory.current") return std::to_string(g->memoryCurrent * kPageSize) + "\n";
        if (file == "memory.peak") return std::to_string(g->memoryPeak * kPageSize) + "\n";
        if (file == "memory.high") return formatPages(g->memoryHigh) + "\n";
        if (file == "memory.max") return formatPages(g->memoryMax) + "\n";
        if (file == "memory.swap.current") return std::to_string(g->swapCurrent * kPageSize) + "\n";
        if (file == "memory.swap.max") return formatPages(g->swapMax) + "\n";
        if (file == "memory.events")
            return keyed({{"low", e.low},
                          {"high", e.high},
                          {"max", e.max},
                          {"oom", e.oom},
                          {"oom_kill", e.oomKill}});
    }
    if (file.starts_with("pids.") && g->has(kPids)) {
        if (file == "pids.current") return std::to_string(g->pidsCurrent) + "\n";
        if (file == "pids.max") return formatLimit(g->pidsMax) + "\n";
        if (file == "pids.events") return keyed({{"max", g->pidsEventsMax}});
    }
    return std::nullopt;
}

WriteResult CgroupTree::write(std::string_view path, std::string_view file,
                              std::string_view value) {
    Cgroup* g = find(path);
    if (!g) return fail(err::kENOENT, "no such cgroup");
    if (!read(path, file)) return fail(err::kENOENT, "no such file: " + std::string(file));
    if (file == "cgroup.subtree_control") return writeSubtreeControl(*g, value);
    if (file == "cpu.max") return writeCpuMax(*g, value);
    if (file == "cpu.weight") {
        const auto w = parseNumber(trim(value));
        if (!w || *w < 1 || *w > 10000) return fail(err::kEINVAL, "cpu.weight is 1..10000");
        g->weight = static_cast<uint32_t>(*w);
        return {};
    }
    uint64_t* pages = file == "memory.high"       ? &g->memoryHigh
                      : file == "memory.max"      ? &g->memoryMax
                      : file == "memory.swap.max" ? &g->swapMax
                                                  : nullptr;
    if (pages) {
        const auto bytes = parseLimit(value, true);
        if (!bytes) return fail(err::kEINVAL, "expected \"max\" or a number of bytes");
        *pages = *bytes == kMax ? kMax : *bytes / kPageSize; // rounded down to pages
        return {};
    }
    if (file == "pids.max") {
        const auto limit = parseLimit(value, false);
        if (!limit || (*limit != kMax && *limit > INT32_MAX))
            return fail(err::kEINVAL, "expected \"max\" or a number");
        g->pidsMax = *limit;
        return {};
    }
    return fail(err::kEINVAL, std::string(file) + " is read-only");
}

// "+cpu -memory": validated as a whole first, then applied, as the kernel does.
WriteResult CgroupTree::writeSubtreeControl(Cgroup& g, std::string_view value) {
    unsigned enable = 0, disable = 0;
    for (std::string_view word : split(value)) {
        const char sign = word.front();
        word.remove_prefix(1);
        unsigned c = 0;
        for (Controller each : {kCpu, kMemory, kPids})
            if (controllerName(each) == word) c = each;
        if ((sign != '+' && sign != '-') || !c)
            return fail(err::kEINVAL, "expected +NAME or -NAME of a known controller");
        // The last operation on the same controller wins.
        (sign == '+' ? enable : disable) |= c;
        (sign == '+' ? disable : enable) &= ~c;
    }
    if (enable & ~g.controllers())
        return fail(err::kENOENT, "controller not available: the parent has not enabled it");
    if ((enable & ~g.subtreeControl) && !g.isRoot() && !g.procs.empty())
        return fail(err::kEBUSY, "no internal processes: move this group's processes into a "
                                 "child before enabling controllers for its children");
    for (const auto& child : g.children)
        if (child->subtreeControl & disable)
            return fail(err::kEBUSY, "a child still enables " + controllerList(disable));
    g.subtreeControl = (g.subtreeControl | enable) & ~disable;
    return {};
}

WriteResult CgroupTree::writeCpuMax(Cgroup& g, std::string_view value) {
    const std::vector<std::string_view> words = split(value);
    if (words.empty() || words.size() > 2) return fail(err::kEINVAL, "expected \"MAX [PERIOD]\"");
    const auto quota = parseLimit(words[0], false);
    uint64_t period = g.periodUsec;
    if (words.size() == 2) {
        const auto p = parseNumber(words[1]);
        if (!p) return fail(err::kEINVAL, "PERIOD must be a number of microseconds");
        period = *p;
    }
    // sched-bwc.rst: quota and period at least 1 ms, period at most 1 s.
    if (!quota || period < 1000 || period > 1000000 || (*quota != kMax && *quota < 1000))
        return fail(err::kEINVAL, "quota >= 1000 µs, 1000 <= period <= 1000000 µs");
    g.quotaUsec = *quota;
    g.periodUsec = period;
    g.runtimeRemaining = *quota == kMax ? 0 : static_cast<int64_t>(*quota);
    return {};
}

WriteResult CgroupTree::canAttach(const Cgroup& to) const {
    if (!to.isRoot() && (to.subtreeControl & kAllControllers))
        return fail(err::kEBUSY, "no internal processes: this group distributes resources "
                                 "to its children");
    return {};
}

void CgroupTree::attach(int pid, Cgroup& to) {
    to.procs.push_back(pid);
}

void CgroupTree::detach(int pid, Cgroup& from) {
    auto& p = from.procs;
    p.erase(std::remove(p.begin(), p.end(), pid), p.end());
}

std::vector<Cgroup*> CgroupTree::all() {
    std::vector<Cgroup*> groups;
    std::function<void(Cgroup&)> visit = [&](Cgroup& g) {
        groups.push_back(&g);
        for (auto& c : g.children)
            visit(*c);
    };
    visit(*root_);
    return groups;
}

} // namespace vizor::host
