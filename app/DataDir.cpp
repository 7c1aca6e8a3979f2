#include "app/DataDir.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace vizor::app {

namespace {

// An installed Vizor: bin/vizor and share/vizor under one prefix (GNUInstallDirs), so the
// package and a `cmake --install --prefix` anywhere both work without a configured path.
QString installedDataDirectory() {
    if (!QCoreApplication::instance()) return {};
    const QString dir = QDir(QCoreApplication::applicationDirPath())
                            .absoluteFilePath(QStringLiteral("../share/vizor"));
    return QFileInfo(dir + QStringLiteral("/guests")).isDir() ? QDir::cleanPath(dir) : QString();
}

// The resources/ of the sources this was built from, when the build could see them.
QString sourceResources() {
#ifdef VIZOR_RESOURCES_DIR
    return QStringLiteral(VIZOR_RESOURCES_DIR);
#else
    return {};
#endif
}

} // namespace

QString dataDirectory() {
    const QString fromEnvironment = qEnvironmentVariable("VIZOR_DATA_DIR");
    if (!fromEnvironment.isEmpty()) return fromEnvironment;
    if (const QString installed = installedDataDirectory(); !installed.isEmpty()) return installed;
    const QString resources = sourceResources();
    return !resources.isEmpty() && QFileInfo(resources).isDir() ? resources : QString();
}

QString lessonsDirectory() {
    const QString data = dataDirectory();
    if (data.isEmpty()) return {};
    const QString installed = data + QStringLiteral("/lessons");
    if (QFileInfo(installed).isDir()) return installed;
    // In the sources the lessons sit beside resources/, not in it.
    const QString beside = QDir(data).absoluteFilePath(QStringLiteral("../lessons"));
    return QFileInfo(beside).isDir() ? QDir::cleanPath(beside) : QString();
}

} // namespace vizor::app
