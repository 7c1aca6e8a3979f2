#include "hypervisor/VirtioBalloon.h"

#include "hypervisor/Virtqueue.h"

namespace vizor::hv {

namespace {
constexpr uint32_t kConfig = 0x100; // legacy virtio-mmio: device config space
} // namespace

uint32_t VirtioBalloon::read(uint32_t gpa) const {
    const uint32_t offset = (gpa - kBase) & 0xfff;
    const Queue& q = queues_[queueSel_ % kQueues];
    switch (offset & ~3u) {
    case 0x000:
        return 0x74726976u; // "virt"
    case 0x004:
        return 1; // legacy
    case 0x008:
        return kDeviceId;
    case 0x00c:
        return 0x5a495600u; // vendor "VIZ"
    case 0x034:
        return kQueueNumMax;
    case 0x040:
        return q.pfn;
    case 0x060:
        return interruptStatus_;
    case 0x070:
        return status_;
    case kConfig + 0:
        return numPages_;
    case kConfig + 4:
        return actual_;
    default:
        return 0; // HostFeatures: none (no MUST_TELL_HOST needed: the driver always tells)
    }
}

void VirtioBalloon::write(uint32_t gpa, uint32_t value, Machine& machine) {
    const uint32_t offset = (gpa - kBase) & 0xfff;
    Queue& q = queues_[queueSel_ % kQueues];
    switch (offset & ~3u) {
    case 0x020:
        guestFeatures_ = value;
        break;
    case 0x028:
        guestPageSize_ = value ? value : 4096;
        break;
    case 0x030:
        queueSel_ = value;
        break;
    case 0x038:
        q.num = value <= kQueueNumMax ? value : kQueueNumMax;
        break;
    case 0x03c:
        q.align = value ? value : 4096;
        break;
    case 0x040:
        q.pfn = value;
        break;
    case 0x050:
        kick(value, machine);
        break;
    case 0x064:
        interruptStatus_ &= ~value;
        break;
    case 0x070:
        status_ = value;
        if (!value) { // reset: the queues go, the host's target stays
            const uint32_t target = numPages_;
            const PageHandler inflate = onInflate_, deflate = onDeflate_;
            const Counts counts = counts_;
            *this = VirtioBalloon{};
            numPages_ = target;
            onInflate_ = inflate;
            onDeflate_ = deflate;
            counts_ = counts;
        }
        break;
    case kConfig + 4:
        actual_ = value;
        break;
    default:
        break;
    }
}

// Every available buffer of the queue is an array of 32-bit PFNs (the driver-readable
// descriptors of a chain); each PFN goes to the host, then the buffer is returned in
// the used ring with length 0 (the device writes nothing into it).
void VirtioBalloon::kick(uint32_t queue, Machine& machine) {
    if (queue >= kQueues) return;
    Queue& q = queues_[queue];
    if (!q.pfn || !q.num) return;
    const Virtqueue ring = Virtqueue::legacy(q.pfn, guestPageSize_, q.num, q.align);
    const PageHandler& handler = queue == kInflateQueue ? onInflate_ : onDeflate_;
    uint64_t& accepted = queue == kInflateQueue ? counts_.inflated : counts_.deflated;
    const unsigned served = drainVirtq(machine, ring, q.lastAvail, q.usedIndex, [&](uint16_t head) {
        walkVirtqChain(machine, ring, head, [&](uint32_t address, uint32_t length, uint16_t) {
            for (uint32_t i = 0; i + 4 <= length; i += 4) {
                const uint32_t pfn = machine.busRead(address + i, 4).value_or(0);
                ++(handler && handler(pfn) ? accepted : counts_.refused);
            }
        });
        return 0u; // the device writes nothing into the buffer
    });
    counts_.buffers += served;
    if (served) interruptStatus_ |= 1; // "used buffer notification"
}

} // namespace vizor::hv
