#include "app/SourceFile.h"

#include <QCoreApplication>
#include <QFile>
#include <QSaveFile>

namespace vizor::app {

std::optional<QString> SourceFile::read(const QString& path, QString* error) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error) *error = file.errorString();
        return std::nullopt;
    }
    return QString::fromUtf8(file.readAll());
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
