#include "asm/Names.h"

#include <array>
#include <map>

namespace vizor::assembler {
namespace {

constexpr std::array<std::string_view, 32> kAbiNames = {
    "zero", "ra", "sp", "gp", "tp",  "t0",  "t1", "t2", "s0", "s1", "a0",
    "a1",   "a2", "a3", "a4", "a5",  "a6",  "a7", "s2", "s3", "s4", "s5",
    "s6",   "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6"};

struct CsrRow {
    std::string_view name;
    uint16_t number;
};

// Single CSRs from the privileged specification (numbered families such as
// pmpcfgN and hpmcounterN are generated in CsrTable below).
constexpr CsrRow kCsrRows[] = {
    {"fflags", 0x001},        {"frm", 0x002},         {"fcsr", 0x003},       {"cycle", 0xc00},
    {"time", 0xc01},          {"instret", 0xc02},     {"cycleh", 0xc80},     {"timeh", 0xc81},
    {"instreth", 0xc82},      {"sstatus", 0x100},     {"sie", 0x104},        {"stvec", 0x105},
    {"scounteren", 0x106},    {"senvcfg", 0x10a},     {"sscratch", 0x140},   {"sepc", 0x141},
    {"scause", 0x142},        {"stval", 0x143},       {"sip", 0x144},        {"satp", 0x180},
    {"vsstatus", 0x200},      {"vsie", 0x204},        {"vstvec", 0x205},     {"vsscratch", 0x240},
    {"vsepc", 0x241},         {"vscause", 0x242},     {"vstval", 0x243},     {"vsip", 0x244},
    {"vsatp", 0x280},         {"hstatus", 0x600},     {"hedeleg", 0x602},    {"hideleg", 0x603},
    {"hie", 0x604},           {"htimedelta", 0x605},  {"hcounteren", 0x606}, {"hgeie", 0x607},
    {"henvcfg", 0x60a},       {"htimedeltah", 0x615}, {"henvcfgh", 0x61a},   {"htval", 0x643},
    {"hip", 0x644},           {"hvip", 0x645},        {"htinst", 0x64a},     {"hgatp", 0x680},
    {"hgeip", 0xe12},         {"mvendorid", 0xf11},   {"marchid", 0xf12},    {"mimpid", 0xf13},
    {"mhartid", 0xf14},       {"mconfigptr", 0xf15},  {"mstatus", 0x300},    {"misa", 0x301},
    {"medeleg", 0x302},       {"mideleg", 0x303},     {"mie", 0x304},        {"mtvec", 0x305},
    {"mcounteren", 0x306},    {"menvcfg", 0x30a},     {"mstatush", 0x310},   {"menvcfgh", 0x31a},
    {"mcountinhibit", 0x320}, {"mscratch", 0x340},    {"mepc", 0x341},       {"mcause", 0x342},
    {"mtval", 0x343},         {"mip", 0x344},         {"mtinst", 0x34a},     {"mtval2", 0x34b},
    {"mcycle", 0xb00},        {"minstret", 0xb02},    {"mcycleh", 0xb80},    {"minstreth", 0xb82},
    {"tselect", 0x7a0},       {"tdata1", 0x7a1},      {"tdata2", 0x7a2},     {"tdata3", 0x7a3},
    {"dcsr", 0x7b0},          {"dpc", 0x7b1},         {"dscratch0", 0x7b2},  {"dscratch1", 0x7b3},
};

struct CsrFamily {
    std::string_view prefix;
    std::string_view suffix;
    int first;
    int last;
    uint16_t base; // number of member `first`
};

constexpr CsrFamily kCsrFamilies[] = {
    {"pmpcfg", "", 0, 15, 0x3a0},      {"pmpaddr", "", 0, 63, 0x3b0},
    {"hpmcounter", "", 3, 31, 0xc03},  {"hpmcounter", "h", 3, 31, 0xc83},
    {"mhpmcounter", "", 3, 31, 0xb03}, {"mhpmcounter", "h", 3, 31, 0xb83},
    {"mhpmevent", "", 3, 31, 0x323},
};

struct CsrTable {
    std::map<std::string, uint16_t, std::less<>> byName;
    std::map<uint16_t, std::string> byNumber;

    CsrTable() {
        for (const auto& row : kCsrRows)
            add(std::string(row.name), row.number);
        for (const auto& f : kCsrFamilies)
            for (int i = f.first; i <= f.last; ++i)
                add(std::string(f.prefix) + std::to_string(i) + std::string(f.suffix),
                    static_cast<uint16_t>(f.base + i - f.first));
    }
    void add(const std::string& name, uint16_t number) {
        byName.emplace(name, number);
        byNumber.emplace(number, name);
    }
};

const CsrTable& csrTable() {
    static const CsrTable table;
    return table;
}

} // namespace

std::optional<uint8_t> registerNumber(std::string_view name) {
    if (name.size() >= 2 && name.size() <= 3 && name[0] == 'x') {
        int n = 0;
        for (std::size_t i = 1; i < name.size(); ++i) {
            if (name[i] < '0' || name[i] > '9') return std::nullopt;
            n = n * 10 + (name[i] - '0');
        }
        if (name.size() == 3 && name[1] == '0') return std::nullopt; // "x01" is not a register
        if (n < 32) return static_cast<uint8_t>(n);
        return std::nullopt;
    }
    if (name == "fp") return 8;
    for (std::size_t i = 0; i < kAbiNames.size(); ++i)
        if (kAbiNames[i] == name) return static_cast<uint8_t>(i);
    return std::nullopt;
}

std::string_view registerName(uint8_t number) {
    return kAbiNames[number & 31];
}

std::optional<uint16_t> csrNumber(std::string_view name) {
    const auto& t = csrTable();
    const auto it = t.byName.find(name);
    if (it == t.byName.end()) return std::nullopt;
    return it->second;
}

std::string csrName(uint16_t number) {
    const auto& t = csrTable();
    const auto it = t.byNumber.find(number);
    return it == t.byNumber.end() ? std::string() : it->second;
}

} // namespace vizor::assembler
