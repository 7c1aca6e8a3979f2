// The command-line interface that needs no window: `vizor run PROGRAM.s ...`.
// Qt-free so it is tested like the rest of the engine; app/main.cpp only dispatches.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace vizor::cli {

// True when `args` (argv without argv[0]) names a headless subcommand such as "run".
bool isHeadlessCommand(const std::vector<std::string>& args);

// Runs a headless subcommand; returns the process exit status.
int runHeadless(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

} // namespace vizor::cli
