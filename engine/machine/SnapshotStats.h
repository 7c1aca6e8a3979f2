// Introspection of snapshots for tests and memory views: how many RAM pages a
// snapshot holds and how many it shares (same page object) with another snapshot.
#pragma once

#include "machine/Machine.h"

#include <cstddef>

namespace vizor {

std::size_t snapshotPageCount(const SnapshotPtr& snapshot);
// Pages held by both snapshots as the very same copy (copy-on-write sharing).
std::size_t sharedPageCount(const SnapshotPtr& a, const SnapshotPtr& b);
// What a snapshot holds besides RAM, in 4 KiB pages (rounded up), for the debugger's
// budget: the event ring's blocks that are not the very same block as in `previous`
// (blocks are shared copy-on-write, as RAM pages are) and its copy of the console.
std::size_t unsharedStatePages(const SnapshotPtr& snapshot, const SnapshotPtr& previous);

} // namespace vizor
