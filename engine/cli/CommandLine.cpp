#include "cli/CommandLine.h"
#include "cli/CgroupsCommand.h"
#include "cli/ConsolidateCommand.h"
#include "cli/DiskCommand.h"
#include "cli/Help.h"
#include "cli/MigrateCommand.h"

#include "asm/Assembler.h"
#include "cli/CompareCommand.h"
#include "cli/MultiVmCommand.h"
#include "cli/ProgramFile.h"
#include "cli/JsonWriter.h"
#include "machine/Machine.h"

#include <charconv>
#include <fstream>
#include <optional>
#include <ostream>
#include <sstream>

namespace vizor::cli {

namespace {

// Exit statuses of `vizor run`, documented in the README.
constexpr int kGuestPoweredOff = 0;
constexpr int kGuestFailed = 1;
constexpr int kBadInput = 2;
constexpr int kNotFinished = 3;

constexpr uint64_t kDefaultMaxInstructions = 1'000'000'000;

struct RunOptions {
    std::string program;
    uint64_t maxInstructions = kDefaultMaxInstructions;
    bool json = false;
    ModeOptions modes;
};

std::optional<RunOptions> parseRun(const std::vector<std::string>& args, std::ostream& err) {
    RunOptions options;
    for (std::size_t i = 1; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (const int mode = parseModeOption(args, i, options.modes, err); mode != 0) {
            if (mode < 0) return std::nullopt;
        } else if (a == "--json") {
            options.json = true;
        } else if (a == "--max-instructions") {
            const std::string value = i + 1 < args.size() ? args[++i] : "";
            const auto [end, ec] =
                std::from_chars(value.data(), value.data() + value.size(), options.maxInstructions);
            if (value.empty() || ec != std::errc() || end != value.data() + value.size()) {
                err << "vizor run: --max-instructions needs a whole number, got '" << value
                    << "'\n";
                return std::nullopt;
            }
        } else if (a.starts_with("--")) {
            err << "vizor run: unknown option '" << a << "' (see 'vizor help run')\n";
            return std::nullopt;
        } else if (options.program.empty()) {
            options.program = a;
        } else {
            err << "vizor run: one program only, got also '" << a << "'\n";
            return std::nullopt;
        }
    }
    if (options.program.empty()) {
        err << "vizor run: missing PROGRAM (.s or ELF; see 'vizor help run')\n";
        return std::nullopt;
    }
    return options;
}

std::optional<std::string> readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

JsonObject eventCounts(const EventStream& events) {
    JsonObject counts;
    for (std::size_t t = 0; t < kEventTypeCount; ++t) {
        const auto type = static_cast<EventType>(t);
        if (events.count(type)) counts.add(eventTypeName(type), events.count(type));
    }
    return counts;
}

int statusFor(HaltReason reason) {
    switch (reason) {
    case HaltReason::PowerOff:
        return kGuestPoweredOff;
    case HaltReason::Failure:
        return kGuestFailed;
    default:
        return kNotFinished;
    }
}

void report(const RunOptions& options, const hv::Hypervisor& vm, std::ostream& out,
            std::ostream& err) {
    const Machine& m = vm.machine();
    const HartState& h = m.hart();
    if (!options.json) {
        out << m.console();
        err << "vizor: " << haltReasonName(m.haltReason()) << ", exit code " << m.exitCode() << ", "
            << h.instret << " instructions, " << h.cycle << " cycles\n";
        if (vm.mode() != "native") err << hypervisorSummary(vm);
        return;
    }
    JsonObject json;
    json.add("program", options.program)
        .add("console", m.console())
        .add("exit_code", static_cast<uint64_t>(m.exitCode()))
        .add("halted_reason", haltReasonName(m.haltReason()))
        .add("instructions", h.instret)
        .add("steps", h.steps)
        .add("cycles", h.cycle)
        .add("events", eventCounts(m.events()))
        .add("mode", vm.mode())
        .add("x86_sensitive", options.modes.x86Sensitive)
        .add("hypervisor", hypervisorJson(vm));
    out << json.str() << "\n";
}

int runCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    if (isMultiVmRun(args)) return multiVmRunCommand(args, out, err); // several VMs, one host
    const auto options = parseRun(args, err);
    if (!options) return kBadInput;
    const auto source = readFile(options->program);
    if (!source) {
        err << "vizor run: cannot read '" << options->program << "'\n";
        return kBadInput;
    }
    // Source or an ELF executable; pv assembles source with PARAVIRT (the pv build).
    const auto program = programFromFile(options->program, *source, options->modes.mode == "pv",
                                         hv::VmConfig{}.guestRamSize, err);
    if (!program) return kBadInput;
    const auto vm = startVm(*program, options->modes, err);
    if (!vm) return kBadInput;
    vm->run(options->maxInstructions);
    report(*options, *vm, out, err);
    return statusFor(vm->machine().haltReason());
}

} // namespace

bool isHeadlessCommand(const std::vector<std::string>& args) {
    if (args.empty()) return false;
    const std::string& a = args[0];
    if (a == "cgroups" || a == "migrate" || a == "consolidate" || a == "disk") return true;
    return a == "run" || a == "compare" || a == "help" || a == "--help" || a == "-h" ||
           a == "--version";
}

int runHeadless(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    const std::string& command = args.at(0);
    if (command == "run") return runCommand(args, out, err);
    if (command == "compare") return compareCommand(args, out, err);
    if (command == "cgroups") return cgroupsCommand(args, out, err);
    if (command == "migrate") return migrateCommand(args, out, err);
    if (command == "consolidate") return consolidateCommand(args, out, err);
    if (command == "disk") return diskCommand(args, out, err);
    if (command == "--version") {
        out << "vizor " << VIZOR_VERSION << "\n";
        return 0;
    }
    if (command == "help") return helpCommand(args, out, err);
    printUsage(out); // --help, -h
    return 0;
}

} // namespace vizor::cli
