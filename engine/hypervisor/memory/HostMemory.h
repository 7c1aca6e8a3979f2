// The host's physical memory as the hypervisor accounts it: a fixed number of host
// frames shared by every VM on the host. The pool may be overcommitted: the VMs'
// guest-physical sizes together may exceed it, because a guest frame takes a host
// frame only when first touched (and gives it back when ballooned or swapped out).
// See README.md ("Host memory, p2m, ballooning") for how this relates to each VM's
// Machine RAM.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace vizor::hv::memory {

using HostFrame = uint32_t; // host frame number, 0 .. totalFrames()-1
using VmId = uint32_t;      // index of the VM on this host

class P2m;

class HostMemory {
public:
    explicit HostMemory(uint32_t frames);
    HostMemory(const HostMemory&) = delete;
    HostMemory& operator=(const HostMemory&) = delete;

    uint32_t totalFrames() const { return static_cast<uint32_t>(frames_.size()); }
    uint32_t freeFrames() const { return free_; }
    uint32_t usedBy(VmId vm) const; // host frames backing `vm` right now

    struct Frame {
        bool used = false;
        VmId owner = 0;
        uint32_t gfn = 0; // the owner's guest frame it backs
    };
    const Frame& frame(HostFrame f) const { return frames_.at(f); }

    // A free frame for `owner`'s guest frame `gfn`, lowest number first (deterministic);
    // nullopt when none is free (the caller then swaps one out: see P2m::touch).
    std::optional<HostFrame> allocate(VmId owner, uint32_t gfn);
    void release(HostFrame f);

    // Each VM's P2m registers itself, so that a frame can be taken back from any VM
    // when the pool runs dry (host swapping). VmIds are handed out in order.
    VmId attach(P2m& p2m);
    P2m& p2mOf(VmId vm) const { return *vms_.at(vm); }
    uint32_t vmCount() const { return static_cast<uint32_t>(vms_.size()); }

    // The host's page replacement: the next used frame after the last victim, in frame
    // order (a clock hand without reference bits: deterministic, and spread over all
    // VMs, as a host that cannot see inside its guests would). nullopt: none is used.
    std::optional<HostFrame> pickVictim();

    uint64_t swapOuts() const { return swapOuts_; }
    uint64_t swapIns() const { return swapIns_; }
    void countSwapOut() { ++swapOuts_; }
    void countSwapIn() { ++swapIns_; }

private:
    std::vector<Frame> frames_;
    std::vector<P2m*> vms_;
    std::vector<uint32_t> usedBy_;
    uint32_t free_ = 0;
    uint32_t clockHand_ = 0;
    uint32_t nextFree_ = 0; // lowest frame that may be free (search starts here)
    uint64_t swapOuts_ = 0, swapIns_ = 0;
};

} // namespace vizor::hv::memory
