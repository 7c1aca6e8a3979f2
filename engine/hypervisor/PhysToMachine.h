// Guest-physical to host-physical, Xen's "physical-to-machine" (p2m) map, as the shadow
// and direct pagers ask it: the one place where the VMM learns which host page backs a
// guest page. Today each VM is alone on its Machine and its RAM sits at the same
// addresses on the host (the identity over RAM and the UART); a host frame pool shared
// by several VMs plugs in here, and nothing else in the pagers changes.
#pragma once

#include "machine/Machine.h"

#include <cstdint>
#include <optional>

namespace vizor::hv {

class PhysToMachine {
public:
    PhysToMachine(uint32_t ramBase, uint32_t ramSize) : ramBase_(ramBase), ramSize_(ramSize) {}

    // The host page behind a guest page, nullopt where the guest has nothing (a hole,
    // or memory it does not own). Pages are 4 KiB aligned addresses, not numbers.
    std::optional<uint32_t> hostPage(uint32_t guestPage) const {
        if (isRam(guestPage) || guestPage == board::kUartBase) return guestPage;
        return std::nullopt;
    }
    bool isRam(uint32_t guestPage) const { return guestPage - ramBase_ < ramSize_; }
    uint32_t ramEnd() const { return ramBase_ + ramSize_; }

private:
    uint32_t ramBase_, ramSize_;
};

} // namespace vizor::hv
