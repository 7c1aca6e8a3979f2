// The lesson format's reader. Two passes: the text is cut into sections of key/value
// fields (with "|" continuation lines), then each section is checked field by field.
// The first problem refuses the whole file, named by file, line, step and field.
#include "lesson/Lesson.h"

#include "datacenter/Consolidation.h"

#include <charconv>
#include <fstream>
#include <map>
#include <sstream>

namespace vizor::lesson {

namespace {

struct Field {
    std::string key;
    std::string value;
    int line = 0;
};

struct Section {
    std::string name; // "" (the header), "scenario", "step"
    int line = 0;
    std::vector<Field> fields;
};

struct Failure {
    LessonError error;
};

std::string trim(std::string_view s) {
    const auto begin = s.find_first_not_of(" \t\r");
    if (begin == std::string_view::npos) return {};
    const auto end = s.find_last_not_of(" \t\r");
    return std::string(s.substr(begin, end - begin + 1));
}

class Reader {
public:
    Reader(std::string file, const Section& section, std::string step)
        : file_(std::move(file)), section_(section), step_(std::move(step)) {}

    [[noreturn]] void fail(const std::string& field, const std::string& message,
                           int line = 0) const {
        throw Failure{{file_, line ? line : lineOf(field), step_, field, message}};
    }
    int lineOf(const std::string& key) const {
        for (const Field& f : section_.fields)
            if (f.key == key) return f.line;
        return section_.line;
    }
    const Field* find(const std::string& key) const {
        const Field* found = nullptr;
        for (const Field& f : section_.fields)
            if (f.key == key) {
                if (found)
                    fail(key, "given twice (first on line " + std::to_string(found->line) + ")",
                         f.line);
                found = &f;
            }
        return found;
    }
    std::vector<const Field*> all(const std::string& key) const {
        std::vector<const Field*> out;
        for (const Field& f : section_.fields)
            if (f.key == key) out.push_back(&f);
        return out;
    }
    std::string required(const std::string& key) const {
        const Field* f = find(key);
        if (!f) fail(key, "missing");
        if (f->value.empty()) fail(key, "empty");
        return f->value;
    }
    std::string optional(const std::string& key, std::string fallback = {}) const {
        const Field* f = find(key);
        return f ? f->value : fallback;
    }
    Text text(const std::string& key) const {
        return {required(key + ".en"), required(key + ".it")};
    }
    bool flag(const std::string& key) const {
        const std::string v = optional(key, "no");
        if (v == "yes") return true;
        if (v == "no") return false;
        fail(key, "expected yes or no, not '" + v + "'");
    }
    void onlyKnown(const std::vector<std::string_view>& keys) const {
        for (const Field& f : section_.fields) {
            bool known = false;
            for (std::string_view k : keys)
                known = known || f.key == k;
            if (!known) fail(f.key, "unknown field", f.line);
        }
    }

private:
    std::string file_;
    const Section& section_;
    std::string step_;
};

std::vector<Section> sections(std::string_view text, const std::string& file) {
    std::vector<Section> out(1);
    out[0].line = 1;
    std::istringstream in{std::string(text)};
    std::string raw;
    int line = 0;
    Field* last = nullptr;
    while (std::getline(in, raw)) {
        ++line;
        if (!raw.empty() && raw.back() == '\r') raw.pop_back();
        if (line == 1) {
            const std::string first = trim(raw);
            if (first.rfind("vizor-lesson ", 0) != 0)
                throw Failure{{file, 1, {}, "version", "the first line must be 'vizor-lesson 1'"}};
            if (first != "vizor-lesson " + std::to_string(Lesson::kVersion))
                throw Failure{{file,
                               1,
                               {},
                               "version",
                               "version '" + first.substr(13) +
                                   "' is not supported (this is version " +
                                   std::to_string(Lesson::kVersion) + ")"}};
            continue;
        }
        if (raw.find('\0') != std::string::npos)
            throw Failure{{file, line, {}, {}, "a NUL byte: not a text file"}};
        if (!raw.empty() && raw[0] == '|') {
            if (!last)
                throw Failure{
                    {file, line, {}, {}, "a '|' continuation line with no field before it"}};
            const std::string_view rest = std::string_view(raw).substr(1);
            if (!last->value.empty()) last->value += '\n';
            last->value += std::string(rest.empty() || rest[0] != ' ' ? rest : rest.substr(1));
            continue;
        }
        const std::string t = trim(raw);
        if (t.empty() || t[0] == '#') {
            continue;
        }
        if (t[0] == '[') {
            if (t == "[scenario]" || t == "[step]") {
                out.push_back({t.substr(1, t.size() - 2), line, {}});
                last = nullptr;
                continue;
            }
            throw Failure{{file,
                           line,
                           {},
                           {},
                           "unknown section '" + t + "' (expected [scenario] or [step])"}};
        }
        const auto colon = t.find(':');
        if (colon == std::string::npos || colon == 0)
            throw Failure{{file, line, {}, {}, "expected 'field: value', '|' text or a [section]"}};
        out.back().fields.push_back({trim(t.substr(0, colon)), trim(t.substr(colon + 1)), line});
        last = &out.back().fields.back();
    }
    if (line == 0) throw Failure{{file, 1, {}, "version", "the file is empty"}};
    return out;
}

uint64_t number(const Reader& r, const std::string& field, std::string_view text) {
    uint64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value == 0 ||
        value > 2'000'000'000ull)
        r.fail(field,
               "expected a whole number from 1 to 2000000000, not '" + std::string(text) + "'");
    return value;
}

std::optional<EventType> eventNamed(std::string_view name) {
    for (int i = 0; i < static_cast<int>(EventType::Count); ++i)
        if (eventTypeName(static_cast<EventType>(i)) == name) return static_cast<EventType>(i);
    return std::nullopt;
}

// A whole number that may be 0 (a cycle, a cap).
uint64_t count(const Reader& r, const std::string& field, std::string_view text,
               uint64_t max = 2'000'000'000ull) {
    uint64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || text.empty() || value > max)
        r.fail(field, "expected a whole number from 0 to " + std::to_string(max) + ", not '" +
                          std::string(text) + "'");
    return value;
}

// "NAME=VALUE" split at its '='.
std::pair<std::string, std::string> assignment(const Reader& r, const std::string& field,
                                               const std::string& text, const char* shape) {
    const auto eq = text.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == text.size())
        r.fail(field, std::string("expected ") + shape + ", not '" + text + "'");
    return {text.substr(0, eq), text.substr(eq + 1)};
}

// What each kind of scenario can run, for the error message.
const char* runForms(Scenario::Kind kind) {
    switch (kind) {
    case Scenario::Kind::Host:
        return "'nothing' or 'host-usec N' in a host scenario";
    case Scenario::Kind::Vms:
        return "'nothing', 'steps N', 'until EVENT' or 'to-end' in a vms scenario";
    case Scenario::Kind::Cluster:
        return "'nothing', 'place POLICY' or 'cap VM=PERCENT' in a cluster scenario";
    case Scenario::Kind::Migration:
        return "'nothing', 'steps N', 'until EVENT', 'to-end' or 'migrate live|cold "
               "[bandwidth MBPS]' in a migration scenario";
    case Scenario::Kind::Guest:
        break;
    }
    return "'nothing', 'steps N', 'until EVENT', 'until-label NAME' or 'to-end'";
}

RunSpec runSpec(const Reader& r, const std::string& text, Scenario::Kind kind) {
    std::istringstream words(text);
    std::vector<std::string> w;
    for (std::string s; words >> s;)
        w.push_back(s);
    RunSpec spec;
    // The optional "within N" bounds a run that waits for something.
    auto limit = [&](std::size_t at) {
        if (w.size() == at) return uint64_t{20'000'000};
        if (w.size() == at + 2 && w[at] == "within") return number(r, "run", w[at + 1]);
        r.fail("run", "unexpected '" + w[at] + "' (only 'within N' may follow)");
    };
    using K = Scenario::Kind;
    const bool runsGuest = kind == K::Guest || kind == K::Vms || kind == K::Migration;
    if (w.size() == 1 && w[0] == "nothing") return spec;
    if (runsGuest && w.size() == 2 && w[0] == "steps") {
        spec.kind = RunSpec::Kind::Steps;
        spec.count = number(r, "run", w[1]);
    } else if (runsGuest && w.size() >= 2 && w[0] == "until") {
        const auto type = eventNamed(w[1]);
        if (!type)
            r.fail("run",
                   "unknown event type '" + w[1] + "' (names as in the event log: vm_exit, ...)");
        spec.kind = RunSpec::Kind::UntilEvent;
        spec.event = *type;
        spec.count = limit(2);
    } else if (kind == K::Guest && w.size() >= 2 && w[0] == "until-label") {
        spec.kind = RunSpec::Kind::UntilLabel;
        spec.label = w[1];
        spec.count = limit(2);
    } else if (runsGuest && !w.empty() && w[0] == "to-end") {
        spec.kind = RunSpec::Kind::ToEnd;
        spec.count = limit(1);
    } else if (kind == K::Host && w.size() == 2 && w[0] == "host-usec") {
        spec.kind = RunSpec::Kind::HostTime;
        spec.count = number(r, "run", w[1]);
    } else if (kind == K::Cluster && w.size() == 2 && w[0] == "place") {
        if (!dc::policyNamed(w[1]))
            r.fail("run", "unknown placement policy '" + w[1] + "' (ffd, best-fit, time-aware)");
        spec.kind = RunSpec::Kind::Place;
        spec.label = w[1];
    } else if (kind == K::Cluster && w.size() == 2 && w[0] == "cap") {
        const auto [vm, percent] = assignment(r, "run", w[1], "'cap VM=PERCENT'");
        spec.kind = RunSpec::Kind::Cap;
        spec.label = vm;
        spec.count = count(r, "run", percent, 6'400);
    } else if (kind == K::Migration && (w.size() == 2 || w.size() == 4) && w[0] == "migrate") {
        if (w[1] != "live" && w[1] != "cold")
            r.fail("run", "expected 'migrate live' or 'migrate cold', not '" + text + "'");
        spec.kind = RunSpec::Kind::Migrate;
        spec.cold = w[1] == "cold";
        spec.count = 1000; // Mbit/s, as `vizor migrate`
        if (w.size() == 4) {
            if (w[2] != "bandwidth")
                r.fail("run", "unexpected '" + w[2] + "' (only 'bandwidth MBPS' may follow)");
            spec.count = number(r, "run", w[3]);
        }
    } else {
        r.fail("run", std::string("expected ") + runForms(kind) + ", not '" + text + "'");
    }
    return spec;
}

std::vector<std::string> list(std::string_view text) {
    std::vector<std::string> out;
    std::string item;
    std::istringstream in{std::string(text)};
    while (std::getline(in, item, ','))
        out.push_back(trim(item));
    return out;
}

// A file or program name: no directories, so a lesson reads only the shipped data.
std::string plainName(const Reader& r, const std::string& field, const std::string& name) {
    if (name.empty()) r.fail(field, "empty");
    if (name.find_first_of("/\\") != std::string::npos || name.front() == '.')
        r.fail(field, "a name, not a path: '" + name + "'");
    return name;
}

void guestScenario(const Reader& r, Scenario& s) {
    s.workload = plainName(r, "guest", r.required("guest"));
    if (s.workload.find('.') != std::string::npos)
        r.fail("guest", "a workload name (compute, syscalls...), not a path");
    s.mode = r.optional("mode", "trap");
    static const std::vector<std::string> modes = {"native", "emulate", "trap", "bt",
                                                   "patch",  "pv",      "hw"};
    bool known = false;
    for (const std::string& m : modes)
        known = known || m == s.mode;
    if (!known)
        r.fail("mode", "unknown mode '" + s.mode + "' (native, emulate, trap, bt, patch, pv, hw)");
    s.x86Sensitive = r.flag("x86-sensitive");
    s.traceInstructions = r.flag("trace");
    s.disk = r.optional("disk");
    if (!s.disk.empty() && s.disk != "thin" && s.disk != "thick")
        r.fail("disk", "expected thin or thick, not '" + s.disk + "'");
    if (r.find("disk-size")) {
        if (s.disk.empty()) r.fail("disk-size", "only with 'disk: thin' or 'disk: thick'");
        s.diskMiB = number(r, "disk-size", r.required("disk-size"));
        if (s.diskMiB > 4096) r.fail("disk-size", "at most 4096 MiB");
    }
    // The virtio-blk back end is a trap-and-emulate VMM's (datacenter/BlockVm).
    if (!s.disk.empty() && s.mode != "trap") r.fail("mode", "a disk is given under trap only");
}

void vmsScenario(const Reader& r, Scenario& s) {
    s.kind = Scenario::Kind::Vms;
    s.mode = "trap";
    if (r.find("mode") && r.required("mode") != "trap")
        r.fail("mode", "several VMs run under trap only");
    for (const std::string& p : list(r.required("vms")))
        s.vmPrograms.push_back(plainName(r, "vms", p));
    if (s.vmPrograms.size() > 16) r.fail("vms", "at most 16 VMs");
    const auto vms = static_cast<uint32_t>(s.vmPrograms.size());
    if (r.find("host-frames")) {
        s.hostFrames = static_cast<uint32_t>(number(r, "host-frames", r.required("host-frames")));
        if (s.hostFrames < 4 * vms)
            r.fail("host-frames", "at least 4 frames per VM (" + std::to_string(4 * vms) + ")");
    }
    if (!r.find("balloon")) return;
    for (const std::string& item : list(r.required("balloon"))) {
        const auto [vm, rest] = assignment(r, "balloon", item, "VM=PAGES[@CYCLE]");
        BalloonSpec b;
        b.vm = static_cast<uint32_t>(count(r, "balloon", vm, 15));
        if (b.vm >= vms)
            r.fail("balloon", "names VM " + vm + ", but there are " + std::to_string(vms));
        const auto at = rest.find('@');
        b.pages = static_cast<uint32_t>(count(r, "balloon", rest.substr(0, at), 1u << 20));
        if (at != std::string::npos) b.atCycle = count(r, "balloon", rest.substr(at + 1));
        s.balloons.push_back(b);
    }
}

void datacenterScenario(const Reader& r, Scenario& s) {
    s.datacenter = plainName(r, "datacenter", r.required("datacenter"));
    const auto ends = [&](std::string_view tail) {
        return s.datacenter.size() > tail.size() &&
               s.datacenter.compare(s.datacenter.size() - tail.size(), tail.size(), tail) == 0;
    };
    if (ends(".cluster"))
        s.kind = Scenario::Kind::Cluster;
    else if (ends(".s"))
        s.kind = Scenario::Kind::Migration;
    else
        r.fail("datacenter", "expected NAME.cluster (consolidation) or NAME.s (a guest to "
                             "migrate), not '" +
                                 s.datacenter + "'");
    if (!r.find("define")) return;
    if (s.kind != Scenario::Kind::Migration)
        r.fail("define", "only for a guest to migrate (datacenter: NAME.s)");
    for (const std::string& item : list(r.required("define"))) {
        const auto [name, value] = assignment(r, "define", item, "NAME=VALUE");
        s.defines.emplace_back(name, static_cast<int64_t>(count(r, "define", value)));
    }
}

Scenario scenario(const Reader& r) {
    r.onlyKnown({"guest", "mode", "x86-sensitive", "trace", "host-setup", "disk", "disk-size",
                 "vms", "host-frames", "balloon", "datacenter", "define"});
    Scenario s;
    const char* kinds[] = {"guest", "host-setup", "vms", "datacenter"};
    int given = 0;
    for (const char* k : kinds)
        given += r.find(k) ? 1 : 0;
    if (given != 1)
        r.fail("guest", "give exactly one of 'guest: WORKLOAD', 'host-setup:', 'vms: PROGRAMS' "
                        "and 'datacenter: FILE'");
    // Each field belongs to some kinds of scenario only.
    auto only = [&](std::initializer_list<const char*> keys, const char* what) {
        for (const char* k : keys)
            if (r.find(k)) r.fail(k, std::string("only for ") + what);
    };
    if (r.find("host-setup")) {
        s.kind = Scenario::Kind::Host;
        s.hostSetup = r.required("host-setup");
        only({"mode", "x86-sensitive", "trace"}, "a guest scenario");
    } else if (r.find("vms")) {
        only({"x86-sensitive", "trace"}, "a guest scenario");
        vmsScenario(r, s);
    } else if (r.find("datacenter")) {
        only({"mode", "x86-sensitive", "trace"}, "a guest scenario");
        datacenterScenario(r, s);
    } else {
        guestScenario(r, s);
    }
    if (s.kind != Scenario::Kind::Guest) only({"disk", "disk-size"}, "a guest scenario");
    if (s.kind != Scenario::Kind::Vms) only({"host-frames", "balloon"}, "a vms scenario");
    if (s.kind != Scenario::Kind::Cluster && s.kind != Scenario::Kind::Migration)
        only({"define"}, "a guest to migrate (datacenter: NAME.s)");
    return s;
}

std::optional<Question> question(const Reader& r) {
    const bool any = r.find("question.en") || r.find("question.it") ||
                     !r.all("choice.en").empty() || !r.all("choice.it").empty() || r.find("answer");
    if (!any) return std::nullopt;
    Question q;
    q.prompt = r.text("question");
    const auto en = r.all("choice.en");
    const auto it = r.all("choice.it");
    if (en.size() < 2) r.fail("choice.en", "a question needs at least two choices");
    if (it.size() != en.size())
        r.fail("choice.it", std::to_string(it.size()) + " Italian choices for " +
                                std::to_string(en.size()) + " English ones");
    for (std::size_t i = 0; i < en.size(); ++i) {
        if (en[i]->value.empty()) r.fail("choice.en", "empty", en[i]->line);
        if (it[i]->value.empty()) r.fail("choice.it", "empty", it[i]->line);
        q.choices.push_back({en[i]->value, it[i]->value});
    }
    const std::string answer = r.required("answer");
    const uint64_t n = number(r, "answer", answer);
    if (n > q.choices.size())
        r.fail("answer", "choice " + answer + " does not exist (there are " +
                             std::to_string(q.choices.size()) + ")");
    q.answer = static_cast<int>(n - 1);
    q.explanation = r.text("explanation");
    return q;
}

bool isKnownView(std::string_view name) {
    for (std::string_view v : knownViews())
        if (v == name) return true;
    return false;
}

Step step(const Reader& r, const Section& section, Scenario::Kind kind) {
    r.onlyKnown({"id", "title.en", "title.it", "narration.en", "narration.it", "run", "views",
                 "highlight", "callout.view", "callout.en", "callout.it", "question.en",
                 "question.it", "choice.en", "choice.it", "answer", "explanation.en",
                 "explanation.it"});
    Step s;
    s.line = section.line;
    s.id = r.optional("id");
    s.title = r.text("title");
    s.narration = r.text("narration");
    s.run = runSpec(r, r.required("run"), kind);
    s.views = list(r.required("views"));
    for (const std::string& v : s.views)
        if (!isKnownView(v)) r.fail("views", "unknown view '" + v + "'");
    auto shown = [&](const std::string& v) {
        for (const std::string& w : s.views)
            if (w == v) return true;
        return false;
    };
    s.highlight = r.optional("highlight");
    if (!s.highlight.empty() && !shown(s.highlight))
        r.fail("highlight", "'" + s.highlight + "' is not one of the step's views");
    if (r.find("callout.view") || r.find("callout.en") || r.find("callout.it")) {
        Callout c{r.required("callout.view"), r.text("callout")};
        if (!shown(c.view))
            r.fail("callout.view", "'" + c.view + "' is not one of the step's views");
        s.callout = c;
    }
    s.question = question(r);
    return s;
}

std::string stem(const std::string& path) {
    const auto slash = path.find_last_of("/\\");
    std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
    const auto dot = name.rfind('.');
    return dot == std::string::npos || dot == 0 ? name : name.substr(0, dot);
}

} // namespace

std::string LessonError::format() const {
    std::string out = file + ":" + std::to_string(line) + ":";
    if (!step.empty()) out += " " + step + ":";
    if (!field.empty()) out += " field '" + field + "':";
    return out + " " + message;
}

const std::vector<std::string_view>& knownViews() {
    static const std::vector<std::string_view> names = {
        "world-switch",  "instruction-classes", "page-walk",    "translation-cache",
        "exits-plot",    "cgroup-tree",         "balloon",      "storage",
        "consolidation", "migration",           "split-driver", "dirty-pages-plot",
        "cpu-share-plot"};
    return names;
}

LoadResult parseLesson(std::string_view text, const std::string& fileName) {
    LoadResult result;
    try {
        const std::vector<Section> parts = sections(text, fileName);
        Lesson lesson;
        lesson.file = fileName;
        lesson.name = stem(fileName);
        const Reader header(fileName, parts[0], {});
        header.onlyKnown({"title.en", "title.it", "summary.en", "summary.it"});
        lesson.title = header.text("title");
        lesson.summary = header.text("summary");
        bool haveScenario = false;
        for (std::size_t i = 1; i < parts.size(); ++i) {
            const Section& s = parts[i];
            if (s.name == "scenario") {
                if (haveScenario || !lesson.steps.empty())
                    throw Failure{{fileName, s.line, {}, {}, "one [scenario], before the steps"}};
                lesson.scenario = scenario(Reader(fileName, s, "scenario"));
                haveScenario = true;
                continue;
            }
            if (!haveScenario)
                throw Failure{{fileName, s.line, {}, {}, "a [step] before the [scenario]"}};
            std::string label = "step " + std::to_string(lesson.steps.size() + 1);
            for (const Field& f : s.fields)
                if (f.key == "id") label += " (" + f.value + ")";
            lesson.steps.push_back(step(Reader(fileName, s, label), s, lesson.scenario.kind));
        }
        if (!haveScenario)
            throw Failure{{fileName, 1, {}, "scenario", "the lesson has no [scenario]"}};
        if (lesson.steps.empty())
            throw Failure{{fileName, 1, {}, "step", "the lesson has no [step]"}};
        result.lesson = std::move(lesson);
    } catch (const Failure& f) {
        result.errors.push_back(f.error);
    }
    return result;
}

LoadResult loadLessonFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        LoadResult r;
        r.errors.push_back({path, 0, {}, {}, "cannot be read"});
        return r;
    }
    std::ostringstream text;
    text << in.rdbuf();
    return parseLesson(text.str(), path);
}

} // namespace vizor::lesson
