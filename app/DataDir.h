// Where Vizor's data (guest kernels, examples, host scenarios, lessons) lives at run time.
// The installed data mirrors the source tree (resources/, lessons/), so code that reads
// "<root>/resources/guests" or "<root>/lessons" works the same installed and from a build.
#pragma once

#include <QString>

namespace vizor::app {

// The root holding resources/ and lessons/: VIZOR_DATA_DIR when set; else
// <executable>/../share/vizor when Vizor is installed; else the source tree it was built
// from. Empty when none exists.
QString dataRoot();

// <root>/resources (guests/, examples/, host/, datacenter/) and <root>/lessons; empty
// when there is no root.
QString resourcesDirectory();
QString lessonsDirectory();

// The installed root for an executable in `executableDir` (<dir>/../share/vizor), or empty
// when nothing is installed there.
QString installedRootFor(const QString& executableDir);

} // namespace vizor::app
