// Host snapshots: the machine's snapshot (registers, RAM with every task's pages and
// page tables, devices, events) plus the host model's own state — PCBs, address-space
// bookkeeping, the frame allocator, the cgroup tree, namespaces, the scheduler's
// clocks, the context-switch records. Restoring puts all of it back, so a host
// scenario can be run, stepped back and run again exactly (time travel).
#include "host/HostModel.h"

#include <cstring>

namespace vizor::host {

namespace {
// Which cgroup a PCB's pointer named: by id, as the tree is copied into new objects.
uint32_t groupId(const Cgroup* g) {
    return g ? g->id : 0;
}

// FNV-1a over the bytes of the host's state.
class Hasher {
public:
    void bytes(const void* data, std::size_t size) {
        const auto* p = static_cast<const uint8_t*>(data);
        for (std::size_t i = 0; i < size; ++i)
            hash_ = (hash_ ^ p[i]) * 1099511628211ull;
    }
    template <typename T> void value(const T& v) { bytes(&v, sizeof v); }
    void text(const std::string& s) {
        value(s.size());
        bytes(s.data(), s.size());
    }
    uint64_t result() const { return hash_; }

private:
    uint64_t hash_ = 1469598103934665603ull;
};
} // namespace

struct HostSnapshot {
    SnapshotPtr machine;
    struct Task {
        PcbState pcb;
        uint32_t cgroup = 0; // id
        int pidns = -1;      // index into the namespaces
        bool hasMm = false;
        AddressSpace::State mm;
    };
    std::vector<Task> tasks;
    FrameAllocator frames{0, 0};
    CgroupTree cgroups;
    std::vector<PidNamespace> pidNamespaces;
    std::vector<std::pair<Container, int>> containers; // with the namespace's index
    int current = -1, nextPid = 1;
    uint64_t lastAccounted = 0, sliceStart = 0, idleUsec = 0, swapUsed = 0;
    uint64_t guestUsec = 0, lastInstret = 0;
    std::string console;
    std::vector<ContextSwitchRecord> switches;
};

namespace {
int indexOf(const std::vector<std::unique_ptr<PidNamespace>>& all, const PidNamespace* ns) {
    for (std::size_t i = 0; i < all.size(); ++i)
        if (all[i].get() == ns) return static_cast<int>(i);
    return -1;
}
} // namespace

HostSnapshotPtr HostModel::snapshot() const {
    if (!vms_.empty()) return nullptr;
    auto s = std::make_shared<HostSnapshot>();
    s->machine = machine_.snapshot();
    for (const auto& [pid, t] : tasks_) {
        HostSnapshot::Task task{
            *t, groupId(t->cgroup), indexOf(pidNamespaces_, t->pidns), t->mm != nullptr, {}};
        if (t->mm) task.mm = t->mm->save();
        s->tasks.push_back(std::move(task));
    }
    s->frames = frames_;
    s->cgroups = cgroups_;
    for (const auto& ns : pidNamespaces_)
        s->pidNamespaces.push_back(*ns);
    for (const Container& c : containers_)
        s->containers.emplace_back(c, indexOf(pidNamespaces_, c.pidns));
    s->current = current_;
    s->nextPid = nextPid_;
    s->lastAccounted = lastAccounted_;
    s->sliceStart = sliceStart_;
    s->idleUsec = idleUsec_;
    s->swapUsed = swapUsed_;
    s->guestUsec = guestUsec_;
    s->lastInstret = lastInstret_;
    s->console = console_;
    s->switches = switches_;
    return s;
}

void HostModel::restore(const HostSnapshotPtr& snapshot) {
    if (!snapshot || !vms_.empty()) return;
    const HostSnapshot& s = *snapshot;
    machine_.restore(s.machine);
    tasks_.clear();     // their address spaces give their frames back to frames_ ...
    frames_ = s.frames; // ... which is then replaced whole
    cgroups_ = s.cgroups;
    pidNamespaces_.clear();
    for (const PidNamespace& ns : s.pidNamespaces)
        pidNamespaces_.push_back(std::make_unique<PidNamespace>(ns));
    auto pidns = [&](int index) { return index < 0 ? nullptr : pidNamespaces_.at(index).get(); };
    containers_.clear();
    for (const auto& [c, index] : s.containers)
        containers_.push_back({c.name, c.cgroupPath, pidns(index)});
    for (const HostSnapshot::Task& saved : s.tasks) {
        auto task = std::make_unique<Pcb>();
        static_cast<PcbState&>(*task) = saved.pcb;
        task->cgroup = saved.cgroup ? cgroups_.findById(saved.cgroup) : nullptr;
        task->pidns = pidns(saved.pidns);
        if (saved.hasMm) task->mm = std::make_unique<AddressSpace>(machine_, frames_, saved.mm);
        tasks_[task->pid] = std::move(task);
    }
    current_ = s.current;
    nextPid_ = s.nextPid;
    lastAccounted_ = s.lastAccounted;
    sliceStart_ = s.sliceStart;
    idleUsec_ = s.idleUsec;
    swapUsed_ = s.swapUsed;
    guestUsec_ = s.guestUsec;
    lastInstret_ = s.lastInstret;
    console_ = s.console;
    switches_ = s.switches;
    machine_.flushTranslations(); // the TLB may hold another address space's entries
}

uint64_t HostModel::stateHash() const {
    Hasher h;
    h.value(machine_.stateHash());
    for (const auto& [pid, t] : tasks_) {
        h.value(t->pid);
        h.value(t->ppid);
        h.value(t->state);
        h.bytes(t->context.x, sizeof t->context.x);
        h.value(t->context.pc);
        h.value(t->context.satp);
        h.value(groupId(t->cgroup));
        for (uint64_t v : {t->cpuTimeUsec, t->vruntime, t->wakeAt, t->residentPages,
                           t->swappedPages, t->instructions, t->syscalls})
            h.value(v);
        h.value(t->exitCode);
        h.value(t->killedBySignal);
        h.value(t->nsPid);
        h.text(t->output);
        for (const auto& [fd, id] : t->cgroupFds)
            h.value(fd), h.value(id);
        if (!t->mm) continue;
        const AddressSpace::State mm = t->mm->save();
        h.value(mm.root);
        h.value(mm.heapStart);
        h.value(mm.brk);
        for (const auto& [vpn, page] : mm.resident)
            h.value(vpn), h.value(page.frame), h.value(page.mappedAt);
        for (const auto& [vpn, bytes] : mm.swapped)
            h.value(vpn), h.bytes(bytes.data(), bytes.size());
    }
    for (const Cgroup* g : const_cast<CgroupTree&>(cgroups_).all()) {
        h.text(g->path());
        h.value(g->subtreeControl);
        for (int pid : g->procs)
            h.value(pid);
        for (uint64_t v : {uint64_t{g->weight},
                           g->quotaUsec,
                           g->periodUsec,
                           g->cpuStat.usageUsec,
                           g->cpuStat.nrPeriods,
                           g->cpuStat.nrThrottled,
                           g->cpuStat.throttledUsec,
                           g->memoryCurrent,
                           g->memoryHigh,
                           g->memoryMax,
                           g->memoryPeak,
                           g->swapCurrent,
                           g->swapMax,
                           g->memoryEvents.high,
                           g->memoryEvents.max,
                           g->memoryEvents.oom,
                           g->memoryEvents.oomKill,
                           g->pidsCurrent,
                           g->pidsMax,
                           g->pidsEventsMax,
                           g->periodStart,
                           g->throttledSince,
                           g->vruntime})
            h.value(v);
        h.value(g->runtimeRemaining);
        h.value(g->throttled);
    }
    for (uint64_t v : {uint64_t(current_), uint64_t(nextPid_), lastAccounted_, sliceStart_,
                       idleUsec_, swapUsed_, guestUsec_, uint64_t{switches_.size()}})
        h.value(v);
    h.text(console_);
    return h.result();
}

} // namespace vizor::host
