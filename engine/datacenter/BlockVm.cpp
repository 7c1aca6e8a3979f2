#include "datacenter/BlockVm.h"

#include "board/Platform.h"

namespace vizor::dc {

bool BlockVm::load(const Program& program, std::string& error) {
    blk_ = VirtioBlk(disk_); // a fresh transport; the disk keeps its contents
    return TrapAndEmulate::load(program, error);
}

bool BlockVm::emulateMmio(const TrapInfo& trap, uint32_t gpa) {
    if (gpa - board::kVirtioBase >= board::kVirtioSlots * board::kVirtioSlotSize) return false;
    exit(hv::ExitReason::MmioAccess, gpa);
    return emulateAccess(trap.pc, gpa, [this](uint32_t a, unsigned, bool store, uint32_t v) {
        if (!blk_.owns(a)) return store ? 0u : board::emptyVirtioRead(a & 0xfff);
        if (!store) return blk_.read(a);
        blk_.write(a, v, *machine_);
        return 0u;
    });
}

} // namespace vizor::dc
