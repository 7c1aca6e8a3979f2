// One host task's memory: its own Sv32 page tables in guest physical memory, the
// pages it has resident and the pages the host swapped out. The host model writes the
// page tables exactly as a kernel would, and switches satp on every context switch.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

namespace vizor {
class Machine;
}

namespace vizor::host {

// Physical page frames of the machine's RAM that the host model hands out.
class FrameAllocator {
public:
    FrameAllocator(uint32_t firstFrame, uint32_t frameCount);
    std::optional<uint32_t> allocate(); // physical address of a 4 KiB frame
    void release(uint32_t paddr);
    std::size_t available() const { return free_.size(); }

private:
    std::vector<uint32_t> free_;
};

// The user virtual memory layout every task shares (documented in README.md).
namespace layout {
constexpr uint32_t kTextBase = 0x00010000;  // programs are assembled at this address
constexpr uint32_t kHeapLimit = 0x40000000; // brk may not go beyond
constexpr uint32_t kStackTop = 0x7ffff000;  // initial sp; the stack grows down from here
constexpr uint32_t kStackPages = 256;       // 1 MiB of stack, faulted in on demand
} // namespace layout

struct ResidentPage {
    uint32_t frame = 0;    // physical address
    uint64_t mappedAt = 0; // when mapped: reclaim takes the oldest first (FIFO, as a clock)
};

class AddressSpace {
public:
    AddressSpace(Machine& machine, FrameAllocator& frames);
    // What a snapshot keeps (the tables themselves are in the machine's RAM).
    struct State {
        uint32_t root = 0;
        std::map<uint32_t, uint32_t> leafTables;
        std::map<uint32_t, ResidentPage> resident;
        std::map<uint32_t, std::vector<uint8_t>> swapped;
        uint32_t heapStart = 0, brk = 0;
    };
    State save() const;
    // Takes over the frames of a saved state; allocates nothing.
    AddressSpace(Machine& machine, FrameAllocator& frames, const State& state);
    ~AddressSpace(); // frees every frame it holds
    AddressSpace(const AddressSpace&) = delete;
    AddressSpace& operator=(const AddressSpace&) = delete;

    bool valid() const { return root_ != 0; }
    // satp value: Sv32 mode, ASID, root page number.
    uint32_t satp(uint32_t asid) const;

    // Map a fresh frame (zeroed) at a virtual page; false if no frame is left.
    bool mapNew(uint32_t vpn, uint64_t now);
    // Map a specific frame the caller allocated (filled by the caller).
    bool map(uint32_t vpn, uint32_t frame, uint64_t now);
    // Remove the mapping and return the frame (not freed).
    uint32_t unmap(uint32_t vpn);

    const std::map<uint32_t, ResidentPage>& resident() const { return resident_; }
    std::map<uint32_t, std::vector<uint8_t>>& swapped() { return swapped_; }
    const std::map<uint32_t, std::vector<uint8_t>>& swapped() const { return swapped_; }

    // Copy of a resident page's bytes, and the reverse.
    std::vector<uint8_t> readPage(uint32_t vpn) const;
    void writePage(uint32_t vpn, const std::vector<uint8_t>& bytes);
    std::optional<uint32_t> translate(uint32_t vaddr) const; // resident pages only

    uint32_t heapStart = 0;
    uint32_t brk = 0;

private:
    bool writePte(uint32_t vpn, uint32_t pte);
    void zeroFrame(uint32_t frame);

    Machine& machine_;
    FrameAllocator& frames_;
    uint32_t root_ = 0;
    std::map<uint32_t, uint32_t> leafTables_; // VPN[1] -> frame of the second-level table
    std::map<uint32_t, ResidentPage> resident_;
    std::map<uint32_t, std::vector<uint8_t>> swapped_;
};

} // namespace vizor::host
