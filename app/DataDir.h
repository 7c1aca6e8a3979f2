// Where Vizor's data (guest kernels, examples, host scenarios, lessons) lives at run time.
#pragma once

#include <QString>

namespace vizor::app {

// The directory holding guests/, examples/, host/ and datacenter/: VIZOR_DATA_DIR when set;
// else <executable>/../share/vizor when Vizor is installed; else the resources/ of the
// sources it was built from. Empty when none exists.
QString dataDirectory();

// The lessons: <data>/lessons when installed, else the sources' lessons/.
QString lessonsDirectory();

} // namespace vizor::app
