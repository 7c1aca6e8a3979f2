// `vizor run` with several VMs on one host (engine/hypervisor/MultiVm.h): the options
// --vms, --host-frames, --balloon and --slice. CommandLine.cpp hands a run over here
// when one of them is given.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace vizor::cli {

bool isMultiVmRun(const std::vector<std::string>& args);
int multiVmRunCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

} // namespace vizor::cli
