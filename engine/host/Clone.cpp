// Making tasks: clone as fork, and clone3 with CLONE_INTO_CGROUP, which starts the
// child directly in another cgroup given by an open directory of the cgroup file
// system (Linux 5.7). So a parent outside a group can fork children into it, and the
// group's pids.max counts only them. openat and close give and take those directory
// descriptors; nothing else is a file in the host model.
#include "host/HostModel.h"

namespace vizor::host {

namespace {
constexpr int kA0 = 10, kSp = 2;
constexpr uint32_t kAtFdcwd = static_cast<uint32_t>(-100);
constexpr std::string_view kCgroupMount = "/sys/fs/cgroup";
constexpr uint32_t kMaxPath = 256;

// struct clone_args (include/uapi/linux/sched.h): 64-bit fields, little-endian words.
namespace cloneargs {
constexpr uint32_t kFlags = 0, kExitSignal = 32, kStack = 40, kStackSize = 48, kCgroup = 80;
constexpr uint32_t kSizeVer0 = 64, kSizeVer2 = 88; // VER2 added the cgroup field
constexpr uint64_t kIntoCgroup = 0x200000000ull;   // CLONE_INTO_CGROUP
} // namespace cloneargs

uint32_t negative(int e) {
    return static_cast<uint32_t>(-e);
}
} // namespace

std::optional<std::string> HostModel::readUserString(Pcb& task, uint32_t vaddr, uint32_t max) {
    std::string text;
    for (uint32_t i = 0; i < max; ++i) {
        const auto word = readUserWord(task, vaddr + i);
        if (!word) return std::nullopt;
        const char c = static_cast<char>(*word >> (8 * ((vaddr + i) & 3)));
        if (!c) return text;
        text += c;
    }
    return std::nullopt; // no terminating NUL within `max` bytes
}

// openat(dirfd, path, flags): only directories of the cgroup file system open; the
// descriptor names the group for clone3's CLONE_INTO_CGROUP.
uint32_t HostModel::sysOpenat(Pcb& task, uint32_t dirFd, uint32_t pathAddress) {
    const auto path = readUserString(task, pathAddress, kMaxPath);
    if (!path) return negative(err::kEFAULT);
    if (dirFd != kAtFdcwd || !path->starts_with(kCgroupMount)) return negative(err::kENOENT);
    std::string_view rest = std::string_view(*path).substr(kCgroupMount.size());
    while (rest.size() > 1 && rest.back() == '/')
        rest.remove_suffix(1);
    if (!rest.empty() && rest.front() != '/') return negative(err::kENOENT); // "/sys/fs/cgroupX"
    const Cgroup* group = cgroups_.find(rest.empty() ? std::string_view("/") : rest);
    if (!group) return negative(err::kENOENT);
    int fd = 3; // the lowest free descriptor, as open(2) picks
    while (task.cgroupFds.count(fd) || (task.vm && fd == kvm::kVcpuFd))
        ++fd;
    task.cgroupFds[fd] = group->id;
    return static_cast<uint32_t>(fd);
}

uint32_t HostModel::sysClose(Pcb& task, uint32_t fd) {
    return task.cgroupFds.erase(static_cast<int>(fd)) ? 0 : negative(err::kEBADF);
}

// clone(flags, newsp, ...) as fork: the child starts in the parent's cgroup.
uint32_t HostModel::sysClone(Pcb& parent, uint32_t newSp) {
    return forkInto(parent, *parent.cgroup, newSp);
}

// clone3(args, size): a fork (no CLONE_* flag but CLONE_INTO_CGROUP is modelled), with
// an optional new stack and an optional target cgroup.
uint32_t HostModel::sysClone3(Pcb& parent, uint32_t args, uint32_t size) {
    using namespace cloneargs;
    if (size < kSizeVer0 || size > kPageSize) return negative(err::kEINVAL);
    auto field = [&](uint32_t offset) -> std::optional<uint64_t> {
        const auto low = readUserWord(parent, args + offset);
        const auto high = readUserWord(parent, args + offset + 4);
        if (!low || !high) return std::nullopt;
        return uint64_t{*high} << 32 | *low;
    };
    const auto flags = field(kFlags), stack = field(kStack), stackSize = field(kStackSize);
    const auto exitSignal = field(kExitSignal);
    if (!flags || !stack || !stackSize || !exitSignal) return negative(err::kEFAULT);
    if ((*flags & ~kIntoCgroup) || *exitSignal > 64) return negative(err::kEINVAL);
    const uint32_t newSp = *stack ? static_cast<uint32_t>(*stack + *stackSize) : 0;
    if (!(*flags & kIntoCgroup)) return forkInto(parent, *parent.cgroup, newSp);
    if (size < kSizeVer2) return negative(err::kEINVAL);
    const auto fd = field(kCgroup);
    if (!fd) return negative(err::kEFAULT);
    const auto open = parent.cgroupFds.find(static_cast<int>(*fd));
    if (*fd > INT32_MAX || open == parent.cgroupFds.end()) return negative(err::kEBADF);
    Cgroup* target = cgroups_.findById(open->second);
    if (!target) return negative(err::kENOENT); // removed since it was opened
    if (const WriteResult r = cgroups_.canAttach(*target); !r.ok())
        return negative(r.error); // EBUSY: the no-internal-process rule
    return forkInto(parent, *target, newSp);
}

// The fork itself: the child gets a copy of every page and of the registers, and 0 in
// a0. Refused with EAGAIN when the target's or any ancestor's pids.max is reached
// (counted in pids.events there and above), ENOMEM if its memory cannot be charged.
uint32_t HostModel::forkInto(Pcb& parent, Cgroup& target, uint32_t newSp) {
    for (Cgroup* g = &target; g; g = g->parent) {
        if (g->has(kPids) && g->pidsCurrent + 1 > g->pidsMax) {
            for (Cgroup* e = g; e; e = e->parent)
                ++e->pidsEventsMax;
            return negative(err::kEAGAIN);
        }
    }
    Pcb& child = newTask(target, parent.pid);
    if (parent.pidns) { // the child is born in its parent's PID namespace
        child.pidns = parent.pidns;
        child.nsPid = parent.pidns->nextPid++;
    }
    for (Cgroup* g = child.cgroup; g; g = g->parent)
        ++g->pidsCurrent;
    const HartState& h = machine_.hart();
    std::copy(std::begin(h.x), std::end(h.x), child.context.x);
    child.context.pc = h.pc;
    child.context.x[kA0] = 0;
    if (newSp) child.context.x[kSp] = newSp;
    child.cgroupFds = parent.cgroupFds;
    child.vruntime = parent.vruntime;
    child.mm->heapStart = parent.mm->heapStart;
    child.mm->brk = parent.mm->brk;
    bool ok = child.mm->valid();
    for (const auto& [vpn, page] : parent.mm->resident()) {
        if (!ok) break;
        ok = chargePages(child, 1);
        if (ok && !child.mm->mapNew(vpn, now())) {
            uncharge(child, 1);
            ok = false;
        }
        if (ok) child.mm->writePage(vpn, parent.mm->readPage(vpn));
    }
    for (const auto& [vpn, bytes] : parent.mm->swapped()) {
        if (!ok) break;
        ok = chargeSwap(*child.cgroup);
        if (ok) {
            child.mm->swapped()[vpn] = bytes;
            ++child.swappedPages;
        }
    }
    if (!ok || parent.state == TaskState::Exited) {
        exitTask(child, 0, 9);
        return negative(err::kENOMEM);
    }
    place(child);
    return static_cast<uint32_t>(pidInNamespace(child)); // as the parent's namespace knows it
}

} // namespace vizor::host
