#include "GnuToolchain.h"

#include <QFile>
#include <QProcess>

namespace elftest {

namespace {

QString runTool(const QString& program, const QStringList& args) {
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, args);
    if (!process.waitForStarted(10000))
        return program + QStringLiteral(" did not start: install binutils-riscv64-unknown-elf");
    process.waitForFinished(60000);
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        return program + QStringLiteral(" failed:\n") + QString::fromUtf8(process.readAll());
    return {};
}

QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

GnuBuild buildWithGnu(const QString& source, const QString& dir, const QString& name,
                      const QStringList& asArgs, const QStringList& ldArgs) {
    GnuBuild build;
    const QString base = dir + QLatin1Char('/') + name;
    QFile file(base + QStringLiteral(".s"));
    if (!file.open(QIODevice::WriteOnly) || file.write(source.toUtf8()) < 0) {
        build.error = QStringLiteral("cannot write ") + file.fileName();
        return build;
    }
    file.close();
    QStringList as = asArgs.isEmpty()
                         ? QStringList{QStringLiteral("-march=rv32ima_zicsr_zifencei"),
                                       QStringLiteral("-mabi=ilp32"), QStringLiteral("-mno-relax")}
                         : asArgs;
    as << base + QStringLiteral(".s") << QStringLiteral("-o") << base + QStringLiteral(".o");
    build.error = runTool(QStringLiteral("riscv64-unknown-elf-as"), as);
    if (!build.ok()) return build;
    build.object = readAll(base + QStringLiteral(".o"));

    QStringList ld{QStringLiteral("-m"), QStringLiteral("elf32lriscv"),
                   QStringLiteral("--no-relax")};
    ld << (ldArgs.isEmpty() ? QStringList{QStringLiteral("-Ttext=0x80000000")} : ldArgs);
    ld << QStringLiteral("-e") << QStringLiteral("_start") << base + QStringLiteral(".o")
       << QStringLiteral("-o") << base + QStringLiteral(".elf");
    build.error = runTool(QStringLiteral("riscv64-unknown-elf-ld"), ld);
    if (!build.ok()) return build;
    build.path = base + QStringLiteral(".elf");
    build.elf = readAll(build.path);
    if (build.elf.isEmpty()) build.error = QStringLiteral("ld wrote nothing to ") + build.path;
    return build;
}

} // namespace elftest
