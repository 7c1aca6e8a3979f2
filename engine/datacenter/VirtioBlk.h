// The back end of a virtio block device (virtio 1.x, 5.2 "Block Device": device ID 2)
// on the legacy virtio-mmio transport, for a VMM to put behind one of the board's
// virtio-mmio slots. One request virtqueue (split ring: descriptor table, available
// ring, used ring in guest memory); each request is a descriptor chain of
//   header  { le32 type; le32 reserved; le64 sector; }   (driver-readable, 16 bytes)
//   data    sector-sized buffers (device-writable for reads)
//   status  u8: 0 OK, 1 IOERR, 2 UNSUPP                  (device-writable)
// served from a VirtualDisk, so a thin disk allocates grains as the guest writes.
#pragma once

#include "datacenter/VirtualDisk.h"
#include "machine/Machine.h"

#include <cstdint>

namespace vizor::dc {

// Request types and status values (virtio 1.x, 5.2.6).
enum : uint32_t { kBlkTypeIn = 0, kBlkTypeOut = 1, kBlkTypeFlush = 4, kBlkTypeGetId = 8 };
enum : uint8_t { kBlkStatusOk = 0, kBlkStatusIoErr = 1, kBlkStatusUnsupported = 2 };
constexpr uint32_t kBlkFeatureFlush = 1u << 9; // VIRTIO_BLK_F_FLUSH

class VirtioBlk {
public:
    static constexpr uint32_t kDefaultBase = 0x10002000u; // slot 1 (the console has slot 0)
    static constexpr uint32_t kQueueNumMax = 16;

    VirtioBlk(VirtualDisk& disk, uint32_t base = kDefaultBase) : disk_(&disk), base_(base) {}

    bool owns(uint32_t gpa) const { return gpa - base_ < 0x1000; }
    // A 32-bit register access at guest-physical `gpa` inside the device's slot.
    uint32_t read(uint32_t gpa) const;
    void write(uint32_t gpa, uint32_t value, Machine& machine);
    // Serves every available request; returns how many.
    unsigned kick(Machine& machine);

    bool interruptPending() const { return interruptStatus_ & 1; }
    uint64_t requests() const { return requests_; }
    uint64_t sectorsRead() const { return sectorsRead_; }
    uint64_t sectorsWritten() const { return sectorsWritten_; }

private:
    struct Descriptor {
        uint32_t address = 0, length = 0;
        uint16_t flags = 0, next = 0;
    };
    Descriptor descriptor(Machine& m, uint32_t table, uint16_t index) const;
    // Serves one chain; returns the bytes written into device-writable buffers.
    uint32_t serve(Machine& m, uint32_t table, uint16_t head);
    uint8_t transfer(Machine& m, uint32_t type, uint64_t sector, const Descriptor& data);

    VirtualDisk* disk_;
    uint32_t base_;
    uint32_t status_ = 0, guestPageSize_ = 4096, queueSel_ = 0, guestFeatures_ = 0;
    uint32_t hostFeaturesSel_ = 0, interruptStatus_ = 0;
    uint32_t queueNum_ = 0, queueAlign_ = 4096, queuePfn_ = 0;
    uint16_t lastAvail_ = 0, usedIndex_ = 0;
    uint64_t requests_ = 0, sectorsRead_ = 0, sectorsWritten_ = 0;
};

} // namespace vizor::dc
