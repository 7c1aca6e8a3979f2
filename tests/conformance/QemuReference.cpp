#include "QemuReference.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>

namespace conformance {

namespace {

// The CPU matches Vizor's hart: RV32IMA + S/U, no C/F/D/H (so misa agrees and jumps to
// 2-byte-aligned targets trap), no PMP (Vizor has none, and QEMU's PMP would deny S/U
// accesses). icount makes mtime follow the instruction count instead of the host
// clock, so timer programs cannot race a busy host.
const QStringList kQemuArgs = {
    QStringLiteral("-M"),         QStringLiteral("virt"),
    QStringLiteral("-cpu"),       QStringLiteral("rv32,pmp=false,c=false,f=false,d=false,h=false"),
    QStringLiteral("-icount"),    QStringLiteral("shift=0,align=off,sleep=off"),
    QStringLiteral("-bios"),      QStringLiteral("none"),
    QStringLiteral("-nographic"), QStringLiteral("-monitor"),
    QStringLiteral("none"),       QStringLiteral("-serial"),
    QStringLiteral("stdio"),
};

struct ToolResult {
    bool ok = false;
    QString output;
};

ToolResult runTool(const QString& program, const QStringList& args, int timeoutMs) {
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, args);
    if (!process.waitForStarted()) return {false, program + QStringLiteral(": cannot start")};
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return {false, program + QStringLiteral(": timed out")};
    }
    const QString out = QString::fromLocal8Bit(process.readAll());
    const bool ok = process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
    return {ok, out};
}

} // namespace

const QList<RequiredTool>& requiredTools() {
    static const QList<RequiredTool> tools = {
        {QStringLiteral("qemu-system-riscv32"), QStringLiteral("qemu-system-misc")},
        {QStringLiteral("riscv64-unknown-elf-as"), QStringLiteral("binutils-riscv64-unknown-elf")},
        {QStringLiteral("riscv64-unknown-elf-ld"), QStringLiteral("binutils-riscv64-unknown-elf")},
    };
    return tools;
}

QString missingToolsMessage() {
    QStringList lines;
    for (const RequiredTool& tool : requiredTools()) {
        if (QStandardPaths::findExecutable(tool.program).isEmpty())
            lines << QStringLiteral(
                         "%1 not found: install the Debian package %2 (apt-get install %2)")
                         .arg(tool.program, tool.debianPackage);
    }
    return lines.join(QLatin1Char('\n'));
}

QString stripTerminalNoise(const QByteArray& raw) {
    QString text = QString::fromLatin1(raw);
    static const QRegularExpression escape(
        QStringLiteral("\x1b\\[[0-9;?]*[A-Za-z]|\x1b[()][A-Za-z0-9]|\x1b[=>c]"));
    text.remove(escape);
    text.remove(QLatin1Char('\r'));
    return text;
}

ReferenceRun runOnQemu(const QString& source, const QString& workDir, const QString& name,
                       int timeoutMs) {
    ReferenceRun run;
    const QString base = workDir + QLatin1Char('/') + name;
    QFile file(base + QStringLiteral(".s"));
    if (!file.open(QIODevice::WriteOnly) || file.write(source.toUtf8()) < 0) {
        run.error = QStringLiteral("cannot write ") + file.fileName();
        return run;
    }
    file.close();

    const ToolResult as =
        runTool(QStringLiteral("riscv64-unknown-elf-as"),
                {QStringLiteral("-march=rv32ima_zicsr_zifencei"), QStringLiteral("-mabi=ilp32"),
                 QStringLiteral("-mno-relax"), base + QStringLiteral(".s"), QStringLiteral("-o"),
                 base + QStringLiteral(".o")},
                30000);
    if (!as.ok) {
        run.error = QStringLiteral("GNU as failed:\n") + as.output;
        return run;
    }
    const ToolResult ld = runTool(
        QStringLiteral("riscv64-unknown-elf-ld"),
        {QStringLiteral("-m"), QStringLiteral("elf32lriscv"), QStringLiteral("--no-relax"),
         QStringLiteral("-Ttext=0x80000000"), QStringLiteral("-e"), QStringLiteral("_start"),
         base + QStringLiteral(".o"), QStringLiteral("-o"), base + QStringLiteral(".elf")},
        30000);
    if (!ld.ok) {
        run.error = QStringLiteral("GNU ld failed:\n") + ld.output;
        return run;
    }

    QProcess qemu;
    qemu.setProcessChannelMode(QProcess::SeparateChannels);
    qemu.start(QStringLiteral("qemu-system-riscv32"),
               kQemuArgs + QStringList{QStringLiteral("-kernel"), base + QStringLiteral(".elf")});
    if (!qemu.waitForStarted()) {
        run.error = QStringLiteral("cannot start qemu-system-riscv32");
        return run;
    }
    if (!qemu.waitForFinished(timeoutMs)) {
        qemu.kill();
        qemu.waitForFinished();
        run.error =
            QStringLiteral("QEMU did not reach the finisher within %1 ms; output so far:\n%2")
                .arg(timeoutMs)
                .arg(stripTerminalNoise(qemu.readAllStandardOutput()));
        return run;
    }
    run.transcript = stripTerminalNoise(qemu.readAllStandardOutput());
    if (qemu.exitStatus() != QProcess::NormalExit) {
        run.error =
            QStringLiteral("QEMU crashed: ") + QString::fromLocal8Bit(qemu.readAllStandardError());
        return run;
    }
    // sifive_test: pass exits with 0, fail with the code from the upper 16 bits.
    run.exitStatus = qemu.exitCode();
    run.ok = true;
    return run;
}

} // namespace conformance
