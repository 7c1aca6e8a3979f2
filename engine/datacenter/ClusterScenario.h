// Consolidation scenario files: hosts and VMs with CPU demand profiles, one
// declaration per line. Format in README.md ("Scenario files").
#pragma once

#include "datacenter/Consolidation.h"

#include <optional>
#include <string>
#include <string_view>

namespace vizor::dc {

// nullopt with `error` = "file:line: message" naming the field at fault.
std::optional<Cluster> parseClusterScenario(std::string_view text, const std::string& fileName,
                                            std::string& error);

} // namespace vizor::dc
