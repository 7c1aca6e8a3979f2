#include "app/LessonPlayer.h"

#include "app/DataDir.h"
#include "app/LessonExport.h"
#include "views/LessonPanel.h"
#include "views/concepts/ConceptView.h"

#include <QCoreApplication>
#include <QFileDialog>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QThread>
#include <QVBoxLayout>

namespace vizor::app {

namespace {

QString q(const std::string& s) {
    return QString::fromStdString(s);
}

// The root holding resources/: installed (share/vizor) or the sources (app/DataDir.h).
QString sourceDirectory() {
    const QByteArray dir = qgetenv("VIZOR_SOURCE_DIR");
    return dir.isEmpty() ? dataRoot() : QString::fromLocal8Bit(dir);
}

} // namespace

LessonPlayer::LessonPlayer(lesson::Lesson lesson, lesson::Language language, QWidget* parent)
    : QWidget(parent, Qt::Window), runner_(std::move(lesson), sourceDirectory().toStdString()),
      language_(language), panel_(new views::LessonPanel(this)) {
    setWindowTitle(q(runner_.lesson().title.in(language)));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(panel_);
    connect(panel_, &views::LessonPanel::nextRequested, this, &LessonPlayer::next);
    connect(panel_, &views::LessonPanel::previousRequested, this, &LessonPlayer::previous);
    connect(panel_, &views::LessonPanel::answerChosen, this, &LessonPlayer::answer);
    resize(1400, 800);
    std::string error;
    if (!runner_.start(error)) fail(error);
    showStep(0);
}

LessonPlayer::~LessonPlayer() {
    // A step cannot be cut short: its run is bounded, so wait for it before the runner goes.
    if (worker_) worker_->wait();
}

LessonPlayer* LessonPlayer::open(const QString& file, lesson::Language language, QWidget* parent,
                                 QString* error) {
    const lesson::LoadResult r = lesson::loadLessonFile(file.toStdString());
    if (!r.ok()) {
        if (error) *error = q(r.errors.front().format());
        return nullptr;
    }
    auto* player = new LessonPlayer(*r.lesson, language, parent);
    player->setAttribute(Qt::WA_DeleteOnClose);
    return player;
}

void LessonPlayer::fail(const std::string& error) {
    QMessageBox::warning(this, tr("Lesson"), q(error));
}

void LessonPlayer::playTo(int target) {
    panel_->setBusy(true);
    workerError_.clear();
    worker_ = QThread::create([this, target] { runner_.goTo(target, workerError_); });
    connect(worker_, &QThread::finished, this, [this] {
        worker_->deleteLater();
        worker_ = nullptr;
        panel_->setBusy(false);
        if (!workerError_.empty()) fail(workerError_);
        showStep(runner_.played());
        Q_EMIT stepShown(runner_.played());
    });
    worker_->start();
}

void LessonPlayer::next() {
    if (busy()) return;
    const int target = runner_.played() + 1;
    if (target > runner_.stepCount()) return;
    const lesson::Step& step = runner_.lesson().steps[static_cast<std::size_t>(target - 1)];
    // Predict first: the step runs only once its question was answered.
    if (step.question && asked_ != target) {
        asked_ = target;
        answered_ = false;
        QStringList choices;
        for (const lesson::Text& c : step.question->choices)
            choices << q(c.in(language_));
        panel_->askQuestion(q(step.question->prompt.in(language_)), choices);
        panel_->setNavigation(runner_.played() > 0, false);
        return;
    }
    playTo(target);
}

void LessonPlayer::previous() {
    if (busy() || runner_.played() == 0) return;
    asked_ = -1;
    playTo(runner_.played() - 1);
}

void LessonPlayer::answer(int choice) {
    if (busy() || asked_ < 1) return;
    const lesson::Question& question =
        *runner_.lesson().steps[static_cast<std::size_t>(asked_ - 1)].question;
    answered_ = true;
    panel_->showFeedback(choice == question.answer, q(question.explanation.in(language_)));
    panel_->setNavigation(runner_.played() > 0, true);
}

void LessonPlayer::showStep(int played) {
    shown_ = played;
    if (asked_ != played + 1) panel_->clearQuestion();
    const lesson::Lesson& l = runner_.lesson();
    if (played == 0) {
        panel_->setStep(q(l.title.in(language_)), 0, runner_.stepCount(),
                        q(l.summary.in(language_)));
        panel_->setViews({});
    } else {
        const lesson::Step& step = l.steps[static_cast<std::size_t>(played - 1)];
        panel_->setStep(q(step.title.in(language_)), played, runner_.stepCount(),
                        q(step.narration.in(language_)));
        std::vector<views::concepts::NumberedEvent> events;
        const std::size_t end = runner_.outcome(played - 1).eventEnd;
        events.reserve(end);
        for (std::size_t i = 0; i < end; ++i)
            events.push_back({runner_.events()[i].event, runner_.events()[i].sequence});
        QList<QWidget*> views;
        int highlight = -1, callout = -1;
        for (const std::string& name : step.views) {
            std::unique_ptr<views::concepts::ConceptView> view = makeLessonView(name, l.scenario);
            prepareLessonView(*view, runner_);
            views::concepts::feedView(*view, UINT64_MAX, events);
            view->finishAnimation();
            if (name == step.highlight) highlight = static_cast<int>(views.size());
            if (step.callout && step.callout->view == name)
                callout = static_cast<int>(views.size());
            views << view.release();
        }
        panel_->setViews(views, highlight, callout,
                         step.callout ? q(step.callout->text.in(language_)) : QString());
    }
    panel_->setNavigation(played > 0, played < runner_.stepCount());
}

lesson::Language lessonLanguage(const QString& interfaceLanguage) {
    if (interfaceLanguage == QLatin1String("it")) return lesson::Language::Italian;
    if (interfaceLanguage == QLatin1String("en")) return lesson::Language::English;
    return QLocale().language() == QLocale::Italian ? lesson::Language::Italian
                                                    : lesson::Language::English;
}

QString takeLessonOption(QStringList& arguments) {
    const int at = static_cast<int>(arguments.indexOf(QStringLiteral("--lesson")));
    if (at < 0 || at + 1 >= arguments.size()) return {};
    const QString file = arguments.at(at + 1);
    arguments.remove(at, 2);
    return file;
}

void addLessonMenu(QMenu* menu, QWidget* window, const QString& interfaceLanguage) {
    menu->addAction(
        QCoreApplication::translate("vizor::app::LessonPlayer", "Open &Lesson…"), window,
        [window, interfaceLanguage] {
            const QString file = QFileDialog::getOpenFileName(
                window, QCoreApplication::translate("vizor::app::LessonPlayer", "Open Lesson"),
                sourceDirectory() + QStringLiteral("/lessons"),
                QCoreApplication::translate("vizor::app::LessonPlayer", "Lessons (*.lesson)"));
            if (file.isEmpty()) return;
            QString error;
            if (LessonPlayer* p =
                    LessonPlayer::open(file, lessonLanguage(interfaceLanguage), window, &error))
                p->QWidget::show();
            else
                QMessageBox::warning(
                    window, QCoreApplication::translate("vizor::app::LessonPlayer", "Lesson"),
                    error);
        });
}

} // namespace vizor::app
