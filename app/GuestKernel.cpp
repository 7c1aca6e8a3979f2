#include "app/GuestKernel.h"

#include "app/DataDir.h"
#include "app/SourceFile.h"

#include <QDir>

namespace vizor::app {

namespace {

// Installed beside the program, or the sources' (app/DataDir.h).
QString guestsDirectory() {
    const QString resources = resourcesDirectory();
    return resources.isEmpty() ? QString() : resources + QStringLiteral("/guests");
}

} // namespace

QStringList guestKernelWorkloads() {
    const QString dir = guestsDirectory();
    if (dir.isEmpty()) return {};
    QStringList names;
    for (const QString& file : QDir(dir + QStringLiteral("/workloads"))
                                   .entryList({QStringLiteral("*.s")}, QDir::Files, QDir::Name))
        names.append(file.chopped(2));
    return names;
}

std::optional<QString> guestKernelSource(const QString& workload, QString* error) {
    const QString dir = guestsDirectory();
    QString source;
    for (const QString& part :
         {QStringLiteral("privops.inc"), QStringLiteral("kernel.s"), QStringLiteral("proc.s"),
          QStringLiteral("vm.s"), QStringLiteral("console.s"), QStringLiteral("ulib.s"),
          QStringLiteral("workloads/%1.s").arg(workload)}) {
        const auto text = SourceFile::read(dir + QLatin1Char('/') + part, error);
        if (!text) return std::nullopt;
        source += *text + QLatin1Char('\n');
    }
    return source;
}

} // namespace vizor::app
