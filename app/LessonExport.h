// Headless export of lessons: one picture per step (the views the step shows, fed
// exactly the events the engine recorded up to that step, with its callout and a
// caption) and a PDF handout with the narration and the pictures.
// `vizor lesson export LESSON --out DIR [--format png,svg,pdf] [--lang en|it]
// [--scale 2]` and `vizor lesson export --all --out DIR` call it with no display.
#pragma once

#include "lesson/Lesson.h"

#include <QImage>
#include <QString>
#include <QStringList>
#include <memory>

namespace vizor::lesson {
class LessonRunner;
}

namespace vizor::views::concepts {
class ConceptView;
}

namespace vizor::app {

struct LessonExportOptions {
    QString outDir;
    QStringList formats = {QStringLiteral("png")}; // png, svg, pdf (per step)
    lesson::Language language = lesson::Language::English;
    double scale = 1.0;
    bool handout = true; // LESSON-LANG.pdf with narration and pictures
};

// Plays `lesson` and writes its files into options.outDir/<lesson name>-<lang>/.
// False with a message naming the lesson file and step on failure.
bool exportLesson(const lesson::Lesson& lesson, const LessonExportOptions& options,
                  QStringList* written, QString* error);

// The `vizor lesson ...` command line (arguments after "lesson"); returns the exit code.
int runLessonCommand(const QStringList& args);
// main() for `vizor lesson ...`: sets the offscreen platform itself, so it runs with no
// display, then runs the command.
int lessonMain(int argc, char* argv[]);

// The concept view a lesson names (lesson::knownViews), set up for its scenario, with
// transitions off; nullptr for an unknown name.
std::unique_ptr<views::concepts::ConceptView> makeLessonView(const std::string& name,
                                                             const lesson::Scenario& scenario);

// Gives a lesson's view what its events alone do not say, from the runner's state after
// the steps played: the cgroup forest, the host's frames and each event's VM (balloon;
// before feeding it), the disk (storage), the placements (consolidation), the
// migration's link times (migration).
void prepareLessonView(views::concepts::ConceptView& view, const lesson::LessonRunner& runner);

// The lessons shipped in the source tree's lessons/ directory, sorted.
QStringList shippedLessons();

} // namespace vizor::app
