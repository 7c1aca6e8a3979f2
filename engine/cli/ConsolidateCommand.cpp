#include "cli/ConsolidateCommand.h"

#include "cli/JsonWriter.h"
#include "datacenter/ClusterScenario.h"

#include <cstdio>
#include <fstream>
#include <optional>
#include <ostream>
#include <sstream>

namespace vizor::cli {

namespace {

constexpr int kBadInput = 2;
constexpr int kSomeVmsUnplaced = 1;

struct Options {
    std::string scenario;
    dc::Policy policy = dc::Policy::FirstFitDecreasing;
    bool json = false;
};

std::optional<Options> parse(const std::vector<std::string>& args, std::ostream& err) {
    Options o;
    for (std::size_t i = 1; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--json") {
            o.json = true;
        } else if (a == "--policy") {
            const std::string value = i + 1 < args.size() ? args[++i] : "";
            const auto policy = dc::policyNamed(value);
            if (!policy) {
                err << "vizor consolidate: --policy must be ffd, best-fit or time-aware, got '"
                    << value << "'\n";
                return std::nullopt;
            }
            o.policy = *policy;
        } else if (a.starts_with("--") || !o.scenario.empty()) {
            err << "vizor consolidate: unexpected '" << a << "' (see 'vizor help')\n";
            return std::nullopt;
        } else {
            o.scenario = a;
        }
    }
    if (o.scenario.empty()) {
        err << "vizor consolidate: missing SCENARIO (see 'vizor help')\n";
        return std::nullopt;
    }
    return o;
}

std::string fixed(double v, int digits) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", digits, v);
    return buf;
}

std::string percent(double fraction) {
    return fixed(100 * fraction, 1) + "%";
}

std::string summaryLine(const char* label, const dc::Cluster& c, const dc::PlacementReport& r) {
    std::string s = std::string(label) + std::to_string(r.hostsOn) + " hosts on, " +
                    std::to_string(c.hosts.size() - r.hostsOn) + " off; CPU of hosts on: mean " +
                    percent(r.meanUtilization) + ", peak " + percent(r.peakUtilization) +
                    "; memory " + percent(r.memoryUtilization) + "; VMs per host " +
                    (r.hostsOn ? fixed(static_cast<double>(c.vms.size() - r.unplaced) /
                                           static_cast<double>(r.hostsOn),
                                       1)
                               : "-") +
                    " (" + std::to_string(r.minVmsPerHost) + "-" + std::to_string(r.maxVmsPerHost) +
                    ")";
    if (r.unplaced) s += "; " + std::to_string(r.unplaced) + " VMs found no room";
    if (r.overCapacity) s += "; OVER CAPACITY (VMs get less than they ask)";
    return s + "\n";
}

double mean(const std::vector<double>& v) {
    double sum = 0;
    for (double x : v)
        sum += x;
    return v.empty() ? 0 : sum / static_cast<double>(v.size());
}

double peak(const std::vector<double>& v) {
    double m = 0;
    for (double x : v)
        m = std::max(m, x);
    return m;
}

void printText(const dc::Cluster& c, const dc::PlacementReport& before,
               const dc::PlacementReport& after, const Options& o, std::ostream& out) {
    out << "scenario " << o.scenario << ": " << c.hosts.size() << " hosts, " << c.vms.size()
        << " VMs, " << c.samples << " samples of " << fixed(c.intervalSeconds, 0) << " s; policy "
        << dc::policyName(o.policy) << "\n";
    out << summaryLine("before: ", c, before) << summaryLine("after:  ", c, after);
    out << "hosts on after consolidation:\n";
    for (std::size_t h = 0; h < c.hosts.size(); ++h) {
        const dc::HostReport& host = after.hosts[h];
        if (!host.on()) continue;
        const double cap = c.hosts[h].capacity();
        out << "  " << c.hosts[h].name << ": " << host.vms.size() << " VMs, CPU mean "
            << percent(mean(host.used) / cap) << " peak " << percent(peak(host.used) / cap)
            << ", memory " << host.memoryMiB << "/" << c.hosts[h].memoryMiB << " MiB:";
        for (int v : host.vms)
            out << " " << c.vms[static_cast<std::size_t>(v)].name;
        out << "\n";
    }
    out << "VMs (CPU by the credit scheduler, mean/peak, 100 = one CPU):\n";
    for (std::size_t v = 0; v < c.vms.size(); ++v) {
        const dc::VmSpec& vm = c.vms[v];
        out << "  " << vm.name << ": asks " << fixed(mean(vm.cpu), 1) << "/"
            << fixed(peak(vm.cpu), 1) << ", granted before " << fixed(mean(before.granted[v]), 1)
            << "/" << fixed(peak(before.granted[v]), 1) << ", after "
            << fixed(mean(after.granted[v]), 1) << "/" << fixed(peak(after.granted[v]), 1);
        if (vm.cap) out << " (cap " << vm.cap << ")";
        if (vm.weight != 256) out << " (weight " << vm.weight << ")";
        out << "\n";
    }
}

JsonObject summaryJson(const dc::Cluster& c, const dc::PlacementReport& r) {
    JsonObject j;
    j.add("hosts_on", static_cast<uint64_t>(r.hostsOn))
        .add("hosts_off", static_cast<uint64_t>(c.hosts.size() - r.hostsOn))
        .addNumber("cpu_mean_percent", 100 * r.meanUtilization, 2)
        .addNumber("cpu_peak_percent", 100 * r.peakUtilization, 2)
        .addNumber("memory_percent", 100 * r.memoryUtilization, 2)
        .add("vms_per_host_min", static_cast<uint64_t>(r.minVmsPerHost))
        .add("vms_per_host_max", static_cast<uint64_t>(r.maxVmsPerHost))
        .add("unplaced", static_cast<uint64_t>(r.unplaced))
        .add("over_capacity", r.overCapacity);
    return j;
}

// Per VM: its host after consolidation ("" if none had room) and the CPU it was granted.
JsonObject placementJson(const dc::Cluster& c, const dc::PlacementReport& r) {
    JsonObject j;
    for (std::size_t v = 0; v < c.vms.size(); ++v) {
        JsonObject vm;
        const int h = r.placement[v];
        vm.add("host", h < 0 ? std::string() : c.hosts[static_cast<std::size_t>(h)].name)
            .addNumber("granted_mean", mean(r.granted[v]), 2)
            .addNumber("granted_peak", peak(r.granted[v]), 2);
        j.add(c.vms[v].name, vm);
    }
    return j;
}

} // namespace

int consolidateCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    const auto o = parse(args, err);
    if (!o) return kBadInput;
    std::ifstream in(o->scenario, std::ios::binary);
    if (!in) {
        err << "vizor consolidate: cannot read '" << o->scenario << "'\n";
        return kBadInput;
    }
    std::ostringstream text;
    text << in.rdbuf();
    std::string error;
    const auto cluster = dc::parseClusterScenario(text.str(), o->scenario, error);
    if (!cluster) {
        err << error << "\n";
        return kBadInput;
    }
    const auto beforePlacement = dc::placementBefore(*cluster, error);
    if (!beforePlacement) {
        err << o->scenario << ": " << error << "\n";
        return kBadInput;
    }
    // Time-aware placement tries every sample on every host for every VM.
    const double work = static_cast<double>(cluster->vms.size()) *
                        static_cast<double>(cluster->hosts.size()) *
                        static_cast<double>(cluster->samples);
    if (o->policy == dc::Policy::TimeAware && work > 2e9) {
        err << o->scenario
            << ": too large for time-aware placement (VMs x hosts x samples = " << work
            << "); use ffd or best-fit\n";
        return kBadInput;
    }
    const dc::PlacementReport before = dc::evaluate(*cluster, *beforePlacement);
    const dc::PlacementReport after = dc::evaluate(*cluster, dc::place(*cluster, o->policy));
    if (o->json) {
        JsonObject j;
        j.add("scenario", o->scenario)
            .add("policy", dc::policyName(o->policy))
            .add("hosts", static_cast<uint64_t>(cluster->hosts.size()))
            .add("vms", static_cast<uint64_t>(cluster->vms.size()))
            .add("samples", static_cast<uint64_t>(cluster->samples))
            .add("before", summaryJson(*cluster, before))
            .add("after", summaryJson(*cluster, after))
            .add("placement", placementJson(*cluster, after));
        out << j.str() << "\n";
    } else {
        printText(*cluster, before, after, *o, out);
    }
    return after.unplaced ? kSomeVmsUnplaced : 0;
}

} // namespace vizor::cli
