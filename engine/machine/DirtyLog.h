// The dirty-page log of a running machine, as a hypervisor keeps one for live
// migration (Xen's log-dirty mode, KVM_GET_DIRTY_LOG): which RAM pages the guest wrote
// since the log was last read. Off unless a DirtyLog exists; while it does, every RAM
// page is "armed" and the first store to an armed page disarms it — the machine's
// existing slow path for the first store to a page (noteRamWrite) does this with one
// AND, so the interpreter's fast path is untouched and a page costs at most one slow
// store per harvest. Reading the log (harvest) re-arms every page.
//
// Also the page transfer a migration needs: copying a RAM page out of one machine and
// into another, keeping the destination's decoded-code cache and snapshot base honest.
#pragma once

#include "machine/Machine.h"

#include <cstdint>
#include <span>
#include <vector>

namespace vizor {

// Page flag (Machine::Impl::pageFlags) of a page the log has not yet seen written.
constexpr uint8_t kPageLogArmed = 4;

class DirtyLog {
public:
    static constexpr uint32_t kPageBytes = 4096;

    // Starts logging on `machine`; everything written from now on is reported.
    explicit DirtyLog(Machine& machine);
    ~DirtyLog(); // stops logging
    DirtyLog(const DirtyLog&) = delete;
    DirtyLog& operator=(const DirtyLog&) = delete;

    // RAM page numbers (0 = the page at the start of RAM) written since the log started
    // or was last harvested, in ascending order; re-arms them. A restore or reset of the
    // machine counts as writing every page.
    std::vector<uint32_t> harvest();

    static uint32_t pageCount(const Machine& machine);
    static void readPage(const Machine& machine, uint32_t page, std::span<uint8_t> out);
    // Replaces a RAM page's contents as a DMA would (no device side effects).
    static void writePage(Machine& machine, uint32_t page, std::span<const uint8_t> data);

private:
    Machine& machine_;
};

} // namespace vizor
