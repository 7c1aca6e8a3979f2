// Checks that a shadow page table says what the guest's tables and the p2m say
// together (shadow = guest ∘ p2m), leaf by leaf, for the root the hart runs on now.
#pragma once

#include "hypervisor/GuestPageWalk.h"
#include "hypervisor/TrapAndEmulate.h"
#include "mmu/Sv32.h"

#include <string>

namespace hvtest {

// Empty when every shadow leaf of the current root agrees with the guest; otherwise
// what disagrees, for the test's failure message.
inline std::string auditShadow(vizor::hv::TrapAndEmulate& vm) {
    using namespace vizor;
    using namespace vizor::hv;
    using namespace vizor::sv32;
    Machine& m = vm.machine();
    const GuestMmuContext ctx = vm.guestMmu();
    const uint32_t realSatp = m.hart().csr.satp;
    for (const ShadowLeaf& leaf : vm.shadow().leaves(realSatp)) {
        auto fail = [&](const std::string& what) {
            char text[160];
            std::snprintf(text, sizeof text, "vaddr %08x shadow pte %08x (at %08x): ", leaf.vaddr,
                          leaf.pte, leaf.address);
            return text + what;
        };
        const bool r = leaf.pte & kPteR, w = leaf.pte & kPteW, x = leaf.pte & kPteX;
        const Access probe = r ? Access::Load : Access::Fetch;
        // A debugger's walk: no A/D update, so the audit changes nothing it checks.
        const GuestWalk g = walkGuest(m, ctx, leaf.vaddr, probe, false);
        if (!g.ok) return fail("the guest's tables do not map it (a stale shadow entry)");
        const auto host = vm.p2m().hostPage(g.gpa & ~0xfffu);
        if (!host || *host >> 12 != ptePpn(leaf.pte))
            return fail("host page is not p2m(guest page)");
        if (g.leafPteAddress == 0) continue; // satp Bare: everything, and no PTE for A/D
        if (x && !guestPermits(g.leafPte, Access::Fetch, ctx))
            return fail("executable, the guest says not");
        if (w && !guestPermits(g.leafPte, Access::Store, ctx))
            return fail("writable, the guest says not");
        if (!(g.leafPte & kPteA)) return fail("mapped, but the guest's A bit is clear");
        if (w && !(g.leafPte & kPteD)) return fail("writable, but the guest's D bit is clear");
        if (w && vm.shadow().isPageTable(g.gpa)) return fail("a guest page table mapped writable");
    }
    return {};
}

} // namespace hvtest
