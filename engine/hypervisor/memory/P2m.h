// One VM's physical-to-machine map (Xen's name; "p2m"): for each guest-physical frame,
// the host frame backing it, or why there is none. The hypervisor consults it before it
// lets the guest touch a frame (a shadow leaf, a direct-paging PTE or a G-stage leaf
// may only point at a present frame), and it is where ballooning and host swapping
// take frames away from a VM.
//
//   NotPresent: never touched; the first touch allocates (demand allocation)
//   Present:    backed by host frame `frame`
//   Ballooned:  the guest gave it to the balloon; touching it is a guest bug
//   Swapped:    the host took its frame back (host swapping); the next touch swaps it in
#pragma once

#include "hypervisor/memory/HostMemory.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace vizor::hv::memory {

enum class P2mState : uint8_t { NotPresent, Present, Ballooned, Swapped };

struct P2mEntry {
    P2mState state = P2mState::NotPresent;
    HostFrame frame = 0;    // valid only when Present
    bool swappedIn = false; // Present again after a host swap-out (see doublePaging)
};

// What happened to a frame, for the VMM's listener (it must drop any mapping of the
// guest frame it built — shadow leaf, G-stage leaf, TLB entry — when one goes away).
enum class P2mChange : uint8_t { Backed, SwappedOut, SwappedIn, Ballooned, Deflated };

struct P2mStats {
    uint64_t demandAllocations = 0; // first touches given a frame
    uint64_t swapOuts = 0;          // this VM's frames the host took back
    uint64_t swapIns = 0;           // this VM's frames brought back on touch
    // The guest gave its balloon a page the host had swapped out: still out, or brought
    // back in (the driver reads a free page's list link) and not taken since.
    uint64_t doublePaging = 0;
    uint64_t balloonInflated = 0, balloonDeflated = 0; // pages, cumulative
    uint64_t touchRefused = 0; // touches of ballooned frames, or with no frame at all
};

class P2m {
public:
    // Guest-physical frames [firstGfn, firstGfn + frames) of this VM, on `host`.
    P2m(HostMemory& host, uint32_t firstGfn, uint32_t frames);
    P2m(const P2m&) = delete;
    P2m& operator=(const P2m&) = delete;

    VmId vm() const { return vm_; }
    bool covers(uint32_t gfn) const { return gfn - firstGfn_ < entries_.size(); }
    P2mEntry lookup(uint32_t gfn) const; // NotPresent outside the covered range

    // The guest (or the VMM on its behalf) touches `gfn`: returns its host frame,
    // allocating on first touch, swapping it in if the host had swapped it out, and
    // swapping another frame out (of any VM, see HostMemory::pickVictim) when the pool
    // is empty. nullopt for a ballooned frame, a frame outside the VM, or an empty
    // host with nothing to evict.
    std::optional<HostFrame> touch(uint32_t gfn);

    // The host takes `gfn`'s frame back (host swapping). False if it was not present.
    bool swapOut(uint32_t gfn);

    // Balloon: the guest gives `gfn` (its frame, if any, returns to the host pool) or
    // takes it back (it becomes NotPresent: backed again on its next touch). False for
    // a frame outside the VM or already in that state.
    bool inflate(uint32_t gfn);
    bool deflate(uint32_t gfn);

    // The VM is gone (powered off): every frame it holds goes back to the host, and
    // its guest frames are all NotPresent again. Returns the frames released.
    uint32_t releaseAll();

    uint32_t presentFrames() const { return present_; }
    uint32_t balloonedFrames() const { return ballooned_; }
    uint32_t swappedFrames() const { return swapped_; }
    const P2mStats& stats() const { return stats_; }

    void setListener(std::function<void(uint32_t gfn, P2mChange change)> listener) {
        listener_ = std::move(listener);
    }

private:
    P2mEntry& entry(uint32_t gfn) { return entries_[gfn - firstGfn_]; }
    std::optional<HostFrame> obtainFrame(uint32_t gfn);
    void notify(uint32_t gfn, P2mChange change) {
        if (listener_) listener_(gfn, change);
    }

    HostMemory& host_;
    VmId vm_;
    uint32_t firstGfn_;
    std::vector<P2mEntry> entries_;
    uint32_t present_ = 0, ballooned_ = 0, swapped_ = 0;
    P2mStats stats_;
    std::function<void(uint32_t, P2mChange)> listener_;
};

} // namespace vizor::hv::memory
