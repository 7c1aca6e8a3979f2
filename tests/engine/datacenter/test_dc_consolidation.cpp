// Server consolidation: forty under-used servers fit on far fewer hosts with none over
// capacity; caps hold even on an idle host; weights act only under contention;
// placement policies; scenario files and their errors.
#include "GuestKernel.h"
#include "datacenter/ClusterScenario.h"

#include <QTest>

#include <fstream>
#include <sstream>

using namespace vizor::dc;

class ConsolidationTest : public QObject {
    Q_OBJECT
private slots:
    void fortyServersConsolidateOntoFarFewerHosts();
    void cappedVmNeverExceedsItsCapEvenOnAnIdleHost();
    void weightsMatterOnlyUnderContention();
    void firstFitDecreasingMatchesTheTextbookAlgorithm();
    void timeAwarePlacementSharesCapacityBetweenPeaks();
    void emptyHostsAreSwitchedOff();
    void scenarioErrorsNameFileLineAndField();
    void garbledScenariosNeverCrash();
};

namespace {

Cluster scenario(const std::string& name) {
    std::ifstream in(hvtest::sourceDir() + "/resources/datacenter/" + name);
    std::ostringstream text;
    text << in.rdbuf();
    std::string error;
    auto c = parseClusterScenario(text.str(), name, error);
    if (!c) qFatal("%s", error.c_str());
    return *c;
}

Cluster parsed(const std::string& text) {
    std::string error;
    auto c = parseClusterScenario(text, "test", error);
    if (!c) qFatal("%s", error.c_str());
    return *c;
}

// Every host's granted CPU at every sample within its capacity, and what its VMs ask
// for (capped) too: nobody was squeezed.
void verifyWithinCapacity(const Cluster& c, const PlacementReport& r) {
    QVERIFY(!r.overCapacity);
    for (std::size_t h = 0; h < c.hosts.size(); ++h) {
        uint64_t memory = 0;
        for (int v : r.hosts[h].vms)
            memory += c.vms[static_cast<std::size_t>(v)].memoryMiB;
        QVERIFY(memory <= c.hosts[h].memoryMiB);
        for (std::size_t t = 0; t < c.samples; ++t) {
            double asked = 0;
            for (int v : r.hosts[h].vms)
                asked += c.vms[static_cast<std::size_t>(v)].limitAt(t);
            QVERIFY(asked <= c.hosts[h].capacity() * c.target + 1e-6);
            QVERIFY(r.hosts[h].used[t] <= c.hosts[h].capacity() + 1e-6);
        }
    }
}

} // namespace

void ConsolidationTest::fortyServersConsolidateOntoFarFewerHosts() {
    const Cluster c = scenario("forty-servers.cluster");
    QCOMPARE(c.hosts.size(), std::size_t{40});
    QCOMPARE(c.vms.size(), std::size_t{40});
    std::string error;
    const PlacementReport before = evaluate(c, placementBefore(c, error).value());
    qInfo("before: %zu hosts on, mean CPU %.1f%%, peak %.1f%%", before.hostsOn,
          100 * before.meanUtilization, 100 * before.peakUtilization);
    QCOMPARE(before.hostsOn, std::size_t{40});
    QVERIFY(before.meanUtilization > 0.07 && before.meanUtilization < 0.13); // ~10%
    for (Policy p : {Policy::FirstFitDecreasing, Policy::BestFit, Policy::TimeAware}) {
        const PlacementReport after = evaluate(c, place(c, p));
        qInfo("%s: %zu hosts on, mean CPU %.1f%%, peak %.1f%%, %zu-%zu VMs per host",
              policyName(p).data(), after.hostsOn, 100 * after.meanUtilization,
              100 * after.peakUtilization, after.minVmsPerHost, after.maxVmsPerHost);
        QCOMPARE(after.unplaced, std::size_t{0});
        QVERIFY(after.hostsOn * 4 <= before.hostsOn); // far fewer: at least 4:1
        QVERIFY(after.meanUtilization > 3 * before.meanUtilization);
        verifyWithinCapacity(c, after);
        // Every VM gets all it asks for: consolidation costs it nothing.
        for (std::size_t v = 0; v < c.vms.size(); ++v)
            for (std::size_t t = 0; t < c.samples; ++t)
                QCOMPARE(after.granted[v][t], c.vms[v].limitAt(t));
    }
}

void ConsolidationTest::cappedVmNeverExceedsItsCapEvenOnAnIdleHost() {
    const Cluster c = scenario("caps-and-weights.cluster");
    std::string error;
    const PlacementReport r = evaluate(c, placementBefore(c, error).value());
    const std::size_t capped = 0;
    QCOMPARE(c.vms[capped].name, std::string("capped"));
    QCOMPARE(r.hosts[0].vms, std::vector<int>{0}); // alone on "quiet"
    for (std::size_t t = 0; t < c.samples; ++t) {
        QCOMPARE(c.vms[capped].demandAt(t), 200.0); // wants two whole CPUs
        QCOMPARE(r.granted[capped][t], 50.0);       // gets its cap, host 75% idle
    }
    // Many capped VMs with random demand, consolidated: never above the cap.
    const Cluster many = parsed("host h count 10 cpus 8 memory 65536\n"
                                "vm a count 30 vcpus 4 memory 1024 cpu random 150 150 cap 120\n"
                                "vm b count 30 vcpus 2 memory 1024 cpu random 60 60\n");
    for (Policy p : {Policy::FirstFitDecreasing, Policy::BestFit, Policy::TimeAware}) {
        const PlacementReport after = evaluate(many, place(many, p));
        for (std::size_t v = 0; v < 30; ++v)
            for (std::size_t t = 0; t < many.samples; ++t)
                QVERIFY(after.granted[v][t] <= 120.0);
    }
}

void ConsolidationTest::weightsMatterOnlyUnderContention() {
    // Contended: 200 of CPU, two VMs wanting 200 each, weights 512:256.
    const auto contended = creditShares(200, {200, 200}, {512, 256});
    QCOMPARE(contended[0] + contended[1], 200.0);
    QVERIFY(std::abs(contended[0] / contended[1] - 2.0) < 1e-9);
    // Uncontended: the same weights change nothing.
    QCOMPARE(creditShares(400, {150, 100}, {512, 256}), (std::vector<double>{150, 100}));
    QCOMPARE(creditShares(400, {150, 100}, {256, 256}), (std::vector<double>{150, 100}));
    // A VM that wants less than its share keeps what it wants; the rest is split.
    const auto mixed = creditShares(300, {50, 300, 300}, {256, 256, 256});
    QCOMPARE(mixed, (std::vector<double>{50, 125, 125}));
    // The scenario's "busy" host: gold (512) and bronze (256) both asking for 2 CPUs.
    const Cluster c = scenario("caps-and-weights.cluster");
    std::string error;
    const PlacementReport r = evaluate(c, placementBefore(c, error).value());
    QVERIFY(r.overCapacity); // placed by hand, on purpose
    QVERIFY(std::abs(r.granted[1][0] / r.granted[2][0] - 2.0) < 1e-9);
}

void ConsolidationTest::firstFitDecreasingMatchesTheTextbookAlgorithm() {
    const Cluster c = parsed("samples 6\nhost small count 30 cpus 2 memory 8192\n"
                             "host big count 20 cpus 8 memory 32768\n"
                             "vm x count 150 vcpus 2 memory 3000 cpu random 60 55\n"
                             "vm y count 50 vcpus 1 memory 500 cpu random 20 20\n");
    // Sort by peak, decreasing; scan hosts from the first for room.
    std::vector<std::size_t> order(c.vms.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const double pa = c.vms[a].peakLimit(c.samples), pb = c.vms[b].peakLimit(c.samples);
        return pa != pb ? pa > pb : c.vms[a].memoryMiB > c.vms[b].memoryMiB;
    });
    std::vector<double> cpu;
    std::vector<uint64_t> mem;
    for (const HostSpec& h : c.hosts) {
        cpu.push_back(h.capacity());
        mem.push_back(h.memoryMiB);
    }
    Placement expected(c.vms.size(), -1);
    for (std::size_t v : order) {
        const double peak = c.vms[v].peakLimit(c.samples);
        for (std::size_t h = 0; h < c.hosts.size(); ++h) {
            if (cpu[h] + 1e-9 < peak || mem[h] < c.vms[v].memoryMiB) continue;
            cpu[h] -= peak;
            mem[h] -= c.vms[v].memoryMiB;
            expected[v] = static_cast<int>(h);
            break;
        }
    }
    QCOMPARE(place(c, Policy::FirstFitDecreasing), expected);
}

void ConsolidationTest::timeAwarePlacementSharesCapacityBetweenPeaks() {
    const Cluster c = scenario("day-and-night.cluster");
    const PlacementReport ffd = evaluate(c, place(c, Policy::FirstFitDecreasing));
    const PlacementReport aware = evaluate(c, place(c, Policy::TimeAware));
    qInfo("day and night: ffd %zu hosts (mean %.1f%%), time-aware %zu hosts (mean %.1f%%)",
          ffd.hostsOn, 100 * ffd.meanUtilization, aware.hostsOn, 100 * aware.meanUtilization);
    QVERIFY(aware.hostsOn < ffd.hostsOn);
    verifyWithinCapacity(c, ffd);
    verifyWithinCapacity(c, aware);
}

void ConsolidationTest::emptyHostsAreSwitchedOff() {
    const Cluster c = parsed("host h count 5 cpus 4 memory 4096\n"
                             "vm v count 3 memory 1024 cpu constant 50\n");
    const PlacementReport r = evaluate(c, place(c, Policy::FirstFitDecreasing));
    QCOMPARE(r.hostsOn, std::size_t{1});
    for (std::size_t h = 1; h < 5; ++h) {
        QVERIFY(!r.hosts[h].on());
        QCOMPARE(r.hosts[h].used, std::vector<double>(c.samples, 0.0));
    }
    QCOMPARE(r.meanUtilization, 150.0 / 400.0); // only hosts that are on count
    // A VM bigger than any host is reported, not squeezed in.
    const Cluster big =
        parsed("host h cpus 2 memory 4096\nvm v vcpus 4 memory 1 cpu constant 300\n");
    QCOMPARE(place(big, Policy::FirstFitDecreasing), Placement{-1});
}

void ConsolidationTest::scenarioErrorsNameFileLineAndField() {
    const struct {
        const char* text;
        const char* error;
    } cases[] = {
        {"host h cpus 4\n", "f.cluster:1: host h: missing memory"},
        {"host h cpus four memory 1\n", "f.cluster:1: cpus: 'four' is not a number"},
        {"host h cpus 4 memory 1\nvm v memory 1\n", "f.cluster:2: vm v: missing cpu profile"},
        {"host h cpus 4 memory 1\nvm v cpu sine 3\n", "f.cluster:2: cpu: unknown profile 'sine'"},
        {"host h cpus 4 memory 1\n\nvm v cpu constant 1 weight 0\n",
         "f.cluster:3: weight: 0 is out of range"},
        {"host h cpus 4 memory 1\nvm v cpu list 1,x\n", "f.cluster:2: cpu list value: 'x'"},
        {"host h cpus 4 memory 1\nvm v cpu constant 1 on g\n", "f.cluster:2: on: no host 'g'"},
        {"racks 4\n", "f.cluster:1: unknown declaration 'racks'"},
        {"# nothing\n", "f.cluster: no hosts declared"},
        {"host h cpus 4 memory 1 colour red\n", "f.cluster:1: host: unknown field 'colour'"},
        {"samples\n", "f.cluster:1: samples: missing value"},
    };
    for (const auto& c : cases) {
        std::string error;
        QVERIFY2(!parseClusterScenario(c.text, "f.cluster", error), c.text);
        QVERIFY2(error.starts_with(c.error), (error + " | expected " + c.error).c_str());
    }
}

void ConsolidationTest::garbledScenariosNeverCrash() {
    // The shipped scenarios with bytes replaced, inserted and lines cut, and random
    // bytes: each parses or is refused with a "file:" message, never anything else.
    std::string base;
    for (const char* name :
         {"forty-servers.cluster", "caps-and-weights.cluster", "day-and-night.cluster"}) {
        std::ifstream in(hvtest::sourceDir() + "/resources/datacenter/" + name);
        std::ostringstream text;
        text << in.rdbuf();
        base += text.str();
    }
    QVERIFY(!base.empty());
    uint64_t state = 0x9e3779b97f4a7c15ull;
    auto next = [&] {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        return state;
    };
    const char alphabet[] = "0123456789 -.,#\nxeE+abcdefghijklmnopqrstuvwxyz\t\0\xff";
    int parsed = 0, refused = 0;
    for (int i = 0; i < 2000; ++i) {
        std::string text = base;
        for (int edits = 1 + static_cast<int>(next() % 8); edits > 0; --edits) {
            const std::size_t at = next() % text.size();
            const char c = alphabet[next() % (sizeof alphabet - 1)];
            switch (next() % 3) {
            case 0:
                text[at] = c;
                break;
            case 1:
                text.insert(at, 1, c);
                break;
            default:
                text.erase(at, next() % 40);
                break;
            }
            if (text.empty()) text = "x";
        }
        if (i % 10 == 0) { // now and then, pure noise
            text.assign(next() % 300, ' ');
            for (char& ch : text)
                ch = static_cast<char>(next());
        }
        std::string error;
        const auto c = parseClusterScenario(text, "g.cluster", error);
        if (c) {
            ++parsed;
            for (Policy p : {Policy::FirstFitDecreasing, Policy::BestFit})
                QCOMPARE(place(*c, p).size(), c->vms.size());
        } else {
            ++refused;
            QVERIFY2(error.starts_with("g.cluster"), error.c_str());
        }
    }
    qInfo("garbled scenarios: %d parsed, %d refused", parsed, refused);
    QVERIFY(parsed > 0 && refused > 0);
}

QTEST_APPLESS_MAIN(ConsolidationTest)
#include "test_dc_consolidation.moc"
