// EngineWorker's runs: slices of a few milliseconds, queued one after another so that
// commands from the GUI get through between them; throttled to the speed slider.
//
// Cost of exact watchpoints and event breakpoints: with any set, a run goes through
// Debugger::stepInstruction one instruction at a time and checks the watched words
// (a side-effect-free peek each) and the event flag after every one. Measured by
// bench_gui_latency on a tight loop: about 14 M instead of 400 M steps a second, some 30
// times slower than the engine's block-at-a-time run. That is plenty for the programs
// one watches a word in, and it never misses or overshoots a change.
#include "app/EngineWorker.h"

#include <QTimer>
#include <algorithm>
#include <chrono>
#include <cmath>

namespace vizor::app {

namespace {

constexpr qint64 kPublishIntervalMs = 16;     // at most ~60 snapshots a second
constexpr qint64 kSliceTargetNs = 10'000'000; // a slice should take about 10 ms
constexpr uint64_t kMinSliceSteps = 1'000;
constexpr uint64_t kMaxSliceSteps = 20'000'000;
constexpr int kMaxThrottleWaitMs = 50; // a slow run still wakes often enough to see commands

using Clock = std::chrono::steady_clock;

qint64 nanosecondsSince(Clock::time_point start) {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - start).count();
}

} // namespace

void EngineWorker::run() {
    startRunning(std::nullopt);
}

void EngineWorker::runToLine(int line) {
    if (!program_) return;
    if (const auto address = program_->addressForLine(line)) startRunning(*address);
}

void EngineWorker::startRunning(std::optional<uint32_t> target) {
    stopRunning();
    if (!runnable()) return publishStop(machine_->haltReason());
    running_ = true;
    runTarget_ = target;
    watches_.rebase(*machine_);
    throttleClock_.start();
    throttleExecuted_ = 0;
    publish(false, HaltReason::None);
    const quint64 generation = generation_;
    QMetaObject::invokeMethod(
        this, [this, generation] { runSlice(generation); }, Qt::QueuedConnection);
}

void EngineWorker::setSpeed(double instructionsPerSecond) {
    speed_ = std::max(0.0, instructionsPerSecond);
    throttleClock_.start(); // the new speed counts from now
    throttleExecuted_ = 0;
}

// How many steps the speed limit allows now (0: wait), at most a normal slice.
uint64_t EngineWorker::throttledBudget() const {
    if (speed_ <= 0) return sliceSteps_;
    const double due =
        std::floor(static_cast<double>(throttleClock_.nsecsElapsed()) * 1e-9 * speed_);
    const double allowed = due - static_cast<double>(throttleExecuted_);
    return allowed < 1 ? 0 : std::min(sliceSteps_, static_cast<uint64_t>(allowed));
}

int EngineWorker::throttleWaitMs() const {
    const double nextAt = static_cast<double>(throttleExecuted_ + 1) / speed_;
    const double now = static_cast<double>(throttleClock_.nsecsElapsed()) * 1e-9;
    return std::clamp(static_cast<int>(std::ceil((nextAt - now) * 1000)), 1, kMaxThrottleWaitMs);
}

void EngineWorker::runSlice(quint64 generation) {
    if (!running_ || generation != generation_) return; // paused, or superseded by a newer command
    const uint64_t budget = throttledBudget();
    if (budget == 0) {
        QTimer::singleShot(throttleWaitMs(), this, [this, generation] { runSlice(generation); });
        return;
    }
    const bool fine = !watches_.empty() || events_->breakTypes() != 0;
    const auto start = Clock::now();
    const SliceEnd end = fine ? runFine(budget) : runFast(budget);
    throttleExecuted_ += end.executed;
    if (!fine && speed_ <= 0) {
        const qint64 ns = nanosecondsSince(start);
        if (ns < kSliceTargetNs / 2) sliceSteps_ = std::min(sliceSteps_ * 2, kMaxSliceSteps);
        if (ns > kSliceTargetNs * 2) sliceSteps_ = std::max(sliceSteps_ / 2, kMinSliceSteps);
    }
    if (end.reason != HaltReason::InstructionLimit || end.watchpoint || end.event) {
        stopRunning();
        watchpointHit_ = end.watchpoint;
        eventHit_ = end.event;
        const bool limitOnly = end.reason == HaltReason::InstructionLimit;
        return publishStop(limitOnly ? HaltReason::None : end.reason);
    }
    if (sincePublish_.elapsed() >= kPublishIntervalMs) publish(false, HaltReason::None);
    // Queued, not looped: whatever the GUI sent meanwhile (pause) is handled first.
    QMetaObject::invokeMethod(
        this, [this, generation] { runSlice(generation); }, Qt::QueuedConnection);
}

EngineWorker::SliceEnd EngineWorker::runFast(uint64_t budget) {
    const RunResult r =
        runTarget_ ? debugger_->runToAddress(*runTarget_, budget) : debugger_->continueRun(budget);
    return {r.reason, r.executed, std::nullopt, false};
}

// One instruction at a time, checking watched words and events after each, for at most
// a slice's time. Breakpoints and the run target are checked here too: stepInstruction
// ignores them.
EngineWorker::SliceEnd EngineWorker::runFine(uint64_t budget) {
    const auto start = Clock::now();
    SliceEnd end;
    const std::set<uint32_t>& breakpoints = debugger_->breakpoints();
    while (end.executed < budget) {
        events_->clearHit();
        const RunResult r = debugger_->stepInstruction();
        end.executed += r.executed;
        if (r.reason != HaltReason::InstructionLimit && r.reason != HaltReason::None) {
            end.reason = r.reason;
            break;
        }
        end.watchpoint = watches_.changed(*machine_);
        end.event = events_->hit();
        const uint32_t pc = machine_->hart().pc;
        if (breakpoints.contains(pc) || (runTarget_ && pc == *runTarget_))
            end.reason = HaltReason::Breakpoint;
        if (end.watchpoint || end.event || end.reason != HaltReason::InstructionLimit) break;
        if ((end.executed & 255) == 0 && nanosecondsSince(start) > kSliceTargetNs) break;
    }
    return end;
}

void EngineWorker::pause() {
    if (!running_) return;
    stopRunning();
    publishStop(HaltReason::None);
}

} // namespace vizor::app
