// Snapshots and the state hash. RAM is kept as 4 KiB pages shared copy-on-write:
// a page not written since the previous snapshot (its dirty flag is clear) is the
// same object in both snapshots, so a snapshot costs only the pages a run dirtied.
#include "machine/MachineImpl.h"
#include "machine/SnapshotStats.h"

namespace vizor {

struct MachineSnapshot {
    HartState hart;
    board::Uart16550State uart;
    board::ClintState clint;
    CounterOffsets counters;
    HaltReason halt = HaltReason::None;
    uint32_t exitCode = 0;
    ConsoleLog console;
    std::vector<TlbEntry> itlb, dtlb;
    PageWalkRecord lastWalk;
    TlbStats tlbStats;
    EventStream::State events;
    std::vector<std::shared_ptr<const RamPage>> pages;
};

namespace {

const std::shared_ptr<const RamPage>& zeroPage() {
    static const auto page = std::make_shared<const RamPage>(RamPage{});
    return page;
}

bool isZero(const uint8_t* p) {
    for (uint32_t i = 0; i < kPageBytes; i += 8) {
        uint64_t w;
        std::memcpy(&w, p + i, 8);
        if (w) return false;
    }
    return true;
}

} // namespace

SnapshotPtr Machine::snapshot() const {
    Impl& m = *impl_;
    auto s = std::make_shared<MachineSnapshot>();
    s->hart = m.hart;
    s->uart = m.uart.state();
    s->clint = m.clint;
    s->counters = m.counters;
    s->halt = m.halt;
    s->exitCode = m.exitCode;
    s->console = m.console;
    s->itlb = m.itlb.entries();
    s->dtlb = m.dtlb.entries();
    s->lastWalk = m.lastWalk;
    s->tlbStats = m.tlbStats;
    s->events = m.events.save();
    const std::size_t count = m.pageFlags.size();
    s->pages.resize(count);
    for (std::size_t i = 0; i < count; ++i) {
        if (m.base && !(m.pageFlags[i] & kPageDirty)) {
            s->pages[i] = m.base->pages[i]; // unchanged since `base`: share it
            continue;
        }
        const uint8_t* data = &m.ram[i << kPageShift];
        if (isZero(data)) {
            s->pages[i] = zeroPage();
        } else {
            auto page = std::make_shared<RamPage>();
            std::memcpy(page->data(), data, kPageBytes);
            s->pages[i] = std::move(page);
        }
        m.pageFlags[i] &= ~kPageDirty;
    }
    m.base = s;
    return s;
}

void Machine::restore(const SnapshotPtr& snapshot) {
    if (!snapshot) return;
    Impl& m = *impl_;
    const MachineSnapshot& s = *snapshot;
    m.hart = s.hart;
    m.uart.setState(s.uart);
    m.clint = s.clint;
    m.counters = s.counters;
    m.halt = s.halt;
    m.exitCode = s.exitCode;
    m.console = s.console;
    m.itlb.setEntries(s.itlb);
    m.dtlb.setEntries(s.dtlb);
    m.lastWalk = s.lastWalk;
    m.tlbStats = s.tlbStats;
    m.events.load(s.events);
    // Decoded code is a cache of RAM contents, not state: drop it.
    m.invalidateDecoded();
    const std::size_t count = std::min(m.pageFlags.size(), s.pages.size());
    for (std::size_t i = 0; i < count; ++i) {
        // A clean page equals base's copy; if base shares the page with the target,
        // RAM already holds it.
        const bool same =
            m.base && !(m.pageFlags[i] & kPageDirty) && m.base->pages[i] == s.pages[i];
        if (!same) std::memcpy(&m.ram[i << kPageShift], s.pages[i]->data(), kPageBytes);
        m.pageFlags[i] = 0;
    }
    m.base = snapshot;
    m.refreshDerived();
}

namespace {
// FNV-1a over 64-bit words: fast enough to hash all of RAM on every debugger stop.
struct Fnv {
    uint64_t h = 0xcbf29ce484222325ull;
    void word(uint64_t v) {
        h ^= v;
        h *= 0x100000001b3ull;
    }
};
} // namespace

uint64_t Machine::stateHash() const {
    const Impl& m = *impl_;
    Fnv f;
    const HartState& h = m.hart;
    for (uint32_t r : h.x)
        f.word(r);
    f.word(h.pc);
    f.word(static_cast<uint64_t>(h.priv));
    const CsrFile& c = h.csr;
    for (uint32_t v :
         {c.mstatus,  c.misa,    c.medeleg,  c.mideleg,    c.mie,        c.mip,        c.mtvec,
          c.mscratch, c.mepc,    c.mcause,   c.mtval,      c.mcounteren, c.stvec,      c.sscratch,
          c.sepc,     c.scause,  c.stval,    c.scounteren, c.satp,       c.mstatush,   c.mtval2,
          c.mtinst,   c.hstatus, c.hedeleg,  c.hideleg,    c.hvip,       c.hcounteren, c.htval,
          c.htinst,   c.hgatp,   c.vsstatus, c.vstvec,     c.vsscratch,  c.vsepc,      c.vscause,
          c.vstval,   c.vsatp})
        f.word(v);
    f.word(h.virt);
    f.word(h.cycle);
    f.word(h.instret);
    f.word(h.steps);
    f.word(h.waitingForInterrupt);
    f.word(h.reservationValid);
    f.word(h.reservationAddress);
    f.word(h.reservationValue);
    const board::Uart16550State& u = m.uart.state();
    f.word(uint64_t{u.ier} | uint64_t{u.lcr} << 8 | uint64_t{u.mcr} << 16 | uint64_t{u.scr} << 24 |
           uint64_t{u.fcr} << 32 | uint64_t{u.dll} << 40 | uint64_t{u.dlm} << 48);
    f.word(m.clint.msip);
    f.word(m.clint.mtimecmp);
    f.word(m.clint.mtimeOffset);
    f.word(m.counters.mcycle);
    f.word(m.counters.minstret);
    f.word(static_cast<uint64_t>(m.halt));
    f.word(m.exitCode);
    f.word(m.console.size());
    f.word(m.console.dropped());
    for (std::size_t i = 0; i + 8 <= m.ram.size(); i += 8) {
        uint64_t w;
        std::memcpy(&w, &m.ram[i], 8);
        f.word(w);
    }
    return f.h;
}

} // namespace vizor

namespace vizor {

std::size_t snapshotPageCount(const SnapshotPtr& snapshot) {
    return snapshot ? snapshot->pages.size() : 0;
}

std::size_t unsharedStatePages(const SnapshotPtr& snapshot, const SnapshotPtr& previous) {
    if (!snapshot) return 0;
    const auto& blocks = snapshot->events.blocks;
    std::size_t own = 0;
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        const bool shared = previous && i < previous->events.blocks.size() &&
                            previous->events.blocks[i] == blocks[i];
        own += !shared;
    }
    const auto pages = [](std::size_t bytes) { return (bytes + kPageBytes - 1) / kPageBytes; };
    return own * pages(sizeof(EventStream::Block)) + pages(snapshot->console.size());
}

std::size_t sharedPageCount(const SnapshotPtr& a, const SnapshotPtr& b) {
    if (!a || !b) return 0;
    std::size_t shared = 0;
    const std::size_t n = std::min(a->pages.size(), b->pages.size());
    for (std::size_t i = 0; i < n; ++i)
        shared += a->pages[i] == b->pages[i];
    return shared;
}

} // namespace vizor
