// A bound on the debugger's snapshot history. Without one, a long run keeps a snapshot
// every interval forever, and a guest that dirties all of RAM between two snapshots
// costs a full RAM copy each time. When the history holds more snapshots, or more RAM
// pages of its own, than the budget allows, old snapshots are thinned: every other one
// of the older half goes, so the spacing of old snapshots doubles with age while recent
// ones stay dense (the first snapshot, where history starts, is always kept). Time
// travel stays exact — it restores the nearest earlier snapshot and replays — only
// travelling far back replays longer.
#pragma once

#include "machine/Machine.h"

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <map>

namespace vizor {

class SnapshotBudget {
public:
    // 64 snapshots; 32768 pages (128 MiB) of RAM copies not shared with the previous
    // snapshot, beyond the first snapshot. The event ring's unshared blocks and the
    // console copy count too, rounded up to pages (machine/SnapshotStats.h): a guest that
    // storms traps rewrites the ring between snapshots without dirtying any RAM.
    explicit SnapshotBudget(std::size_t maxSnapshots = 64, std::size_t maxPages = 32768)
        : maxSnapshots_(maxSnapshots < 2 ? 2 : maxSnapshots), maxPages_(maxPages) {}

    // Thins `history` (step -> snapshot) until it fits; `machineOf` gives an entry's
    // Machine snapshot. Returns how many snapshots were dropped.
    template <class T, class MachineOf>
    std::size_t enforce(std::map<uint64_t, T>& history, MachineOf machineOf) {
        std::size_t dropped = 0;
        while (history.size() > 2 && !fits(history, machineOf)) {
            auto it = std::next(history.begin()); // the first snapshot stays
            const std::size_t older = history.size() / 2;
            for (std::size_t i = 0; i < older && std::next(it) != history.end(); ++i) {
                if (i % 2 == 0) {
                    it = history.erase(it);
                    ++dropped;
                } else {
                    ++it;
                }
            }
        }
        return dropped;
    }

    // Pages held by the history (RAM, event blocks, consoles) when last checked (enforce).
    std::size_t heldPages() const { return heldPages_; }

private:
    template <class T, class MachineOf>
    bool fits(const std::map<uint64_t, T>& history, MachineOf machineOf) {
        heldPages_ = 0;
        SnapshotPtr previous;
        bool first = true;
        for (const auto& [step, entry] : history) {
            const SnapshotPtr& snapshot = machineOf(entry);
            if (!first) heldPages_ += ownPages(step, snapshot, previous);
            previous = snapshot;
            first = false;
        }
        std::erase_if(own_, [&](const auto& own) { return !history.contains(own.first); });
        return history.size() <= maxSnapshots_ && heldPages_ <= maxPages_;
    }

    // Pages of `snapshot` that are not the very same copies as in `previous`; cached per
    // step, as long as both snapshots are still the ones it was computed for.
    std::size_t ownPages(uint64_t step, const SnapshotPtr& snapshot, const SnapshotPtr& previous);

    struct Own {
        SnapshotPtr snapshot, previous;
        std::size_t pages = 0;
    };
    std::size_t maxSnapshots_;
    std::size_t maxPages_;
    std::size_t heldPages_ = 0;
    std::map<uint64_t, Own> own_;
};

} // namespace vizor
