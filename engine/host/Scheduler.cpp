// The scheduler: CFS-like weighted fair sharing over the cgroup hierarchy, with CFS
// bandwidth control (cpu.max). Every entity — a task in its group's run queue, or a
// group in its parent's — has a virtual runtime that grows by real time × 100 / weight;
// the scheduler walks down from the root taking the runnable entity with the smallest
// one, skipping throttled groups. Time is virtual: one guest step is one microsecond.
#include "host/HostModel.h"

#include <algorithm>

namespace vizor::host {

namespace {
constexpr uint64_t kWeightScale = 1'000'000; // vruntime units per µs at weight 1
constexpr uint32_t kTaskWeight = 100;        // every task is nice 0, cpu.weight's default

bool limited(const Cgroup& g) {
    return g.has(kCpu) && g.quotaUsec != kMax;
}

// The group whose run queue holds a task: the nearest one with the cpu controller.
Cgroup& cpuGroupOf(Cgroup& g) {
    Cgroup* c = &g;
    while (!c->isRoot() && !c->has(kCpu))
        c = c->parent;
    return *c;
}
} // namespace

// Charges the time since the last accounting to the task on the hart, its groups'
// cpu.stat and bandwidth, and the virtual runtimes of its entities.
void HostModel::account() {
    const uint64_t delta = now() - lastAccounted_;
    lastAccounted_ = now();
    const uint64_t retired = machine_.hart().instret - lastInstret_;
    lastInstret_ = machine_.hart().instret;
    if (!delta) return;
    Pcb& task = currentTask();
    task.instructions += retired;
    if (task.pid == 0 || task.state == TaskState::Exited) {
        idleUsec_ += delta;
        return;
    }
    task.cpuTimeUsec += delta;
    task.vruntime += delta * kWeightScale / kTaskWeight;
    for (Cgroup* g = task.cgroup; g; g = g->parent) {
        g->cpuStat.usageUsec += delta;
        if (limited(*g)) {
            g->runtimeRemaining -= static_cast<int64_t>(delta);
            if (g->runtimeRemaining <= 0 && !g->throttled) throttle(*g);
        }
    }
    for (Cgroup* g = &cpuGroupOf(*task.cgroup); !g->isRoot(); g = g->parent)
        g->vruntime += delta * kWeightScale / g->weight;
}

void HostModel::throttle(Cgroup& g) {
    g.throttled = true;
    g.throttledSince = now();
    ++g.cpuStat.nrThrottled;
    emit(EventType::CgroupThrottle, g.id, 1);
}

// The period timer of every limited group: a new period brings a new quota; the
// overrun of the last slice is paid from it (runtime never exceeds one quota).
void HostModel::refillBandwidth() {
    for (Cgroup* g : cgroups_.all()) {
        if (!limited(*g) || now() < g->periodStart + g->periodUsec) continue;
        const uint64_t periods = (now() - g->periodStart) / g->periodUsec;
        g->periodStart += periods * g->periodUsec;
        if (g->populated()) g->cpuStat.nrPeriods += periods;
        const int64_t quota = static_cast<int64_t>(g->quotaUsec);
        g->runtimeRemaining =
            std::min(quota, g->runtimeRemaining + quota * static_cast<int64_t>(periods));
        if (g->throttled && g->runtimeRemaining > 0) {
            g->throttled = false;
            g->cpuStat.throttledUsec += now() - g->throttledSince;
            emit(EventType::CgroupThrottle, g->id, 0);
        }
    }
}

bool HostModel::wakeSleepers() {
    bool woke = false;
    for (auto& [pid, t] : tasks_) {
        if (t->state != TaskState::Sleeping || t->wakeAt > now()) continue;
        place(*t);
        t->state = TaskState::Runnable;
        woke = true;
    }
    return woke;
}

void HostModel::sleepFor(Pcb& task, uint64_t usec) {
    if (!usec || task.state == TaskState::Exited) return;
    task.state = TaskState::Sleeping;
    task.wakeAt = std::max(task.wakeAt, now()) + usec;
}

bool HostModel::hasRunnable(const Cgroup& group) const {
    for (const auto& [pid, t] : tasks_)
        if (pid && t->state == TaskState::Runnable && inSubtree(*t, group)) return true;
    return false;
}

bool HostModel::inSubtree(const Pcb& task, const Cgroup& group) const {
    for (const Cgroup* g = task.cgroup; g; g = g->parent)
        if (g == &group) return true;
    return false;
}

// A waking entity starts no further back than the smallest vruntime of its queue
// (CFS place_entity), so a long sleep earns no burst of CPU. Groups that become
// runnable with it are placed the same way in their parents' queues.
void HostModel::place(Pcb& task) {
    Cgroup& queue = cpuGroupOf(*task.cgroup);
    uint64_t minimum = UINT64_MAX;
    for (const auto& [pid, t] : tasks_)
        if (pid && t.get() != &task && t->state == TaskState::Runnable &&
            &cpuGroupOf(*t->cgroup) == &queue)
            minimum = std::min(minimum, t->vruntime);
    if (minimum != UINT64_MAX) task.vruntime = std::max(task.vruntime, minimum);
    for (Cgroup* g = &queue; !g->isRoot() && !hasRunnable(*g); g = g->parent) {
        uint64_t least = UINT64_MAX;
        for (const auto& sibling : g->parent->children)
            if (sibling.get() != g && sibling->has(kCpu) && hasRunnable(*sibling))
                least = std::min(least, sibling->vruntime);
        if (least != UINT64_MAX) g->vruntime = std::max(g->vruntime, least);
    }
}

Pcb* HostModel::pickIn(Cgroup& group, const Pcb* skip) {
    struct Candidate {
        uint64_t vruntime;
        Pcb* task;
        Cgroup* child;
    };
    std::vector<Candidate> candidates;
    for (auto& [pid, t] : tasks_)
        if (pid && t.get() != skip && t->state == TaskState::Runnable &&
            &cpuGroupOf(*t->cgroup) == &group)
            candidates.push_back({t->vruntime, t.get(), nullptr});
    for (auto& child : group.children)
        if (child->has(kCpu) && !child->throttled && hasRunnable(*child))
            candidates.push_back({child->vruntime, nullptr, child.get()});
    std::stable_sort(
        candidates.begin(), candidates.end(),
        [](const Candidate& a, const Candidate& b) { return a.vruntime < b.vruntime; });
    for (const Candidate& c : candidates) {
        if (c.task) return c.task;
        if (Pcb* t = pickIn(*c.child, skip)) return t;
    }
    return nullptr;
}

Pcb* HostModel::pick(const Pcb* skip) {
    if (Pcb* t = pickIn(cgroups_.root(), skip)) return t;
    if (skip && skip->state == TaskState::Runnable) // yield with nobody else to run
        if (Pcb* t = pickIn(cgroups_.root(), nullptr)) return t;
    return tasks_.at(0).get();
}

void HostModel::reschedule(SwitchReason reason, const Pcb* skip) {
    account();
    refillBandwidth();
    const bool woke = wakeSleepers();
    bool throttledNow = false;
    for (Cgroup* g = currentTask().cgroup; g && current_ != 0; g = g->parent)
        throttledNow = throttledNow || g->throttled;
    // A tick inside the slice changes nothing unless someone woke (wake-up preemption)
    // or the task on the hart was throttled.
    const bool sliceLeft = now() - sliceStart_ < config_.sliceUsec;
    if (reason == SwitchReason::Preempt && current_ != 0 && sliceLeft && !woke && !throttledNow &&
        currentTask().state == TaskState::Runnable)
        return;
    Pcb* next = pick(skip);
    if (next->pid == current_ && currentTask().state == TaskState::Runnable) {
        sliceStart_ = now(); // picked again: a fresh slice
        return;
    }
    if (reason == SwitchReason::Preempt && throttledNow) reason = SwitchReason::Throttle;
    switchTo(*next, reason);
}

void HostModel::schedule() {
    reschedule(SwitchReason::Preempt);
}

// How long the task on the hart may run before the scheduler must look again: its
// slice, the quota left to its limited groups, the next period refill, the next wake-up.
uint64_t HostModel::budget() const {
    uint64_t b = config_.tickUsec;
    if (now() - sliceStart_ < config_.sliceUsec)
        b = std::min<uint64_t>(b, config_.sliceUsec - (now() - sliceStart_));
    const Pcb& task = *tasks_.at(current_);
    if (task.pid != 0)
        for (const Cgroup* g = task.cgroup; g; g = g->parent)
            if (limited(*g) && g->runtimeRemaining > 0)
                b = std::min(b, static_cast<uint64_t>(g->runtimeRemaining));
    return std::max<uint64_t>(std::min(b, untilNextEvent()), 1);
}

uint64_t HostModel::untilNextEvent() const {
    uint64_t next = UINT64_MAX;
    for (Cgroup* g : const_cast<CgroupTree&>(cgroups_).all())
        if (limited(*g) && g->throttled)
            next = std::min(next, g->periodStart + g->periodUsec - now());
    for (const auto& [pid, t] : tasks_)
        if (t->state == TaskState::Sleeping) next = std::min(next, t->wakeAt - now());
    return next;
}

// The idle task's ecall: run whoever became runnable, else idle until the next event.
void HostModel::idleTrap(const TrapInfo& trap) {
    HartState& h = machine_.hart();
    h.pc = trap.pc + 4;
    reschedule(SwitchReason::Preempt);
    if (current_ != 0) return;
    const uint64_t rounds = std::min<uint64_t>(untilNextEvent(), uint64_t{1} << 30) / 2;
    h.x[10] = static_cast<uint32_t>(std::max<uint64_t>(rounds, 1));
}

void HostModel::run(uint64_t usec) {
    const uint64_t end = now() + usec;
    while (now() < end) {
        reschedule(SwitchReason::Preempt);
        const uint64_t span = std::min(end - now(), budget());
        if (currentTask().inGuest) { // a vCPU task's slice: the hart runs its guest
            runGuest(currentTask(), span);
            continue;
        }
        const RunResult r = machine_.run(span);
        if (r.reason != HaltReason::InstructionLimit && r.reason != HaltReason::None) break;
    }
    account();
    refillBandwidth(); // statistics read now see the period that just ended
}

} // namespace vizor::host
