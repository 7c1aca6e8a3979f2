#include "cli/CompareCommand.h"

#include "asm/Assembler.h"

#include <charconv>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <optional>
#include <ostream>
#include <sstream>

namespace vizor::cli {

namespace {

constexpr int kOk = 0;
constexpr int kBadInput = 2;
constexpr uint64_t kDefaultMaxInstructions = 1'000'000'000;

std::optional<std::string> readText(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string fixed(double value, int decimals) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return buffer;
}

std::optional<hv::CostModel> loadCosts(const std::string& path, std::ostream& err) {
    if (path.empty()) return hv::CostModel{};
    const auto text = readText(path);
    if (!text) {
        err << "vizor: cannot read cost file '" << path << "'\n";
        return std::nullopt;
    }
    std::string error;
    auto model = hv::CostModel::parse(*text, error);
    if (!model) err << path << ": " << error << "\n";
    return model;
}

} // namespace

std::string_view pagingOf(std::string_view mode) {
    if (mode == "trap" || mode == "bt" || mode == "patch") return "shadow";
    if (mode == "pv") return "direct";
    if (mode == "hw") return "nested";
    return "";
}

int parseModeOption(const std::vector<std::string>& args, std::size_t& i, ModeOptions& options,
                    std::ostream& err) {
    const std::string& a = args[i];
    if (a == "--x86-sensitive") {
        options.x86Sensitive = true;
        return 1;
    }
    if (a != "--mode" && a != "--costs" && a != "--paging") return 0;
    if (i + 1 >= args.size()) {
        err << "vizor: " << a << " needs a value\n";
        return -1;
    }
    const std::string& value = args[++i];
    if (a == "--costs") {
        options.costsFile = value;
        return 1;
    }
    if (a == "--paging") {
        if (value != "shadow" && value != "direct" && value != "nested") {
            err << "vizor: unknown paging '" << value << "' (shadow, direct or nested)\n";
            return -1;
        }
        options.paging = value;
        return 1;
    }
    bool known = false;
    for (const std::string& name : hv::modeNames())
        known = known || name == value;
    if (!known) {
        err << "vizor: unknown mode '" << value
            << "' (modes: native, emulate, trap, bt, patch, pv, hw)\n";
        return -1;
    }
    if (!hv::modeImplemented(value)) {
        err << "vizor: mode '" << value << "' is not implemented yet\n";
        return -1;
    }
    options.mode = value;
    return 1;
}

namespace {

// Each mode has one way to virtualize memory; a --paging that names another is refused
// with the mode that would give it.
bool pagingFits(const ModeOptions& options, std::ostream& err) {
    const std::string_view own = pagingOf(options.mode);
    if (options.paging.empty() || options.paging == own) return true;
    if (own.empty()) {
        err << "vizor: --paging does not apply to mode " << options.mode << " ("
            << (options.mode == "native" ? "the guest's own Sv32 tables run on the hart"
                                         : "its software MMU walks the guest's own tables")
            << ")\n";
        return false;
    }
    const char* with = options.paging == "shadow"   ? "trap, bt or patch"
                       : options.paging == "direct" ? "pv"
                                                    : "hw";
    err << "vizor: mode " << options.mode << " uses " << own << " paging, not " << options.paging
        << " (" << options.paging << " paging is --mode " << with << ")\n";
    return false;
}

} // namespace

std::unique_ptr<hv::Hypervisor> startVm(const Program& program, const ModeOptions& options,
                                        std::ostream& err) {
    if (!pagingFits(options, err)) return nullptr;
    const auto costs = loadCosts(options.costsFile, err);
    if (!costs) return nullptr;
    hv::VmConfig config;
    config.x86Sensitive = options.x86Sensitive;
    config.costs = *costs;
    auto vm = hv::makeHypervisor(options.mode, config);
    std::string error;
    if (!vm || !vm->load(program, error)) {
        err << "vizor: " << (vm ? error : "unknown mode " + options.mode) << "\n";
        return nullptr;
    }
    return vm;
}

JsonObject hypervisorJson(const hv::Hypervisor& vm) {
    const hv::VmStats s = vm.stats();
    JsonObject exits;
    for (std::size_t r = 0; r < hv::kExitReasonCount; ++r)
        exits.add(hv::exitReasonName(static_cast<hv::ExitReason>(r)), s.exits[r]);
    JsonObject json;
    json.add("mode", vm.mode())
        .add("guest_instructions", s.guestInstructions())
        .add("direct_instructions", s.directInstructions)
        .add("emulated_instructions", s.emulatedInstructions)
        .add("interpreted_instructions", s.interpretedInstructions)
        .add("direct_fraction", fixed(s.directFraction(), 6))
        .add("virtual_cycles", vm.virtualCycles())
        .add("exits", s.totalExits())
        .add("exits_by_reason", exits)
        .add("world_switches", s.worldSwitches)
        .add("virtual_traps", s.virtualTraps)
        .add("hardware_traps", s.hardwareTraps)
        .add("sbi_calls", s.sbiCalls)
        .add("shadow_syncs", s.shadowSyncs)
        .add("shadow_flushes", s.shadowFlushes)
        .add("hidden_faults", s.hiddenFaults)
        .add("true_faults", s.trueFaults)
        .add("walk_references", s.walkReferences)
        .add("hypercalls", s.hypercalls)
        .add("mmu_update_calls", s.mmuUpdateCalls)
        .add("pte_updates", s.pteUpdates)
        .add("pte_refused", s.pteRefused)
        .add("console_kicks", s.consoleKicks)
        .add("callouts", s.callouts)
        .add("translated_blocks", s.translatedBlocks)
        .add("translated_instructions", s.translatedInstructions)
        .add("cache_hits", s.cacheHits)
        .add("cache_misses", s.cacheMisses)
        .add("chain_follows", s.chainFollows)
        .add("invalidations", s.invalidations)
        .add("patches_applied", s.patchesApplied)
        .add("patch_hits", s.patchHits)
        .add("patches_dropped", s.patchesDropped)
        .add("memory", memoryJson(vm));
    return json;
}

// The references per TLB miss add the VMM's own walks (shadow fills, emulated accesses)
// to the hart's, so shadow and nested paging compare on what a miss costs in page-table
// reads. The TLB counts are the machine's.
JsonObject memoryJson(const hv::Hypervisor& vm) {
    const hv::VmStats s = vm.stats();
    const TlbStats& tlb = vm.machine().tlbStats();
    const uint64_t misses = tlb.misses;
    JsonObject json;
    json.add("paging",
             pagingOf(vm.mode()).empty() ? std::string_view("guest") : pagingOf(vm.mode()))
        .add("hidden_faults", s.hiddenFaults)
        .add("true_faults", s.trueFaults)
        .add("shadow_syncs", s.shadowSyncs)
        .add("shadow_flushes", s.shadowFlushes)
        .add("shadow_root_switches", s.shadowRootSwitches)
        .add("shadow_root_cache_hits", s.shadowRootCacheHits)
        .add("accessed_dirty_updates", s.accessedDirtyUpdates)
        .add("pte_updates", s.pteUpdates)
        .add("pte_refused", s.pteRefused)
        .add("walk_references", s.walkReferences)
        .add("walk_references_per_tlb_miss",
             fixed(misses ? static_cast<double>(s.walkReferences) / static_cast<double>(misses)
                          : 0.0,
                   3))
        .add("tlb_hits", tlb.hits)
        .add("tlb_misses", misses)
        .add("tlb_flushes", tlb.flushes)
        .add("tlb_world_switch_flushes", tlb.worldSwitchFlushes);
    return json;
}

std::string hypervisorSummary(const hv::Hypervisor& vm) {
    const hv::VmStats s = vm.stats();
    return "vizor: mode " + std::string(vm.mode()) + ", " + std::to_string(s.guestInstructions()) +
           " guest instructions, " + fixed(100.0 * s.directFraction(), 2) + "% direct, " +
           std::to_string(s.totalExits()) + " exits, " + std::to_string(vm.virtualCycles()) +
           " virtual cycles\n";
}

} // namespace vizor::cli

namespace vizor::cli {

namespace {

struct CompareOptions {
    std::vector<std::string> files;
    ModeOptions modes;
    uint64_t maxInstructions = kDefaultMaxInstructions;
    bool json = false;
};

std::optional<CompareOptions> parseCompare(const std::vector<std::string>& args,
                                           std::ostream& err) {
    CompareOptions o;
    for (std::size_t i = 1; i < args.size(); ++i) {
        const std::string& a = args[i];
        const int mode = parseModeOption(args, i, o.modes, err);
        if (mode < 0) return std::nullopt;
        if (mode > 0 && a == "--mode") {
            err << "vizor compare: runs every mode; --mode does not apply\n";
            return std::nullopt;
        }
        if (mode > 0) continue;
        if (a == "--json") {
            o.json = true;
        } else if (a == "--max-instructions") {
            const std::string value = i + 1 < args.size() ? args[++i] : "";
            const auto [end, ec] =
                std::from_chars(value.data(), value.data() + value.size(), o.maxInstructions);
            if (value.empty() || ec != std::errc() || end != value.data() + value.size()) {
                err << "vizor compare: --max-instructions needs a whole number\n";
                return std::nullopt;
            }
        } else if (a.starts_with("--")) {
            err << "vizor compare: unknown option '" << a << "'\n";
            return std::nullopt;
        } else {
            o.files.push_back(a);
        }
    }
    if (o.files.empty()) {
        err << "vizor compare: missing PROGRAM (one or more files, concatenated in order)\n";
        return std::nullopt;
    }
    return o;
}

struct ModeRun {
    std::string mode;
    std::unique_ptr<hv::Hypervisor> vm;
    HaltReason halt = HaltReason::None;
    double hostSeconds = 0;
};

ModeRun runOne(const std::string& mode, const Program& program, const CompareOptions& o,
               std::ostream& err) {
    ModeRun run;
    run.mode = mode;
    if (!hv::modeImplemented(mode)) return run;
    ModeOptions options = o.modes;
    options.mode = mode;
    run.vm = startVm(program, options, err);
    if (!run.vm) return run;
    const auto start = std::chrono::steady_clock::now();
    run.halt = run.vm->run(o.maxInstructions).reason;
    run.hostSeconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return run;
}

double nsPerInstruction(const ModeRun& r) {
    const uint64_t n = r.vm->stats().guestInstructions();
    return n ? r.hostSeconds * 1e9 / static_cast<double>(n) : 0.0;
}

std::string pad(std::string text, std::size_t width) {
    if (text.size() < width) text.insert(0, width - text.size(), ' ');
    return text;
}

void printTable(const std::vector<ModeRun>& runs, std::ostream& out) {
    const ModeRun& native = runs.front();
    const double base = static_cast<double>(native.vm ? native.vm->virtualCycles() : 0);
    out << "mode       halt        guest-instr  direct%   virt-cycles  overhead    exits  "
           "shadow-syncs  hidden/true-faults  host-ns/instr  console\n";
    for (const ModeRun& r : runs) {
        out << r.mode << std::string(11 - r.mode.size(), ' ');
        if (!r.vm) {
            out << "not implemented\n";
            continue;
        }
        const hv::VmStats s = r.vm->stats();
        const bool same = native.vm && r.vm->machine().console() == native.vm->machine().console();
        std::string halt(haltReasonName(r.halt));
        out << halt << std::string(halt.size() < 10 ? 10 - halt.size() : 1, ' ')
            << pad(std::to_string(s.guestInstructions()), 13)
            << pad(fixed(100.0 * s.directFraction(), 2), 9)
            << pad(std::to_string(r.vm->virtualCycles()), 14)
            << pad(base > 0 ? fixed(static_cast<double>(r.vm->virtualCycles()) / base, 2) + "x"
                            : "-",
                   10)
            << pad(std::to_string(s.totalExits()), 9) << pad(std::to_string(s.shadowSyncs), 14)
            << pad(std::to_string(s.hiddenFaults) + "/" + std::to_string(s.trueFaults), 20)
            << pad(fixed(nsPerInstruction(r), 2), 15) << (same ? "  same" : "  DIFFERS") << "\n";
    }
    out << "\nexits by reason:\n";
    for (std::size_t reason = 0; reason < hv::kExitReasonCount; ++reason) {
        out << "  " << hv::exitReasonName(static_cast<hv::ExitReason>(reason)) << ":";
        for (const ModeRun& r : runs)
            if (r.vm) out << " " << r.mode << "=" << r.vm->stats().exits[reason];
        out << "\n";
    }
    out << "\nmemory (paging: walk references / TLB misses = per miss, shadow syncs, "
           "root switches):\n";
    for (const ModeRun& r : runs) {
        if (!r.vm) continue;
        const hv::VmStats s = r.vm->stats();
        const uint64_t misses = r.vm->machine().tlbStats().misses;
        const std::string_view paging = pagingOf(r.mode);
        out << "  " << r.mode << std::string(9 - r.mode.size(), ' ')
            << (paging.empty() ? "guest" : paging) << ": " << s.walkReferences << " / " << misses
            << " = "
            << fixed(misses ? static_cast<double>(s.walkReferences) / static_cast<double>(misses)
                            : 0.0,
                     2)
            << " per miss, " << s.shadowSyncs << " shadow syncs, " << s.shadowRootSwitches
            << " root switches\n";
    }
    for (const ModeRun& r : runs) { // binary translation's own counts, where there are any
        if (!r.vm || r.vm->stats().translatedBlocks == 0) continue;
        const hv::VmStats s = r.vm->stats();
        out << "\n"
            << r.mode << " translation cache: " << s.translatedBlocks << " blocks ("
            << s.translatedInstructions << " instructions) translated, " << s.cacheHits << " hits, "
            << s.cacheMisses << " misses, " << s.chainFollows << " chain follows, "
            << s.invalidations << " invalidated, " << s.callouts << " callouts\n";
    }
    for (const ModeRun& r : runs) { // binary patching's own counts, where there are any
        if (!r.vm || r.vm->stats().patchesApplied == 0) continue;
        const hv::VmStats s = r.vm->stats();
        out << "\n"
            << r.mode << " patches: " << s.patchesApplied << " applied, " << s.patchHits
            << " hits, " << s.patchesDropped << " dropped, " << s.callouts << " callouts\n";
    }
}

void printJson(const std::vector<ModeRun>& runs, const CompareOptions& o, std::ostream& out) {
    const ModeRun& native = runs.front();
    JsonObject modes;
    for (const ModeRun& r : runs) {
        if (!r.vm) {
            modes.add(r.mode, JsonObject().add("implemented", false));
            continue;
        }
        JsonObject m = hypervisorJson(*r.vm);
        const uint64_t base = native.vm ? native.vm->virtualCycles() : 0;
        m.add("implemented", true)
            .add("halted_reason", haltReasonName(r.halt))
            .add("exit_code", static_cast<uint64_t>(r.vm->machine().exitCode()))
            .add("overhead_vs_native",
                 base ? fixed(static_cast<double>(r.vm->virtualCycles()) / base, 4) : "-")
            .add("host_ns_per_guest_instruction", fixed(nsPerInstruction(r), 3))
            .add("console_matches_native",
                 native.vm && r.vm->machine().console() == native.vm->machine().console());
        modes.add(r.mode, m);
    }
    JsonObject json;
    json.add("program", o.files.front())
        .add("x86_sensitive", o.modes.x86Sensitive)
        .add("console", native.vm ? native.vm->machine().console() : "")
        .add("modes", modes);
    out << json.str() << "\n";
}

} // namespace

int compareCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    const auto o = parseCompare(args, err);
    if (!o) return kBadInput;
    std::string source;
    for (const std::string& file : o->files) {
        const auto text = readText(file);
        if (!text) {
            err << "vizor compare: cannot read '" << file << "'\n";
            return kBadInput;
        }
        source += *text + "\n";
    }
    // Assembled twice, as the guest kernel is: pv runs the PARAVIRT build.
    AssemblerOptions asmOptions;
    asmOptions.fileName = o->files.front();
    const AssemblyResult assembled = assemble(source, asmOptions);
    asmOptions.defines["PARAVIRT"] = 1;
    const AssemblyResult paravirt = assemble(source, asmOptions);
    for (const AssemblyResult* r : {&assembled, &paravirt}) {
        for (const Diagnostic& d : r->errors)
            err << d.format() << "\n";
        if (!r->ok()) return kBadInput;
    }
    std::vector<ModeRun> runs;
    for (const std::string& mode : hv::modeNames()) {
        const Program& program = mode == "pv" ? paravirt.program : assembled.program;
        runs.push_back(runOne(mode, program, *o, err));
        if (hv::modeImplemented(mode) && !runs.back().vm) return kBadInput;
    }
    if (o->json)
        printJson(runs, *o, out);
    else
        printTable(runs, out);
    return kOk;
}

} // namespace vizor::cli
