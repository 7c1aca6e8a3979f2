// The CLINT (core-local interruptor) of QEMU's `virt` board, for one hart: msip and
// mtimecmp are registers; mtime is not stored — it is derived from the virtual cycle
// counter (plus an offset set by software writes to mtime), which is what makes timer
// interrupts deterministic.
#pragma once

#include <cstdint>

namespace vizor::board {

struct ClintState {
    uint32_t msip = 0;
    // Reset value 0, as on QEMU: MTIP is pending from the start until software
    // programs the first deadline.
    uint64_t mtimecmp = 0;
    uint64_t mtimeOffset = 0; // mtime = cycle / cyclesPerTick + mtimeOffset (mod 2^64)
};

namespace clint {
constexpr uint32_t kSize = 0x10000;
constexpr uint32_t kMsip = 0x0000;
constexpr uint32_t kMtimecmp = 0x4000;
constexpr uint32_t kMtime = 0xbff8;
} // namespace clint

inline uint64_t mtimeAt(const ClintState& c, uint64_t cycle, uint32_t cyclesPerTick) {
    return cycle / cyclesPerTick + c.mtimeOffset;
}

// First cycle at which mtime >= mtimecmp (0 when it already is), or UINT64_MAX when
// that is beyond the 64-bit cycle counter.
inline uint64_t timerDeadlineCycle(const ClintState& c, uint64_t cycle, uint32_t cyclesPerTick) {
    const uint64_t now = mtimeAt(c, cycle, cyclesPerTick);
    if (now >= c.mtimecmp) return 0;
    const uint64_t tick = cycle / cyclesPerTick + (c.mtimecmp - now);
    if (tick < c.mtimecmp - now || tick > UINT64_MAX / cyclesPerTick) return UINT64_MAX;
    return tick * cyclesPerTick;
}

} // namespace vizor::board
