// The language of one export, whatever the window's: the views draw their labels with
// tr(), so an Italian lesson exported from an English session (or the other way round)
// would otherwise mix the two languages in one picture.
#pragma once

#include "lesson/Lesson.h"

#include <QTranslator>
#include <memory>

namespace vizor::app {

class ExportLanguage {
public:
    // Installs the export language's catalogue in front of the application's for the
    // scope's lifetime (Qt asks the latest installed translator first).
    explicit ExportLanguage(lesson::Language language);
    ~ExportLanguage();
    ExportLanguage(const ExportLanguage&) = delete;
    ExportLanguage& operator=(const ExportLanguage&) = delete;

    // False when the Italian catalogue is missing from this build (the pictures are
    // then drawn with English labels).
    bool loaded() const { return translator_ != nullptr; }

private:
    std::unique_ptr<QTranslator> translator_;
};

} // namespace vizor::app
