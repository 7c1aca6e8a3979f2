// A debugging session as a file: the program text, its breakpoints, watchpoints, event
// breakpoints, the scenario and the timeline position, in JSON. Written atomically (QSaveFile: a
// temporary file renamed over the old one only when complete), so a crash or a kill
// while saving leaves the previous session intact.
#pragma once

#include "app/Scenario.h"

#include <QList>
#include <QString>
#include <functional>
#include <optional>

namespace vizor::app {

struct Session {
    static constexpr int kVersion = 1;

    QString programText;
    QString fileName;           // the program's name (shown in the title)
    QList<int> breakpointLines; // 1-based
    QList<quint32> watchpoints; // aligned word addresses
    bool watchpointsVirtual = false;
    quint64 eventBreakpoints = 0; // an EventMask
    quint64 position = 0;         // HartState::steps to travel to after loading
    Scenario scenario;            // the machine it ran on (older files: native)

    QByteArray toJson() const;
    // Empty (and *error set) when the text is not a session of a known version.
    static std::optional<Session> fromJson(const QByteArray& json, QString* error);

    // `progress`, if set, is called after each chunk with the bytes written so far (for
    // tests that interrupt a save halfway).
    bool save(const QString& path, QString* error,
              const std::function<void(qint64)>& progress = {}) const;
    static std::optional<Session> load(const QString& path, QString* error);
};

} // namespace vizor::app
