// `vizor migrate PROGRAM --method live|cold [--bandwidth MBPS] [--json]`: runs a guest,
// migrates it mid-run to a fresh machine over a link of the given bandwidth and lets
// it finish there; reports every round (pages sent and dirtied), the total migration
// time and the downtime. Options and JSON keys: engine/datacenter/README.md.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace vizor::cli {

int migrateCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

} // namespace vizor::cli
