// Helpers for the host-model suites: host task programs are the sources in
// resources/host, assembled at the user text base with optional .equ defines.
// Engine headers come before QtTest (Qt's `emit` macro).
#pragma once

#include "asm/Assembler.h"
#include "host/HostModel.h"

#include <QTest>

#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

namespace hosttest {

inline std::string sourceDir() {
    const char* dir = std::getenv("VIZOR_SOURCE_DIR");
    return dir ? dir : VIZOR_SOURCE_DIR_DEFAULT;
}

inline vizor::Program program(const std::string& name,
                              const std::map<std::string, int64_t>& defines = {}) {
    const std::string path = sourceDir() + "/resources/host/" + name + ".s";
    std::ifstream in(path);
    if (!in) qFatal("cannot read %s", path.c_str());
    std::ostringstream text;
    text << in.rdbuf();
    vizor::AssemblerOptions options;
    options.fileName = path;
    options.baseAddress = vizor::host::layout::kTextBase;
    options.defines = defines;
    const vizor::AssemblyResult result = vizor::assemble(text.str(), options);
    for (const vizor::Diagnostic& d : result.errors)
        qWarning("%s", d.format().c_str());
    if (!result.ok()) qFatal("assembly of %s failed", path.c_str());
    return result.program;
}

inline void mustWrite(vizor::host::HostModel& host, const char* path, const char* file,
                      const char* value) {
    const vizor::host::WriteResult r = host.writeFile(path, file, value);
    if (!r.ok()) qFatal("write %s/%s '%s': %s", path, file, value, r.message.c_str());
}

// A group with the given controllers enabled by the root: "/name".
inline void makeGroup(vizor::host::HostModel& host, const char* path) {
    const vizor::host::WriteResult r = host.mkdir(path);
    if (!r.ok()) qFatal("mkdir %s: %s", path, r.message.c_str());
}

inline uint64_t statField(const std::string& text, const std::string& key) {
    std::istringstream in(text);
    std::string k;
    uint64_t v = 0;
    while (in >> k >> v)
        if (k == key) return v;
    return UINT64_MAX;
}

} // namespace hosttest
