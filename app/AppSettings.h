// The user's preferences, persisted with QSettings. Every value is validated when read:
// a value that does not parse (a hand-edited file, an older version's format) falls
// back to its default instead of reaching the window.
#pragma once

#include "app/Scenario.h"

#include <QString>

namespace vizor::app {

enum class Theme { System, Light, Dark };

struct AppSettings {
    Theme theme = Theme::System;
    QString language;          // "en", "it"; empty = follow the system
    bool reduceMotion = false; // no animated transitions in views that animate
    int speedPosition = 100;   // the speed slider, 0..100 (100 = unthrottled)
    bool signedDecimal = true; // register pane
    Scenario scenario;         // the machine the workbench debugs on

    static AppSettings load();
    void save() const; // all but the scenario, which has one owner (HypervisorPanes)
    static void saveScenario(const Scenario& scenario);
};

QString themeName(Theme theme);

} // namespace vizor::app
