#include "asm/Program.h"

#include <algorithm>

namespace vizor {

std::string Diagnostic::format() const {
    std::string s = where.file;
    if (where.line > 0) s += ":" + std::to_string(where.line);
    if (where.column > 0) s += ":" + std::to_string(where.column);
    return s + ": error: " + message;
}

const LineMapEntry* Program::lineFor(uint32_t address) const {
    const auto it =
        std::lower_bound(lineMap.begin(), lineMap.end(), address,
                         [](const LineMapEntry& e, uint32_t a) { return e.address < a; });
    return it != lineMap.end() && it->address == address ? &*it : nullptr;
}

std::optional<uint32_t> Program::addressForLine(int line) const {
    std::optional<uint32_t> best;
    for (const auto& e : lineMap)
        if (e.fileIndex == 0 && e.line == line && (!best || e.address < *best)) best = e.address;
    return best;
}

std::optional<uint32_t> Program::symbol(const std::string& name) const {
    const auto it = symbols.find(name);
    if (it == symbols.end()) return std::nullopt;
    return it->second;
}

std::optional<std::pair<std::string, uint32_t>> Program::symbolAtOrBelow(uint32_t address) const {
    std::optional<std::pair<std::string, uint32_t>> best;
    for (const auto& [name, value] : symbols)
        if (value <= address && (!best || value > best->second)) best = {name, value};
    return best;
}

} // namespace vizor
