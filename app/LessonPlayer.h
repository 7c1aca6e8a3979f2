// Plays a lesson in a window: the lesson panel (narration, progress, questions) with
// the step's concept views fed exactly the events the engine recorded up to the step.
// Next runs the next step (after its question, if it has one, was answered); Previous
// travels back by re-running the lesson to the earlier step (LessonRunner::goTo).
// The runner plays on a worker thread: a step may run the engine for seconds (a whole
// multi-VM run, a live migration), and the window must keep answering meanwhile. While
// it plays, only the worker touches the runner; the views are built from it on the GUI
// thread once the worker has finished.
#pragma once

#include "lesson/LessonRunner.h"

#include <QStringList>
#include <QWidget>
#include <memory>

class QMenu;
class QThread;

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
    ~LessonPlayer() override;
    // Loads and opens a lesson file in its own window; nullptr with `error` naming the
    // file, step and field when it cannot be read.
    static LessonPlayer* open(const QString& file, lesson::Language language, QWidget* parent,
                              QString* error);

    views::LessonPanel* panel() const { return panel_; }
    // Not while busy(): the worker is playing on it.
    const lesson::LessonRunner& runner() const { return runner_; }
    bool questionPending() const { return asked_ >= 0 && !answered_; }
    // A step is playing on the worker thread.
    bool busy() const { return worker_ != nullptr; }
    // The step the panel shows (0: the lesson's summary).
    int shownStep() const { return shown_; }

signals:
    // The worker finished and the panel shows step `played`.
    void stepShown(int played);

public slots:
    void next();
    void previous();
    void answer(int choice);

private:
    // Plays to `target` steps on the worker, then shows where it got.
    void playTo(int target);
    void showStep(int played);
    void fail(const std::string& error);

    lesson::LessonRunner runner_;
    lesson::Language language_;
    views::LessonPanel* panel_;
    QThread* worker_ = nullptr;
    std::string workerError_; // written by the worker, read after it finished
    int asked_ = -1;          // the step whose question is showing
    bool answered_ = false;
    int shown_ = 0;
};

} // namespace vizor::app
