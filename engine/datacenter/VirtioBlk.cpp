#include "datacenter/VirtioBlk.h"

#include "hypervisor/Virtqueue.h"

#include <vector>

namespace vizor::dc {

namespace {
constexpr uint16_t kDescNext = 1;
constexpr uint16_t kDescWrite = 2; // device-writable
constexpr char kDeviceId[] = "vizor-virtual-disk";
} // namespace

uint32_t VirtioBlk::read(uint32_t gpa) const {
    switch ((gpa - base_) & ~3u) {
    case 0x000:
        return 0x74726976u; // "virt"
    case 0x004:
        return 1; // legacy
    case 0x008:
        return 2; // block device
    case 0x00c:
        return 0x5a495600u; // vendor "VIZ"
    case 0x010:
        return hostFeaturesSel_ == 0 ? kBlkFeatureFlush : 0;
    case 0x034:
        return queueSel_ == 0 ? kQueueNumMax : 0;
    case 0x040:
        return queueSel_ == 0 ? queuePfn_ : 0;
    case 0x060:
        return interruptStatus_;
    case 0x070:
        return status_;
    case 0x100: // configuration space: capacity in 512-byte sectors (le64)
        return static_cast<uint32_t>(disk_->capacity() / kSectorBytes);
    case 0x104:
        return static_cast<uint32_t>((disk_->capacity() / kSectorBytes) >> 32);
    default:
        return 0;
    }
}

void VirtioBlk::write(uint32_t gpa, uint32_t value, Machine& machine) {
    switch ((gpa - base_) & ~3u) {
    case 0x014:
        hostFeaturesSel_ = value;
        break;
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
        if (queueSel_ == 0) queueNum_ = value <= kQueueNumMax ? value : kQueueNumMax;
        break;
    case 0x03c:
        if (queueSel_ == 0) queueAlign_ = value ? value : 4096;
        break;
    case 0x040:
        if (queueSel_ == 0) queuePfn_ = value;
        break;
    case 0x050:
        if (value == 0) kick(machine); // QueueNotify
        break;
    case 0x064:
        interruptStatus_ &= ~value;
        break;
    case 0x070:
        status_ = value;
        if (!value) *this = VirtioBlk(*disk_, base_); // reset: forget the queue, keep the disk
        break;
    default:
        break;
    }
}

VirtioBlk::Descriptor VirtioBlk::descriptor(Machine& m, uint32_t table, uint16_t index) const {
    const uint32_t entry = table + 16 * (index % queueNum_);
    Descriptor d;
    d.address = m.busRead(entry, 4).value_or(0); // the high word of addr: no RAM there on RV32
    d.length = m.busRead(entry + 8, 4).value_or(0);
    d.flags = static_cast<uint16_t>(m.busRead(entry + 12, 2).value_or(0));
    d.next = static_cast<uint16_t>(m.busRead(entry + 14, 2).value_or(0));
    return d;
}

uint8_t VirtioBlk::transfer(Machine& m, uint32_t type, uint64_t sector, const Descriptor& data) {
    if (data.length % kSectorBytes) return kBlkStatusIoErr;
    const uint64_t offset = sector * kSectorBytes;
    std::vector<uint8_t> bytes(data.length);
    if (type == kBlkTypeIn) {
        if (!(data.flags & kDescWrite) || !disk_->read(offset, bytes)) return kBlkStatusIoErr;
        for (uint32_t i = 0; i < data.length; ++i)
            m.busWrite(data.address + i, bytes[i], 1);
        sectorsRead_ += data.length / kSectorBytes;
        return kBlkStatusOk;
    }
    for (uint32_t i = 0; i < data.length; ++i)
        bytes[i] = static_cast<uint8_t>(m.busRead(data.address + i, 1).value_or(0));
    if (!disk_->write(offset, bytes)) return kBlkStatusIoErr;
    sectorsWritten_ += data.length / kSectorBytes;
    return kBlkStatusOk;
}

uint32_t VirtioBlk::serve(Machine& m, uint32_t table, uint16_t head) {
    const Descriptor header = descriptor(m, table, head);
    const uint32_t type = m.busRead(header.address, 4).value_or(~0u);
    const uint64_t sector = m.busRead(header.address + 8, 4).value_or(0) |
                            uint64_t{m.busRead(header.address + 12, 4).value_or(0)} << 32;
    // The chain after the header: data buffers, then the status byte.
    std::vector<Descriptor> rest;
    for (Descriptor d = header; (d.flags & kDescNext) && rest.size() < queueNum_;) {
        d = descriptor(m, table, d.next);
        rest.push_back(d);
    }
    if (rest.empty() || header.length < 16) return 0; // malformed: nowhere to put a status
    const Descriptor status = rest.back();
    rest.pop_back();
    uint8_t result = kBlkStatusOk;
    uint32_t written = 1;
    if (type == kBlkTypeIn || type == kBlkTypeOut) {
        uint64_t at = sector;
        for (const Descriptor& d : rest) {
            if (result == kBlkStatusOk) result = transfer(m, type, at, d);
            at += d.length / kSectorBytes;
            if (type == kBlkTypeIn) written += d.length;
        }
    } else if (type == kBlkTypeFlush) {
        result = disk_->flush() ? kBlkStatusOk : kBlkStatusIoErr;
    } else if (type == kBlkTypeGetId && !rest.empty()) {
        for (uint32_t i = 0; i < rest[0].length && i < 20; ++i)
            m.busWrite(rest[0].address + i, i < sizeof kDeviceId ? kDeviceId[i] : 0, 1);
        written += std::min<uint32_t>(rest[0].length, 20);
    } else {
        result = kBlkStatusUnsupported;
    }
    m.busWrite(status.address, result, 1);
    return written;
}

unsigned VirtioBlk::kick(Machine& m) {
    if (!queuePfn_ || !queueNum_) return 0;
    const hv::Virtqueue ring =
        hv::Virtqueue::legacy(queuePfn_, guestPageSize_, queueNum_, queueAlign_);
    // Grains a request allocates are reported in the machine's event stream.
    disk_->onGrainAllocated = [&](uint32_t grain) {
        m.emitEvent(EventType::GrainAllocated, grain, disk_->grainsAllocated(),
                    disk_->grainTablesAllocated());
    };
    const unsigned served = hv::drainVirtq(
        m, ring, lastAvail_, usedIndex_, [&](uint16_t head) { return serve(m, ring.desc, head); });
    requests_ += served;
    disk_->onGrainAllocated = nullptr;
    if (served) interruptStatus_ |= 1; // used buffer notification
    return served;
}

} // namespace vizor::dc
