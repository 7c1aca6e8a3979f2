#include "cli/Help.h"

#include <algorithm>
#include <array>
#include <ostream>

namespace vizor::cli {

namespace {

constexpr std::string_view kWindow =
    R"(vizor                          open the window with the default program
vizor FILE.s [window options]  open the window with FILE.s)";

constexpr std::string_view kWindowOptions = R"(Window options:
  --mode M               start in mode M: native, emulate, trap, bt, patch, hw or pv
  --x86-sensitive        teaching variant: x86-style sensitive instructions (no trap)
  --guest-kernel NAME    open the guest kernel built for workload NAME
  --lesson FILE          play the lesson FILE beside the views it shows
  --break-on EVENTS      stop when one of the comma-separated events happens
  --lang L               the interface language (en, it); default: the system's
  --dark                 the dark palette
  --screenshot FILE      save the window (1280x800) as FILE and quit, after running
                         --steps N steps or until a --break-on event stops the run
  --steps N              with --screenshot: step N instructions first
  --dock NAME,...        with --screenshot: bring these docks to the front
                         (eventLogDock, virtualCpuDock, memoryDock...))";

// The table behind every help text. Keep the entries in the order `vizor help` lists them.
constexpr std::array kCommands{
    CommandHelp{"run", "vizor run PROGRAM [options]", "run a guest program without a window",
                R"(PROGRAM is assembly source, or an ELF32 RISC-V executable (known by its
magic; e.g. linked by riscv64-unknown-elf-ld -m elf32lriscv) whose segments fit in
guest RAM; an executable runs as linked in every mode.

Options:
  --max-instructions N   stop after N steps (instructions executed, traps taken);
                         default 1000000000
  --json                 print one JSON object instead of the console output
  --mode M               native (default), emulate, trap, bt, patch, hw, or pv
                         (pv assembles the program with PARAVIRT defined)
  --x86-sensitive        teaching variant: x86-style sensitive instructions (no trap)
  --costs FILE           cost model primitives, 'name = cycles' lines
  --paging P             shadow (trap, bt, patch), direct (pv) or nested (hw);
                         default: the mode's own; another is refused
  --vms N                N VMs time-sharing one host, in turns (trap mode); give one
                         PROGRAM.s for all or one per VM; each VM keeps its console
  --host-frames N        the host's 4 KiB frames, shared by the VMs (default: one per
                         guest frame, no overcommit); fewer makes the host swap
  --balloon VM=PAGES[@CYCLE]
                         give VM (0, 1...) a virtio balloon (its kernel is built with
                         BALLOON) and set its target to PAGES once its cycle count
                         reaches CYCLE; repeat the option for later targets
  --slice N              steps per turn with several VMs (default 10000)

Exit status: 0 guest powered off, 1 guest reported failure,
2 bad command line or program, 3 stopped before the guest finished.)"},
    CommandHelp{"compare", "vizor compare FILE... [options]",
                "run a guest kernel in every execution mode, side by side",
                R"(FILEs are concatenated in order, as the guest kernel is built.

Options:
  --json                 print one JSON object instead of the table
  --x86-sensitive        teaching variant: x86-style sensitive instructions (no trap)
  --costs FILE           cost model primitives, 'name = cycles' lines
  --max-instructions N   stop each run after N steps
  --mode M, --paging P   as for 'vizor run')"},
    CommandHelp{"cgroups",
                "vizor cgroups --live [--json] [--root DIR] [--count N --interval S]\n"
                "vizor cgroups --scenario FILE [--json]",
                "print this machine's cgroup tree, or run a host-model scenario",
                R"(Options:
  --live                 read this machine's real cgroup tree (v1, v2 or hybrid)
  --root DIR             read the tree under DIR instead of this machine's (a saved copy)
  --count N              take N samples (default 1) ...
  --interval S           ... S seconds apart (default 2)
  --scenario FILE        run a host-model scenario: cgroups, processes, containers
                         and VMs on one host (the format: engine/host/README.md)
  --json                 print JSON instead of the table)"},
    CommandHelp{"migrate", "vizor migrate PROGRAM.s --method live|cold [options]",
                "migrate a running guest to a fresh machine",
                R"(Prints the rounds, the total time and the downtime.

Options:
  --method M             live (pre-copy rounds while the guest runs) or cold
  --bandwidth MBPS       the link, in 10^6 bits per second (default 1000)
  --after N              steps the guest runs before the migration starts (default 300000)
  --max-rounds N         pre-copy rounds at most (live; Xen's rule, default 30)
  --min-pages N          stop pre-copying when fewer pages are dirty (live; default 50)
  --max-factor F         never send more than F times the memory (live; default 3)
  -D NAME=VALUE          define NAME when assembling PROGRAM.s
  --json                 print one JSON object instead of the report)"},
    CommandHelp{"consolidate",
                "vizor consolidate SCENARIO [--policy ffd|best-fit|time-aware] [--json]",
                "place a scenario's VMs on as few hosts as fit them",
                R"(Options:
  --policy P             ffd (first-fit decreasing), best-fit or time-aware
  --json                 print one JSON object instead of the table)"},
    CommandHelp{"disk", "vizor disk KERNEL.s --image PATH [--size MIB] [--thick] [--json]",
                "run a BLOCK guest kernel with a virtual disk",
                R"(Prints the grains written and the image file's size.

Options:
  --image PATH           the disk image file (created when missing)
  --size MIB             the virtual disk's size in MiB (default 64)
  --thick                allocate the whole image up front (default: thin, on write)
  --json                 print one JSON object instead of the report)"},
    CommandHelp{"lesson",
                "vizor lesson export LESSON... --out DIR [options]\n"
                "vizor lesson export --all --out DIR [options]",
                "play lessons on the engine and export a picture per step and a handout",
                R"(Each step's picture shows the views the step names, fed the events the engine
recorded up to that step; the handout (PDF) has the narration and the pictures.
Files go to DIR/<lesson>-<language>/. No display is needed.

Options:
  --all                  every lesson that comes with Vizor
  --out DIR              where to write (required)
  --format F,...         png (default), svg, pdf: the pictures' formats
  --lang en|it           one language (default: both)
  --scale S              picture scale, 0.25 to 8 (default 1))"},
    CommandHelp{"help", "vizor help [COMMAND]", "show this overview, or one command's help",
                R"(Also: vizor --help, vizor -h, and vizor --version for the version.)"},
};

void printSynopsis(std::ostream& out, const CommandHelp& c) {
    std::string_view rest = c.synopsis;
    while (!rest.empty()) {
        const std::size_t end = std::min(rest.find('\n'), rest.size());
        out << "  " << rest.substr(0, end) << "\n";
        rest.remove_prefix(std::min(end + 1, rest.size()));
    }
}

// roff treats '\' as an escape and a leading '.' or '\'' as a request; '-' as a hyphen.
std::string roff(std::string_view text) {
    std::string out;
    bool lineStart = true;
    for (const char ch : text) {
        if (lineStart && (ch == '.' || ch == '\'')) out += "\\&";
        if (ch == '\\')
            out += "\\e";
        else if (ch == '-')
            out += "\\-";
        else
            out += ch;
        lineStart = ch == '\n';
    }
    return out;
}

void manBlock(std::ostream& out, std::string_view text) {
    out << ".PP\n.nf\n" << roff(text) << "\n.fi\n";
}

} // namespace

std::span<const CommandHelp> commandHelp() {
    return kCommands;
}

const CommandHelp* findCommandHelp(std::string_view name) {
    const auto it = std::ranges::find(kCommands, name, &CommandHelp::name);
    return it == kCommands.end() ? nullptr : &*it;
}

void printUsage(std::ostream& out) {
    out << "Usage:\n";
    printSynopsis(out, {"", kWindow, "", ""});
    for (const CommandHelp& c : kCommands) {
        printSynopsis(out, c);
        out << "      " << c.summary << "\n";
    }
    out << "  vizor --version\n      show the version\n\n"
        << kWindowOptions << "\n\n'vizor help COMMAND' shows a command's options.\n";
}

int helpCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    if (args.size() < 2) {
        printUsage(out);
        return 0;
    }
    const CommandHelp* c = findCommandHelp(args[1]);
    if (!c || args.size() > 2) {
        err << "vizor help: no command '" << args[1] << "'; the commands are:";
        for (const CommandHelp& known : kCommands)
            err << " " << known.name;
        err << "\n";
        return 2;
    }
    out << "Usage:\n";
    printSynopsis(out, *c);
    out << "\n" << c->summary << ".\n\n" << c->details << "\n";
    return 0;
}

void printManPage(std::ostream& out, std::string_view version) {
    out << ".TH VIZOR 1 \"\" \"vizor " << version << "\" \"User Commands\"\n"
        << ".SH NAME\nvizor \\- watch a hypervisor work\n.SH SYNOPSIS\n.nf\n"
        << roff(kWindow) << "\n";
    for (const CommandHelp& c : kCommands)
        out << roff(c.synopsis) << "\n";
    out << "vizor \\-\\-version\n.fi\n.SH DESCRIPTION\n"
        << "Vizor runs a small RISC\\-V RV32 guest kernel under a hypervisor that can\n"
        << "virtualize it seven ways (emulate, trap, bt, patch, hw, pv, and native),\n"
        << "and shows every trap, page walk and world switch as it happens.\n"
        << "Without a subcommand it opens the window; the subcommands run without one.\n";
    manBlock(out, kWindowOptions);
    out << ".SH COMMANDS\n";
    for (const CommandHelp& c : kCommands) {
        out << ".SS " << c.name << "\n" << roff(c.summary) << ".\n";
        manBlock(out, c.synopsis);
        manBlock(out, c.details);
    }
    out << ".SH FILES\n.TP\n.I /usr/share/vizor\nguest kernels, example programs, "
        << "host scenarios and lessons.\n";
}

} // namespace vizor::cli
