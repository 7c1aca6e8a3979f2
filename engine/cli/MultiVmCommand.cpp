#include "cli/MultiVmCommand.h"

#include "asm/Assembler.h"
#include "cli/CompareCommand.h"
#include "cli/JsonWriter.h"
#include "hypervisor/CostModel.h"
#include "hypervisor/MultiVm.h"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <optional>
#include <ostream>
#include <sstream>

namespace vizor::cli {

namespace {

constexpr int kGuestPoweredOff = 0, kGuestFailed = 1, kBadInput = 2, kNotFinished = 3;
constexpr uint32_t kMaxVms = 16;
constexpr uint32_t kMinFramesPerVm = 4;

struct MultiVmOptions {
    std::vector<std::string> programs;
    uint32_t vms = 1;
    uint64_t maxInstructions = 1'000'000'000;
    bool json = false;
    ModeOptions modes;
    hv::MultiVmConfig host;
    std::vector<hv::BalloonTarget> balloons;
    bool hostFramesGiven = false;
};

template <typename T> std::optional<T> wholeNumber(std::string_view text) {
    T value{};
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

// VM=PAGES[@CYCLE]
std::optional<hv::BalloonTarget> parseBalloon(const std::string& text, std::ostream& err) {
    const auto eq = text.find('='), at = text.find('@');
    const std::string vm = text.substr(0, eq);
    const std::string pages = eq == std::string::npos ? "" : text.substr(eq + 1, at - eq - 1);
    const std::string cycle = at == std::string::npos ? "0" : text.substr(at + 1);
    hv::BalloonTarget t;
    const auto v = wholeNumber<uint32_t>(vm), p = wholeNumber<uint32_t>(pages);
    const auto c = wholeNumber<uint64_t>(cycle);
    if (!v)
        err << "vizor run: --balloon '" << text << "': VM must be a VM number\n";
    else if (!p)
        err << "vizor run: --balloon '" << text << "': PAGES must be a whole number\n";
    else if (!c)
        err << "vizor run: --balloon '" << text << "': CYCLE must be a whole number\n";
    if (!v || !p || !c) return std::nullopt;
    t.vm = *v;
    t.pages = *p;
    t.atCycle = *c;
    return t;
}

// One option with a whole-number value into `value`; false (reported) on a bad value.
template <typename T>
bool numberOption(const std::vector<std::string>& args, std::size_t& i, T& value,
                  std::ostream& err) {
    const std::string& name = args[i];
    const std::string text = i + 1 < args.size() ? args[++i] : "";
    const auto n = wholeNumber<T>(text);
    if (!n) {
        err << "vizor run: " << name << " needs a whole number, got '" << text << "'\n";
        return false;
    }
    value = *n;
    return true;
}

int parseOne(const std::vector<std::string>& args, std::size_t& i, MultiVmOptions& o,
             std::ostream& err) {
    const std::string& a = args[i];
    if (const int mode = parseModeOption(args, i, o.modes, err); mode != 0) return mode;
    if (a == "--json") {
        o.json = true;
        return 1;
    }
    if (a == "--vms") return numberOption(args, i, o.vms, err) ? 1 : -1;
    if (a == "--host-frames") {
        o.hostFramesGiven = true;
        return numberOption(args, i, o.host.hostFrames, err) ? 1 : -1;
    }
    if (a == "--slice") return numberOption(args, i, o.host.slice, err) ? 1 : -1;
    if (a == "--max-instructions") return numberOption(args, i, o.maxInstructions, err) ? 1 : -1;
    if (a == "--balloon") {
        const auto t = parseBalloon(i + 1 < args.size() ? args[++i] : "", err);
        if (!t) return -1;
        o.balloons.push_back(*t);
        return 1;
    }
    if (a.starts_with("--")) {
        err << "vizor run: unknown option '" << a << "' (see 'vizor help run')\n";
        return -1;
    }
    o.programs.push_back(a);
    return 1;
}

bool validate(const MultiVmOptions& o, std::ostream& err) {
    if (o.vms == 0 || o.vms > kMaxVms) {
        err << "vizor run: --vms must be 1 to " << kMaxVms << ", got " << o.vms << "\n";
        return false;
    }
    if (o.programs.empty() || (o.programs.size() != 1 && o.programs.size() != o.vms)) {
        err << "vizor run: --vms " << o.vms
            << " needs one PROGRAM.s for all VMs or one per VM, got " << o.programs.size() << "\n";
        return false;
    }
    if (o.modes.mode != "native" && o.modes.mode != "trap") {
        err << "vizor run: several VMs on one host run under trap (shadow paging); --mode "
            << o.modes.mode << " is not supported with --vms, --balloon or --host-frames\n";
        return false;
    }
    // An instruction may need its code page and a data page at once: with fewer frames
    // than that per VM, turns could take them from each other for ever.
    if (o.hostFramesGiven && o.host.hostFrames < kMinFramesPerVm * o.vms) {
        err << "vizor run: --host-frames must be at least " << kMinFramesPerVm << " per VM ("
            << kMinFramesPerVm * o.vms << " for " << o.vms << "), got " << o.host.hostFrames
            << "\n";
        return false;
    }
    if (!o.modes.paging.empty() && o.modes.paging != "shadow") {
        err << "vizor run: several VMs on one host use shadow paging, not " << o.modes.paging
            << "\n";
        return false;
    }
    if (o.host.slice == 0) {
        err << "vizor run: --slice must be at least 1 step\n";
        return false;
    }
    for (const hv::BalloonTarget& t : o.balloons) {
        if (t.vm >= o.vms) {
            err << "vizor run: --balloon names VM " << t.vm << ", but there are " << o.vms
                << " (numbered from 0)\n";
            return false;
        }
    }
    return true;
}

std::optional<MultiVmOptions> parse(const std::vector<std::string>& args, std::ostream& err) {
    MultiVmOptions o;
    for (std::size_t i = 1; i < args.size(); ++i)
        if (parseOne(args, i, o, err) < 0) return std::nullopt;
    if (!validate(o, err)) return std::nullopt;
    return o;
}

std::optional<std::string> readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

bool hasBalloon(const MultiVmOptions& o, uint32_t vm) {
    for (const hv::BalloonTarget& t : o.balloons)
        if (t.vm == vm) return true;
    return false;
}

// A VM with a balloon runs the kernel built with BALLOON (resources/guests/balloon.s).
std::optional<Program> assembleFor(const MultiVmOptions& o, uint32_t vm, std::ostream& err) {
    const std::string& path = o.programs.size() == 1 ? o.programs[0] : o.programs[vm];
    const auto source = readFile(path);
    if (!source) {
        err << "vizor run: cannot read '" << path << "'\n";
        return std::nullopt;
    }
    AssemblerOptions options;
    options.fileName = path;
    if (hasBalloon(o, vm)) options.defines["BALLOON"] = 1;
    AssemblyResult r = assemble(*source, options);
    for (const Diagnostic& d : r.errors)
        err << d.format() << "\n";
    if (!r.ok()) return std::nullopt;
    return std::move(r.program);
}

std::optional<hv::CostModel> costsFor(const ModeOptions& modes, std::ostream& err) {
    if (modes.costsFile.empty()) return hv::CostModel{};
    const auto text = readFile(modes.costsFile);
    if (!text) {
        err << "vizor: cannot read cost file '" << modes.costsFile << "'\n";
        return std::nullopt;
    }
    std::string error;
    auto model = hv::CostModel::parse(*text, error);
    if (!model) err << modes.costsFile << ": " << error << "\n";
    return model;
}

// The most host frames VM i held at the end of any turn (a powered-off VM holds none).
uint32_t peakFrames(const hv::MultiVm& host, uint32_t i) {
    uint32_t peak = 0;
    for (const hv::HostSample& sample : host.timeline())
        peak = std::max(peak, sample.usedFrames.at(i));
    return peak;
}

JsonObject vmJson(const hv::MultiVm& host, uint32_t i, const std::string& program) {
    const hv::HostedVm& vm = host.vm(i);
    const Machine& m = vm.machine();
    const hv::memory::P2mStats& p = vm.p2m().stats();
    JsonObject memory = memoryJson(vm); // the paging counters, then the shared host's
    memory.add("host_frames_used", static_cast<uint64_t>(host.host().usedBy(vm.p2m().vm())))
        .add("host_frames_peak", static_cast<uint64_t>(peakFrames(host, i)))
        .add("balloon_pages", static_cast<uint64_t>(vm.balloon().actual()))
        .add("balloon_target", static_cast<uint64_t>(vm.balloon().target()))
        .add("swapped_pages", static_cast<uint64_t>(vm.p2m().swappedFrames()))
        .add("host_swap_outs", p.swapOuts)
        .add("host_swap_ins", p.swapIns)
        .add("demand_allocations", p.demandAllocations)
        .add("balloon_inflated", p.balloonInflated)
        .add("balloon_deflated", p.balloonDeflated)
        .add("double_paging", p.doublePaging);
    JsonObject json;
    json.add("program", program)
        .add("console", m.console())
        .add("exit_code", static_cast<uint64_t>(m.exitCode()))
        .add("halted_reason", haltReasonName(m.haltReason()))
        .add("instructions", m.hart().instret)
        .add("steps", m.hart().steps)
        .add("cycles", m.hart().cycle)
        .add("memory", memory)
        .add("hypervisor", hypervisorJson(vm));
    return json;
}

void report(const MultiVmOptions& o, const hv::MultiVm& host, std::ostream& out,
            std::ostream& err) {
    const hv::memory::HostMemory& mem = host.host();
    auto program = [&](uint32_t i) {
        return o.programs.size() == 1 ? o.programs[0] : o.programs[i];
    };
    if (o.json) {
        JsonObject h, vms;
        h.add("frames", static_cast<uint64_t>(mem.totalFrames()))
            .add("free_frames", static_cast<uint64_t>(mem.freeFrames()))
            .add("swap_outs", mem.swapOuts())
            .add("swap_ins", mem.swapIns())
            .add("turns", host.turns())
            .add("slice", o.host.slice);
        for (uint32_t i = 0; i < host.vmCount(); ++i)
            vms.add(std::to_string(i), vmJson(host, i, program(i)));
        JsonObject json;
        json.add("mode", "trap").add("vms", static_cast<uint64_t>(host.vmCount())).add("host", h);
        json.add("vm", vms);
        out << json.str() << "\n";
        return;
    }
    for (uint32_t i = 0; i < host.vmCount(); ++i) {
        const Machine& m = host.vm(i).machine();
        out << "--- vm " << i << ": " << program(i) << " ---\n" << m.console();
        err << "vizor: vm " << i << ": " << haltReasonName(m.haltReason()) << ", exit code "
            << m.exitCode() << ", " << m.hart().instret << " instructions, "
            << mem.usedBy(host.vm(i).p2m().vm()) << " host frames (peak " << peakFrames(host, i)
            << "), balloon " << host.vm(i).balloon().actual() << " pages, "
            << host.vm(i).p2m().stats().swapOuts << " swapped out\n";
    }
    err << "vizor: host " << mem.totalFrames() << " frames, " << mem.freeFrames() << " free, "
        << mem.swapOuts() << " swap-outs, " << mem.swapIns() << " swap-ins\n";
}

int statusFor(const hv::MultiVm& host) {
    int status = kGuestPoweredOff;
    for (uint32_t i = 0; i < host.vmCount(); ++i) {
        const HaltReason r = host.vm(i).machine().haltReason();
        if (r == HaltReason::Failure)
            status = std::max(status, kGuestFailed);
        else if (r != HaltReason::PowerOff)
            status = kNotFinished;
    }
    return status;
}

} // namespace

bool isMultiVmRun(const std::vector<std::string>& args) {
    for (const std::string& a : args)
        if (a == "--vms" || a == "--balloon" || a == "--host-frames") return true;
    return false;
}

int multiVmRunCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    auto options = parse(args, err);
    if (!options) return kBadInput;
    const auto costs = costsFor(options->modes, err);
    if (!costs) return kBadInput;
    options->host.vm.x86Sensitive = options->modes.x86Sensitive;
    options->host.vm.costs = *costs;
    hv::MultiVm host(options->host, options->vms);
    for (uint32_t i = 0; i < options->vms; ++i) {
        const auto program = assembleFor(*options, i, err);
        if (!program) return kBadInput;
        std::string error;
        if (!host.load(i, *program, hasBalloon(*options, i), error)) {
            err << "vizor: vm " << i << ": " << error << "\n";
            return kBadInput;
        }
    }
    for (const hv::BalloonTarget& t : options->balloons)
        host.addBalloonTarget(t);
    host.run(options->maxInstructions);
    report(*options, host, out, err);
    return statusFor(host);
}

} // namespace vizor::cli
