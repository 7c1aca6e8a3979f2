// A trap-and-emulate VM with a virtio-blk disk: the guest's accesses to virtio-mmio
// slot 1 trap (no host page backs them) and are emulated on a VirtioBlk over a
// VirtualDisk, the VMM being the device's back end. The other slots read as empty.
#pragma once

#include "datacenter/VirtioBlk.h"
#include "hypervisor/TrapAndEmulate.h"

namespace vizor::dc {

class BlockVm final : public hv::TrapAndEmulate {
public:
    BlockVm(const hv::VmConfig& config, VirtualDisk& disk)
        : TrapAndEmulate(config), disk_(disk), blk_(disk) {}
    bool load(const Program& program, std::string& error) override;
    const VirtioBlk& blockDevice() const { return blk_; }

protected:
    bool emulateMmio(const TrapInfo& trap, uint32_t gpa) override;

private:
    VirtualDisk& disk_;
    VirtioBlk blk_;
};

} // namespace vizor::dc
