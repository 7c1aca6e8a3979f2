#include "datacenter/ClusterScenario.h"

#include <charconv>
#include <cmath>
#include <map>
#include <numbers>
#include <sstream>
#include <vector>

namespace vizor::dc {

namespace {

constexpr double kMaxValues = 50'000'000; // VMs x samples
constexpr std::size_t kMaxVms = 2'000'000;
constexpr std::size_t kMaxHosts = 1'000'000;

struct ParseError {
    std::string message;
};

std::vector<std::string> words(std::string_view line) {
    std::istringstream in{std::string(line.substr(0, line.find('#')))};
    std::vector<std::string> out;
    for (std::string w; in >> w;)
        out.push_back(w);
    return out;
}

double number(const std::string& text, const std::string& field, double min, double max) {
    double v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size())
        throw ParseError{field + ": '" + text + "' is not a number"};
    if (!(v >= min && v <= max))
        throw ParseError{field + ": " + text + " is out of range [" + std::to_string(min) + ", " +
                         std::to_string(max) + "]"};
    return v;
}

uint64_t whole(const std::string& text, const std::string& field, uint64_t min, uint64_t max) {
    const double v = number(text, field, static_cast<double>(min), static_cast<double>(max));
    if (v != std::floor(v)) throw ParseError{field + ": '" + text + "' is not a whole number"};
    return static_cast<uint64_t>(v);
}

// A CPU demand profile as written after `cpu`, turned into samples later (the number
// of samples may be declared after it).
struct Profile {
    std::string kind; // constant, list, diurnal, random
    std::vector<double> values;
};

uint64_t splitmix64(uint64_t& state) {
    uint64_t z = (state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

std::vector<double> samplesOf(const Profile& p, std::size_t samples, uint64_t seed) {
    std::vector<double> out(samples);
    for (std::size_t t = 0; t < samples; ++t) {
        if (p.kind == "constant") {
            out[t] = p.values[0];
        } else if (p.kind == "list") {
            out[t] = p.values[t % p.values.size()];
        } else if (p.kind == "diurnal") { // low at peak - samples/2, high at peak
            const double peakAt = p.values.size() > 2 ? p.values[2] : samples / 2.0;
            const double phase = 2 * std::numbers::pi * (static_cast<double>(t) - peakAt) /
                                 static_cast<double>(samples);
            out[t] = p.values[0] + (p.values[1] - p.values[0]) * (1 + std::cos(phase)) / 2;
        } else { // random: uniform in mean +- spread, never below zero
            const double u = static_cast<double>(splitmix64(seed) >> 11) * 0x1.0p-53;
            out[t] = std::max(0.0, p.values[0] + p.values[1] * (2 * u - 1));
        }
    }
    return out;
}

Profile parseProfile(const std::vector<std::string>& w, std::size_t& i) {
    if (i >= w.size()) throw ParseError{"cpu: missing profile (constant, list, diurnal, random)"};
    Profile p{w[i++], {}};
    auto value = [&](const char* what) {
        if (i >= w.size()) throw ParseError{"cpu " + p.kind + ": missing " + what};
        return number(w[i++], std::string("cpu ") + p.kind + " " + what, 0, 1e6);
    };
    if (p.kind == "constant") {
        p.values = {value("value")};
    } else if (p.kind == "list") {
        if (i >= w.size()) throw ParseError{"cpu list: missing values (v1,v2,...)"};
        std::istringstream in(w[i++]);
        for (std::string item; std::getline(in, item, ',');)
            p.values.push_back(number(item, "cpu list value", 0, 1e6));
        if (p.values.empty()) throw ParseError{"cpu list: no values"};
    } else if (p.kind == "diurnal") {
        p.values = {value("low"), value("high")};
        if (i < w.size() && std::isdigit(static_cast<unsigned char>(w[i][0])))
            p.values.push_back(value("peak sample"));
    } else if (p.kind == "random") {
        p.values = {value("mean"), value("spread")};
    } else {
        throw ParseError{"cpu: unknown profile '" + p.kind + "' (constant, list, diurnal, random)"};
    }
    return p;
}

struct PendingVm {
    VmSpec vm;
    Profile profile;
    std::string beforeHost;
    int line = 0;
};

class Parser {
public:
    static Cluster defaults() { // a day in hourly samples
        Cluster c;
        c.samples = 24;
        c.intervalSeconds = 3600;
        return c;
    }
    void line(const std::vector<std::string>& w) {
        const std::string& what = w[0];
        if (what == "samples") {
            cluster_.samples = whole(arg(w, 1, "samples"), "samples", 1, 100000);
        } else if (what == "interval") {
            cluster_.intervalSeconds = number(arg(w, 1, "interval"), "interval", 1e-6, 1e9);
        } else if (what == "target") {
            cluster_.target = number(arg(w, 1, "target"), "target", 1, 100) / 100;
        } else if (what == "seed") {
            seed_ = whole(arg(w, 1, "seed"), "seed", 0, 1ull << 53);
        } else if (what == "host") {
            host(w);
        } else if (what == "vm") {
            vm(w);
        } else {
            throw ParseError{"unknown declaration '" + what +
                             "' (samples, interval, target, seed, host, vm)"};
        }
    }
    Cluster finish(const std::string& fileName) {
        std::map<std::string, int> hostIndex;
        for (std::size_t h = 0; h < cluster_.hosts.size(); ++h)
            hostIndex[cluster_.hosts[h].name] = static_cast<int>(h);
        // Every VM keeps one value per sample: refuse what would not fit in memory.
        if (static_cast<double>(pending_.size()) * static_cast<double>(cluster_.samples) >
            kMaxValues)
            throw ParseError{fileName + ": too large: " + std::to_string(pending_.size()) +
                             " VMs x " + std::to_string(cluster_.samples) + " samples (at most " +
                             std::to_string(static_cast<uint64_t>(kMaxValues)) + " values)"};
        uint64_t n = 0;
        for (PendingVm& p : pending_) {
            p.vm.cpu = samplesOf(p.profile, cluster_.samples, seed_ * 1000003 + n++);
            if (!p.beforeHost.empty()) {
                const auto it = hostIndex.find(p.beforeHost);
                if (it == hostIndex.end())
                    throw ParseError{fileName + ":" + std::to_string(p.line) + ": on: no host '" +
                                     p.beforeHost + "'"};
                p.vm.before = it->second;
            }
            cluster_.vms.push_back(std::move(p.vm));
        }
        return cluster_;
    }
    int lineNumber = 0;

private:
    static const std::string& arg(const std::vector<std::string>& w, std::size_t i,
                                  const std::string& field) {
        if (i >= w.size()) throw ParseError{field + ": missing value"};
        return w[i];
    }
    static std::vector<std::string> names(const std::string& base, uint64_t count) {
        if (count == 1) return {base};
        std::vector<std::string> out;
        for (uint64_t i = 1; i <= count; ++i)
            out.push_back(base + "-" + std::to_string(i));
        return out;
    }
    void host(const std::vector<std::string>& w) {
        HostSpec h{arg(w, 1, "host name"), 0, 0};
        uint64_t count = 1;
        for (std::size_t i = 2; i < w.size(); i += 2) {
            const std::string& key = w[i];
            const std::string& value = arg(w, i + 1, key);
            if (key == "count")
                count = whole(value, "count", 1, 1000000);
            else if (key == "cpus")
                h.cpus = static_cast<uint32_t>(whole(value, "cpus", 1, 4096));
            else if (key == "memory")
                h.memoryMiB = whole(value, "memory", 1, 1ull << 40);
            else
                throw ParseError{"host: unknown field '" + key + "' (count, cpus, memory)"};
        }
        if (!h.cpus) throw ParseError{"host " + h.name + ": missing cpus"};
        if (!h.memoryMiB) throw ParseError{"host " + h.name + ": missing memory"};
        if (cluster_.hosts.size() + count > kMaxHosts)
            throw ParseError{"host: too many hosts (at most " + std::to_string(kMaxHosts) + ")"};
        for (const std::string& name : names(h.name, count)) {
            h.name = name;
            cluster_.hosts.push_back(h);
        }
    }
    void vm(const std::vector<std::string>& w) {
        PendingVm p;
        p.vm.name = arg(w, 1, "vm name");
        p.line = lineNumber;
        uint64_t count = 1;
        bool haveCpu = false;
        for (std::size_t i = 2; i < w.size();) {
            const std::string& key = w[i++];
            if (key == "cpu") {
                p.profile = parseProfile(w, i);
                haveCpu = true;
                continue;
            }
            const std::string& value = arg(w, i++, key);
            if (key == "count")
                count = whole(value, "count", 1, 1000000);
            else if (key == "vcpus")
                p.vm.vcpus = static_cast<uint32_t>(whole(value, key, 1, 4096));
            else if (key == "memory")
                p.vm.memoryMiB = whole(value, key, 0, 1ull << 40);
            else if (key == "cap")
                p.vm.cap = static_cast<uint32_t>(whole(value, key, 0, 409600));
            else if (key == "weight")
                p.vm.weight = static_cast<uint32_t>(whole(value, key, 1, 65535));
            else if (key == "on")
                p.beforeHost = value;
            else
                throw ParseError{"vm: unknown field '" + key +
                                 "' (count, vcpus, memory, cpu, cap, weight, on)"};
        }
        if (!haveCpu) throw ParseError{"vm " + p.vm.name + ": missing cpu profile"};
        if (pending_.size() + count > kMaxVms)
            throw ParseError{"vm: too many VMs (at most " + std::to_string(kMaxVms) + ")"};
        for (const std::string& name : names(p.vm.name, count)) {
            PendingVm copy = p;
            copy.vm.name = name;
            pending_.push_back(std::move(copy));
        }
    }

    Cluster cluster_ = defaults();
    std::vector<PendingVm> pending_;
    uint64_t seed_ = 1;
};

} // namespace

std::optional<Cluster> parseClusterScenario(std::string_view text, const std::string& fileName,
                                            std::string& error) {
    Parser parser;
    std::istringstream in{std::string(text)};
    try {
        for (std::string line; std::getline(in, line);) {
            ++parser.lineNumber;
            const auto w = words(line);
            if (!w.empty()) parser.line(w);
        }
    } catch (const ParseError& e) {
        error = fileName + ":" + std::to_string(parser.lineNumber) + ": " + e.message;
        return std::nullopt;
    }
    try {
        Cluster c = parser.finish(fileName);
        if (c.hosts.empty()) throw ParseError{fileName + ": no hosts declared"};
        return c;
    } catch (const ParseError& e) {
        error = e.message;
        return std::nullopt;
    }
}

} // namespace vizor::dc
