// Reading and writing assembly sources. Writes go through QSaveFile, so a crash or a
// full disk never leaves a half-written program behind.
#pragma once

#include <QString>
#include <optional>

namespace vizor::app {

struct SourceFile {
    // The text of a file, or nullopt with `error` set.
    static std::optional<QString> read(const QString& path, QString* error);
    static bool write(const QString& path, const QString& text, QString* error);
    static QString fileDialogFilter();
};

} // namespace vizor::app
