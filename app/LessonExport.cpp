#include "app/LessonExport.h"
#include "app/DataDir.h"
#include "app/ExportLanguage.h"

#include "lesson/LessonRunner.h"
#include "views/concepts/BalloonView.h"
#include "views/concepts/CgroupTreeView.h"
#include "views/concepts/ConsolidationRun.h"
#include "views/concepts/CpuSharePlotView.h"
#include "views/concepts/DirtyPagesPlotView.h"
#include "views/concepts/InstructionClassesView.h"
#include "views/concepts/MigrationRun.h"
#include "views/concepts/PageWalkView.h"
#include "views/concepts/PlotView.h"
#include "views/concepts/SplitDriverView.h"
#include "views/concepts/StorageView.h"
#include "views/concepts/TranslationCacheView.h"
#include "views/concepts/WorldSwitchView.h"

#include <QApplication>
#include <QDir>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextStream>
#include <map>
#include <memory>

namespace vizor::app {

namespace {

using namespace vizor::views::concepts;

// The root holding lessons/ and resources/: installed (share/vizor) or the sources
// (app/DataDir.h); VIZOR_SOURCE_DIR still wins, as in the tests.
QString sourceDir() {
    const QByteArray dir = qgetenv("VIZOR_SOURCE_DIR");
    return dir.isEmpty() ? dataRoot() : QString::fromLocal8Bit(dir);
}

QString q(const std::string& s) {
    return QString::fromStdString(s);
}

// The caption band above the views and the callout box on its view.
constexpr int kCaption = 72;
constexpr QSize kFrame{1280, 720};

// A view drawn into `rect`. The plots draw through QCustomPlot, which paints only onto
// a device of its own: they become a picture at the device's resolution; the other
// views paint as vectors.
void drawView(QPainter& p, const ConceptView& view, const QRect& rect) {
    if (dynamic_cast<const PlotView*>(&view)) {
        const qreal scale = std::max<qreal>(1.0, p.device()->devicePixelRatioF());
        QImage tile(rect.size() * scale, QImage::Format_ARGB32_Premultiplied);
        tile.fill(Qt::white);
        view.render(tile, rect.size(), scale);
        tile.setDevicePixelRatio(scale);
        p.drawImage(rect.topLeft(), tile);
        return;
    }
    p.save();
    p.translate(rect.topLeft());
    p.setClipRect(QRect(QPoint(0, 0), rect.size()));
    view.paintTo(p, rect.size());
    p.restore();
}

// The picture of a step: each view at the projector frame size, side by side.
QSize stepSize(const lesson::Step& step) {
    return {kFrame.width() * static_cast<int>(step.views.size()), kFrame.height() + kCaption};
}

// Draws one step: caption, views side by side, the highlight and the callout.
void paintStep(QPainter& p, const lesson::Lesson& lesson, int index, lesson::Language lang,
               const std::map<std::string, ConceptView*>& views) {
    const lesson::Step& step = lesson.steps[static_cast<std::size_t>(index)];
    const QSize size = stepSize(step);
    p.fillRect(QRect(QPoint(0, 0), size), Qt::white);
    QFont font = p.font();
    font.setPixelSize(26);
    font.setBold(true);
    p.setFont(font);
    p.setPen(Qt::black);
    const QString caption = QStringLiteral("%1 · %2/%3 · %4")
                                .arg(q(lesson.title.in(lang)))
                                .arg(index + 1)
                                .arg(lesson.steps.size())
                                .arg(q(step.title.in(lang)));
    p.drawText(QRect(16, 0, size.width() - 32, kCaption), Qt::AlignVCenter | Qt::TextSingleLine,
               caption);
    const int n = static_cast<int>(step.views.size());
    const int width = kFrame.width();
    for (int i = 0; i < n; ++i) {
        const std::string& name = step.views[static_cast<std::size_t>(i)];
        const QRect rect(i * width, kCaption, width, kFrame.height());
        drawView(p, *views.at(name), rect);
        if (name == step.highlight) {
            // Okabe–Ito orange, the palette's colour for what the reader should look at.
            p.setPen(QPen(QColor(0xE6, 0x9F, 0x00), 6));
            p.setBrush(Qt::NoBrush);
            p.drawRect(rect.adjusted(3, 3, -3, -3));
        }
        if (step.callout && step.callout->view == name) {
            font.setPixelSize(20);
            font.setBold(false);
            p.setFont(font);
            const QRect box(rect.left() + 24, rect.bottom() - 96, rect.width() - 48, 72);
            p.setPen(QPen(Qt::black, 2));
            p.setBrush(QColor(0xF0, 0xE4, 0x42)); // Okabe–Ito yellow: the callout colour
            p.drawRoundedRect(box, 8, 8);
            p.drawText(box.adjusted(12, 6, -12, -6), Qt::AlignVCenter | Qt::TextWordWrap,
                       q(step.callout->text.in(lang)));
        }
    }
}

QImage stepImage(const lesson::Lesson& lesson, int index, lesson::Language lang, double scale,
                 const std::map<std::string, ConceptView*>& views) {
    const QSize logical = stepSize(lesson.steps[static_cast<std::size_t>(index)]);
    QImage image(logical * scale, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(scale);
    image.fill(Qt::white);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    paintStep(p, lesson, index, lang, views);
    return image;
}

bool writeAtomically(const QString& path, const std::function<bool(QIODevice&)>& write,
                     QString* error) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !write(file) || !file.commit()) {
        if (error)
            *error = QStringLiteral("%1: cannot be written (%2)").arg(path, file.errorString());
        return false;
    }
    return true;
}

bool writeVector(const QString& path, bool pdf, const lesson::Lesson& lesson, int index,
                 lesson::Language lang, const std::map<std::string, ConceptView*>& views,
                 QString* error) {
    const QSize logical = stepSize(lesson.steps[static_cast<std::size_t>(index)]);
    return writeAtomically(
        path,
        [&](QIODevice& out) {
            if (pdf) {
                QPdfWriter writer(&out);
                writer.setResolution(96);
                writer.setPageSize(QPageSize(QSizeF(logical), QPageSize::Point));
                writer.setPageMargins(QMarginsF());
                QPainter p(&writer);
                p.scale(writer.width() / double(logical.width()),
                        writer.height() / double(logical.height()));
                paintStep(p, lesson, index, lang, views);
                return p.end();
            }
            QSvgGenerator svg;
            svg.setOutputDevice(&out);
            svg.setSize(logical);
            svg.setViewBox(QRect(QPoint(0, 0), logical));
            svg.setTitle(q(lesson.steps[static_cast<std::size_t>(index)].title.in(lang)));
            QPainter p(&svg);
            paintStep(p, lesson, index, lang, views);
            return p.end();
        },
        error);
}

// The handout: title, summary, then per step its title, narration, picture and question.
bool writeHandout(const QString& path, const lesson::Lesson& lesson, lesson::Language lang,
                  const QList<QImage>& pictures, QString* error) {
    QTextDocument doc;
    QTextCursor c(&doc);
    const bool it = lang == lesson::Language::Italian;
    c.insertMarkdown(
        QStringLiteral("# %1\n\n%2\n").arg(q(lesson.title.in(lang)), q(lesson.summary.in(lang))));
    for (int i = 0; i < pictures.size(); ++i) {
        const lesson::Step& s = lesson.steps[static_cast<std::size_t>(i)];
        c.movePosition(QTextCursor::End);
        c.insertMarkdown(QStringLiteral("\n## %1. %2\n\n%3\n\n")
                             .arg(i + 1)
                             .arg(q(s.title.in(lang)), q(s.narration.in(lang))));
        const QString name = QStringLiteral("step-%1.png").arg(i + 1);
        doc.addResource(QTextDocument::ImageResource, QUrl(name), pictures[i]);
        QTextImageFormat image;
        image.setName(name);
        // The page's text width, keeping the picture's proportions.
        image.setWidth(640);
        image.setHeight(640.0 * pictures[i].height() / pictures[i].width());
        c.movePosition(QTextCursor::End);
        c.insertBlock();
        c.insertImage(image);
        if (s.question) {
            QString md = QStringLiteral("\n\n**%1** %2\n\n")
                             .arg(it ? QStringLiteral("Domanda:") : QStringLiteral("Question:"),
                                  q(s.question->prompt.in(lang)));
            for (std::size_t k = 0; k < s.question->choices.size(); ++k)
                md += QStringLiteral("%1. %2\n").arg(k + 1).arg(q(s.question->choices[k].in(lang)));
            md += QStringLiteral("\n**%1** %2. %3\n")
                      .arg(it ? QStringLiteral("Risposta:") : QStringLiteral("Answer:"))
                      .arg(s.question->answer + 1)
                      .arg(q(s.question->explanation.in(lang)));
            c.movePosition(QTextCursor::End);
            c.insertMarkdown(md);
        }
    }
    return writeAtomically(
        path,
        [&](QIODevice& out) {
            QPdfWriter writer(&out);
            writer.setPageSize(QPageSize(QPageSize::A4));
            writer.setResolution(96);
            writer.setTitle(q(lesson.title.in(lang)));
            doc.setPageSize(QSizeF(writer.width(), writer.height()));
            doc.print(&writer);
            return true;
        },
        error);
}

} // namespace

std::unique_ptr<views::concepts::ConceptView> makeLessonView(const std::string& name,
                                                             const lesson::Scenario& scenario) {
    std::unique_ptr<ConceptView> view;
    if (name == "world-switch") view = std::make_unique<WorldSwitchView>();
    if (name == "page-walk") view = std::make_unique<PageWalkView>();
    if (name == "translation-cache") view = std::make_unique<TranslationCacheView>();
    if (name == "exits-plot") view = std::make_unique<ExitsPlotView>();
    if (name == "cgroup-tree") view = std::make_unique<CgroupTreeView>();
    if (name == "split-driver") view = std::make_unique<SplitDriverView>();
    if (name == "balloon") view = std::make_unique<BalloonView>();
    if (name == "storage") view = std::make_unique<StorageView>();
    if (name == "consolidation") view = std::make_unique<ConsolidationView>();
    if (name == "migration") view = std::make_unique<MigrationView>();
    if (name == "dirty-pages-plot") view = std::make_unique<DirtyPagesPlotView>();
    if (name == "cpu-share-plot") view = std::make_unique<CpuSharePlotView>();
    if (name == "instruction-classes") {
        auto classes = std::make_unique<InstructionClassesView>();
        classes->setX86Sensitive(scenario.x86Sensitive);
        view = std::move(classes);
    }
    if (view) view->setReduceMotion(true); // a picture shows the end of every transition
    return view;
}

void prepareLessonView(ConceptView& view, const lesson::LessonRunner& runner) {
    if (auto* tree = dynamic_cast<CgroupTreeView*>(&view); tree && runner.host())
        tree->setForest(forestOf(*runner.host()));
    if (auto* shares = dynamic_cast<CpuSharePlotView*>(&view); shares && runner.host())
        shares->setGroups(cpuShareGroupsOf(*runner.host()));
    // Pre-copy's stop rule as the migration runs it (dc::MigrationConfig's default).
    if (auto* dirty = dynamic_cast<DirtyPagesPlotView*>(&view))
        dirty->setStopThreshold(dc::MigrationConfig{}.minPagesLeft);
    if (auto* balloon = dynamic_cast<BalloonView*>(&view); balloon && runner.multiVm()) {
        const hv::MultiVm& host = *runner.multiVm();
        if (balloon->totalFrames() != host.host().totalFrames())
            balloon->setHost(host.host().totalFrames(), host.vmCount());
        // Recorded events are numbered from 0 in order: the index is the sequence.
        std::vector<uint32_t> vms;
        vms.reserve(runner.events().size());
        for (const lesson::RecordedEvent& e : runner.events())
            vms.push_back(e.vm);
        balloon->setEventVms(std::move(vms));
    }
    if (auto* storage = dynamic_cast<StorageView*>(&view); storage && runner.disk()) {
        const dc::VirtualDisk& disk = *runner.disk();
        storage->setDisk({QStringLiteral("%1 MiB %2 virtio-blk disk, %3 workload")
                              .arg(disk.capacity() >> 20)
                              .arg(q(std::string(dc::provisioningName(disk.provisioning()))),
                                   q(runner.lesson().scenario.workload)),
                          disk.grainCount(), dc::kGrainBytes});
    }
    if (auto* migration = dynamic_cast<MigrationView*>(&view); migration && runner.bareGuest()) {
        if (runner.migration()) {
            migration->setTiming(timingOf(*runner.migration()));
        } else {
            // Before the move: only the VM's size is known, no round has happened.
            MigrationTiming timing;
            timing.vmPages = runner.bareGuest()->config().ramSize / 4096;
            migration->setTiming(timing);
        }
    }
    if (auto* consolidation = dynamic_cast<ConsolidationView*>(&view)) {
        ConsolidationPicture picture;
        picture.scenario = q(runner.lesson().scenario.datacenter);
        picture.before = layoutOf(runner.cluster(), runner.placementBefore());
        // Before any `place` step the lower panel stays empty: nothing was placed yet.
        if (runner.placementAfter()) {
            picture.policy = q(runner.policy());
            picture.after = layoutOf(runner.cluster(), *runner.placementAfter());
        } else {
            picture.policy = QStringLiteral("—");
        }
        consolidation->setPicture(picture);
    }
}

QStringList shippedLessons() {
    QDir dir(sourceDir() + QStringLiteral("/lessons"));
    QStringList out;
    for (const QString& f : dir.entryList({QStringLiteral("*.lesson")}, QDir::Files, QDir::Name))
        out << dir.filePath(f);
    return out;
}

bool exportLesson(const lesson::Lesson& lesson, const LessonExportOptions& options,
                  QStringList* written, QString* error) {
    const QString lang =
        options.language == lesson::Language::Italian ? QStringLiteral("it") : QStringLiteral("en");
    const QString dir = QDir(options.outDir).filePath(q(lesson.name) + QLatin1Char('-') + lang);
    if (!QDir().mkpath(dir)) {
        if (error) *error = QStringLiteral("%1: cannot be created").arg(dir);
        return false;
    }
    const ExportLanguage language(options.language);
    lesson::LessonRunner runner(lesson, sourceDir().toStdString());
    std::map<std::string, std::unique_ptr<ConceptView>> owned;
    std::map<std::string, ConceptView*> views;
    std::size_t fed = 0;
    QList<QImage> pictures;
    std::string failure;
    for (int i = 0; i < runner.stepCount(); ++i) {
        if (!runner.next(failure)) {
            if (error) *error = q(failure);
            return false;
        }
        // Every view seen so far gets the new events, so a view shown again later has
        // the whole run, as a dock open from the start would.
        const lesson::Step& step = lesson.steps[static_cast<std::size_t>(i)];
        for (const std::string& name : step.views)
            if (!owned.count(name)) {
                owned[name] = makeLessonView(name, lesson.scenario);
                views[name] = owned[name].get();
                prepareLessonView(*owned[name], runner);
                std::vector<NumberedEvent> past;
                for (std::size_t k = 0; k < fed; ++k)
                    past.push_back({runner.events()[k].event, runner.events()[k].sequence});
                feedView(*owned[name], UINT64_MAX, past);
            }
        std::vector<NumberedEvent> batch;
        for (std::size_t k = fed; k < runner.events().size(); ++k)
            batch.push_back({runner.events()[k].event, runner.events()[k].sequence});
        fed = runner.events().size();
        for (auto& [name, view] : owned) {
            prepareLessonView(*view, runner);
            feedView(*view, UINT64_MAX, batch);
            view->finishAnimation();
        }
        const QImage image = stepImage(lesson, i, options.language, options.scale, views);
        pictures << stepImage(lesson, i, options.language, 1.0, views);
        const QString stem =
            QDir(dir).filePath(QStringLiteral("step-%1").arg(i + 1, 2, 10, QLatin1Char('0')));
        for (const QString& format : options.formats) {
            const QString path = stem + QLatin1Char('.') + format;
            bool ok = false;
            if (format == QLatin1String("png"))
                ok = writeAtomically(
                    path, [&](QIODevice& out) { return image.save(&out, "PNG"); }, error);
            else if (format == QLatin1String("svg") || format == QLatin1String("pdf"))
                ok = writeVector(path, format == QLatin1String("pdf"), lesson, i, options.language,
                                 views, error);
            else if (error)
                *error = QStringLiteral("unknown format '%1' (png, svg, pdf)").arg(format);
            if (!ok) return false;
            if (written) *written << path;
        }
    }
    if (options.handout) {
        const QString path = QDir(dir).filePath(q(lesson.name) + QStringLiteral("-handout.pdf"));
        if (!writeHandout(path, lesson, options.language, pictures, error)) return false;
        if (written) *written << path;
    }
    return true;
}

int runLessonCommand(const QStringList& args) {
    QTextStream out(stdout), err(stderr);
    const QString usage = QStringLiteral(
        "usage: vizor lesson export (LESSON | --all) --out DIR [--format png,svg,pdf] "
        "[--lang en|it] [--scale S]\n");
    if (args.value(0) != QLatin1String("export")) {
        err << usage;
        return 2;
    }
    LessonExportOptions options;
    QStringList files;
    QList<lesson::Language> languages = {lesson::Language::English, lesson::Language::Italian};
    for (int i = 1; i < args.size(); ++i) {
        const QString& a = args[i];
        const bool hasValue = i + 1 < args.size();
        if (a == QLatin1String("--all"))
            files << shippedLessons();
        else if (a == QLatin1String("--out") && hasValue)
            options.outDir = args[++i];
        else if (a == QLatin1String("--format") && hasValue)
            options.formats = args[++i].split(QLatin1Char(','));
        else if (a == QLatin1String("--scale") && hasValue) {
            bool ok = false;
            options.scale = args[++i].toDouble(&ok);
            if (!ok || options.scale < 0.25 || options.scale > 8) {
                err << "vizor: --scale: expected a number from 0.25 to 8\n";
                return 2;
            }
        } else if (a == QLatin1String("--lang") && hasValue) {
            const QString l = args[++i];
            if (l != QLatin1String("en") && l != QLatin1String("it")) {
                err << "vizor: --lang: expected en or it, not '" << l << "'\n";
                return 2;
            }
            languages = {l == QLatin1String("it") ? lesson::Language::Italian
                                                  : lesson::Language::English};
        } else if (!a.startsWith(QLatin1String("--")))
            files << a;
        else {
            err << "vizor: unknown option '" << a << "'\n" << usage;
            return 2;
        }
    }
    if (files.isEmpty() || options.outDir.isEmpty()) {
        err << usage;
        return 2;
    }
    for (const QString& file : files) {
        const lesson::LoadResult loaded = lesson::loadLessonFile(file.toStdString());
        if (!loaded.ok()) {
            err << "vizor: " << q(loaded.errors.front().format()) << '\n';
            return 1;
        }
        for (lesson::Language language : languages) {
            options.language = language;
            QStringList written;
            QString error;
            if (!exportLesson(*loaded.lesson, options, &written, &error)) {
                err << "vizor: " << error << '\n';
                return 1;
            }
            for (const QString& w : written)
                out << w << '\n';
        }
    }
    return 0;
}

int lessonMain(int argc, char* argv[]) {
    // Pictures and handouts need no screen: never ask for one.
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QStringList args = QApplication::arguments().mid(1);
    args.removeFirst(); // "lesson"
    return runLessonCommand(args);
}

} // namespace vizor::app
