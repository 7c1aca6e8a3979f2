// A shipped consolidation scenario (resources/datacenter/NAME.cluster) placed by
// engine/datacenter's policy and evaluated before and after, for the consolidation view.
#pragma once

#include "datacenter/Consolidation.h"
#include "views/concepts/ConsolidationView.h"

#include <string>

namespace vizor::views::concepts {

struct ConsolidationRun {
    std::string error;
    dc::Cluster cluster;
    dc::PlacementReport before, after;
    ConsolidationPicture picture;
    bool ok() const { return error.empty(); }
};

ConsolidationRun runConsolidation(const std::string& scenario, dc::Policy policy);
ConsolidationLayout layoutOf(const dc::Cluster& cluster, const dc::PlacementReport& report);

} // namespace vizor::views::concepts
