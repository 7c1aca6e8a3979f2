#include "hypervisor/memory/HostMemory.h"

#include "hypervisor/memory/P2m.h"

namespace vizor::hv::memory {

HostMemory::HostMemory(uint32_t frames) : frames_(frames), free_(frames) {}

uint32_t HostMemory::usedBy(VmId vm) const {
    return vm < usedBy_.size() ? usedBy_[vm] : 0;
}

std::optional<HostFrame> HostMemory::allocate(VmId owner, uint32_t gfn) {
    if (free_ == 0) return std::nullopt;
    for (uint32_t f = nextFree_; f < frames_.size(); ++f) {
        if (frames_[f].used) continue;
        frames_[f] = Frame{true, owner, gfn};
        --free_;
        ++usedBy_.at(owner);
        nextFree_ = f + 1;
        return f;
    }
    return std::nullopt; // unreachable while free_ is right
}

void HostMemory::release(HostFrame f) {
    Frame& frame = frames_.at(f);
    if (!frame.used) return;
    --usedBy_.at(frame.owner);
    frame = Frame{};
    ++free_;
    if (f < nextFree_) nextFree_ = f;
}

VmId HostMemory::attach(P2m& p2m) {
    vms_.push_back(&p2m);
    usedBy_.push_back(0);
    return static_cast<VmId>(vms_.size() - 1);
}

std::optional<HostFrame> HostMemory::pickVictim() {
    const auto n = static_cast<uint32_t>(frames_.size());
    for (uint32_t i = 0; i < n; ++i) {
        const uint32_t f = (clockHand_ + i) % n;
        if (!frames_[f].used) continue;
        clockHand_ = (f + 1) % n;
        return f;
    }
    return std::nullopt;
}

} // namespace vizor::hv::memory
