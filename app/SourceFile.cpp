#include "app/SourceFile.h"

#include "elf/ElfListing.h"
#include "elf/ElfLoader.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace vizor::app {

namespace {

// A refusal names the file, the ELF field and its offset.
std::optional<QString> listingOfExecutable(std::string_view bytes, const QString& name,
                                           QString* error) {
    const std::string file = name.toStdString();
    const elf::ElfLoadResult loaded = elf::loadElf(bytes, file);
    if (!loaded.ok()) {
        if (error) *error = QString::fromStdString(loaded.error.format());
        return std::nullopt;
    }
    const elf::Listing listing = elf::listingOf(*loaded.program, file);
    if (!listing.text) {
        if (error) *error = QString::fromStdString(file + ": " + listing.error);
        return std::nullopt;
    }
    return QString::fromStdString(*listing.text);
}

} // namespace

std::optional<QString> SourceFile::read(const QString& path, QString* error, bool* executable) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error) *error = file.errorString();
        return std::nullopt;
    }
    const QByteArray bytes = file.readAll();
    const std::string_view view(bytes.constData(), static_cast<std::size_t>(bytes.size()));
    const bool elf = elf::looksLikeElf(view);
    if (executable) *executable = elf;
    if (elf) return listingOfExecutable(view, QFileInfo(path).fileName(), error);
    return QString::fromUtf8(bytes);
}

bool SourceFile::write(const QString& path, const QString& text, QString* error) {
    QSaveFile file(path);
    if (file.open(QIODevice::WriteOnly) && file.write(text.toUtf8()) >= 0 && file.commit())
        return true;
    if (error) *error = file.errorString();
    return false;
}

QString SourceFile::fileDialogFilter() {
    return QCoreApplication::translate("vizor::app::SourceFile",
                                       "RISC-V assembly (*.s *.S *.asm);;All files (*)");
}

} // namespace vizor::app
