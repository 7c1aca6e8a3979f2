#include "hypervisor/CostModel.h"

#include "hypervisor/Hypervisor.h"

#include <charconv>

namespace vizor::hv {

const std::vector<CostModel::Entry>& CostModel::entries() {
    static const std::vector<Entry> kEntries = {
        {"instruction", &CostModel::instruction, "guest instruction executed directly"},
        {"trap_delivery", &CostModel::trapDelivery, "hardware trap entry"},
        {"world_switch", &CostModel::worldSwitch, "one guest<->VMM transition"},
        {"vm_exit_round_trip", &CostModel::vmExitRoundTrip, "hardware VM exit + entry"},
        {"emulate_instruction", &CostModel::emulateInstruction, "VMM emulates one instruction"},
        {"interpret_instruction", &CostModel::interpretInstruction,
         "software vCPU runs one instruction"},
        {"virtual_trap_delivery", &CostModel::virtualTrapDelivery,
         "VMM delivers a trap to the guest"},
        {"shadow_sync", &CostModel::shadowSync, "guest PTE write propagated to the shadow"},
        {"shadow_flush", &CostModel::shadowFlush, "all shadow tables dropped"},
        {"shadow_fill", &CostModel::shadowFill, "one shadow entry installed"},
        {"page_walk_reference", &CostModel::pageWalkReference, "one page-table read"},
        {"sbi_call", &CostModel::sbiCall, "VMM serves one firmware call"},
        {"hypercall", &CostModel::hypercall, "VMM serves one hypercall"},
        {"callout", &CostModel::callout, "translated or patched code calls the VMM"},
        {"translate_instruction", &CostModel::translateInstruction,
         "binary translator handles one instruction"},
        {"cache_lookup", &CostModel::cacheLookup, "translation cache lookup"},
    };
    return kEntries;
}

namespace {
std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}
} // namespace

std::optional<CostModel> CostModel::parse(std::string_view text, std::string& error) {
    CostModel model;
    int lineNumber = 0;
    while (!text.empty()) {
        const std::size_t end = text.find('\n');
        std::string_view line = text.substr(0, end);
        text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
        ++lineNumber;
        if (const std::size_t hash = line.find('#'); hash != std::string_view::npos)
            line = line.substr(0, hash);
        line = trim(line);
        if (line.empty()) continue;
        const std::size_t eq = line.find('=');
        const std::string_view key = trim(line.substr(0, eq));
        const std::string_view value =
            eq == std::string_view::npos ? std::string_view{} : trim(line.substr(eq + 1));
        const Entry* entry = nullptr;
        for (const Entry& e : entries())
            if (e.key == key) entry = &e;
        uint64_t number = 0;
        const auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), number);
        if (!entry || value.empty() || ec != std::errc() || ptr != value.data() + value.size()) {
            error = "line " + std::to_string(lineNumber) + ": expected 'primitive = cycles' with " +
                    "a known primitive, got '" + std::string(line) + "'";
            return std::nullopt;
        }
        model.*(entry->field) = number;
    }
    return model;
}

uint64_t CostModel::cycles(const VmStats& s) const {
    uint64_t c = s.directInstructions * instruction;
    c += s.hardwareTraps * trapDelivery;
    c += s.worldSwitches * worldSwitch;
    c += s.vmExitRoundTrips * vmExitRoundTrip;
    c += s.emulatedInstructions * emulateInstruction;
    c += s.interpretedInstructions * interpretInstruction;
    c += s.virtualTraps * virtualTrapDelivery;
    c += s.shadowSyncs * shadowSync;
    c += s.shadowFlushes * shadowFlush;
    c += s.hiddenFaults * shadowFill;
    c += s.walkReferences * pageWalkReference;
    c += s.sbiCalls * sbiCall;
    c += s.hypercalls * hypercall;
    c += s.pteUpdates * pageWalkReference; // each validated update reads/writes one PTE
    c += s.callouts * callout;
    c += s.translatedInstructions * translateInstruction;
    c += (s.cacheHits + s.cacheMisses) * cacheLookup;
    return c;
}

} // namespace vizor::hv
