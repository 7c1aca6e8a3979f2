// The back end of the paravirtual console: a legacy virtio-mmio transport (virtio 1.x
// spec, "Legacy interface" of virtio-mmio) with device ID 3 in slot 0 of the board's
// virtio-mmio window, and the transmit virtqueue processed on CONSOLE_KICK. The split
// driver's other half (descriptors, available ring) is the guest kernel's console.s.
#pragma once

#include "machine/Machine.h"

#include <cstdint>

namespace vizor::hv {

class VirtioConsole {
public:
    static constexpr uint32_t kBase = 0x10001000u; // slot 0
    static constexpr uint32_t kWindow = 8 * 0x1000u;
    static constexpr uint8_t kDeviceId = 3; // virtio console

    // A register access at guest-physical `gpa` in the virtio-mmio window.
    uint32_t read(uint32_t gpa) const;
    void write(uint32_t gpa, uint32_t value, Machine& machine);
    // Consumes the available buffers of `queue` (bytes go to the UART, so the console
    // output is the same as native); returns how many buffers it used.
    unsigned kick(uint32_t queue, Machine& machine);
    bool interruptPending() const { return interruptStatus_ & 1; }
    uint16_t usedIndex() const { return usedIndex_; }
    uint16_t lastAvailIndex() const { return lastAvail_; }

private:
    static constexpr unsigned kQueues = 2;
    struct Queue {
        uint32_t num = 0, align = 4096, pfn = 0;
    };
    uint32_t status_ = 0, guestPageSize_ = 4096, queueSel_ = 0, guestFeatures_ = 0;
    uint32_t interruptStatus_ = 0;
    Queue queues_[kQueues];
    uint16_t lastAvail_ = 0, usedIndex_ = 0;
};

} // namespace vizor::hv
