#include "debug/SnapshotBudget.h"

#include "machine/SnapshotStats.h"

namespace vizor {

std::size_t SnapshotBudget::ownPages(uint64_t step, const SnapshotPtr& snapshot,
                                     const SnapshotPtr& previous) {
    Own& own = own_[step];
    if (own.snapshot != snapshot || own.previous != previous) {
        own = {snapshot, previous,
               snapshotPageCount(snapshot) - sharedPageCount(snapshot, previous) +
                   unsharedStatePages(snapshot, previous)};
    }
    return own.pages;
}

} // namespace vizor
