// Direct paging, as Xen runs a paravirtualized guest (Barham et al., SOSP 2003; Xen's
// arch/x86/mm.c): the hart walks the guest's own page tables. Their entries hold host
// frame numbers (the guest builds them with the p2m table the VMM gives it), and the
// guest may not write them: a frame that is a page table is mapped read-only
// everywhere, and every change is an MMU_UPDATE the VMM validates before it applies it.
//
// Xen's page types, reduced to Sv32: a frame becomes a page table ("pinned", with its
// level) when it is named as a root (SET_ROOT) or by a non-leaf entry; that is refused
// while any leaf maps it writable, and its entries are validated then. Afterwards no
// update may map it writable. The guest kernel runs in the hart's U-mode, so a leaf the
// guest wrote without U gets U from the VMM, with the RSW bit kGuestKernel recording the
// guest's intent (Xen's adjust_guest_l1e and _PAGE_GUEST_KERNEL for 64-bit PV guests).
#pragma once

#include "hypervisor/PhysToMachine.h"
#include "machine/Machine.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace vizor::hv {

// Why an update (or a root) was refused.
enum class DirectRefusal : uint8_t {
    None,
    NotVmMemory,       // the PTE's address is not a word of this VM's RAM
    NotVmFrame,        // a leaf maps a frame the VM does not own
    WritableTable,     // a leaf would map a page-table frame writable
    WritableSuperpage, // a 4 MiB leaf over RAM may only be read-only
    MappedWritable,    // a frame named as a table is mapped writable somewhere
    BadLevel,          // a non-leaf entry in a level-0 table, or a root used as level 0
};
std::string_view directRefusalName(DirectRefusal refusal);

class DirectPaging {
public:
    // The RSW bit that marks a leaf the guest wrote for its kernel (without U).
    static constexpr uint32_t kGuestKernel = 1u << 8;
    // The RSW bit of a leaf that maps a device the VMM emulates (the UART and the
    // virtio-mmio window are not passed through): kept invalid for the hart, so every
    // access faults and the VMM finds the device address here.
    static constexpr uint32_t kEmulatedIo = 1u << 9;

    // `owned` says whether a host physical address is this VM's (its RAM through the
    // p2m, or a device it is given); `bootTable` is a page of VMM memory.
    DirectPaging(Machine& machine, const PhysToMachine& p2m, std::function<bool(uint32_t)> owned,
                 uint32_t bootTable);
    // Forgets every type and count; builds the boot table (below) again.
    void reset();

    // Validates and applies one guest update of the PTE at guest-physical `pteAddress`.
    DirectRefusal update(uint32_t pteAddress, uint32_t pte);
    // Validates `guestSatp`'s root (pinning it, and the tables it points at).
    DirectRefusal setRoot(uint32_t guestSatp);
    // The real satp for the guest's: its own root, in host frames; while the guest
    // has paging off, the boot table, which maps its RAM and UART one to one (Xen's
    // domain builder also starts a PV guest on tables it built).
    uint32_t realSatp(uint32_t guestSatp) const;

    // The device address behind `vaddr` in the guest's tables when a leaf marked
    // kEmulatedIo maps it (with paging off: any address outside RAM); `kernelOnly` says
    // whether the guest mapped it for its kernel alone.
    std::optional<uint32_t> emulatedIo(uint32_t guestSatp, uint32_t vaddr, bool& kernelOnly) const;

    bool isTable(uint32_t hostFrame) const { return types_.level.count(hostFrame) != 0; }
    std::vector<uint32_t> tables() const; // host frame numbers of every pinned table
    uint32_t writableMappings(uint32_t hostFrame) const;

    // What the VMM knows beyond the tables in guest RAM (pinned frames, writable
    // counts), for time travel.
    struct Types {
        std::unordered_map<uint32_t, int> level;         // host frame -> page-table level
        std::unordered_map<uint32_t, uint32_t> writable; // host frame -> writable leaves
    };
    const Types& types() const { return types_; }
    void restoreTypes(const Types& types) { types_ = types; }

private:
    DirectRefusal checkLeaf(uint32_t pte, int level) const;
    DirectRefusal pin(uint32_t frame, int level);
    void count(uint32_t pte, int delta);
    std::optional<uint32_t> leafTarget(uint32_t pte) const; // host page a 4 KiB leaf maps
    uint32_t read(uint32_t address) const { return machine_.busRead(address, 4).value_or(0); }

    Machine& machine_;
    const PhysToMachine& p2m_;
    std::function<bool(uint32_t)> owned_;
    uint32_t bootTable_;
    Types types_;
};

} // namespace vizor::hv
