// Helpers shared by the assembler suites: reading the corpus, pulling words out of
// a Program, and formatting diagnostics for failure messages.
#pragma once

#include "asm/Assembler.h"

#include <QByteArray>
#include <QFile>
#include <QString>
#include <QtGlobal>

#include <cstdint>
#include <string>

namespace vizor::test {

inline QString sourceDir() {
    return qEnvironmentVariable("VIZOR_SOURCE_DIR");
}

inline QByteArray readSource(const QString& relative) {
    QFile f(sourceDir() + "/" + relative);
    if (!f.open(QIODevice::ReadOnly)) return {};
    return f.readAll();
}

inline const Section* findSection(const Program& p, const std::string& name) {
    for (const auto& s : p.sections)
        if (s.name == name) return &s;
    return nullptr;
}

inline uint32_t wordAt(const std::vector<uint8_t>& bytes, std::size_t offset) {
    return uint32_t{bytes[offset]} | uint32_t{bytes[offset + 1]} << 8 |
           uint32_t{bytes[offset + 2]} << 16 | uint32_t{bytes[offset + 3]} << 24;
}

inline QByteArray errorsText(const AssemblyResult& r) {
    std::string s;
    for (const auto& e : r.errors)
        s += e.format() + "\n";
    return QByteArray::fromStdString(s);
}

// Assembles text expected to be one instruction; returns the word or nullopt.
inline std::optional<uint32_t> assembleOne(const std::string& text, uint32_t pc,
                                           const std::map<std::string, int64_t>& defines = {}) {
    AssemblerOptions options;
    options.baseAddress = pc;
    options.defines = defines;
    const auto r = assemble(text, options);
    const Section* text0 = findSection(r.program, ".text");
    if (!r.ok() || !text0 || text0->bytes.size() != 4) return std::nullopt;
    return wordAt(text0->bytes, 0);
}

} // namespace vizor::test
