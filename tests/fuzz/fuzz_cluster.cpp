// Consolidation scenario files (engine/datacenter): any text parses into a cluster, or is
// refused with "file:line: message"; what parses can be placed and evaluated by every
// policy without fault.
#include "FuzzTarget.h"

#include "datacenter/ClusterScenario.h"

#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string error;
    const auto cluster =
        vizor::dc::parseClusterScenario(vizor::fuzz::asText(data, size), "fuzz.cluster", error);
    if (!cluster) {
        FUZZ_CHECK(error.starts_with("fuzz.cluster:"));
        return 0;
    }
    for (const char* name : {"ffd", "best-fit"}) {
        const auto policy = vizor::dc::policyNamed(name);
        FUZZ_CHECK(policy.has_value());
        const auto placement = vizor::dc::place(*cluster, *policy);
        (void)vizor::dc::evaluate(*cluster, placement);
    }
    return 0;
}
