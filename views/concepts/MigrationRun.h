// A real live migration for the migration view (tests, gallery): resources/datacenter/
// memtouch.s runs for a while, then engine/datacenter's migrate() moves it; every
// migration_round event is recorded and the report gives the link times.
#pragma once

#include "datacenter/Migration.h"
#include "views/concepts/MigrationView.h"

#include <map>
#include <string>

namespace vizor::views::concepts {

struct MigrationRun {
    std::string error;
    dc::MigrationReport report;
    std::vector<NumberedEvent> events;
    bool ok() const { return error.empty(); }
};

// `defines` are memtouch.s's (PAGES, PASSES); `stepsBefore` the guest's run before the move.
MigrationRun runMigration(const std::map<std::string, int64_t>& defines, uint64_t stepsBefore,
                          const dc::MigrationConfig& config = {});
MigrationTiming timingOf(const dc::MigrationReport& report);

} // namespace vizor::views::concepts
