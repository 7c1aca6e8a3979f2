// The lesson runner's datacenter scenarios: several VMs sharing one host's memory (the
// balloon), a cluster consolidated by a placement policy with credit-scheduler caps,
// and a guest moved to another host by live or cold migration. The guest-with-a-disk
// scenario shares the guest kernel's assembly with the VMs (assembleKernel).
#include "lesson/LessonRunner.h"

#include "asm/Assembler.h"
#include "datacenter/ClusterScenario.h"
#include "lesson/LessonFiles.h"

#include <filesystem>

namespace vizor::lesson {

namespace fs = std::filesystem;
using detail::finished;
using detail::readFile;

// The guest kernel as resources/guests/README.md lists its files, with one driver
// (balloon.s, blk.s) and a user program from workloads/ or, failing that, demos/.
bool LessonRunner::assembleKernel(const std::string& program, const std::string& driver,
                                  const std::string& define, Program& out,
                                  std::string& error) const {
    const fs::path dir = fs::path(sourceDir_) / "resources/guests";
    std::string user = "workloads/" + program + ".s";
    if (!fs::exists(dir / user)) user = "demos/" + program + ".s";
    std::string source;
    for (const std::string& name :
         {std::string("privops.inc"), std::string("kernel.s"), std::string("proc.s"),
          std::string("vm.s"), std::string("console.s"), driver, std::string("ulib.s"), user}) {
        std::string text;
        if (!readFile(dir / name, text)) {
            error = lesson_.file + ": scenario: " +
                    (name == user ? "no workload or demonstration program named '" + program + "'"
                                  : "cannot read the guest kernel's " + name);
            return false;
        }
        source += text + "\n";
    }
    AssemblerOptions options;
    options.fileName = program + ".s";
    if (!define.empty()) options.defines[define] = 1;
    const AssemblyResult r = assemble(source, options);
    if (!r.ok()) {
        error = lesson_.file + ": scenario: " +
                (r.errors.empty() ? program + ": assembly failed" : r.errors.front().format());
        return false;
    }
    out = r.program;
    return true;
}

bool LessonRunner::startVms(std::string& error) {
    const Scenario& s = lesson_.scenario;
    hv::MultiVmConfig config;
    config.hostFrames = s.hostFrames;
    const auto count = static_cast<uint32_t>(s.vmPrograms.size());
    multi_ = std::make_unique<hv::MultiVm>(config, count);
    for (uint32_t i = 0; i < count; ++i) {
        bool balloon = false;
        for (const BalloonSpec& b : s.balloons)
            balloon = balloon || b.vm == i;
        // As `vizor run --balloon`: a VM given a balloon runs the kernel built with BALLOON.
        Program program;
        if (!assembleKernel(s.vmPrograms[i], "balloon.s", balloon ? "BALLOON" : "", program, error))
            return false;
        // A VM's turn runs to its end even when the awaited event came: stopping it early
        // would move every later turn's boundary.
        subscribe(multi_->vm(i).machine(), i, false, false);
        if (!multi_->load(i, program, balloon, error)) {
            error = lesson_.file + ": scenario: vm " + std::to_string(i) + ": " + error;
            return false;
        }
    }
    for (const BalloonSpec& b : s.balloons)
        multi_->addBalloonTarget({b.vm, b.pages, b.atCycle});
    return true;
}

bool LessonRunner::startCluster(std::string& error) {
    const std::string& name = lesson_.scenario.datacenter;
    std::string text;
    if (!readFile(fs::path(sourceDir_) / "resources/datacenter" / name, text)) {
        error = lesson_.file + ": scenario: datacenter: cannot read '" + name + "'";
        return false;
    }
    std::string problem;
    std::optional<dc::Cluster> cluster = dc::parseClusterScenario(text, name, problem);
    std::optional<dc::Placement> home;
    if (cluster) home = dc::placementBefore(*cluster, problem);
    if (!home) {
        error = lesson_.file + ": scenario: datacenter: " + problem;
        return false;
    }
    cluster_ = std::move(*cluster);
    home_ = std::move(*home);
    before_ = dc::evaluate(cluster_, home_);
    return true;
}

bool LessonRunner::startMigration(std::string& error) {
    const Scenario& s = lesson_.scenario;
    std::string text;
    if (!readFile(fs::path(sourceDir_) / "resources/datacenter" / s.datacenter, text)) {
        error = lesson_.file + ": scenario: datacenter: cannot read '" + s.datacenter + "'";
        return false;
    }
    AssemblerOptions options;
    options.fileName = s.datacenter;
    for (const auto& [symbol, value] : s.defines)
        options.defines[symbol] = value;
    const AssemblyResult r = assemble(text, options);
    if (!r.ok()) {
        error = lesson_.file + ": scenario: " +
                (r.errors.empty() ? s.datacenter + ": assembly failed" : r.errors.front().format());
        return false;
    }
    bare_ = std::make_unique<Machine>();
    subscribe(*bare_, 0, false, true);
    bare_->load(r.program);
    return true;
}

bool LessonRunner::guestFinished() const {
    if (vm_) return finished(vm_->machine().haltReason());
    if (bare_) return finished(bare_->haltReason());
    if (!multi_) return false;
    for (uint32_t i = 0; i < multi_->vmCount(); ++i)
        if (!finished(multi_->vm(i).machine().haltReason())) return false;
    return true;
}

// Runs the guest `steps` further: every VM of a vms scenario `steps` more (the result
// counts the host's steps, over all of them).
RunResult LessonRunner::advance(uint64_t steps) {
    if (vm_) return vm_->run(steps);
    if (bare_) return bare_->run(steps);
    RunResult r;
    if (!multi_) return r;
    auto hostSteps = [&] {
        return multi_->timeline().empty() ? uint64_t{0} : multi_->timeline().back().hostSteps;
    };
    const uint64_t before = hostSteps();
    multiTarget_ += steps;
    multi_->run(multiTarget_);
    r.executed = hostSteps() - before;
    r.reason = guestFinished() ? HaltReason::PowerOff : HaltReason::InstructionLimit;
    return r;
}

bool LessonRunner::playDatacenter(const RunSpec& run, std::string& error) {
    switch (run.kind) {
    case RunSpec::Kind::Place:
        placed_ = dc::place(cluster_, *dc::policyNamed(run.label));
        after_ = dc::evaluate(cluster_, *placed_);
        policy_ = run.label;
        return true;
    case RunSpec::Kind::Cap: {
        // "web" names the VM web and every VM of "vm web count N" (web-1, web-2...).
        int capped = 0;
        for (dc::VmSpec& vm : cluster_.vms)
            if (vm.name == run.label || vm.name.rfind(run.label + "-", 0) == 0) {
                vm.cap = static_cast<uint32_t>(run.count);
                ++capped;
            }
        if (!capped) {
            error = lesson_.file + ": run: cap: " + lesson_.scenario.datacenter +
                    " has no VM named '" + run.label + "'";
            return false;
        }
        before_ = dc::evaluate(cluster_, home_);
        if (placed_) after_ = dc::evaluate(cluster_, *placed_);
        return true;
    }
    case RunSpec::Kind::Migrate: {
        if (migration_) {
            error = lesson_.file + ": run: migrate: the guest has already moved";
            return false;
        }
        dc::MigrationConfig config;
        config.method = run.cold ? dc::MigrationMethod::Cold : dc::MigrationMethod::Live;
        config.bandwidthMbps = static_cast<double>(run.count);
        dc::MigrationResult moved = dc::migrate(*bare_, config);
        migration_ = moved.report;
        // The guest lives on at the destination: its events from there on.
        detach();
        bare_ = std::move(moved.destination);
        subscribe(*bare_, 0, false, true);
        return true;
    }
    default:
        return true;
    }
}

} // namespace vizor::lesson
