// The project's guest kernel as one source text, put together as resources/guests/
// README.md says (privops.inc, kernel.s, proc.s, vm.s, console.s, ulib.s and one
// workload), so the examples library opens it in one click and every mode can run it.
#pragma once

#include <QString>
#include <QStringList>
#include <optional>

namespace vizor::app {

// The workloads this build can see (resources/guests/workloads/*.s), by name.
QStringList guestKernelWorkloads();
// nullopt (and `error` naming the file) when a part cannot be read.
std::optional<QString> guestKernelSource(const QString& workload, QString* error);

} // namespace vizor::app
