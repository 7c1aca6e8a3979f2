// The memory controller and the host's paging: pages are charged to a task's cgroup
// and every ancestor when they are first touched (memory.current), memory.high makes
// the charging task reclaim (swap out) and stall, memory.max reclaims or, when nothing
// can be reclaimed, OOM-kills the largest task inside the group that hit the limit.
#include "host/HostModel.h"

#include <algorithm>

namespace vizor::host {

namespace {
void countEvent(Cgroup* g, uint64_t MemoryEvents::*field) {
    // memory.events is hierarchical: an event in a group counts in every ancestor too.
    for (; g; g = g->parent)
        ++(g->memoryEvents.*field);
}
} // namespace

bool HostModel::chargePages(Pcb& task, uint64_t pages) {
    for (;;) {
        Cgroup* over = nullptr;
        for (Cgroup* g = task.cgroup; g && !over; g = g->parent)
            if (g->has(kMemory) && g->memoryMax != kMax && g->memoryCurrent + pages > g->memoryMax)
                over = g;
        if (!over) break;
        countEvent(over, &MemoryEvents::max);
        const uint64_t need = over->memoryCurrent + pages - over->memoryMax;
        const uint64_t freed = reclaim(*over, need);
        if (freed >= need) {
            sleepFor(task, freed * config_.swapOutUsec);
            continue;
        }
        countEvent(over, &MemoryEvents::oom);
        oomKill(*over);
        if (task.state == TaskState::Exited) return false;
    }
    for (Cgroup* g = task.cgroup; g; g = g->parent) {
        g->memoryCurrent += pages;
        g->memoryPeak = std::max(g->memoryPeak, g->memoryCurrent);
    }
    task.residentPages += pages;
    handleHigh(task);
    return true;
}

void HostModel::uncharge(Pcb& task, uint64_t pages) {
    for (Cgroup* g = task.cgroup; g; g = g->parent)
        g->memoryCurrent -= std::min(g->memoryCurrent, pages);
    task.residentPages -= std::min(task.residentPages, pages);
}

// memory.high: "throttle + heavy reclaim; never invokes the OOM killer". The task that
// pushed a group over pays: it reclaims down to the limit and sleeps for the work.
void HostModel::handleHigh(Pcb& task) {
    for (Cgroup* g = task.cgroup; g; g = g->parent) {
        if (!g->has(kMemory) || g->memoryHigh == kMax || g->memoryCurrent <= g->memoryHigh)
            continue;
        countEvent(g, &MemoryEvents::high);
        const uint64_t excess = g->memoryCurrent - g->memoryHigh;
        const uint64_t freed = reclaim(*g, excess);
        const uint64_t stall = freed * config_.swapOutUsec +
                               (excess - std::min(excess, freed)) * config_.highPenaltyUsec;
        sleepFor(task, stall);
        emit(EventType::MemoryThrottle, g->id, static_cast<uint32_t>(task.pid),
             static_cast<uint32_t>(stall));
    }
}

bool HostModel::chargeSwap(Cgroup& group) {
    if (swapUsed_ >= config_.swapPages) return false;
    for (Cgroup* g = &group; g; g = g->parent)
        if (g->has(kMemory) && g->swapMax != kMax && g->swapCurrent + 1 > g->swapMax) return false;
    for (Cgroup* g = &group; g; g = g->parent)
        ++g->swapCurrent;
    ++swapUsed_;
    return true;
}

bool HostModel::swapOut(Pcb& owner, uint32_t vpn) {
    if (!chargeSwap(*owner.cgroup)) return false;
    owner.mm->swapped()[vpn] = owner.mm->readPage(vpn);
    frames_.release(owner.mm->unmap(vpn));
    uncharge(owner, 1);
    ++owner.swappedPages;
    return true;
}

// Swaps out up to `pages` of the group's tasks' pages, oldest mapping first (a FIFO
// approximation of the kernel's LRU). Returns how many it freed.
uint64_t HostModel::reclaim(Cgroup& group, uint64_t pages) {
    uint64_t freed = 0;
    while (freed < pages) {
        Pcb* owner = nullptr;
        uint32_t vpn = 0;
        uint64_t oldest = UINT64_MAX;
        for (auto& [pid, t] : tasks_) {
            if (!pid || t->state == TaskState::Exited || !inSubtree(*t, group)) continue;
            for (const auto& [v, page] : t->mm->resident())
                if (page.mappedAt < oldest) {
                    oldest = page.mappedAt;
                    owner = t.get();
                    vpn = v;
                }
        }
        if (!owner || !swapOut(*owner, vpn)) break;
        ++freed;
    }
    if (freed) {
        machine_.flushTranslations(); // sfence.vma after unmapping
        emit(EventType::MemoryReclaim, group.id, static_cast<uint32_t>(freed),
             static_cast<uint32_t>(current_));
    }
    return freed;
}

// The OOM killer, confined to the group whose memory.max was hit: the task with the
// largest footprint (resident + swap) inside it dies and its memory is freed.
void HostModel::oomKill(Cgroup& group) {
    Pcb* victim = nullptr;
    for (auto& [pid, t] : tasks_) {
        if (!pid || t->state == TaskState::Exited || !inSubtree(*t, group)) continue;
        if (!victim ||
            t->residentPages + t->swappedPages > victim->residentPages + victim->swappedPages)
            victim = t.get();
    }
    if (!victim) return;
    const uint64_t pages = victim->residentPages + victim->swappedPages;
    countEvent(victim->cgroup, &MemoryEvents::oomKill);
    exitTask(*victim, 0, 9); // SIGKILL
    emit(EventType::OomKill, group.id, static_cast<uint32_t>(victim->pid),
         static_cast<uint32_t>(pages));
}

// A page fault from U-mode: swap the page back in (a major fault: the task waits for
// the swap device), or fault in a heap or stack page (minor). False: a bad address.
bool HostModel::fault(Pcb& task, uint32_t vaddr) {
    AddressSpace& mm = *task.mm;
    const uint32_t vpn = vaddr >> 12;
    const bool heap = vaddr >= mm.heapStart && vaddr < mm.brk;
    const bool stack =
        vaddr < layout::kStackTop && vaddr >= layout::kStackTop - layout::kStackPages * kPageSize;
    auto swapped = mm.swapped().find(vpn);
    if (swapped == mm.swapped().end() && !heap && !stack) return false;
    if (mm.resident().count(vpn)) return false; // present yet faulting: no permission
    if (!chargePages(task, 1)) return false;
    swapped = mm.swapped().find(vpn); // reclaim above may have changed the map
    const bool swapIn = swapped != mm.swapped().end();
    // A page coming back from swap is overwritten whole: no need to zero its frame.
    const auto frame = swapIn ? frames_.allocate() : std::optional<uint32_t>();
    const bool mapped = swapIn ? frame && mm.map(vpn, *frame, now()) : mm.mapNew(vpn, now());
    if (!mapped) {
        if (frame) frames_.release(*frame);
        uncharge(task, 1);
        exitTask(task, 0, 9); // the host itself is out of frames
        return false;
    }
    if (swapIn) {
        mm.writePage(vpn, swapped->second);
        mm.swapped().erase(swapped);
        --task.swappedPages;
        --swapUsed_;
        for (Cgroup* g = task.cgroup; g; g = g->parent)
            --g->swapCurrent;
        sleepFor(task, config_.swapInUsec);
    }
    return true;
}

bool HostModel::loadProgram(Pcb& task, const Program& program) {
    uint32_t end = layout::kTextBase;
    for (const Section& s : program.sections) {
        for (uint32_t i = 0; i < s.bytes.size(); ++i) {
            const uint32_t va = s.address + i;
            if (!task.mm->translate(va)) {
                if (!chargePages(task, 1)) return false;
                if (!task.mm->mapNew(va >> 12, now())) return false;
            }
            const uint32_t pa = *task.mm->translate(va);
            const uint32_t word = machine_.peekPhysical(pa & ~3u, 4).value_or(0);
            const unsigned shift = 8 * (pa & 3);
            machine_.pokePhysical(pa & ~3u,
                                  (word & ~(0xffu << shift)) | uint32_t{s.bytes[i]} << shift, 4);
        }
        end = std::max<uint32_t>(end, s.address + static_cast<uint32_t>(s.bytes.size()));
    }
    task.mm->heapStart = task.mm->brk = (end + kPageSize - 1) & ~(kPageSize - 1);
    return true;
}

void HostModel::releaseMemory(Pcb& task) {
    if (!task.mm) return;
    uncharge(task, task.residentPages);
    for (Cgroup* g = task.cgroup; g; g = g->parent)
        g->swapCurrent -= std::min(g->swapCurrent, task.swappedPages);
    swapUsed_ -= std::min(swapUsed_, task.swappedPages);
    task.swappedPages = 0;
    task.mm.reset(); // frees its frames and page tables
    machine_.flushTranslations();
}

} // namespace vizor::host
