#include "elf/ElfLoader.h"

#include "elf/ElfFormat.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace vizor::elf {

namespace {

namespace f = format;

std::string hex(uint64_t value) {
    char text[24];
    std::snprintf(text, sizeof text, "0x%llx", static_cast<unsigned long long>(value));
    return text;
}

// Why a file was refused, before the file name is attached.
struct Refusal {
    std::string field;
    uint64_t offset = 0;
    std::string message;
};
using Check = std::optional<Refusal>;

// Little-endian reads; every caller has checked that the bytes are there.
class Bytes {
public:
    explicit Bytes(std::string_view data) : data_(data) {}
    uint64_t size() const { return data_.size(); }
    bool has(uint64_t offset, uint64_t count) const {
        return offset <= size() && count <= size() - offset;
    }
    uint8_t u8(uint64_t at) const { return static_cast<uint8_t>(data_[at]); }
    uint16_t u16(uint64_t at) const { return static_cast<uint16_t>(u8(at) | u8(at + 1) << 8); }
    uint32_t u32(uint64_t at) const { return uint32_t{u16(at)} | uint32_t{u16(at + 2)} << 16; }
    std::string_view slice(uint64_t at, uint64_t count) const { return data_.substr(at, count); }

private:
    std::string_view data_;
};

struct Segment {
    unsigned index = 0;
    uint32_t address = 0;
    uint32_t fileSize = 0;
    uint32_t memSize = 0;
    uint32_t offset = 0;
    uint32_t flags = 0;
};

Check checkIdent(const Bytes& b) {
    if (!b.has(0, 4) || std::memcmp(b.slice(0, 4).data(), f::kMagic, 4) != 0)
        return Refusal{"e_ident[EI_MAG]", 0, "expected the ELF magic 7f 45 4c 46 (\\x7fELF)"};
    if (!b.has(0, f::ehdr::kSize))
        return Refusal{"ELF header", 0,
                       "truncated: " + std::to_string(b.size()) +
                           " bytes, an ELF32 header needs 52"};
    const uint8_t cls = b.u8(f::kEiClass);
    if (cls != f::kElfClass32)
        return Refusal{
            "e_ident[EI_CLASS]", f::kEiClass,
            "expected ELFCLASS32 (1) for RV32, got " + std::to_string(cls) +
                (cls == f::kElfClass64 ? " (ELFCLASS64: link with -m elf32lriscv)" : "")};
    const uint8_t data = b.u8(f::kEiData);
    if (data != f::kElfData2Lsb)
        return Refusal{"e_ident[EI_DATA]", f::kEiData,
                       "expected ELFDATA2LSB (1, little-endian), got " + std::to_string(data) +
                           (data == f::kElfData2Msb ? " (big-endian)" : "")};
    if (b.u8(f::kEiVersion) != f::kEvCurrent)
        return Refusal{"e_ident[EI_VERSION]", f::kEiVersion,
                       "expected EV_CURRENT (1), got " + std::to_string(b.u8(f::kEiVersion))};
    return std::nullopt;
}

Check checkType(const Bytes& b) {
    const uint16_t type = b.u16(f::ehdr::kType);
    if (type == f::kEtExec) return std::nullopt;
    std::string what = "expected ET_EXEC (2), got " + std::to_string(type);
    if (type == f::kEtRel) what += " (ET_REL: an object file, link it first)";
    if (type == f::kEtDyn) what += " (ET_DYN: a shared or position-independent file)";
    return Refusal{"e_type", f::ehdr::kType, what};
}

Check checkMachine(const Bytes& b) {
    const uint16_t machine = b.u16(f::ehdr::kMachine);
    if (machine != f::kEmRiscv)
        return Refusal{"e_machine", f::ehdr::kMachine,
                       "expected EM_RISCV (243), got " + std::to_string(machine)};
    if (b.u32(f::ehdr::kVersion) != f::kEvCurrent)
        return Refusal{"e_version", f::ehdr::kVersion,
                       "expected EV_CURRENT (1), got " + std::to_string(b.u32(f::ehdr::kVersion))};
    return std::nullopt;
}

// The hart is RV32IMA + Zicsr + Zifencei: no compressed instructions, no floating point,
// 32 integer registers. TSO (a stronger memory model) is harmless on one hart.
Check checkFlags(const Bytes& b) {
    const uint32_t flags = b.u32(f::ehdr::kFlags);
    const auto refuse = [](std::string message) {
        return Refusal{"e_flags", f::ehdr::kFlags, std::move(message)};
    };
    if (flags & f::kEfRiscvRvc)
        return refuse("EF_RISCV_RVC is set: the file uses compressed instructions, which the "
                      "hart does not have (assemble with -march=rv32ima_zicsr_zifencei)");
    if (flags & f::kEfRiscvFloatAbi)
        return refuse("float ABI " + std::to_string((flags & f::kEfRiscvFloatAbi) >> 1) +
                      ": expected the soft-float ABI (ilp32): the hart has no F or D");
    if (flags & f::kEfRiscvRve) return refuse("EF_RISCV_RVE is set: expected RV32I, not RV32E");
    const uint32_t unknown = flags & ~f::kEfRiscvTso;
    if (unknown) return refuse("unknown flag bits " + hex(unknown));
    return std::nullopt;
}

Check checkHeaderSizes(const Bytes& b) {
    if (b.u16(f::ehdr::kEhsize) < f::ehdr::kSize)
        return Refusal{"e_ehsize", f::ehdr::kEhsize,
                       "expected at least 52, got " + std::to_string(b.u16(f::ehdr::kEhsize))};
    const uint16_t phnum = b.u16(f::ehdr::kPhnum);
    if (phnum == 0)
        return Refusal{"e_phnum", f::ehdr::kPhnum, "no program headers: nothing to load"};
    if (phnum == f::kPnXnum)
        return Refusal{"e_phnum", f::ehdr::kPhnum, "extended numbering (PN_XNUM) is not supported"};
    if (b.u16(f::ehdr::kPhentsize) != f::phdr::kSize)
        return Refusal{"e_phentsize", f::ehdr::kPhentsize,
                       "expected 32 (sizeof Elf32_Phdr), got " +
                           std::to_string(b.u16(f::ehdr::kPhentsize))};
    const uint64_t phoff = b.u32(f::ehdr::kPhoff);
    if (!b.has(phoff, uint64_t{phnum} * f::phdr::kSize))
        return Refusal{"e_phoff", f::ehdr::kPhoff,
                       std::to_string(phnum) + " program headers at " + hex(phoff) +
                           " run past the end of the file (" + std::to_string(b.size()) +
                           " bytes): truncated?"};
    return std::nullopt;
}

std::string segmentField(unsigned index, const char* field) {
    return "program header " + std::to_string(index) + " " + field;
}

// The segment as the file has it: its bytes are in the file and no more than p_memsz.
Check checkSegmentBytes(const Bytes& b, const Segment& s, uint64_t header) {
    if (s.fileSize > s.memSize)
        return Refusal{segmentField(s.index, "p_filesz"), header + f::phdr::kFilesz,
                       "p_filesz " + hex(s.fileSize) + " is larger than p_memsz " + hex(s.memSize)};
    if (!b.has(s.offset, s.fileSize))
        return Refusal{segmentField(s.index, "p_offset"), header + f::phdr::kOffset,
                       "bytes " + hex(s.offset) + " + " + hex(s.fileSize) +
                           " run past the end of the file (" + std::to_string(b.size()) +
                           " bytes): truncated?"};
    return std::nullopt;
}

Check checkSegmentPlace(const Segment& s, uint64_t header, const RamWindow& ram) {
    const uint64_t start = s.address;
    const uint64_t end = start + s.memSize;
    if (start < ram.base || end > uint64_t{ram.base} + ram.size)
        return Refusal{segmentField(s.index, "p_paddr"), header + f::phdr::kPaddr,
                       "segment " + hex(start) + ".." + hex(end) + " is not inside guest RAM " +
                           hex(ram.base) + ".." + hex(uint64_t{ram.base} + ram.size)};
    return std::nullopt;
}

Check checkOverlap(const std::vector<Segment>& loaded, const Segment& s, uint64_t header) {
    for (const Segment& other : loaded) {
        const bool apart = uint64_t{s.address} + s.memSize <= other.address ||
                           uint64_t{other.address} + other.memSize <= s.address;
        if (!apart)
            return Refusal{segmentField(s.index, "p_paddr"), header + f::phdr::kPaddr,
                           "segment at " + hex(s.address) + " overlaps program header " +
                               std::to_string(other.index) + "'s segment at " + hex(other.address)};
    }
    return std::nullopt;
}

Segment readSegment(const Bytes& b, unsigned index, uint64_t header) {
    Segment s;
    s.index = index;
    s.offset = b.u32(header + f::phdr::kOffset);
    s.address = b.u32(header + f::phdr::kPaddr);
    s.fileSize = b.u32(header + f::phdr::kFilesz);
    s.memSize = b.u32(header + f::phdr::kMemsz);
    s.flags = b.u32(header + f::phdr::kFlags);
    return s;
}

// GNU ld maps the ELF header and program headers at the start of the first segment, a
// page below the code: `-Ttext=0x80000000` gives a segment from 0x7ffff000. QEMU's -kernel
// loader drops what falls outside RAM; so does this one, but only when those bytes are
// nothing but the headers and zero padding, so nothing of the program is lost.
void dropMappedHeaders(const Bytes& b, Segment& s, const RamWindow& ram) {
    if (s.address >= ram.base || uint64_t{s.address} + s.memSize <= ram.base) return;
    const uint32_t below = ram.base - s.address;
    if (below > s.fileSize) return;
    const uint64_t phoff = b.u32(f::ehdr::kPhoff);
    const uint64_t phEnd = phoff + uint64_t{b.u16(f::ehdr::kPhnum)} * f::phdr::kSize;
    for (uint64_t at = s.offset; at < uint64_t{s.offset} + below; ++at) {
        const bool header = at < f::ehdr::kSize || (at >= phoff && at < phEnd);
        if (!header && b.u8(at) != 0) return;
    }
    s.address += below;
    s.offset += below;
    s.fileSize -= below;
    s.memSize -= below;
}

Check readSegments(const Bytes& b, const RamWindow& ram, std::vector<Segment>& loaded) {
    const uint64_t phoff = b.u32(f::ehdr::kPhoff);
    const unsigned phnum = b.u16(f::ehdr::kPhnum);
    for (unsigned i = 0; i < phnum; ++i) {
        const uint64_t header = phoff + uint64_t{i} * f::phdr::kSize;
        const uint32_t type = b.u32(header + f::phdr::kType);
        if (type == f::kPtDynamic || type == f::kPtInterp)
            return Refusal{segmentField(i, "p_type"), header + f::phdr::kType,
                           "a dynamically linked file: expected a static executable"};
        if (type != f::kPtLoad) continue; // notes, attributes, GNU_STACK: nothing to load
        Segment s = readSegment(b, i, header);
        if (s.memSize == 0) continue;
        if (Check bad = checkSegmentBytes(b, s, header)) return bad;
        dropMappedHeaders(b, s, ram);
        if (Check bad = checkSegmentPlace(s, header, ram)) return bad;
        if (Check bad = checkOverlap(loaded, s, header)) return bad;
        loaded.push_back(s);
    }
    if (loaded.empty())
        return Refusal{"e_phnum", f::ehdr::kPhnum,
                       "no PT_LOAD segment with bytes: nothing to load"};
    return std::nullopt;
}

Check checkEntry(const Bytes& b, const std::vector<Segment>& loaded) {
    const uint32_t entry = b.u32(f::ehdr::kEntry);
    for (const Segment& s : loaded)
        if (entry - s.address < s.memSize && (s.flags & f::kPfX)) return std::nullopt;
    return Refusal{"e_entry", f::ehdr::kEntry,
                   "entry point " + hex(entry) + " is not inside an executable PT_LOAD segment"};
}

std::string segmentName(const Segment& s) {
    std::string name = "PT_LOAD[" + std::to_string(s.index) + "] ";
    name += (s.flags & f::kPfR) ? 'r' : '-';
    name += (s.flags & f::kPfW) ? 'w' : '-';
    name += (s.flags & f::kPfX) ? 'x' : '-';
    return name;
}

// The segment's file bytes, then its .bss tail as zeros (p_memsz - p_filesz).
Section toSection(const Bytes& b, const Segment& s) {
    Section section;
    section.name = segmentName(s);
    section.address = s.address;
    const std::string_view bytes = b.slice(s.offset, s.fileSize);
    section.bytes.assign(bytes.begin(), bytes.end());
    section.bytes.resize(s.memSize, 0);
    return section;
}

std::string sectionField(unsigned index, const char* field) {
    return "section header " + std::to_string(index) + " " + field;
}

// A section's bytes must lie inside the file.
Check checkSectionBytes(const Bytes& b, unsigned index, uint64_t header) {
    const uint32_t offset = b.u32(header + f::shdr::kOffset);
    const uint32_t size = b.u32(header + f::shdr::kSize);
    if (b.has(offset, size)) return std::nullopt;
    return Refusal{sectionField(index, "sh_offset"), header + f::shdr::kOffset,
                   "bytes " + hex(offset) + " + " + hex(size) +
                       " run past the end of the file: truncated?"};
}

// The string table a symbol table names in sh_link.
Check findStrings(const Bytes& b, unsigned index, uint64_t header, std::string_view& strings) {
    const uint64_t shoff = b.u32(f::ehdr::kShoff);
    const uint32_t link = b.u32(header + f::shdr::kLink);
    if (link >= b.u16(f::ehdr::kShnum))
        return Refusal{sectionField(index, "sh_link"), header + f::shdr::kLink,
                       "names section " + std::to_string(link) + ", which does not exist"};
    const uint64_t strHeader = shoff + uint64_t{link} * f::shdr::kHeaderSize;
    if (b.u32(strHeader + f::shdr::kType) != f::kShtStrtab)
        return Refusal{sectionField(index, "sh_link"), header + f::shdr::kLink,
                       "section " + std::to_string(link) + " is not a SHT_STRTAB"};
    if (Check bad = checkSectionBytes(b, link, strHeader)) return bad;
    strings = b.slice(b.u32(strHeader + f::shdr::kOffset), b.u32(strHeader + f::shdr::kSize));
    return std::nullopt;
}

// Named code and data symbols, for the debugger's labels. Section and file symbols,
// undefined ones and the psABI's mapping symbols ($x, $d) are not places in the program.
Check readSymbolTable(const Bytes& b, unsigned index, uint64_t header,
                      std::map<std::string, uint32_t>& symbols) {
    if (Check bad = checkSectionBytes(b, index, header)) return bad;
    if (b.u32(header + f::shdr::kEntsize) != f::sym::kSize)
        return Refusal{sectionField(index, "sh_entsize"), header + f::shdr::kEntsize,
                       "expected 16 (sizeof Elf32_Sym), got " +
                           std::to_string(b.u32(header + f::shdr::kEntsize))};
    std::string_view strings;
    if (Check bad = findStrings(b, index, header, strings)) return bad;
    const uint64_t table = b.u32(header + f::shdr::kOffset);
    const uint64_t count = b.u32(header + f::shdr::kSize) / f::sym::kSize;
    for (uint64_t k = 1; k < count; ++k) {
        const uint64_t entry = table + k * f::sym::kSize;
        const uint32_t name = b.u32(entry + f::sym::kName);
        const std::size_t end = name < strings.size() ? strings.find('\0', name) : strings.npos;
        if (end == strings.npos)
            return Refusal{"symbol " + std::to_string(k) + " st_name", entry + f::sym::kName,
                           "name offset " + hex(name) + " is not a string in the string table"};
        const std::string_view text = strings.substr(name, end - name);
        const uint8_t type = b.u8(entry + f::sym::kInfo) & 0xf;
        if (text.empty() || text.front() == '$' || type == f::kSttSection || type == f::kSttFile ||
            b.u16(entry + f::sym::kShndx) == f::kShnUndef)
            continue;
        symbols.emplace(text, b.u32(entry + f::sym::kValue));
    }
    return std::nullopt;
}

// Section headers are optional (a stripped image may have none); if present they must be
// whole, and the first SHT_SYMTAB gives the symbols.
Check readSymbols(const Bytes& b, std::map<std::string, uint32_t>& symbols) {
    const uint64_t shoff = b.u32(f::ehdr::kShoff);
    const unsigned shnum = b.u16(f::ehdr::kShnum);
    if (shoff == 0 || shnum == 0) return std::nullopt;
    if (b.u16(f::ehdr::kShentsize) != f::shdr::kHeaderSize)
        return Refusal{"e_shentsize", f::ehdr::kShentsize,
                       "expected 40 (sizeof Elf32_Shdr), got " +
                           std::to_string(b.u16(f::ehdr::kShentsize))};
    if (!b.has(shoff, uint64_t{shnum} * f::shdr::kHeaderSize))
        return Refusal{"e_shoff", f::ehdr::kShoff,
                       std::to_string(shnum) + " section headers at " + hex(shoff) +
                           " run past the end of the file (" + std::to_string(b.size()) +
                           " bytes): truncated?"};
    for (unsigned i = 0; i < shnum; ++i) {
        const uint64_t header = shoff + uint64_t{i} * f::shdr::kHeaderSize;
        if (b.u32(header + f::shdr::kType) == f::kShtSymtab)
            return readSymbolTable(b, i, header, symbols);
    }
    return std::nullopt;
}

Check refusalOf(const Bytes& b, const RamWindow& ram, Program& program) {
    for (auto check : {checkIdent, checkType, checkMachine, checkFlags, checkHeaderSizes})
        if (Check bad = check(b)) return bad;
    std::vector<Segment> loaded;
    if (Check bad = readSegments(b, ram, loaded)) return bad;
    if (Check bad = checkEntry(b, loaded)) return bad;
    if (Check bad = readSymbols(b, program.symbols)) return bad;
    std::sort(loaded.begin(), loaded.end(),
              [](const Segment& x, const Segment& y) { return x.address < y.address; });
    for (const Segment& s : loaded)
        program.sections.push_back(toSection(b, s));
    program.entry = b.u32(f::ehdr::kEntry);
    return std::nullopt;
}

} // namespace

std::string ElfError::format() const {
    return file + ": offset " + hex(offset) + " (" + field + "): " + message;
}

bool looksLikeElf(std::string_view bytes) {
    return bytes.size() >= 4 && std::memcmp(bytes.data(), f::kMagic, 4) == 0;
}

ElfLoadResult loadElf(std::string_view bytes, std::string_view fileName, const RamWindow& ram) {
    ElfLoadResult result;
    Program program;
    program.files.emplace_back(fileName);
    if (Check bad = refusalOf(Bytes(bytes), ram, program)) {
        result.error = {std::string(fileName), bad->field, bad->offset, bad->message};
        return result;
    }
    result.program = std::move(program);
    return result;
}

} // namespace vizor::elf
