#include "app/MemoryProbe.h"

#include "machine/Machine.h"

namespace vizor::app {

namespace {
constexpr uint32_t kPageMask = ~0xFFFu;

std::optional<uint32_t> physicalOf(const Machine& machine, uint32_t address, bool isVirtual) {
    return isVirtual ? machine.translateForDebugger(address) : std::optional(address);
}
} // namespace

MemoryWindow readMemoryWindow(const Machine& machine, uint32_t address, uint32_t length,
                              bool isVirtual) {
    MemoryWindow w;
    w.address = address;
    w.isVirtual = isVirtual;
    w.bytes.resize(length);
    w.readable.resize(length);
    std::optional<uint32_t> pageBase; // translation of the current page, once per page
    uint32_t page = 1;                // never a page address
    for (uint32_t i = 0; i < length; ++i) {
        const uint32_t a = address + i;
        if ((a & kPageMask) != page) {
            page = a & kPageMask;
            pageBase = physicalOf(machine, page, isVirtual);
        }
        const auto byte = pageBase ? machine.peekPhysical(*pageBase + (a & 0xFFFu), 1)
                                   : std::optional<uint32_t>();
        w.bytes[i] = static_cast<char>(byte.value_or(0));
        w.readable[i] = byte ? 1 : 0;
    }
    return w;
}

int WatchList::set(const Machine& machine, const QList<quint32>& addresses, bool isVirtual) {
    words_.clear();
    for (quint32 address : addresses) {
        const auto paddr = physicalOf(machine, address & ~3u, isVirtual);
        if (!paddr || !machine.peekPhysical(*paddr, 4)) continue;
        words_.push_back({*paddr, 0});
    }
    rebase(machine);
    return static_cast<int>(words_.size());
}

void WatchList::rebase(const Machine& machine) {
    for (Word& w : words_)
        w.value = machine.peekPhysical(w.paddr, 4).value_or(0);
}

std::optional<uint32_t> WatchList::changed(const Machine& machine) {
    std::optional<uint32_t> hit;
    for (Word& w : words_) {
        const uint32_t now = machine.peekPhysical(w.paddr, 4).value_or(0);
        if (now != w.value && !hit) hit = w.paddr;
        w.value = now;
    }
    return hit;
}

} // namespace vizor::app
