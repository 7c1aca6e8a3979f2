// `vizor disk PROGRAM.s --image PATH [--size MIB] [--thick] [--json]`: creates a virtual
// disk image, runs a guest kernel built with BLOCK on a trap-and-emulate VM that has the
// disk in virtio-mmio slot 1, and reports the grains the guest's writes allocated and
// what the host file system says of the image (apparent size, space occupied).
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace vizor::cli {

int diskCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

} // namespace vizor::cli
