// The machine's V=1 memory path (H extension, "Two-Stage Address Translation"): on a
// TLB miss every guest access is walked VS-stage (the guest's Sv32 tables, vsatp) over
// G-stage (the hypervisor's Sv32x4 tables, hgatp) by the walker of mmu/TwoStage.h,
// reading and updating the machine's RAM. Each reference becomes a PageWalkStep event
// and a line of the PageWalkRecord; the result fills the TLB as one guest-virtual to
// host-physical entry, tagged with the guest's ASID and VMID.
#include "cpu/HypervisorCsr.h"
#include "machine/MachineImpl.h"
#include "mmu/Sv32.h"
#include "mmu/TwoStage.h"

namespace vizor {

using namespace sv32;

namespace {

// Host RAM as the walker sees it. With `quiet` (the debugger's translation) the A/D
// updates are dropped, so looking changes nothing. (A template only because the
// machine's internals are private to it: the member functions below name the type.)
template <typename MachineImpl> class RamPort final : public nested::PhysicalPort {
public:
    RamPort(MachineImpl& m, bool quiet) : m_(m), quiet_(quiet) {}
    std::optional<uint32_t> read32(uint64_t hpa) override {
        if (hpa >> 32 || !m_.inRam(static_cast<uint32_t>(hpa), 4)) return std::nullopt;
        uint32_t v = 0;
        std::memcpy(&v, &m_.ram[static_cast<uint32_t>(hpa) - board::kRamBase], 4);
        return v;
    }
    void write32(uint64_t hpa, uint32_t value) override {
        if (!quiet_ && !(hpa >> 32)) m_.writePhysical(static_cast<uint32_t>(hpa), 4, value);
    }

private:
    MachineImpl& m_;
    bool quiet_;
};

constexpr uint32_t kRWXD = kPteR | kPteW | kPteX | kPteD;

// The permission bits a combined entry may carry: what both stages allow. A VS-stage
// in Bare mode allows everything, as a page of the mode the walk was made in (so a
// later access from the other mode walks again). A G-stage leaf without R keeps X off
// too, so a load under MXR never hits where the G-stage would refuse it.
uint8_t combinedPte(const nested::Walk& w, Privilege priv) {
    uint32_t vs = kPteV | kPteA | kRWXD | (priv == Privilege::User ? kPteU : 0);
    uint32_t g = kRWXD;
    for (unsigned i = 0; i < w.count; ++i)
        (w.refs[i].stage == nested::Stage::VS ? vs : g) = w.refs[i].pte;
    // Only the last reference of each stage is a leaf; a Bare stage left its default.
    if (!(g & kPteR)) g &= ~kPteX;
    return static_cast<uint8_t>((vs & ~kRWXD) | (vs & g & kRWXD));
}

PageWalkRecord::Stage recordStage(nested::Stage s) {
    return s == nested::Stage::G ? PageWalkRecord::Stage::G : PageWalkRecord::Stage::VS;
}

} // namespace

bool Machine::Impl::walkTwoStage(uint32_t vaddr, AccessType access, Privilege priv,
                                 uint32_t& paddr) {
    RamPort<Impl> port(*this, false);
    nested::Walk w;
    const auto a = static_cast<nested::Access>(access);
    const bool ok = nested::translate(hart.csr.vsatp, hart.csr.hgatp, hart.csr.vsstatus, priv,
                                      vaddr, a, port, w);
    PageWalkRecord rec;
    rec.vaddr = vaddr;
    for (unsigned i = 0; i < w.count && i < std::size(rec.refs); ++i) {
        const nested::Reference& r = w.refs[i];
        const auto pteAddress = static_cast<uint32_t>(r.pteAddress);
        rec.refs[rec.refCount++] = {pteAddress,           r.pte,   r.level,
                                    recordStage(r.stage), r.table, r.index};
        // d: level | stage << 8 | index << 16, so a view can name the table and entry.
        emit(EventType::PageWalkStep, vaddr, pteAddress, r.pte,
             static_cast<uint32_t>(r.level) | static_cast<uint32_t>(r.stage) << 8 | r.index << 16);
    }
    tlbStats.walkReferences += w.count;
    const auto accessCode = static_cast<uint32_t>(access);
    if (!ok || w.hpa >> 32) {
        rec.faulted = true;
        lastWalk = rec;
        emit(EventType::PageWalkDone, vaddr, 0, accessCode, 1);
        if (ok) { // beyond the 32-bit bus
            raiseException(access == AccessType::Fetch  ? csr::kInstructionAccessFault
                           : access == AccessType::Load ? csr::kLoadAccessFault
                                                        : csr::kStoreAccessFault,
                           vaddr);
        } else {
            raiseException(w.cause, w.tval, w.htval);
        }
        return false;
    }
    paddr = static_cast<uint32_t>(w.hpa);
    TlbEntry entry;
    entry.vpn = vaddr >> kPageShift;
    entry.ppn = paddr >> kPageShift;
    entry.tag = tlbTag;
    entry.pte = combinedPte(w, priv);
    entry.level = 0; // combined entries are 4 KiB whatever the leaves' sizes
    entry.valid = true;
    (access == AccessType::Fetch ? itlb : dtlb).insert(entry);
    rec.paddr = paddr;
    lastWalk = rec;
    emit(EventType::PageWalkDone, vaddr, paddr, accessCode, 0);
    return true;
}

// The debugger's view of a guest address: the same walk, with no A/D updates, no
// events and no TLB fill.
std::optional<uint32_t> Machine::Impl::twoStageQuietly(uint32_t vaddr) {
    RamPort<Impl> port(*this, true);
    nested::Walk w;
    if (!nested::translate(hart.csr.vsatp, hart.csr.hgatp, hart.csr.vsstatus, hart.priv, vaddr,
                           nested::Access::Load, port, w) ||
        w.hpa >> 32)
        return std::nullopt;
    return static_cast<uint32_t>(w.hpa);
}

} // namespace vizor
