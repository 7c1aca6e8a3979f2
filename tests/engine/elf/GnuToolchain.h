// Builds small bare-metal guests with the real GNU toolchain (binutils-riscv64-unknown-elf)
// at test time, so the ELF loader is checked against files the linker really writes and
// no binary is kept in the repository.
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace elftest {

struct GnuBuild {
    QByteArray object; // what `as` wrote (ET_REL)
    QByteArray elf;    // what `ld` wrote (ET_EXEC), empty if only assembled
    QString path;      // the executable's path
    QString error;     // why not, when the build failed (a missing tool is an error too)
    bool ok() const { return error.isEmpty(); }
};

// Assemble `source` with `asArgs` (default: -march=rv32ima_zicsr_zifencei -mabi=ilp32
// -mno-relax) and link it with `ldArgs` (default: text at 0x80000000, entry _start).
GnuBuild buildWithGnu(const QString& source, const QString& dir, const QString& name,
                      const QStringList& asArgs = {}, const QStringList& ldArgs = {});

} // namespace elftest
