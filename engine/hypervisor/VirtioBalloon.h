// The back end of a virtio memory balloon (virtio 1.x spec, section 5.5, "Memory Balloon
// Device", device ID 5) on the legacy virtio-mmio transport, as the VMM emulates it in
// slot 1 of the board's virtio-mmio window. The host writes the target, `num_pages`;
// the guest's driver (resources/guests/balloon.s) answers by putting page frame numbers
// on the inflate queue (pages it gives up) or the deflate queue (pages it takes back),
// and reports its balloon size in `actual`. What the host does with the pages is the
// owner's business: each PFN is handed to `onInflate` / `onDeflate`.
#pragma once

#include "machine/Machine.h"

#include <cstdint>
#include <functional>

namespace vizor::hv {

class VirtioBalloon {
public:
    static constexpr uint32_t kBase = 0x10002000u; // slot 1 (slot 0: pv's console)
    static constexpr uint32_t kDeviceId = 5;
    static constexpr uint32_t kInflateQueue = 0, kDeflateQueue = 1;

    // A PFN (guest-physical address >> 12) the guest gives or takes back; false when
    // the host refuses it (not the VM's RAM, or not in the state the queue says).
    using PageHandler = std::function<bool(uint32_t pfn)>;
    void setHandlers(PageHandler inflate, PageHandler deflate) {
        onInflate_ = std::move(inflate);
        onDeflate_ = std::move(deflate);
    }

    // Register access at `gpa` (inside this slot) on behalf of the guest.
    uint32_t read(uint32_t gpa) const;
    void write(uint32_t gpa, uint32_t value, Machine& machine);

    // The host's side of the config space.
    void setTarget(uint32_t pages) { numPages_ = pages; }
    uint32_t target() const { return numPages_; }
    uint32_t actual() const { return actual_; }
    bool driverReady() const { return status_ & kDriverOk; }

    struct Counts {
        uint64_t inflated = 0, deflated = 0; // PFNs accepted
        uint64_t refused = 0;                // PFNs the host did not accept
        uint64_t buffers = 0;                // descriptors consumed
    };
    const Counts& counts() const { return counts_; }

private:
    static constexpr uint32_t kDriverOk = 4;
    static constexpr unsigned kQueues = 2;
    static constexpr uint32_t kQueueNumMax = 16;
    struct Queue {
        uint32_t num = 0, align = 4096, pfn = 0;
        uint16_t lastAvail = 0, usedIndex = 0;
    };
    void kick(uint32_t queue, Machine& machine);

    uint32_t status_ = 0, guestPageSize_ = 4096, queueSel_ = 0, guestFeatures_ = 0;
    uint32_t interruptStatus_ = 0;
    uint32_t numPages_ = 0, actual_ = 0;
    Queue queues_[kQueues];
    Counts counts_;
    PageHandler onInflate_, onDeflate_;
};

} // namespace vizor::hv
