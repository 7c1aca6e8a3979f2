#include "app/DataDir.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace vizor::app {

namespace {

bool holdsResources(const QString& root) {
    return !root.isEmpty() && QFileInfo(root + QStringLiteral("/resources/guests")).isDir();
}

// An installed Vizor: bin/vizor and share/vizor under one prefix (GNUInstallDirs), so the
// package and a `cmake --install --prefix` anywhere both work without a configured path.
QString installedRoot() {
    if (!QCoreApplication::instance()) return {};
    return installedRootFor(QCoreApplication::applicationDirPath());
}

// The source tree this was built from, when the build could see it.
QString sourceRoot() {
#ifdef VIZOR_RESOURCES_DIR
    const QString root = QDir::cleanPath(QStringLiteral(VIZOR_RESOURCES_DIR "/.."));
    return holdsResources(root) ? root : QString();
#else
    return {};
#endif
}

QString under(const QString& name) {
    const QString root = dataRoot();
    return root.isEmpty() ? QString() : root + QLatin1Char('/') + name;
}

} // namespace

QString dataRoot() {
    const QString fromEnvironment = qEnvironmentVariable("VIZOR_DATA_DIR");
    if (!fromEnvironment.isEmpty()) return fromEnvironment;
    if (const QString installed = installedRoot(); !installed.isEmpty()) return installed;
    return sourceRoot();
}

QString installedRootFor(const QString& executableDir) {
    const QString root = QDir::cleanPath(executableDir + QStringLiteral("/../share/vizor"));
    return holdsResources(root) ? root : QString();
}

QString resourcesDirectory() {
    return under(QStringLiteral("resources"));
}

QString lessonsDirectory() {
    return under(QStringLiteral("lessons"));
}

} // namespace vizor::app
