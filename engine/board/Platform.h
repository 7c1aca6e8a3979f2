// The rest of QEMU's `virt` memory map that a guest written for QEMU may touch: the
// PLIC (no external interrupt sources here: reads 0, writes ignored) and the eight
// virtio-mmio transports, which answer as QEMU's do when no device is plugged in
// (legacy version 1, device ID 0). Everything else outside RAM and the devices is a
// hole: accesses raise access faults, as on QEMU.
#pragma once

#include <cstdint>

namespace vizor::board {

constexpr uint32_t kPlicBase = 0x0c000000u;
constexpr uint32_t kPlicSize = 0x00600000u;
constexpr uint32_t kVirtioBase = 0x10001000u;
constexpr uint32_t kVirtioSlotSize = 0x1000u;
constexpr uint32_t kVirtioSlots = 8;
constexpr uint32_t kFinisherSize = 0x1000u;

// A register of an empty virtio-mmio transport (offset within its slot).
inline uint32_t emptyVirtioRead(uint32_t offset) {
    switch (offset & ~3u) {
    case 0x000:
        return 0x74726976u; // MagicValue "virt"
    case 0x004:
        return 1; // Version: legacy, as QEMU 7.2's default
    case 0x00c:
        return 0x554d4551u; // VendorID "QEMU"
    default:
        return 0; // DeviceID 0: no device
    }
}

} // namespace vizor::board
