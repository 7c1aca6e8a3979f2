// The lesson panel: a lesson's narration beside the views its step shows, with
// previous/next, the progress through the lesson, and "predict what happens next"
// questions answered with feedback. It only shows what app/LessonPlayer gives it.
#pragma once

#include <QWidget>

class QButtonGroup;
class QHBoxLayout;
class QLabel;
class QProgressBar;
class QPushButton;
class QTextBrowser;
class QVBoxLayout;

namespace vizor::views {

class LessonPanel : public QWidget {
    Q_OBJECT
public:
    explicit LessonPanel(QWidget* parent = nullptr);

    void setStep(const QString& title, int played, int steps, const QString& narrationMarkdown);
    void setNavigation(bool canGoBack, bool canGoOn);
    // Replaces the views shown beside the narration (the panel takes ownership). The view
    // at `highlight` is framed; `callout` (Markdown) is shown in a note under the view at
    // `calloutView` (-1: none), as the exported pictures draw them.
    void setViews(const QList<QWidget*>& views, int highlight = -1, int calloutView = -1,
                  const QString& callout = {});
    // While the engine plays a step on its worker: navigation off, "running" shown.
    void setBusy(bool busy);
    // A question before the next step runs; the answer is checked by the player.
    void askQuestion(const QString& prompt, const QStringList& choices);
    void showFeedback(bool correct, const QString& explanation);
    void clearQuestion();

    QString narrationText() const;
    QString feedbackText() const;
    QString promptText() const;  // as shown: the Markdown rendered
    QString calloutText() const; // as shown, empty when the step has none
    int calloutView() const { return calloutView_; }
    int viewCount() const;
    bool busy() const { return busy_; }

signals:
    void nextRequested();
    void previousRequested();
    void answerChosen(int choice);

private:
    QLabel* title_;
    QLabel* progressText_;
    QProgressBar* progress_;
    QTextBrowser* narration_;
    QWidget* question_;
    QLabel* prompt_;
    QVBoxLayout* choices_;
    QButtonGroup* choiceGroup_;
    QLabel* feedback_;
    QPushButton* previous_;
    QPushButton* next_;
    QLabel* running_;
    QHBoxLayout* viewArea_;
    QList<QWidget*> views_;
    QList<QWidget*> frames_; // each view in its frame, with its callout
    QLabel* callout_ = nullptr;
    int calloutView_ = -1;
    bool busy_ = false;
    bool canGoBack_ = false, canGoOn_ = false;
};

} // namespace vizor::views
