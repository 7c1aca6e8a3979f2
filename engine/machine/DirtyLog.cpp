#include "machine/DirtyLog.h"

#include "isa/InstructionTable.h"
#include "machine/MachineImpl.h"

namespace vizor {

namespace {
void armAll(std::vector<uint8_t>& flags) {
    for (uint8_t& f : flags)
        f |= kPageLogArmed;
}
} // namespace

DirtyLog::DirtyLog(Machine& machine) : machine_(machine) {
    armAll(machine_.impl_->pageFlags);
}

DirtyLog::~DirtyLog() {
    for (uint8_t& f : machine_.impl_->pageFlags)
        f &= static_cast<uint8_t>(~kPageLogArmed);
}

std::vector<uint32_t> DirtyLog::harvest() {
    std::vector<uint8_t>& flags = machine_.impl_->pageFlags;
    std::vector<uint32_t> dirty;
    for (std::size_t page = 0; page < flags.size(); ++page) {
        if (!(flags[page] & kPageLogArmed)) dirty.push_back(static_cast<uint32_t>(page));
    }
    armAll(flags);
    return dirty;
}

uint32_t DirtyLog::pageCount(const Machine& machine) {
    return static_cast<uint32_t>(machine.impl_->pageFlags.size());
}

void DirtyLog::readPage(const Machine& machine, uint32_t page, std::span<uint8_t> out) {
    const auto& ram = machine.impl_->ram;
    std::memcpy(out.data(), &ram[std::size_t{page} << kPageShift], kPageBytes);
}

void DirtyLog::writePage(Machine& machine, uint32_t page, std::span<const uint8_t> data) {
    Machine::Impl& m = *machine.impl_;
    std::memcpy(&m.ram[std::size_t{page} << kPageShift], data.data(), kPageBytes);
    m.pageFlags[page] |= kPageDirty; // differs from the snapshot base now
    m.pageFlags[page] &= static_cast<uint8_t>(~kPageLogArmed);
    if (m.pageFlags[page] & kPageCode) { // forget the old contents' decoded words
        for (MicroOp& u : m.decoded[page]->ops)
            u.op = static_cast<uint8_t>(isa::Op::Count);
    }
}

} // namespace vizor
