// Cost-model files ("key = value" lines): any text either parses or is refused with an
// error naming its line.
#include "FuzzTarget.h"

#include "hypervisor/CostModel.h"

#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string error;
    const auto model = vizor::hv::CostModel::parse(vizor::fuzz::asText(data, size), error);
    if (!model) {
        FUZZ_CHECK(!error.empty());
        FUZZ_CHECK(error.find("line ") != std::string::npos);
    }
    return 0;
}
