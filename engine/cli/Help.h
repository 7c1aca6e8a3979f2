// The help text of every subcommand, kept in one table so that `vizor --help`,
// `vizor help COMMAND` and the man page (packaging/) say the same thing.
#pragma once

#include <iosfwd>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vizor::cli {

// One subcommand. Adding a subcommand to the help is one entry in Help.cpp's table.
struct CommandHelp {
    std::string_view name;     // the word after `vizor`
    std::string_view synopsis; // one or more "vizor NAME ..." lines
    std::string_view summary;  // one line, shown in the overview
    std::string_view details;  // options and exit status, shown by `vizor help NAME`
};

std::span<const CommandHelp> commandHelp();
const CommandHelp* findCommandHelp(std::string_view name);

// The overview: how to open the window, then every subcommand's synopsis and summary.
void printUsage(std::ostream& out);

// `vizor help [COMMAND]`: the overview, or one command's full text; 2 for an unknown one.
int helpCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

// The same text as a roff man page, section 1. No date: the page is the same on every build.
void printManPage(std::ostream& out, std::string_view version);

} // namespace vizor::cli
