// The guest kernel's source as the build puts it together: the assembler has no
// .include, so the files of resources/guests/ are concatenated in a fixed order.
#pragma once

#include "asm/Assembler.h"

#include <QString>
#include <QStringList>

namespace guests {

// The workloads in resources/guests/workloads/, by file name without ".s".
const QStringList& workloadNames();

// The source tree (VIZOR_SOURCE_DIR, else the directory this suite was built from).
QString sourceDir();

// privops.inc + kernel.s + proc.s + vm.s + console.s + balloon.s + ulib.s + workloads/NAME.s,
// or an empty string when a file cannot be read.
QString kernelSource(const QString& workload);

// Assemble the kernel with Vizor's assembler, with PARAVIRT defined when asked.
// On failure, `errors` holds the first diagnostics.
vizor::AssemblyResult assembleKernel(const QString& workload, bool paravirt, QString& errors);

} // namespace guests
