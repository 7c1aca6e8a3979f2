#include "views/LessonPanel.h"

#include <QButtonGroup>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSplitter>
#include <QTextBrowser>
#include <QTextDocument>

namespace vizor::views {

namespace {

// A choice is a radio button's plain label: its Markdown rendered to text, so `code`
// and **bold** lose their marks instead of showing them.
QString plainFromMarkdown(const QString& markdown) {
    QTextDocument doc;
    doc.setMarkdown(markdown);
    return doc.toPlainText().trimmed();
}

QLabel* markdownLabel() {
    auto* label = new QLabel;
    label->setTextFormat(Qt::MarkdownText);
    label->setWordWrap(true);
    return label;
}

} // namespace

LessonPanel::LessonPanel(QWidget* parent) : QWidget(parent) {
    auto* side = new QWidget;
    auto* column = new QVBoxLayout(side);
    title_ = new QLabel;
    QFont big = title_->font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    big.setBold(true);
    title_->setFont(big);
    title_->setWordWrap(true);
    progressText_ = new QLabel;
    progress_ = new QProgressBar;
    progress_->setTextVisible(false);
    narration_ = new QTextBrowser;
    narration_->setOpenExternalLinks(true);
    question_ = new QWidget;
    auto* q = new QVBoxLayout(question_);
    prompt_ = markdownLabel();
    choices_ = new QVBoxLayout;
    choiceGroup_ = new QButtonGroup(this);
    auto* check = new QPushButton(tr("Check my answer"));
    feedback_ = markdownLabel();
    q->addWidget(prompt_);
    q->addLayout(choices_);
    q->addWidget(check);
    q->addWidget(feedback_);
    question_->hide();
    previous_ = new QPushButton(tr("Previous"));
    next_ = new QPushButton(tr("Next"));
    running_ = new QLabel(tr("The engine is running this step…"));
    running_->hide();
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(previous_);
    buttons->addWidget(next_);
    column->addWidget(title_);
    column->addWidget(progressText_);
    column->addWidget(progress_);
    column->addWidget(narration_, 1);
    column->addWidget(question_);
    column->addWidget(running_);
    column->addLayout(buttons);

    auto* viewHost = new QWidget;
    viewArea_ = new QHBoxLayout(viewHost);
    auto* split = new QSplitter;
    split->addWidget(side);
    split->addWidget(viewHost);
    split->setStretchFactor(1, 2);
    auto* layout = new QHBoxLayout(this);
    layout->addWidget(split);

    connect(previous_, &QPushButton::clicked, this, &LessonPanel::previousRequested);
    connect(next_, &QPushButton::clicked, this, &LessonPanel::nextRequested);
    connect(check, &QPushButton::clicked, this, [this] {
        if (choiceGroup_->checkedId() >= 0) Q_EMIT answerChosen(choiceGroup_->checkedId());
    });
}

void LessonPanel::setStep(const QString& title, int played, int steps,
                          const QString& narrationMarkdown) {
    title_->setText(title);
    progressText_->setText(tr("Step %1 of %2").arg(played).arg(steps));
    progress_->setRange(0, steps);
    progress_->setValue(played);
    narration_->setMarkdown(narrationMarkdown);
}

void LessonPanel::setNavigation(bool canGoBack, bool canGoOn) {
    canGoBack_ = canGoBack;
    canGoOn_ = canGoOn;
    previous_->setEnabled(canGoBack && !busy_);
    next_->setEnabled(canGoOn && !busy_);
}

void LessonPanel::setBusy(bool busy) {
    busy_ = busy;
    running_->setVisible(busy);
    setNavigation(canGoBack_, canGoOn_);
}

void LessonPanel::setViews(const QList<QWidget*>& views, int highlight, int calloutView,
                           const QString& callout) {
    qDeleteAll(frames_); // each frame owns its view
    frames_.clear();
    views_ = views;
    callout_ = nullptr;
    calloutView_ = -1;
    for (int i = 0; i < views_.size(); ++i) {
        auto* frame = new QWidget;
        frame->setObjectName(QStringLiteral("lessonViewFrame"));
        auto* column = new QVBoxLayout(frame);
        column->setContentsMargins(4, 4, 4, 4);
        column->addWidget(views_[i], 1);
        // The colours of the exported pictures: Okabe–Ito orange frames the view to look
        // at, yellow holds the callout.
        if (i == highlight)
            frame->setStyleSheet(QStringLiteral("#lessonViewFrame { border: 3px solid #E69F00; }"));
        if (i == calloutView && !callout.isEmpty()) {
            callout_ = markdownLabel();
            callout_->setText(callout);
            callout_->setStyleSheet(QStringLiteral(
                "QLabel { background: #F0E442; color: black; border: 2px solid black; "
                "border-radius: 8px; padding: 8px; }"));
            column->addWidget(callout_);
            calloutView_ = i;
        }
        frames_ << frame;
        viewArea_->addWidget(frame, 1);
    }
}

void LessonPanel::askQuestion(const QString& prompt, const QStringList& choices) {
    clearQuestion();
    prompt_->setText(QStringLiteral("**%1** %2").arg(tr("Predict what happens next:"), prompt));
    for (int i = 0; i < choices.size(); ++i) {
        auto* button = new QRadioButton(plainFromMarkdown(choices[i]));
        choiceGroup_->addButton(button, i);
        choices_->addWidget(button);
    }
    question_->show();
}

void LessonPanel::showFeedback(bool correct, const QString& explanation) {
    feedback_->setText(
        QStringLiteral("**%1** %2").arg(correct ? tr("Right.") : tr("Not quite."), explanation));
}

void LessonPanel::clearQuestion() {
    for (QAbstractButton* b : choiceGroup_->buttons()) {
        choiceGroup_->removeButton(b);
        delete b;
    }
    feedback_->clear();
    question_->hide();
}

QString LessonPanel::narrationText() const {
    return narration_->toPlainText();
}
QString LessonPanel::feedbackText() const {
    return plainFromMarkdown(feedback_->text());
}
QString LessonPanel::promptText() const {
    return plainFromMarkdown(prompt_->text());
}
QString LessonPanel::calloutText() const {
    return callout_ ? plainFromMarkdown(callout_->text()) : QString();
}
int LessonPanel::viewCount() const {
    return static_cast<int>(views_.size());
}

} // namespace vizor::views
