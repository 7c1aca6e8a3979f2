#include "datacenter/Migration.h"

#include "machine/DirtyLog.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace vizor::dc {

namespace {

constexpr double kTimebaseHz = 10'000'000; // QEMU virt: timebase-frequency 10 MHz

// The link and the pages in flight: what the destination has received so far.
class Transfer {
public:
    Transfer(const Machine& source, const MigrationConfig& config)
        : source_(source), config_(config),
          image_(std::size_t{DirtyLog::pageCount(source)} * DirtyLog::kPageBytes) {}

    // Copies `pages` out of the source as they are now; returns the round's link use.
    MigrationRound send(const std::vector<uint32_t>& pages) {
        MigrationRound r;
        for (uint32_t page : pages) {
            std::span<uint8_t> slot(&image_[std::size_t{page} * DirtyLog::kPageBytes],
                                    DirtyLog::kPageBytes);
            DirtyLog::readPage(source_, page, slot);
            const bool zero = std::all_of(slot.begin(), slot.end(), [](uint8_t b) { return !b; });
            r.zeroPages += zero ? 1 : 0;
            r.bytes += zero ? config_.zeroPageBytes : DirtyLog::kPageBytes;
        }
        r.pagesSent = static_cast<uint32_t>(pages.size());
        r.seconds = seconds(r.bytes);
        return r;
    }
    double seconds(uint64_t bytes) const {
        return static_cast<double>(bytes) * 8 / (config_.bandwidthMbps * 1e6);
    }
    // A fresh machine holding the source's CPU and device state and, as RAM, exactly
    // the pages that crossed the link.
    std::unique_ptr<Machine> resume() const {
        auto destination = std::make_unique<Machine>(source_.config());
        destination->restore(source_.snapshot()); // registers, CSRs, devices, counters
        for (uint32_t page = 0; page < DirtyLog::pageCount(source_); ++page)
            DirtyLog::writePage(
                *destination, page,
                std::span(&image_[std::size_t{page} * DirtyLog::kPageBytes], DirtyLog::kPageBytes));
        return destination;
    }

private:
    const Machine& source_;
    const MigrationConfig& config_;
    std::vector<uint8_t> image_;
};

std::vector<uint32_t> allPages(const Machine& machine) {
    std::vector<uint32_t> pages(DirtyLog::pageCount(machine));
    for (uint32_t i = 0; i < pages.size(); ++i)
        pages[i] = i;
    return pages;
}

// Xen's conditions for leaving the pre-copy loop; "" to go on.
std::string stopRule(const MigrationConfig& c, const MigrationRound& r, uint64_t totalSent,
                     uint32_t vmPages) {
    if (r.pagesDirtied < c.minPagesLeft)
        return "fewer than " + std::to_string(c.minPagesLeft) + " pages left";
    if (r.round >= c.maxRounds) return std::to_string(c.maxRounds) + " rounds";
    if (static_cast<double>(totalSent) > c.maxFactor * vmPages)
        return "more than " + std::to_string(static_cast<int>(c.maxFactor)) +
               "x the VM's memory sent";
    return {};
}

double guestHzOf(const Machine& m);

// The guest powered off, failed or can never wake up again (not: stopped by a budget).
bool finished(const Machine& m) {
    const HaltReason r = m.haltReason();
    return r == HaltReason::PowerOff || r == HaltReason::Failure || r == HaltReason::Deadlock;
}

// Runs the guest for `seconds` of its own time (an idle wfi step may jump further).
uint64_t runFor(Machine& machine, double seconds) {
    const uint64_t target =
        machine.hart().cycle + static_cast<uint64_t>(std::llround(seconds * guestHzOf(machine)));
    uint64_t steps = 0;
    while (!finished(machine) && machine.hart().cycle < target)
        steps += machine.run(target - machine.hart().cycle).executed;
    return steps;
}

} // namespace

double guestHz(const MachineConfig& config) {
    return kTimebaseHz * config.cyclesPerTimerTick;
}

namespace {
double guestHzOf(const Machine& m) {
    return guestHz(m.config());
}
} // namespace

MigrationResult migrate(Machine& source, const MigrationConfig& config,
                        const std::function<void(const MigrationRound&)>& onRound) {
    MigrationResult result;
    MigrationReport& report = result.report;
    report.method = config.method;
    report.vmPages = DirtyLog::pageCount(source);
    Transfer link(source, config);
    auto record = [&](MigrationRound r) {
        r.round = static_cast<uint32_t>(report.rounds.size() + 1);
        report.pagesSent += r.pagesSent;
        report.bytesSent += r.bytes;
        report.totalSeconds += r.seconds;
        source.emitEvent(EventType::MigrationRound, r.round, r.pagesSent, r.pagesDirtied,
                         r.stopAndCopy ? 1 : 0);
        report.rounds.push_back(r);
        if (onRound) onRound(r);
        return r;
    };

    std::vector<uint32_t> pending = allPages(source);
    if (config.method == MigrationMethod::Live) {
        DirtyLog log(source);
        for (;;) {
            MigrationRound r = link.send(pending);
            // The guest runs on while the round is on the link.
            r.guestSteps = runFor(source, r.seconds);
            pending = log.harvest();
            r.pagesDirtied = static_cast<uint32_t>(pending.size());
            r = record(r);
            report.stopReason = stopRule(config, r, report.pagesSent, report.vmPages);
            if (!report.stopReason.empty()) break;
        }
    }
    // Stop-and-copy: the VM is paused from here to the resume.
    MigrationRound last = link.send(pending);
    last.bytes += config.stateBytes;
    last.seconds = link.seconds(last.bytes);
    last.stopAndCopy = true;
    record(last);
    report.downtimeSeconds = last.seconds;

    result.destination = link.resume();
    report.stateMatches = result.destination->stateHash() == source.stateHash();
    return result;
}

} // namespace vizor::dc
