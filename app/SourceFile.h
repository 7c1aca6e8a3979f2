// Reading and writing assembly sources. Writes go through QSaveFile, so a crash or a
// full disk never leaves a half-written program behind.
#pragma once

#include <QString>
#include <optional>

namespace vizor::app {

struct SourceFile {
    // The text of a file, or nullopt with `error` set. An ELF executable (known by its
    // magic, whatever its name) is read by the engine's ELF loader and given as the
    // listing that assembles back to its exact image (elf/ElfListing.h); `executable`,
    // if given, says so, since such a file must never be overwritten with that text.
    static std::optional<QString> read(const QString& path, QString* error,
                                       bool* executable = nullptr);
    static bool write(const QString& path, const QString& text, QString* error);
    static QString fileDialogFilter();
};

} // namespace vizor::app
