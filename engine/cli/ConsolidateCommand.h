// `vizor consolidate SCENARIO [--policy P] [--json]`: places a scenario's VMs on as
// few hosts as fit them and reports utilization before and after, hosts switched off
// and VMs per host. Scenario format and JSON keys: engine/datacenter/README.md.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace vizor::cli {

int consolidateCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

} // namespace vizor::cli
