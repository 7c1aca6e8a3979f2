// Plays a lesson in a window: the lesson panel (narration, progress, questions) with
// the step's concept views fed exactly the events the engine recorded up to the step.
// Next runs the next step (after its question, if it has one, was answered); Previous
// travels back by re-running the lesson to the earlier step (LessonRunner::goTo).
// The runner plays on the GUI thread: a lesson's steps are short, bounded runs.
#pragma once

#include "lesson/LessonRunner.h"

#include <QStringList>
#include <QWidget>
#include <memory>

class QMenu;

namespace vizor::views {
class LessonPanel;
}

namespace vizor::app {

// The language lessons are shown in: "it" or "en" as the interface uses, else the
// system's.
lesson::Language lessonLanguage(const QString& interfaceLanguage);
// Removes "--lesson FILE" from the command line and returns FILE (empty if absent).
QString takeLessonOption(QStringList& arguments);
// File > Open Lesson…: picks a .lesson file (the shipped ones first) and plays it.
void addLessonMenu(QMenu* menu, QWidget* window, const QString& interfaceLanguage);

class LessonPlayer : public QWidget {
    Q_OBJECT
public:
    LessonPlayer(lesson::Lesson lesson, lesson::Language language, QWidget* parent = nullptr);
    // Loads and opens a lesson file in its own window; nullptr with `error` naming the
    // file, step and field when it cannot be read.
    static LessonPlayer* open(const QString& file, lesson::Language language, QWidget* parent,
                              QString* error);

    views::LessonPanel* panel() const { return panel_; }
    const lesson::LessonRunner& runner() const { return runner_; }
    bool questionPending() const { return asked_ >= 0 && !answered_; }

public slots:
    void next();
    void previous();
    void answer(int choice);

private:
    void showStep(int played);
    void fail(const std::string& error);

    lesson::LessonRunner runner_;
    lesson::Language language_;
    views::LessonPanel* panel_;
    int asked_ = -1; // the step whose question is showing
    bool answered_ = false;
};

} // namespace vizor::app
