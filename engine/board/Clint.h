// The CLINT (core-local interruptor) of QEMU's `virt` board, for one hart: msip and
// mtimecmp are registers; mtime is not stored at all — it is derived from the virtual
// cycle counter, which is what makes timer interrupts deterministic.
#pragma once

#include <cstdint>

namespace vizor::board {

struct ClintState {
    uint32_t msip = 0;
    // Reset value 0, as on QEMU: MTIP is pending from the start until software
    // programs the first deadline.
    uint64_t mtimecmp = 0;
};

namespace clint {
constexpr uint32_t kSize = 0x10000;
constexpr uint32_t kMsip = 0x0000;
constexpr uint32_t kMtimecmp = 0x4000;
constexpr uint32_t kMtime = 0xbff8;
} // namespace clint

// First cycle at which mtime >= mtimecmp, or UINT64_MAX when the timer never fires.
inline uint64_t timerDeadlineCycle(const ClintState& c, uint32_t cyclesPerTick) {
    if (c.mtimecmp > UINT64_MAX / cyclesPerTick) return UINT64_MAX;
    return c.mtimecmp * cyclesPerTick;
}

} // namespace vizor::board
