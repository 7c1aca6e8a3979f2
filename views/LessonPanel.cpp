#include "views/LessonPanel.h"

#include <QButtonGroup>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSplitter>
#include <QTextBrowser>

namespace vizor::views {

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
    prompt_ = new QLabel;
    prompt_->setWordWrap(true);
    choices_ = new QVBoxLayout;
    choiceGroup_ = new QButtonGroup(this);
    auto* check = new QPushButton(tr("Check my answer"));
    feedback_ = new QLabel;
    feedback_->setWordWrap(true);
    q->addWidget(prompt_);
    q->addLayout(choices_);
    q->addWidget(check);
    q->addWidget(feedback_);
    question_->hide();
    previous_ = new QPushButton(tr("Previous"));
    next_ = new QPushButton(tr("Next"));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(previous_);
    buttons->addWidget(next_);
    column->addWidget(title_);
    column->addWidget(progressText_);
    column->addWidget(progress_);
    column->addWidget(narration_, 1);
    column->addWidget(question_);
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
    previous_->setEnabled(canGoBack);
    next_->setEnabled(canGoOn);
}

void LessonPanel::setViews(const QList<QWidget*>& views) {
    qDeleteAll(views_);
    views_ = views;
    for (QWidget* v : views_)
        viewArea_->addWidget(v, 1);
}

void LessonPanel::askQuestion(const QString& prompt, const QStringList& choices) {
    clearQuestion();
    prompt_->setText(QStringLiteral("<b>%1</b> %2")
                         .arg(tr("Predict what happens next:"), prompt.toHtmlEscaped()));
    for (int i = 0; i < choices.size(); ++i) {
        auto* button = new QRadioButton(choices[i]);
        choiceGroup_->addButton(button, i);
        choices_->addWidget(button);
    }
    question_->show();
}

void LessonPanel::showFeedback(bool correct, const QString& explanation) {
    feedback_->setText(
        QStringLiteral("<b>%1</b> %2")
            .arg(correct ? tr("Right.") : tr("Not quite."), explanation.toHtmlEscaped()));
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
    return feedback_->text();
}
int LessonPanel::viewCount() const {
    return static_cast<int>(views_.size());
}

} // namespace vizor::views
