#include "hypervisor/VirtioBalloon.h"

namespace vizor::hv {

namespace {
constexpr uint16_t kDescNext = 1;
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
    auto u16 = [&](uint32_t a) { return static_cast<uint16_t>(machine.busRead(a, 2).value_or(0)); };
    auto u32 = [&](uint32_t a) { return machine.busRead(a, 4).value_or(0); };
    const PageHandler& handler = queue == kInflateQueue ? onInflate_ : onDeflate_;
    const uint32_t desc = q.pfn * guestPageSize_;
    const uint32_t avail = desc + 16 * q.num;
    const uint32_t used = (avail + 6 + 2 * q.num + q.align - 1) & ~(q.align - 1);
    bool consumed = false;
    while (q.lastAvail != u16(avail + 2)) {
        const uint16_t head = u16(avail + 4 + 2 * (q.lastAvail % q.num));
        for (uint16_t d = head, hops = 0; hops < q.num; ++hops) {
            const uint32_t entry = desc + 16 * (d % q.num);
            const uint32_t address = u32(entry), length = u32(entry + 8);
            for (uint32_t i = 0; i + 4 <= length; i += 4) {
                const bool accepted = handler && handler(u32(address + i));
                ++(accepted ? (queue == kInflateQueue ? counts_.inflated : counts_.deflated)
                            : counts_.refused);
            }
            if (!(u16(entry + 12) & kDescNext)) break;
            d = u16(entry + 14);
        }
        const uint32_t slot = used + 4 + 8 * (q.usedIndex % q.num);
        machine.busWrite(slot, head, 4);
        machine.busWrite(slot + 4, 0, 4);
        ++q.usedIndex;
        machine.busWrite(used + 2, q.usedIndex, 2); // publishes the entry to the driver
        ++q.lastAvail;
        ++counts_.buffers;
        consumed = true;
    }
    if (consumed) interruptStatus_ |= 1; // "used buffer notification"
}

} // namespace vizor::hv
