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
    // Replaces the views shown beside the narration (the panel takes ownership).
    void setViews(const QList<QWidget*>& views);
    // A question before the next step runs; the answer is checked by the player.
    void askQuestion(const QString& prompt, const QStringList& choices);
    void showFeedback(bool correct, const QString& explanation);
    void clearQuestion();

    QString narrationText() const;
    QString feedbackText() const;
    int viewCount() const;

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
    QHBoxLayout* viewArea_;
    QList<QWidget*> views_;
};

} // namespace vizor::views
