#include "hypervisor/MultiVm.h"

#include <algorithm>

namespace vizor::hv {

namespace {
uint32_t hostFramesFor(const MultiVmConfig& config, uint32_t vmCount) {
    if (config.hostFrames) return config.hostFrames;
    return vmCount * (config.vm.guestRamSize >> 12);
}
} // namespace

MultiVm::MultiVm(const MultiVmConfig& config, uint32_t vmCount)
    : config_(config), host_(std::make_unique<memory::HostMemory>(hostFramesFor(config, vmCount))),
      executed_(vmCount, 0) {
    for (uint32_t i = 0; i < vmCount; ++i)
        vms_.push_back(std::make_unique<HostedVm>(config.vm, *host_));
}

bool MultiVm::load(uint32_t vm, const Program& program, bool balloon, std::string& error) {
    if (vm >= vms_.size()) {
        error = "no VM " + std::to_string(vm);
        return false;
    }
    if (balloon) vms_[vm]->addBalloon();
    return vms_[vm]->load(program, error);
}

void MultiVm::addBalloonTarget(const BalloonTarget& target) {
    pending_.push_back(target);
}

// A turn that used up its steps ends with InstructionLimit: the VM runs on next turn.
bool MultiVm::halted(uint32_t i) const {
    const HaltReason reason = vms_[i]->machine().haltReason();
    return reason == HaltReason::PowerOff || reason == HaltReason::Failure ||
           reason == HaltReason::Deadlock || reason == HaltReason::Breakpoint;
}

bool MultiVm::finished(uint32_t i, uint64_t maxSteps) const {
    return halted(i) || executed_[i] >= maxSteps;
}

void MultiVm::applyBalloonTargets(uint32_t i) {
    HostedVm& vm = *vms_[i];
    const uint64_t cycle = vm.machine().hart().cycle;
    auto due = [&](const BalloonTarget& t) { return t.vm == i && t.atCycle <= cycle; };
    for (const BalloonTarget& t : pending_)
        if (due(t)) vm.setBalloonTarget(t.pages);
    std::erase_if(pending_, due);
}

void MultiVm::record(uint32_t i) {
    HostSample sample;
    sample.hostSteps = hostSteps_;
    sample.vm = i;
    sample.freeFrames = host_->freeFrames();
    for (const auto& vm : vms_) {
        sample.usedFrames.push_back(host_->usedBy(vm->p2m().vm()));
        sample.balloonPages.push_back(vm->balloon().actual());
    }
    HostedVm& vm = *vms_[i];
    vm.machine().emitEvent(EventType::HostFrames, sample.freeFrames, sample.usedFrames[i],
                           sample.balloonPages[i], static_cast<uint32_t>(host_->swapOuts()));
    timeline_.push_back(std::move(sample));
}

void MultiVm::run(uint64_t maxSteps) {
    for (bool any = true; any;) {
        any = false;
        for (uint32_t i = 0; i < vms_.size(); ++i) {
            if (finished(i, maxSteps)) continue;
            any = true;
            applyBalloonTargets(i);
            HostedVm& vm = *vms_[i];
            vm.resume();
            const RunResult r = vm.run(std::min(config_.slice, maxSteps - executed_[i]));
            executed_[i] += r.executed;
            hostSteps_ += r.executed;
            ++turns_;
            if (halted(i)) vm.p2m().releaseAll(); // a powered-off VM holds no host memory
            record(i);
        }
    }
}

} // namespace vizor::hv
