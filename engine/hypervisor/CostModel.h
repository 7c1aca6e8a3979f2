// Virtual cycles from named primitives. Every mode reports counts (VmStats); a run's
// virtual cycles are those counts times these primitives, so a difference between
// modes emerges from what each mechanism did. Defaults and their sources: README.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vizor::hv {

struct VmStats;

struct CostModel {
    uint64_t instruction = 1;           // a guest instruction executed directly
    uint64_t trapDelivery = 546;        // the hardware entering a trap handler
    uint64_t worldSwitch = 546;         // one guest <-> VMM transition
    uint64_t vmExitRoundTrip = 1360;    // hardware-assisted exit + entry (hw mode)
    uint64_t emulateInstruction = 50;   // VMM decodes and emulates one sensitive instruction
    uint64_t interpretInstruction = 20; // software vCPU: fetch, decode, dispatch one instruction
    uint64_t virtualTrapDelivery = 100; // VMM builds the guest's trap frame, jumps to stvec
    uint64_t shadowSync = 391;          // VMM propagates one guest PTE write to the shadow
    uint64_t shadowFlush = 200;         // VMM drops every shadow table
    uint64_t shadowFill = 100;          // VMM installs one shadow entry (walk counted apart)
    uint64_t pageWalkReference = 20;    // one page-table read by a hardware or software walk
    uint64_t sbiCall = 50;              // VMM serves one firmware call
    uint64_t hypercall = 50;            // VMM serves one hypercall (PTE updates counted apart)
    uint64_t callout = 40;              // translated/patched code calls the VMM (no trap)
    uint64_t translateInstruction = 100; // binary translator: decode + emit one instruction
    uint64_t cacheLookup = 10;          // dispatcher: look a guest pc up in the cache

    // Reads "key = value" lines (# comments; keys as in names()). Unknown keys and bad
    // numbers are errors, reported with their line.
    static std::optional<CostModel> parse(std::string_view text, std::string& error);
    struct Entry {
        std::string_view key;
        uint64_t CostModel::*field;
        std::string_view meaning;
    };
    static const std::vector<Entry>& entries();

    // The virtual cycles a run with these counts costs.
    uint64_t cycles(const VmStats& stats) const;
};

} // namespace vizor::hv
