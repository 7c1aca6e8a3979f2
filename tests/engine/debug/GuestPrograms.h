// Loads the bare-metal conformance programs (tests/conformance/programs) the way
// the conformance harness does: the shared prelude prepended to each program.
#pragma once

#include "asm/Assembler.h"

#include <QDir>
#include <QFile>
#include <QString>
#include <QTest>

#include <string>
#include <vector>

struct GuestProgram {
    QString name;
    std::string source;
};

inline std::vector<GuestProgram> conformancePrograms() {
    const QDir dir(qEnvironmentVariable("VIZOR_SOURCE_DIR", VIZOR_SOURCE_DIR_DEFAULT) +
                   "/tests/conformance/programs");
    QFile preludeFile(dir.filePath("common.inc"));
    std::string prelude;
    if (preludeFile.open(QIODevice::ReadOnly)) prelude = preludeFile.readAll().toStdString();
    std::vector<GuestProgram> programs;
    for (const QString& name : dir.entryList({"*.s"}, QDir::Files, QDir::Name)) {
        QFile file(dir.filePath(name));
        if (file.open(QIODevice::ReadOnly))
            programs.push_back({name, prelude + file.readAll().toStdString()});
    }
    return programs;
}

// Assembles a guest; on failure the returned message names the first error.
inline std::string assembleGuest(const GuestProgram& guest, vizor::Program& program) {
    vizor::AssemblerOptions options;
    options.fileName = guest.name.toStdString();
    const vizor::AssemblyResult result = vizor::assemble(guest.source, options);
    program = result.program;
    return result.ok() ? std::string() : result.errors.front().format();
}
