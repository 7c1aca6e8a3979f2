// `vizor cgroups --live [--json]`: the machine's real cgroup tree (v2, v1 or hybrid)
// with each group's limits and usage, optionally refreshed every few seconds.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace vizor::host {
struct LiveCgroupTree;
}

namespace vizor::cli {

int cgroupsCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

// The stable JSON form (documented in engine/host/README.md).
std::string liveCgroupsJson(const host::LiveCgroupTree& tree);

} // namespace vizor::cli
