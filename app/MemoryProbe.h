// What the engine thread reads for the memory view: a window of guest memory, and the
// watched words (data breakpoints). Reads go through Machine's debugger accessors, so
// they have no side effects on devices, the TLB or A/D bits.
#pragma once

#include "app/EngineSnapshot.h"

#include <QList>
#include <optional>
#include <vector>

namespace vizor {
class Machine;
}

namespace vizor::app {

MemoryWindow readMemoryWindow(const Machine& machine, uint32_t address, uint32_t length,
                              bool isVirtual);

// Watchpoints on aligned 32-bit words of physical memory. A virtual address is
// translated once, when it is set: the watch follows the physical word, as a hardware
// data breakpoint on a physical address would.
class WatchList {
public:
    // Returns how many addresses could be watched (an unmapped one is skipped).
    int set(const Machine& machine, const QList<quint32>& addresses, bool isVirtual);
    bool empty() const { return words_.empty(); }
    // Takes the current values as the reference (at the start of every run command).
    void rebase(const Machine& machine);
    // The first watched word whose value differs from the reference, if any; the
    // reference then moves to the new values.
    std::optional<uint32_t> changed(const Machine& machine);

private:
    struct Word {
        uint32_t paddr;
        uint32_t value;
    };
    std::vector<Word> words_;
};

} // namespace vizor::app
