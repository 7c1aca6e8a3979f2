#include "hypervisor/memory/P2m.h"

namespace vizor::hv::memory {

P2m::P2m(HostMemory& host, uint32_t firstGfn, uint32_t frames)
    : host_(host), vm_(host.attach(*this)), firstGfn_(firstGfn), entries_(frames) {}

P2mEntry P2m::lookup(uint32_t gfn) const {
    return covers(gfn) ? entries_[gfn - firstGfn_] : P2mEntry{};
}

// A frame from the pool, or one taken back from some VM (possibly this one) when the
// pool is empty: that VM's guest frame becomes Swapped.
std::optional<HostFrame> P2m::obtainFrame(uint32_t gfn) {
    if (auto f = host_.allocate(vm_, gfn)) return f;
    const auto victim = host_.pickVictim();
    if (!victim) return std::nullopt;
    const HostMemory::Frame owner = host_.frame(*victim);
    host_.p2mOf(owner.owner).swapOut(owner.gfn);
    return host_.allocate(vm_, gfn);
}

std::optional<HostFrame> P2m::touch(uint32_t gfn) {
    if (!covers(gfn)) {
        ++stats_.touchRefused;
        return std::nullopt;
    }
    P2mEntry& e = entry(gfn);
    if (e.state == P2mState::Present) return e.frame;
    if (e.state == P2mState::Ballooned) {
        ++stats_.touchRefused;
        return std::nullopt;
    }
    const auto f = obtainFrame(gfn);
    if (!f) {
        ++stats_.touchRefused;
        return std::nullopt;
    }
    const bool wasSwapped = entry(gfn).state == P2mState::Swapped;
    entry(gfn) = P2mEntry{P2mState::Present, *f, wasSwapped};
    ++present_;
    if (wasSwapped) {
        --swapped_;
        ++stats_.swapIns;
        host_.countSwapIn();
    } else {
        ++stats_.demandAllocations;
    }
    notify(gfn, wasSwapped ? P2mChange::SwappedIn : P2mChange::Backed);
    return f;
}

bool P2m::swapOut(uint32_t gfn) {
    if (!covers(gfn) || entry(gfn).state != P2mState::Present) return false;
    host_.release(entry(gfn).frame);
    entry(gfn) = P2mEntry{P2mState::Swapped, 0};
    --present_;
    ++swapped_;
    ++stats_.swapOuts;
    host_.countSwapOut();
    notify(gfn, P2mChange::SwappedOut);
    return true;
}

bool P2m::inflate(uint32_t gfn) {
    if (!covers(gfn)) return false;
    P2mEntry& e = entry(gfn);
    switch (e.state) {
    case P2mState::Ballooned:
        return false;
    case P2mState::Present:
        host_.release(e.frame);
        --present_;
        if (e.swappedIn) ++stats_.doublePaging; // swapped in only to be given away
        break;
    case P2mState::Swapped: // the host already paged it out; now the guest gives it up
        --swapped_;
        ++stats_.doublePaging;
        break;
    case P2mState::NotPresent:
        break;
    }
    e = P2mEntry{P2mState::Ballooned, 0};
    ++ballooned_;
    ++stats_.balloonInflated;
    notify(gfn, P2mChange::Ballooned);
    return true;
}

bool P2m::deflate(uint32_t gfn) {
    if (!covers(gfn) || entry(gfn).state != P2mState::Ballooned) return false;
    entry(gfn) = P2mEntry{};
    --ballooned_;
    ++stats_.balloonDeflated;
    notify(gfn, P2mChange::Deflated);
    return true;
}

uint32_t P2m::releaseAll() {
    uint32_t released = 0;
    for (P2mEntry& e : entries_) {
        if (e.state == P2mState::Present) {
            host_.release(e.frame);
            ++released;
        }
        e = P2mEntry{};
    }
    present_ = ballooned_ = swapped_ = 0;
    return released;
}

} // namespace vizor::hv::memory
