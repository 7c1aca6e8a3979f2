// Moving a running VM to another host (Clark et al., "Live Migration of Virtual
// Machines", NSDI 2005).
//   live (pre-copy): round 1 sends every page while the guest keeps running; each
//     later round sends the pages the guest dirtied during the previous one, read
//     from the machine's dirty-page log (the guest's real stores). Pre-copy ends by
//     Xen's rules (xc_domain_save.c): after 30 rounds, when fewer than 50 pages are
//     left, or when more than 3x the VM's memory has been sent. Then stop-and-copy:
//     the VM pauses, the last dirty pages and the CPU and device state are sent, and
//     that pause is the downtime.
//   cold (stop-and-copy only): pause, send everything, resume; downtime = total time.
// The destination is a fresh Machine whose RAM is exactly the pages that crossed the
// link; it resumes the guest, which continues its run there.
//
// Time is virtual: the guest's hart runs `guestHz` cycles per second (QEMU virt's
// 10 MHz timebase times the machine's cycles per timer tick), the link moves
// `bandwidthMbps` million bits per second. Like QEMU (RAM_SAVE_FLAG_ZERO), a page of
// zeros travels as an 8-byte marker instead of 4 KiB.
#pragma once

#include "machine/Machine.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace vizor::dc {

enum class MigrationMethod : uint8_t { Live, Cold };

struct MigrationConfig {
    MigrationMethod method = MigrationMethod::Live;
    double bandwidthMbps = 1000; // the link, 10^6 bits per second
    uint32_t maxRounds = 30;     // Xen DEF_MAX_ITERS 29: "limit us to 30 times round loop"
    uint32_t minPagesLeft = 50;  // stop when fewer pages than this are dirty
    double maxFactor = 3;        // Xen DEF_MAX_FACTOR: never send more than 3x memory
    uint32_t zeroPageBytes = 8;  // what a page of zeros costs on the link
    uint32_t stateBytes = 4096;  // CPU and device state sent during stop-and-copy
};

struct MigrationRound {
    uint32_t round = 0;        // 1, 2, ...; the stop-and-copy phase is the last
    uint32_t pagesSent = 0;    // pages sent in this round (zero pages included)
    uint32_t zeroPages = 0;    // of which sent as zero markers
    uint32_t pagesDirtied = 0; // pages the guest wrote while this round was on the link
    uint64_t bytes = 0;        // on the link
    double seconds = 0;        // time on the link
    uint64_t guestSteps = 0;   // what the guest ran meanwhile (0 in stop-and-copy)
    bool stopAndCopy = false;
};

struct MigrationReport {
    MigrationMethod method = MigrationMethod::Live;
    std::vector<MigrationRound> rounds;
    std::string stopReason; // which rule ended pre-copy ("" for cold)
    uint32_t vmPages = 0;
    uint64_t pagesSent = 0; // all rounds
    uint64_t bytesSent = 0;
    double totalSeconds = 0;
    double downtimeSeconds = 0;
    bool stateMatches = false; // destination's state hash == source's at the pause
};

struct MigrationResult {
    MigrationReport report;
    std::unique_ptr<Machine> destination; // the resumed VM, ready to run on
};

// The guest's hart frequency in virtual cycles per second.
double guestHz(const MachineConfig& config);

// Migrates `source`, a loaded machine (run as far as wanted beforehand), to a fresh
// machine. `onRound` (optional) sees each round as it completes. The source is left
// paused at the moment of the switch (it must not be run again: the VM lives on the
// destination).
MigrationResult migrate(Machine& source, const MigrationConfig& config,
                        const std::function<void(const MigrationRound&)>& onRound = {});

} // namespace vizor::dc
