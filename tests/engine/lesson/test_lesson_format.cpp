// The lesson format's reader: a good lesson reads whole; each broken lesson in the
// table is refused with the file, the line, the step and the field it names; and
// random damage to a good lesson never crashes the reader.
#include "lesson/Lesson.h"

#include <QtTest>

#include <random>

using namespace vizor::lesson;

namespace {

const std::string kGood = R"(vizor-lesson 1
title.en: T
title.it: T
summary.en: S
summary.it: S
[scenario]
guest: syscalls
mode: trap
[step]
id: first
title.en: One
title.it: Uno
run: until vm_exit within 5000
views: world-switch, exits-plot
highlight: exits-plot
callout.view: world-switch
callout.en: look
callout.it: guarda
narration.en:
| Line one
|
| line three
narration.it: Italiano
question.en: Q
question.it: D
choice.en: a
choice.it: a
choice.en: b
choice.it: b
answer: 2
explanation.en: E
explanation.it: E
)";

// The good lesson with `from` replaced by `to` (once).
std::string broken(const std::string& from, const std::string& to) {
    std::string text = kGood;
    const auto at = text.find(from);
    if (at == std::string::npos) qFatal("no '%s' in the good lesson", from.c_str());
    return text.replace(at, from.size(), to);
}

// The good lesson with another scenario (`scenario` replaces its two lines) and run.
std::string withScenario(const std::string& scenario, const std::string& run) {
    std::string text = broken("guest: syscalls\nmode: trap", scenario);
    const std::string from = "until vm_exit within 5000";
    return text.replace(text.find(from), from.size(), run);
}

} // namespace

class TestLessonFormat : public QObject {
    Q_OBJECT
private slots:
    void aGoodLessonReadsWhole() {
        const LoadResult r = parseLesson(kGood, "good.lesson");
        QVERIFY2(r.ok(), r.ok() ? "" : r.errors.front().format().c_str());
        const Lesson& l = *r.lesson;
        QCOMPARE(l.name, std::string("good"));
        QCOMPARE(l.scenario.mode, std::string("trap"));
        QCOMPARE(l.steps.size(), std::size_t(1));
        const Step& s = l.steps[0];
        QCOMPARE(s.run.kind, RunSpec::Kind::UntilEvent);
        QCOMPARE(s.run.event, vizor::EventType::VmExit);
        QCOMPARE(s.run.count, uint64_t(5000));
        QCOMPARE(s.views.size(), std::size_t(2));
        QCOMPARE(s.narration.en, std::string("Line one\n\nline three"));
        QCOMPARE(s.narration.in(Language::Italian), std::string("Italiano"));
        QVERIFY(s.callout && s.callout->view == "world-switch");
        QVERIFY(s.question && s.question->answer == 1 && s.question->choices.size() == 2);
    }

    void datacenterScenariosRead() {
        LoadResult r =
            parseLesson(withScenario("vms: balloon-giveback, balloon-growlate\nhost-frames: 240\n"
                                     "balloon: 0=96@1000000, 0=0@3000000",
                                     "steps 900000"),
                        "vms.lesson");
        QVERIFY2(r.ok(), r.ok() ? "" : r.errors.front().format().c_str());
        const Scenario& vms = r.lesson->scenario;
        QCOMPARE(vms.kind, Scenario::Kind::Vms);
        QCOMPARE(vms.vmPrograms,
                 (std::vector<std::string>{"balloon-giveback", "balloon-growlate"}));
        QCOMPARE(vms.hostFrames, 240u);
        QCOMPARE(vms.balloons.size(), std::size_t(2));
        QCOMPARE(vms.balloons[0].pages, 96u);
        QCOMPARE(vms.balloons[0].atCycle, uint64_t(1'000'000));
        QCOMPARE(vms.balloons[1].pages, 0u);

        r = parseLesson(withScenario("guest: diskwriter\ndisk: thick\ndisk-size: 32", "to-end"),
                        "disk.lesson");
        QVERIFY(r.ok());
        QCOMPARE(r.lesson->scenario.disk, std::string("thick"));
        QCOMPARE(r.lesson->scenario.diskMiB, uint64_t(32));

        r = parseLesson(withScenario("datacenter: forty-servers.cluster", "cap web=40"),
                        "c.lesson");
        QVERIFY(r.ok());
        QCOMPARE(r.lesson->scenario.kind, Scenario::Kind::Cluster);
        QCOMPARE(r.lesson->steps[0].run.kind, RunSpec::Kind::Cap);
        QCOMPARE(r.lesson->steps[0].run.label, std::string("web"));
        QCOMPARE(r.lesson->steps[0].run.count, uint64_t(40));

        r = parseLesson(withScenario("datacenter: memtouch.s\ndefine: PAGES=8, PASSES=100",
                                     "migrate cold bandwidth 100"),
                        "m.lesson");
        QVERIFY(r.ok());
        QCOMPARE(r.lesson->scenario.kind, Scenario::Kind::Migration);
        QCOMPARE(r.lesson->scenario.defines.size(), std::size_t(2));
        QCOMPARE(r.lesson->scenario.defines[1].second, int64_t(100));
        QCOMPARE(r.lesson->steps[0].run.kind, RunSpec::Kind::Migrate);
        QVERIFY(r.lesson->steps[0].run.cold);
        QCOMPARE(r.lesson->steps[0].run.count, uint64_t(100));
    }

    void aBrokenLessonNamesFileLineStepAndField_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("step");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("message");
        auto row = [](const char* name, const std::string& text, int line, const char* step,
                      const char* field, const char* message) {
            QTest::newRow(name) << QString::fromStdString(text) << line << step << field << message;
        };
        row("no version", broken("vizor-lesson 1\n", "title: x\n"), 1, "", "version", "first line");
        row("future version", broken("vizor-lesson 1", "vizor-lesson 2"), 1, "", "version",
            "not supported");
        row("empty file", "", 1, "", "version", "empty");
        row("no Italian title", broken("title.it: T\n", ""), 1, "", "title.it", "missing");
        row("unknown header field", broken("summary.it: S\n", "summary.it: S\nauthor: me\n"), 6, "",
            "author", "unknown field");
        row("unknown section", broken("[scenario]", "[setup]"), 6, "", "", "unknown section");
        row("step before scenario", broken("[scenario]\nguest: syscalls\nmode: trap\n", ""), 6, "",
            "", "before the [scenario]");
        row("unknown mode", broken("mode: trap", "mode: turbo"), 8, "scenario", "mode",
            "unknown mode 'turbo'");
        row("workload path", broken("guest: syscalls", "guest: ../x"), 7, "scenario", "guest",
            "not a path");
        row("bad flag", broken("mode: trap", "mode: trap\nx86-sensitive: maybe"), 9, "scenario",
            "x86-sensitive", "yes or no");
        row("missing run", broken("run: until vm_exit within 5000\n", ""), 9, "step 1 (first)",
            "run", "missing");
        row("unknown event", broken("until vm_exit", "until vm_exitt"), 13, "step 1 (first)", "run",
            "unknown event type 'vm_exitt'");
        row("bad count", broken("within 5000", "within lots"), 13, "step 1 (first)", "run",
            "whole number");
        row("zero steps", broken("until vm_exit within 5000", "steps 0"), 13, "step 1 (first)",
            "run", "whole number");
        row("host run in guest", broken("until vm_exit within 5000", "host-usec 10"), 13,
            "step 1 (first)", "run", "expected 'nothing'");
        row("unknown view", broken("exits-plot\n", "exit-plot\n"), 14, "step 1 (first)", "views",
            "unknown view 'exit-plot'");
        row("highlight not shown", broken("highlight: exits-plot", "highlight: page-walk"), 15,
            "step 1 (first)", "highlight", "not one of the step's views");
        row("callout on hidden view",
            broken("callout.view: world-switch", "callout.view: cgroup-tree"), 16, "step 1 (first)",
            "callout.view", "not one of the step's views");
        row("callout without Italian", broken("callout.it: guarda\n", ""), 9, "step 1 (first)",
            "callout.it", "missing");
        row("narration twice",
            broken("narration.it: Italiano", "narration.it: Italiano\nnarration.it: again"), 24,
            "step 1 (first)", "narration.it", "given twice");
        row("empty narration", broken("narration.it: Italiano", "narration.it:"), 23,
            "step 1 (first)", "narration.it", "empty");
        row("answer out of range", broken("answer: 2", "answer: 3"), 30, "step 1 (first)", "answer",
            "does not exist");
        row("choices unpaired", broken("choice.it: b\n", ""), 27, "step 1 (first)", "choice.it",
            "1 Italian choices for 2 English");
        row("one choice", broken("choice.en: b\nchoice.it: b\n", ""), 26, "step 1 (first)",
            "choice.en", "at least two choices");
        row("no explanation", broken("explanation.it: E\n", ""), 9, "step 1 (first)",
            "explanation.it", "missing");
        row("stray continuation", broken("title.en: T\n", "| stray\ntitle.en: T\n"), 2, "", "",
            "no field before it");
        row("not a field", broken("views:", "views"), 14, "", "", "expected 'field: value'");
        row("NUL byte", broken("title.en: T", std::string("title.en: T\0x", 13)), 2, "", "", "NUL");
        row("no steps", kGood.substr(0, kGood.find("[step]")), 1, "", "step", "no [step]");
        // The datacenter scenarios and what they may run.
        const std::string vms = "vms: a, b";
        const std::string cluster = "datacenter: forty-servers.cluster";
        const std::string migration = "datacenter: memtouch.s";
        row("unknown disk", broken("mode: trap", "mode: trap\ndisk: thinnish"), 9, "scenario",
            "disk", "thin or thick");
        row("disk under pv", broken("mode: trap", "mode: pv\ndisk: thin"), 8, "scenario", "mode",
            "under trap only");
        row("disk size without a disk", broken("mode: trap", "mode: trap\ndisk-size: 64"), 9,
            "scenario", "disk-size", "only with");
        row("two kinds of scenario", broken("mode: trap", "vms: a, b"), 7, "scenario", "guest",
            "exactly one of");
        row("balloon of a missing VM", withScenario(vms + "\nballoon: 2=5", "nothing"), 8,
            "scenario", "balloon", "names VM 2, but there are 2");
        row("balloon pages not a number", withScenario(vms + "\nballoon: 0=lots", "nothing"), 8,
            "scenario", "balloon", "whole number");
        row("balloon without VMs", broken("mode: trap", "mode: trap\nballoon: 0=5"), 9, "scenario",
            "balloon", "only for a vms scenario");
        row("too few host frames", withScenario(vms + "\nhost-frames: 7", "nothing"), 8, "scenario",
            "host-frames", "at least 4 frames per VM (8)");
        row("VMs under bt", withScenario(vms + "\nmode: bt", "nothing"), 8, "scenario", "mode",
            "under trap only");
        row("a VM program path", withScenario("vms: a, ../b", "nothing"), 7, "scenario", "vms",
            "not a path");
        row("datacenter file kind", withScenario("datacenter: x.txt", "nothing"), 7, "scenario",
            "datacenter", "NAME.cluster");
        row("datacenter path", withScenario("datacenter: ../x.cluster", "nothing"), 7, "scenario",
            "datacenter", "not a path");
        row("define for a cluster", withScenario(cluster + "\ndefine: A=1", "nothing"), 8,
            "scenario", "define", "only for a guest to migrate");
        row("define not a number", withScenario(migration + "\ndefine: PAGES=many", "nothing"), 8,
            "scenario", "define", "whole number");
        row("place in a guest", broken("until vm_exit within 5000", "place ffd"), 13,
            "step 1 (first)", "run", "expected 'nothing', 'steps N'");
        row("unknown policy", withScenario(cluster, "place fastest"), 12, "step 1 (first)", "run",
            "unknown placement policy 'fastest'");
        row("cap without a value", withScenario(cluster, "cap web"), 12, "step 1 (first)", "run",
            "'cap VM=PERCENT'");
        row("cap too large", withScenario(cluster, "cap web=9000"), 12, "step 1 (first)", "run",
            "from 0 to 6400");
        row("steps in a cluster", withScenario(cluster, "steps 5"), 12, "step 1 (first)", "run",
            "in a cluster scenario");
        row("migrate how", withScenario(migration, "migrate warm"), 12, "step 1 (first)", "run",
            "'migrate live' or 'migrate cold'");
        row("migrate bandwidth", withScenario(migration, "migrate live bandwidth fast"), 12,
            "step 1 (first)", "run", "whole number");
        row("label under VMs", withScenario(vms, "until-label main"), 12, "step 1 (first)", "run",
            "in a vms scenario");
    }
    void aBrokenLessonNamesFileLineStepAndField() {
        QFETCH(QString, text);
        QFETCH(int, line);
        QFETCH(QString, step);
        QFETCH(QString, field);
        QFETCH(QString, message);
        const LoadResult r = parseLesson(text.toStdString(), "lessons/broken.lesson");
        QVERIFY(!r.ok());
        QCOMPARE(r.errors.size(), std::size_t(1));
        const LessonError& e = r.errors.front();
        const QString formatted = QString::fromStdString(e.format());
        QCOMPARE(QString::fromStdString(e.file), QStringLiteral("lessons/broken.lesson"));
        QCOMPARE(e.line, line);
        QCOMPARE(QString::fromStdString(e.step), step);
        QCOMPARE(QString::fromStdString(e.field), field);
        QVERIFY2(formatted.contains(message), qPrintable(formatted));
        QVERIFY(formatted.startsWith(QStringLiteral("lessons/broken.lesson:%1:").arg(line)));
    }

    void damagedLessonsNeverCrash() {
        std::mt19937 rng(9);
        int refused = 0;
        for (int i = 0; i < 3000; ++i) {
            std::string text = kGood;
            const int edits = 1 + static_cast<int>(rng() % 4);
            for (int k = 0; k < edits; ++k) {
                const std::size_t at = rng() % text.size();
                switch (rng() % 3) {
                case 0:
                    text[at] = static_cast<char>(rng() % 256);
                    break;
                case 1:
                    text.erase(at, 1 + rng() % 20);
                    break;
                default:
                    text.insert(at, text.substr(rng() % text.size(), 1 + rng() % 30));
                    break;
                }
                if (text.empty()) text = "x";
            }
            const LoadResult r = parseLesson(text, "fuzz.lesson");
            if (!r.ok()) {
                ++refused;
                QVERIFY(!r.errors.front().message.empty());
            }
        }
        QVERIFY(refused > 1000);
    }
};

QTEST_GUILESS_MAIN(TestLessonFormat)
#include "test_lesson_format.moc"
