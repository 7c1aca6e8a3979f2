// The engine's typed event stream: every observable thing the machine does, stamped
// with the virtual cycle at which it happened. Views and the CLI read these; nothing
// in the views is scripted.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace vizor {

// Under V=1 (the hypervisor extension) a page_walk_step's d is level | stage << 8 |
// index << 16 (stage 0 VS, 1 G; index: the entry in its table); a privilege with bit 2
// set is VS or VU.
// X-macro so names (for JSON and the event log) stay in one place with the enum.
#define VIZOR_EVENT_TYPES(X)                                                                       \
    X(InstructionRetired, "instruction_retired") /* only when tracing instructions */              \
    X(Exception, "exception")                    /* a = cause, b = tval, c = target priv|4 VS */   \
    X(Interrupt, "interrupt")                    /* a = cause, c = target priv (|4 VS) */          \
    X(TrapReturn, "trap_return")                 /* a = 0 sret / 1 mret, c = new priv|4 V=1 */     \
    X(PageWalkStep, "page_walk_step") /* a = vaddr, b = PTE addr, c = PTE, d = level, see above */ \
    X(PageWalkDone, "page_walk_done") /* a = vaddr, b = paddr, c = access, d = 1 if faulted */     \
    X(TlbHit, "tlb_hit")              /* a = vaddr (emitted only when tracing instructions) */     \
    X(TlbFlush, "tlb_flush")          /* a = vaddr or 0, b = asid or 0, c = 1/2 hfence.vvma/g */   \
    X(SatpWrite, "satp_write")        /* a = new satp, b = 1 when it is vsatp */                   \
    X(FenceI, "fence_i")                                                                           \
    X(Wfi, "wfi")                                                                                  \
    X(ConsoleOutput, "console_output") /* a = byte written to the UART */                          \
    X(TimerSet, "timer_set")           /* a = mtimecmp low, b = high */                            \
    X(Halt, "halt")                    /* a = HaltReason, b = exit code */                         \
    X(BreakpointHit, "breakpoint_hit") /* a = address */                                          \
    X(VmExit, "vm_exit")               /* a = hypervisor ExitReason, b = detail (cause, csr...) */ \
    X(WorldSwitch, "world_switch")     /* a = 0 guest to VMM, 1 VMM to guest */                    \
    X(VirtualTrap, "virtual_trap")     /* a = cause delivered to the guest's stvec, b = tval */    \
    X(ShadowSync, "shadow_sync") /* a = PTE addr, b = 0 flush/1 write/2 refused, c = PTE, d = zapped */ \
    X(ShadowFault, "shadow_fault")     /* a = vaddr, b = 0 hidden / 1 true, c = cause */           \
    X(SbiCall, "sbi_call")             /* a = EID, b = FID */                                      \
    X(ContextSwitch, "context_switch") /* a = HostModel record index, b = prev pid, c = next pid */ \
    X(CgroupThrottle, "cgroup_throttle")     /* a = cgroup id, b = 1 throttled / 0 unthrottled */  \
    X(MemoryReclaim, "memory_reclaim")       /* a = cgroup id, b = pages reclaimed, c = pid */     \
    X(MemoryThrottle, "memory_throttle")     /* a = cgroup id, b = pid, c = µs stalled */          \
    X(OomKill, "oom_kill")                   /* a = cgroup id, b = victim pid, c = pages freed */  \
    X(Translation, "translation") /* a = guest pc, b = TranslationEvent kind, c = #instrs */       \
    X(Patch, "patch")             /* a = guest pc, b = 0 applied / 1 hit / 2 dropped, c = word */ \
    X(ShadowRootSwitch, "shadow_root_switch") /* a = guest satp, b = real satp, c = 1 cached */   \
    X(AccessedDirty, "accessed_dirty") /* a = guest PTE address, b = new PTE, c = bits set (A/D) */ \
    X(BalloonChange, "balloon_change") /* a = balloon pages (actual), b = target, c = VM id */   \
    X(HostFrames, "host_frames") /* a = free host frames, b = this VM's, c = its balloon, d = swap-outs */ \
    X(GrainAllocated, "grain_allocated") /* a = grain, b = grains allocated, c = grain tables allocated */ \
    X(MigrationRound, "migration_round") /* a = round, b = pages sent, c = pages dirtied, d = 1 stop-and-copy */ \
    X(VirtualTrapReturn, "virtual_trap_return") /* a = guest pc returned to, c = guest priv after */ \
    X(Virtqueue, "virtqueue") /* split-driver step: d = VirtqueueEvent kind | ..., see Virtqueue.h */ \
    X(TranslationChain, "translation_chain") /* bt chain follow: a = target pc, b = Chain */

enum class EventType : uint8_t {
#define VIZOR_X(name, text) name,
    VIZOR_EVENT_TYPES(VIZOR_X)
#undef VIZOR_X
        Count
};

constexpr std::size_t kEventTypeCount = static_cast<std::size_t>(EventType::Count);

std::string_view eventTypeName(EventType type);

using EventMask = uint64_t;
constexpr EventMask maskOf(EventType t) {
    return EventMask{1} << static_cast<unsigned>(t);
}
constexpr EventMask kAllEvents = (EventMask{1} << kEventTypeCount) - 1;

struct Event {
    uint64_t cycle = 0;   // virtual cycle stamp
    uint64_t instret = 0; // instructions retired when the event happened
    // HartState::steps when it was published: the timeline position Debugger::goTo
    // travels to (0 for events not made by a Machine, such as the host model's).
    uint64_t steps = 0;
    uint32_t pc = 0;
    EventType type = EventType::InstructionRetired;
    uint8_t priv = 0; // privilege mode at the time (0 U, 1 S, 3 M)
    uint32_t a = 0, b = 0, c = 0, d = 0;
};

} // namespace vizor
