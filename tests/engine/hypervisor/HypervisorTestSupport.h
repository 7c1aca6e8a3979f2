// Running one guest in one mode for the hypervisor suites. Engine headers come before
// QtTest (Qt's `emit` macro would rewrite EventStream::emit).
#pragma once

#include "GuestKernel.h"
#include "asm/Assembler.h"
#include "hypervisor/Hypervisor.h"

#include <QTest>

#include <memory>
#include <string>
#include <vector>

namespace hvtest {

struct Run {
    std::unique_ptr<vizor::hv::Hypervisor> vm;
    vizor::RunResult result;
    std::string console() const { return vm->machine().console(); }
    uint32_t word(uint32_t paddr) const {
        return vm->machine().peekPhysical(paddr, 4).value_or(0xdeadbeefu);
    }
};

inline vizor::Program assembleOrFail(const std::string& source,
                                     const std::map<std::string, int64_t>& defines = {}) {
    vizor::AssemblerOptions options;
    options.defines = defines;
    const vizor::AssemblyResult r = vizor::assemble(source, options);
    for (const vizor::Diagnostic& d : r.errors)
        qWarning("%s", d.format().c_str());
    return r.program;
}

inline Run runWith(const std::string& mode, const vizor::Program& program,
                   const vizor::hv::VmConfig& config, uint64_t maxSteps) {
    Run run;
    run.vm = vizor::hv::makeHypervisor(mode, config);
    if (!run.vm) return run;
    std::string error;
    if (!run.vm->load(program, error)) qWarning("%s", error.c_str());
    run.result = run.vm->run(maxSteps);
    return run;
}

inline Run runMode(const std::string& mode, const vizor::Program& program, bool x86 = false,
                   uint64_t maxSteps = 20'000'000) {
    vizor::hv::VmConfig config;
    config.x86Sensitive = x86;
    return runWith(mode, program, config, maxSteps);
}

// The project's guest kernel with one workload, assembled (a warning names a missing file).
inline vizor::Program guestProgram(const std::string& workload) {
    const std::string source = guestKernelSource(workload);
    if (source.empty()) qWarning("cannot read the guest kernel sources for %s", workload.c_str());
    return assembleOrFail(source);
}

// What the guest kernel can see at the end besides its console: the critical-section
// words, its trap vector and interrupt enables, and the exit code it powered off with.
inline std::vector<uint32_t> guestVisibleState(const Run& run, const vizor::Program& program) {
    const vizor::hv::GuestState g = run.vm->guestState();
    return {run.word(*program.symbol("counter")), run.word(*program.symbol("counter_expected")),
            g.csrs.stvec, g.csrs.sie, run.vm->machine().exitCode()};
}

} // namespace hvtest
