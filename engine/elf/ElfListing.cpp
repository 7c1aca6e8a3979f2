#include "elf/ElfListing.h"

#include "asm/Assembler.h"
#include "isa/Disassembler.h"

#include <cctype>
#include <cstdio>
#include <cstring>
#include <map>
#include <vector>

namespace vizor::elf {

namespace {

constexpr uint32_t kBase = 0x80000000u;  // AssemblerOptions::baseAddress: where .text starts
constexpr std::size_t kZeroRunWords = 4; // shorter runs of zero words stay .word lines

std::string hex32(uint32_t value) {
    char text[16];
    std::snprintf(text, sizeof text, "0x%08x", value);
    return text;
}

// The loader names a segment "PT_LOAD[i] rwx"; only executable ones hold instructions.
bool executable(const Section& s) {
    return !s.name.empty() && s.name.back() == 'x';
}

bool plainIdentifier(const std::string& name) {
    if (name.empty() || std::isdigit(static_cast<unsigned char>(name.front()))) return false;
    for (const char c : name)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '.') return false;
    return true;
}

class Writer {
public:
    Writer(const Program& program, bool withLabels) : program_(program) {
        if (!withLabels) return;
        for (const auto& [name, address] : program.symbols)
            if (name != "_start" && plainIdentifier(name)) labels_.emplace(address, name);
    }

    std::string write(std::string_view fileName) {
        out_ = "# " + std::string(fileName) +
               ": an ELF executable, as the source that assembles back to its exact memory\n"
               "# image (instructions disassembled; data as .word, .byte and .space).\n"
               "# Entry " +
               hex32(program_.entry) + ", " + std::to_string(program_.sections.size()) +
               " loaded segment(s).\n.text\n";
        uint32_t at = kBase;
        for (const Section& s : program_.sections) {
            if (s.address > at) out_ += "    .space " + std::to_string(s.address - at) + "\n";
            section(s);
            at = s.address + static_cast<uint32_t>(s.bytes.size());
        }
        return out_;
    }

private:
    void labelsAt(uint32_t address) {
        const auto [first, last] = labels_.equal_range(address);
        for (auto it = first; it != last; ++it)
            out_ += it->second + ":\n";
        if (address == program_.entry) out_ += "_start:\n";
    }
    bool labelled(uint32_t address) const {
        return labels_.contains(address) || address == program_.entry;
    }

    void line(const std::string& text, uint32_t address) {
        out_ += "    " + text;
        out_ += std::string(text.size() < 32 ? 32 - text.size() : 1, ' ');
        out_ += "# " + hex32(address) + "\n";
    }

    // Zero words from `i` on, up to the next label: written as one .space if long enough.
    std::size_t zeroRun(const Section& s, std::size_t i) const {
        std::size_t n = 0;
        while (i + n + 4 <= s.bytes.size() && (n == 0 || !labelled(s.address + i + n))) {
            uint32_t word = 0;
            std::memcpy(&word, &s.bytes[i + n], 4);
            if (word) break;
            n += 4;
        }
        return n >= kZeroRunWords * 4 ? n : 0;
    }

    void section(const Section& s) {
        std::size_t i = 0;
        while (i < s.bytes.size()) {
            const auto address = static_cast<uint32_t>(s.address + i);
            labelsAt(address);
            if ((address & 3) || s.bytes.size() - i < 4) {
                line(".byte " + std::to_string(s.bytes[i]), address);
                ++i;
                continue;
            }
            if (const std::size_t zeros = zeroRun(s, i)) {
                line(".space " + std::to_string(zeros), address);
                i += zeros;
                continue;
            }
            uint32_t word = 0;
            std::memcpy(&word, &s.bytes[i], 4);
            line(executable(s) ? isa::disassemble(word, address) : ".word " + hex32(word), address);
            i += 4;
        }
    }

    const Program& program_;
    std::multimap<uint32_t, std::string> labels_;
    std::string out_;
};

// The bytes from kBase to the end of the last section, gaps as zeros.
std::vector<uint8_t> image(const Program& program) {
    std::vector<uint8_t> bytes;
    for (const Section& s : program.sections) {
        if (s.bytes.empty()) continue;
        if (s.address < kBase) return {};
        const std::size_t start = s.address - kBase;
        if (bytes.size() < start + s.bytes.size()) bytes.resize(start + s.bytes.size(), 0);
        std::memcpy(&bytes[start], s.bytes.data(), s.bytes.size());
    }
    return bytes;
}

// Empty when `text` assembles to `program`'s image and entry, else what differs.
std::string differences(const std::string& text, const Program& program,
                        std::string_view fileName) {
    AssemblerOptions options;
    options.fileName = std::string(fileName);
    const AssemblyResult again = assemble(text, options);
    if (!again.ok()) return again.errors.front().format();
    if (again.program.entry != program.entry)
        return "the entry point " + hex32(program.entry) + " is not at an instruction boundary";
    if (image(again.program) != image(program)) return "the listing does not rebuild the image";
    return {};
}

} // namespace

Listing listingOf(const Program& program, std::string_view fileName) {
    Listing listing;
    for (const bool withLabels : {true, false}) {
        std::string text = Writer(program, withLabels).write(fileName);
        listing.error = differences(text, program, fileName);
        if (listing.error.empty()) {
            listing.text = std::move(text);
            break;
        }
    }
    return listing;
}

} // namespace vizor::elf
