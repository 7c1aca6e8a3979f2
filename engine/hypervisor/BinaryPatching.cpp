#include "hypervisor/BinaryPatching.h"

#include "cpu/Csr.h"
#include "mmu/Sv32.h"

namespace vizor::hv {

using namespace csr;
using isa::Op;

namespace {

constexpr uint32_t kPage = 4096;

// The sensitive set, as bt's callouts: what traps (or, with the x86-style switch,
// misbehaves) when run deprivileged. ecall is left alone: it is a deliberate trap.
bool sensitive(uint32_t word) {
    switch (isa::decode(word).op) {
    case Op::Csrrw:
    case Op::Csrrs:
    case Op::Csrrc:
    case Op::Csrrwi:
    case Op::Csrrsi:
    case Op::Csrrci:
    case Op::Sret:
    case Op::Wfi:
    case Op::SfenceVma:
        return true;
    default:
        return false;
    }
}

} // namespace

BinaryPatching::BinaryPatching(const VmConfig& config) : TrapAndEmulate(config) {}

bool BinaryPatching::load(const Program& program, std::string& error) {
    pages_.clear();
    return TrapAndEmulate::load(program, error);
}

uint32_t BinaryPatching::originalWord(uint32_t gpa) const {
    const auto it = pages_.find(gpa & ~(kPage - 1));
    if (it == pages_.end()) return machine_->busRead(gpa & ~3u, 4).value_or(0);
    return it->second.original[(gpa & (kPage - 1)) / 4];
}

bool BinaryPatching::isPatched(uint32_t gpa) const {
    const auto it = pages_.find(gpa & ~(kPage - 1));
    return it != pages_.end() && it->second.patched[(gpa & (kPage - 1)) / 4];
}

void BinaryPatching::event(uint32_t address, PatchEvent kind, uint32_t word) {
    machine_->emitEvent(EventType::Patch, address, static_cast<uint32_t>(kind), word);
}

bool BinaryPatching::fetchGpa(uint32_t pc, uint32_t& gpa) {
    const GuestWalk w = walkGuest(*machine_, mmuContext(vcpu_.priv), pc, Access::Fetch, false);
    stats_.walkReferences += static_cast<uint64_t>(w.references);
    gpa = w.gpa;
    return w.ok && w.gpa >= board::kRamBase && w.gpa < board::kRamBase + config_.guestRamSize;
}

// CSAM's job: keep the page's original words, then overwrite each sensitive one in
// place with the patch-site word. Shadow entries already built for the page (maybe
// readable or writable) are flushed so that it comes back execute-only.
void BinaryPatching::scanPage(uint32_t page) {
    if (pages_.count(page) || shadow_.isPageTable(page)) return;
    CodePage& cp = pages_[page];
    for (uint32_t i = 0; i < 1024; ++i) {
        cp.original[i] = machine_->busRead(page + 4 * i, 4).value_or(0);
        if (!sensitive(cp.original[i])) continue;
        cp.patched[i] = true;
        ++cp.sites;
        machine_->busWrite(page + 4 * i, kPatchSite, 4);
        ++stats_.patchesApplied;
        event(page + 4 * i, PatchEvent::Applied, cp.original[i]);
    }
    shadow_.flushAll();
}

// Gives the page back its original words (an access the patch path cannot serve).
void BinaryPatching::unpatchPage(uint32_t page) {
    const auto it = pages_.find(page);
    if (it == pages_.end()) return;
    for (uint32_t i = 0; i < 1024; ++i)
        if (it->second.patched[i]) dropSite(it->second, page, i);
    pages_.erase(it);
    shadow_.flushAll();
}

void BinaryPatching::dropSite(CodePage& cp, uint32_t page, uint32_t index) {
    cp.patched[index] = false;
    --cp.sites;
    machine_->busWrite(page + 4 * index, cp.original[index], 4);
    ++stats_.patchesDropped;
    event(page + 4 * index, PatchEvent::Dropped, cp.original[index]);
}

// A guest load or store on a scanned page, served from (and applied to) the original
// words. A store over a patch site drops the patch: the new word runs as written (if
// it is sensitive it traps, and the trap path re-patches it).
uint32_t BinaryPatching::accessOriginal(uint32_t gpa, unsigned size, bool write, uint32_t value) {
    const uint32_t page = gpa & ~(kPage - 1);
    CodePage& cp = pages_.at(page);
    const uint32_t index = (gpa & (kPage - 1)) / 4;
    const unsigned shift = 8 * (gpa & 3);
    const uint32_t mask = size == 4 ? ~0u : ((1u << (8 * size)) - 1) << shift;
    if (!write) return (cp.original[index] & mask) >> shift;
    cp.original[index] = (cp.original[index] & ~mask) | ((value << shift) & mask);
    if (cp.patched[index])
        dropSite(cp, page, index);
    else
        machine_->busWrite(page + 4 * index, cp.original[index], 4);
    return 0;
}

bool BinaryPatching::handleTrap(Machine& machine, const TrapInfo& trap) {
    if (dispatching_ || trap.priv != Privilege::User || trap.interrupt())
        return TrapAndEmulate::handleTrap(machine, trap);
    uint32_t gpa = 0;
    const bool kernel = vcpu_.priv == Privilege::Supervisor;
    if (trap.cause == kIllegalInstruction && fetchGpa(trap.pc, gpa)) {
        // A site hit from virtual U too (a user mapping of a kernel code page): the
        // emulation of the original decides what it means there.
        if (isPatched(gpa)) return dispatchSite(trap, gpa);
        if (kernel) repatch(gpa, trap.tval);
        return TrapAndEmulate::handleTrap(machine, trap);
    }
    const bool fault = trap.cause == kInstructionPageFault || trap.cause == kLoadPageFault ||
                       trap.cause == kStorePageFault;
    if (!fault) return TrapAndEmulate::handleTrap(machine, trap);
    const Access access = trap.cause == kInstructionPageFault ? Access::Fetch
                          : trap.cause == kLoadPageFault      ? Access::Load
                                                              : Access::Store;
    const GuestWalk w = walkGuest(*machine_, mmuContext(vcpu_.priv), trap.tval, access, false);
    const bool ram = w.gpa >= board::kRamBase && w.gpa < board::kRamBase + config_.guestRamSize;
    const uint32_t page = w.gpa & ~(kPage - 1);
    if (w.ok && ram && kernel && access == Access::Fetch) scanPage(page); // its first fetch
    if (!w.ok || !ram || !pages_.count(page)) return TrapAndEmulate::handleTrap(machine, trap);
    if (access != Access::Fetch && emulateOnPage(trap, page)) return true;
    // Trap mode maps the page (and runs its epilogue); a scanned page is then narrowed
    // to execute-only so that no load or store reaches the patched words.
    const bool handled = TrapAndEmulate::handleTrap(machine, trap);
    if (pages_.count(page)) {
        const GuestWalk again =
            walkGuest(*machine_, mmuContext(vcpu_.priv), trap.tval, access, false);
        shadow_.install(vcpu_.csr.satp, vcpu_.translationRole(), trap.tval, again, page,
                        sv32::kPteX);
        machine_->flushTranslations();
    }
    return handled;
}

// PATM: a patch site, dispatched from the patch table to the emulation of the
// original instruction (callout: no generic decode of the site word, no world switch).
bool BinaryPatching::dispatchSite(const TrapInfo& trap, uint32_t gpa) {
    const uint32_t original = originalWord(gpa);
    ++stats_.patchHits;
    event(trap.pc, PatchEvent::Hit, original);
    dispatching_ = true;
    callout({kIllegalInstruction, original, trap.pc, Privilege::User});
    dispatching_ = false;
    return true;
}

// A sensitive instruction trapped as in trap mode: its page was never scanned (it was
// mapped by a load first), or the word was written after the scan. Patch it now.
void BinaryPatching::repatch(uint32_t gpa, uint32_t word) {
    const auto it = pages_.find(gpa & ~(kPage - 1));
    if (it == pages_.end()) return scanPage(gpa & ~(kPage - 1));
    if (!sensitive(word)) return;
    CodePage& cp = it->second;
    const uint32_t i = (gpa & (kPage - 1)) / 4;
    cp.patched[i] = true;
    ++cp.sites;
    machine_->busWrite(gpa & ~3u, kPatchSite, 4);
    ++stats_.patchesApplied;
    event(gpa, PatchEvent::Applied, cp.original[i]);
}

// A load or store on a scanned page, served from (or applied to) its original words.
bool BinaryPatching::emulateOnPage(const TrapInfo& trap, uint32_t page) {
    exit(ExitReason::HiddenPageFault, trap.tval);
    const Access access = trap.cause == kLoadPageFault ? Access::Load : Access::Store;
    const GuestWalk w = walkGuest(*machine_, mmuContext(vcpu_.priv), trap.tval, access, true);
    stats_.walkReferences += static_cast<uint64_t>(w.references);
    const bool done =
        emulateAccess(trap.pc, w.gpa, [this](uint32_t gpa, unsigned size, bool write, uint32_t v) {
            return accessOriginal(gpa, size, write, v);
        });
    if (!done) {
        unpatchPage(page); // an AMO or the like: give up the page's patches
        return false;
    }
    machine_->emitEvent(EventType::WorldSwitch, 1);
    return true;
}

} // namespace vizor::hv
