#include "host/AddressSpace.h"

#include "host/CgroupTree.h"
#include "machine/Machine.h"

namespace vizor::host {

namespace {
// Sv32 PTE bits.
constexpr uint32_t kV = 1, kR = 2, kW = 4, kX = 8, kU = 16, kA = 64, kD = 128;
// User pages are readable, writable and executable: the host model has no mprotect,
// and A/D are preset so the walk never has to update them.
constexpr uint32_t kUserLeaf = kV | kR | kW | kX | kU | kA | kD;

uint32_t pteFor(uint32_t frame, uint32_t flags) {
    return (frame >> 12) << 10 | flags;
}
} // namespace

FrameAllocator::FrameAllocator(uint32_t firstFrame, uint32_t frameCount) {
    // Handed out from low addresses up: deterministic and easy to read in a memory view.
    for (uint32_t i = frameCount; i-- > 0;)
        free_.push_back(firstFrame + i * kPageSize);
}

std::optional<uint32_t> FrameAllocator::allocate() {
    if (free_.empty()) return std::nullopt;
    const uint32_t frame = free_.back();
    free_.pop_back();
    return frame;
}

void FrameAllocator::release(uint32_t paddr) {
    free_.push_back(paddr);
}

AddressSpace::AddressSpace(Machine& machine, FrameAllocator& frames)
    : machine_(machine), frames_(frames) {
    if (const auto root = frames_.allocate()) {
        root_ = *root;
        zeroFrame(root_);
    }
}

AddressSpace::AddressSpace(Machine& machine, FrameAllocator& frames, const State& state)
    : heapStart(state.heapStart), brk(state.brk), machine_(machine), frames_(frames),
      root_(state.root), leafTables_(state.leafTables), resident_(state.resident),
      swapped_(state.swapped) {}

AddressSpace::State AddressSpace::save() const {
    return {root_, leafTables_, resident_, swapped_, heapStart, brk};
}

AddressSpace::~AddressSpace() {
    for (const auto& [vpn, page] : resident_)
        frames_.release(page.frame);
    for (const auto& [vpn1, table] : leafTables_)
        frames_.release(table);
    if (root_) frames_.release(root_);
}

uint32_t AddressSpace::satp(uint32_t asid) const {
    return 0x80000000u | (asid & 0x1ffu) << 22 | root_ >> 12;
}

void AddressSpace::zeroFrame(uint32_t frame) {
    for (uint32_t off = 0; off < kPageSize; off += 4)
        machine_.pokePhysical(frame + off, 0, 4);
}

bool AddressSpace::writePte(uint32_t vpn, uint32_t pte) {
    const uint32_t vpn1 = vpn >> 10, vpn0 = vpn & 0x3ff;
    auto table = leafTables_.find(vpn1);
    if (table == leafTables_.end()) {
        const auto frame = frames_.allocate();
        if (!frame) return false;
        zeroFrame(*frame);
        table = leafTables_.emplace(vpn1, *frame).first;
        machine_.pokePhysical(root_ + vpn1 * 4, pteFor(*frame, kV), 4);
    }
    machine_.pokePhysical(table->second + vpn0 * 4, pte, 4);
    return true;
}

bool AddressSpace::mapNew(uint32_t vpn, uint64_t now) {
    const auto frame = frames_.allocate();
    if (!frame) return false;
    zeroFrame(*frame);
    if (map(vpn, *frame, now)) return true;
    frames_.release(*frame);
    return false;
}

bool AddressSpace::map(uint32_t vpn, uint32_t frame, uint64_t now) {
    if (!writePte(vpn, pteFor(frame, kUserLeaf))) return false;
    resident_[vpn] = {frame, now};
    return true;
}

uint32_t AddressSpace::unmap(uint32_t vpn) {
    const auto it = resident_.find(vpn);
    if (it == resident_.end()) return 0;
    const uint32_t frame = it->second.frame;
    resident_.erase(it);
    writePte(vpn, 0);
    return frame;
}

std::vector<uint8_t> AddressSpace::readPage(uint32_t vpn) const {
    std::vector<uint8_t> bytes(kPageSize);
    const uint32_t frame = resident_.at(vpn).frame;
    for (uint32_t off = 0; off < kPageSize; off += 4) {
        const uint32_t w = machine_.peekPhysical(frame + off, 4).value_or(0);
        for (unsigned i = 0; i < 4; ++i)
            bytes[off + i] = static_cast<uint8_t>(w >> (8 * i));
    }
    return bytes;
}

void AddressSpace::writePage(uint32_t vpn, const std::vector<uint8_t>& bytes) {
    const uint32_t frame = resident_.at(vpn).frame;
    for (uint32_t off = 0; off < kPageSize; off += 4) {
        uint32_t w = 0;
        for (unsigned i = 0; i < 4; ++i)
            w |= uint32_t{bytes[off + i]} << (8 * i);
        machine_.pokePhysical(frame + off, w, 4);
    }
}

std::optional<uint32_t> AddressSpace::translate(uint32_t vaddr) const {
    const auto it = resident_.find(vaddr >> 12);
    if (it == resident_.end()) return std::nullopt;
    return it->second.frame | (vaddr & 0xfffu);
}

} // namespace vizor::host
