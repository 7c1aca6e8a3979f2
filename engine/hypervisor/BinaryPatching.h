// Binary patching (as VirtualBox's raw-mode PATM/CSAM did on x86): the guest kernel
// runs deprivileged as in trap-and-emulate (same virtual CPU, shadow page tables, SBI,
// interrupt injection), and its code runs directly. Before a guest code page first
// runs, the VMM scans it and overwrites each sensitive instruction in place with a
// patch-site word that traps to the VMM, which dispatches the site from its patch
// table straight to the emulation of the original instruction (no generic decode of
// the trapping word). The page is then execute-only in the shadow: guest loads from
// it are served the original words, and a guest store over a patch site drops it.
#pragma once

#include "hypervisor/TrapAndEmulate.h"

#include <array>
#include <unordered_map>

namespace vizor::hv {

// Patch event kinds (Patch event's `b`).
enum class PatchEvent : uint8_t { Applied, Hit, Dropped };

class BinaryPatching final : public TrapAndEmulate {
public:
    // The patch-site word: all zeros, which the ISA reserves as illegal forever, so
    // no real instruction is ever mistaken for a site.
    static constexpr uint32_t kPatchSite = 0;

    explicit BinaryPatching(const VmConfig& config);
    std::string_view mode() const override { return "patch"; }
    bool load(const Program& program, std::string& error) override;
    // The original word at guest-physical `gpa` (what the guest sees there).
    uint32_t originalWord(uint32_t gpa) const;
    bool isPatched(uint32_t gpa) const;
    VmmStatePtr saveState() const override;
    void restoreState(const VmmStatePtr& state) override;
    struct State; // what it saves (VmmState.cpp)

private:
    // A scanned code page: the guest's own words and which of them are patched.
    struct CodePage {
        std::array<uint32_t, 1024> original{};
        std::array<bool, 1024> patched{};
        uint32_t sites = 0;
    };

    bool handleTrap(Machine& machine, const TrapInfo& trap) override;
    bool dispatchSite(const TrapInfo& trap, uint32_t gpa);
    void repatch(uint32_t gpa, uint32_t word);
    bool emulateOnPage(const TrapInfo& trap, uint32_t page);
    bool fetchGpa(uint32_t pc, uint32_t& gpa);
    void scanPage(uint32_t page);
    void unpatchPage(uint32_t page);
    uint32_t accessOriginal(uint32_t gpa, unsigned size, bool write, uint32_t value);
    void dropSite(CodePage& cp, uint32_t page, uint32_t index);
    void event(uint32_t address, PatchEvent kind, uint32_t word);

    std::unordered_map<uint32_t, CodePage> pages_; // guest-physical page -> scanned page
    bool dispatching_ = false;
};

} // namespace vizor::hv
