#include "hypervisor/DirectPaging.h"

#include "mmu/Sv32.h"

#include <algorithm>

namespace vizor::hv {

using namespace sv32;

namespace {
constexpr uint32_t kMegapage = 4u << 20;
bool isLeaf(uint32_t pte) {
    return pte & (kPteR | kPteX);
}
uint32_t frameOf(uint32_t pte) {
    return static_cast<uint32_t>(ptePpn(pte) << 12);
}
} // namespace

std::string_view directRefusalName(DirectRefusal refusal) {
    switch (refusal) {
    case DirectRefusal::None:
        return "none";
    case DirectRefusal::NotVmMemory:
        return "not_vm_memory";
    case DirectRefusal::NotVmFrame:
        return "not_vm_frame";
    case DirectRefusal::WritableTable:
        return "writable_table";
    case DirectRefusal::WritableSuperpage:
        return "writable_superpage";
    case DirectRefusal::MappedWritable:
        return "mapped_writable";
    case DirectRefusal::BadLevel:
        return "bad_level";
    }
    return "?";
}

DirectPaging::DirectPaging(Machine& machine, const PhysToMachine& p2m,
                           std::function<bool(uint32_t)> owned, uint32_t bootTable)
    : machine_(machine), p2m_(p2m), owned_(std::move(owned)), bootTable_(bootTable) {}

// The boot table: the guest's RAM one to one, U (the hart runs the guest in U-mode),
// as the guest sees memory with paging off. Device addresses fault and are emulated.
void DirectPaging::reset() {
    types_.level.clear();
    types_.writable.clear();
    for (uint32_t i = 0; i < 1024; ++i) {
        const uint32_t base = i << 22;
        const bool map = p2m_.isRam(base); // devices stay unmapped: emulated
        const uint32_t pte =
            ((base >> 12) << 10) | kPteV | kPteR | kPteW | kPteX | kPteU | kPteA | kPteD;
        machine_.busWrite(bootTable_ + 4 * i, map ? pte : 0, 4);
    }
}

uint32_t DirectPaging::realSatp(uint32_t guestSatp) const {
    if (!(guestSatp & kSatpModeSv32)) return kSatpModeSv32 | (bootTable_ >> 12);
    return guestSatp; // the root is already a host frame: the guest built it so
}

std::vector<uint32_t> DirectPaging::tables() const {
    std::vector<uint32_t> out;
    for (const auto& [frame, level] : types_.level)
        out.push_back(frame);
    std::sort(out.begin(), out.end());
    return out;
}

uint32_t DirectPaging::writableMappings(uint32_t hostFrame) const {
    const auto it = types_.writable.find(hostFrame);
    return it == types_.writable.end() ? 0 : it->second;
}

std::optional<uint32_t> DirectPaging::leafTarget(uint32_t pte) const {
    if (!(pte & kPteV) || !isLeaf(pte)) return std::nullopt;
    return frameOf(pte);
}

// Writable 4 KiB leaves, counted per frame they map: a frame with a count may not
// become a page table, and a page table may not gain one.
void DirectPaging::count(uint32_t pte, int delta) {
    const auto target = leafTarget(pte);
    if (!target || !(pte & kPteW)) return;
    uint32_t& n = types_.writable[*target >> 12];
    n = static_cast<uint32_t>(static_cast<int>(n) + delta);
}

// `level` is 1 or 0 for an entry of a known table, -1 for an entry of a frame that is
// not a page table (yet): checked as a 4 KiB leaf, and again when the frame is pinned.
DirectRefusal DirectPaging::checkLeaf(uint32_t pte, int level) const {
    const uint32_t target = frameOf(pte);
    if (level == 1) { // a 4 MiB leaf
        if (!owned_(target)) return DirectRefusal::NotVmFrame;
        if ((pte & kPteW) && p2m_.isRam(target)) return DirectRefusal::WritableSuperpage;
        return DirectRefusal::None;
    }
    if (!owned_(target)) return DirectRefusal::NotVmFrame;
    if ((pte & kPteW) && isTable(target >> 12)) return DirectRefusal::WritableTable;
    return DirectRefusal::None;
}

// Makes `frame` a page table of `level`, validating what it already holds.
DirectRefusal DirectPaging::pin(uint32_t frame, int level) {
    const uint32_t number = frame >> 12;
    if (const auto it = types_.level.find(number); it != types_.level.end())
        return it->second == level ? DirectRefusal::None : DirectRefusal::BadLevel;
    if (!p2m_.isRam(frame)) return DirectRefusal::NotVmFrame;
    if (writableMappings(number)) return DirectRefusal::MappedWritable;
    types_.level[number] = level;
    for (uint32_t i = 0; i < 1024; ++i) {
        const uint32_t pte = read(frame + 4 * i);
        if (!(pte & kPteV)) continue;
        DirectRefusal r = DirectRefusal::None;
        if (isLeaf(pte))
            r = checkLeaf(pte, level);
        else
            r = level == 1 ? pin(frameOf(pte), 0) : DirectRefusal::BadLevel;
        if (r != DirectRefusal::None) {
            types_.level.erase(number);
            return r;
        }
    }
    return DirectRefusal::None;
}

DirectRefusal DirectPaging::update(uint32_t pteAddress, uint32_t pte) {
    if ((pteAddress & 3) || !p2m_.isRam(pteAddress & ~0xfffu)) return DirectRefusal::NotVmMemory;
    const auto it = types_.level.find(pteAddress >> 12);
    const int level = it == types_.level.end() ? -1 : it->second;
    if (pte & kPteV) {
        DirectRefusal r = DirectRefusal::None;
        if (isLeaf(pte))
            r = checkLeaf(pte, level);
        else if (level == 0)
            r = DirectRefusal::BadLevel;
        else if (level == 1)
            r = pin(frameOf(pte), 0);
        if (r != DirectRefusal::None) return r;
        if (isLeaf(pte) && !(pte & kPteU)) pte |= kPteU | kGuestKernel;
        if (isLeaf(pte) && !p2m_.isRam(frameOf(pte))) pte = (pte & ~kPteV) | kEmulatedIo;
    }
    const uint32_t old = read(pteAddress);
    if (level != 1) count(old, -1);
    if (level != 1) count(pte, +1);
    machine_.busWrite(pteAddress, pte, 4);
    return DirectRefusal::None;
}

std::optional<uint32_t> DirectPaging::emulatedIo(uint32_t guestSatp, uint32_t vaddr,
                                                 bool& kernelOnly) const {
    kernelOnly = false;
    if (!(guestSatp & kSatpModeSv32)) {
        if (p2m_.isRam(vaddr & ~0xfffu)) return std::nullopt;
        kernelOnly = true;
        return vaddr;
    }
    const uint32_t rootEntry = read((satpPpn(guestSatp) << 12) + 4 * vpn(vaddr, 1));
    uint32_t leaf = rootEntry, offsetMask = kMegapage - 1;
    if ((rootEntry & kPteV) && !isLeaf(rootEntry)) {
        leaf = read(frameOf(rootEntry) + 4 * vpn(vaddr, 0));
        offsetMask = 0xfff;
    }
    if (!(leaf & kEmulatedIo)) return std::nullopt;
    kernelOnly = leaf & kGuestKernel;
    return frameOf(leaf) | (vaddr & offsetMask);
}

DirectRefusal DirectPaging::setRoot(uint32_t guestSatp) {
    if (!(guestSatp & kSatpModeSv32)) return DirectRefusal::BadLevel; // no way back to Bare
    return pin(satpPpn(guestSatp) << 12, 1);
}

} // namespace vizor::hv
