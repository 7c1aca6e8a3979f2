// A real run of the guest kernel's diskwriter workload (kernel built with BLOCK) in a
// BlockVm over a thin in-memory disk, with every grain_allocated event recorded.
#pragma once

#include "views/concepts/StorageView.h"

#include <string>
#include <vector>

namespace vizor::views::concepts {

struct StorageRun {
    std::string error;
    StorageDisk disk;
    uint32_t grainsAllocated = 0; // the disk's own count after the run
    std::string console;
    std::vector<NumberedEvent> events;
    bool ok() const { return error.empty(); }
};

StorageRun runDiskWriter(uint64_t diskBytes);

} // namespace vizor::views::concepts
