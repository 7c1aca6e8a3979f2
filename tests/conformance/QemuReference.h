// The reference side of the conformance suite: build a bare-metal program with GNU
// binutils and run it on qemu-system-riscv32's `virt` board, capturing the UART.
#pragma once

#include <QString>
#include <QStringList>

namespace conformance {

// A tool the suite needs and the Debian package that provides it.
struct RequiredTool {
    QString program;
    QString debianPackage;
};

const QList<RequiredTool>& requiredTools();
// Empty when every tool is on PATH, else one "install X (provides Y)" line per missing one.
QString missingToolsMessage();

struct ReferenceRun {
    bool ok = false;     // built and ran to a finisher write
    QString error;       // why not, when !ok
    QString transcript;  // UART output, noise stripped
    int exitStatus = -1; // 0 = pass, N = sifive_test fail code N
};

// Assemble `source` (already with the prelude prepended) in `workDir` and run it.
ReferenceRun runOnQemu(const QString& source, const QString& workDir, const QString& name,
                       int timeoutMs);

// Remove what the emulator, not the guest, may add to the stream: carriage returns
// and ANSI terminal escape sequences.
QString stripTerminalNoise(const QByteArray& raw);

} // namespace conformance
