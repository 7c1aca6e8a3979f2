#include "GuestSources.h"

#include <QFile>

namespace guests {

namespace {

// The order matters: macros and constants before their first use, and the user image
// (ulib.s and the workload) last, because it runs from user_image_start to the end.
const QStringList kKernelFiles = {
    QStringLiteral("privops.inc"), QStringLiteral("kernel.s"),  QStringLiteral("proc.s"),
    QStringLiteral("vm.s"),        QStringLiteral("console.s"), QStringLiteral("balloon.s"),
    QStringLiteral("blk.s"),       QStringLiteral("ulib.s"),
};

} // namespace

const QStringList& workloadNames() {
    static const QStringList names = {
        QStringLiteral("compute"), QStringLiteral("syscalls"), QStringLiteral("pagefaults"),
        QStringLiteral("mapping"), QStringLiteral("io"),       QStringLiteral("selfmodify"),
    };
    return names;
}

QString sourceDir() {
    return qEnvironmentVariable("VIZOR_SOURCE_DIR", QStringLiteral(VIZOR_SOURCE_DIR_DEFAULT));
}

QString kernelSource(const QString& workload) {
    const QString dir = sourceDir() + QStringLiteral("/resources/guests/");
    QString source;
    for (const QString& name : kKernelFiles + QStringList{QStringLiteral("workloads/") + workload +
                                                          QStringLiteral(".s")}) {
        QFile file(dir + name);
        if (!file.open(QIODevice::ReadOnly)) return {};
        source += QString::fromUtf8(file.readAll());
        if (!source.endsWith(QLatin1Char('\n'))) source += QLatin1Char('\n');
    }
    return source;
}

vizor::AssemblyResult assembleKernel(const QString& workload, bool paravirt, QString& errors) {
    vizor::AssemblerOptions options;
    options.fileName = (QStringLiteral("kernel-") + workload + QStringLiteral(".s")).toStdString();
    if (paravirt) options.defines["PARAVIRT"] = 1;
    vizor::AssemblyResult result = vizor::assemble(kernelSource(workload).toStdString(), options);
    QStringList lines;
    for (const vizor::Diagnostic& d : result.errors)
        lines << QString::fromStdString(d.format());
    errors = lines.mid(0, 10).join(QLatin1Char('\n'));
    return result;
}

} // namespace guests
