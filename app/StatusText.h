// Words for the status bar: what the machine is doing and why it stopped.
#pragma once

#include "app/EngineSnapshot.h"

#include <QCoreApplication>
#include <QString>

namespace vizor::app {

class StatusText {
    Q_DECLARE_TR_FUNCTIONS(StatusText)
public:
    static QString state(const EngineSnapshot& snapshot);
    static QString privilege(Privilege privilege);
};

} // namespace vizor::app
