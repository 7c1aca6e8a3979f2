// Introspection of snapshots for tests and memory views: how many RAM pages a
// snapshot holds and how many it shares (same page object) with another snapshot.
#pragma once

#include "machine/Machine.h"

#include <cstddef>

namespace vizor {

std::size_t snapshotPageCount(const SnapshotPtr& snapshot);
// Pages held by both snapshots as the very same copy (copy-on-write sharing).
std::size_t sharedPageCount(const SnapshotPtr& a, const SnapshotPtr& b);

} // namespace vizor
