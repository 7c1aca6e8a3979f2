// The lesson format's reader. Two passes: the text is cut into sections of key/value
// fields (with "|" continuation lines), then each section is checked field by field.
// The first problem refuses the whole file, named by file, line, step and field.
#include "lesson/Lesson.h"

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
    const bool host = kind == Scenario::Kind::Host;
    if (w.size() == 1 && w[0] == "nothing") return spec;
    if (!host && w.size() == 2 && w[0] == "steps") {
        spec.kind = RunSpec::Kind::Steps;
        spec.count = number(r, "run", w[1]);
    } else if (!host && w.size() >= 2 && w[0] == "until") {
        const auto type = eventNamed(w[1]);
        if (!type)
            r.fail("run",
                   "unknown event type '" + w[1] + "' (names as in the event log: vm_exit, ...)");
        spec.kind = RunSpec::Kind::UntilEvent;
        spec.event = *type;
        spec.count = limit(2);
    } else if (!host && w.size() >= 2 && w[0] == "until-label") {
        spec.kind = RunSpec::Kind::UntilLabel;
        spec.label = w[1];
        spec.count = limit(2);
    } else if (!host && !w.empty() && w[0] == "to-end") {
        spec.kind = RunSpec::Kind::ToEnd;
        spec.count = limit(1);
    } else if (host && w.size() == 2 && w[0] == "host-usec") {
        spec.kind = RunSpec::Kind::HostTime;
        spec.count = number(r, "run", w[1]);
    } else {
        r.fail("run",
               host ? "expected 'nothing' or 'host-usec N' in a host scenario, not '" + text + "'"
                    : "expected 'nothing', 'steps N', 'until EVENT', 'until-label NAME' or "
                      "'to-end', not '" +
                          text + "'");
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

Scenario scenario(const Reader& r) {
    r.onlyKnown({"guest", "mode", "x86-sensitive", "trace", "host-setup"});
    Scenario s;
    const Field* guest = r.find("guest");
    const Field* host = r.find("host-setup");
    if (!!guest == !!host)
        r.fail("guest", "give exactly one of 'guest: WORKLOAD' and 'host-setup:'");
    if (host) {
        s.kind = Scenario::Kind::Host;
        s.hostSetup = r.required("host-setup");
        for (const char* k : {"mode", "x86-sensitive", "trace"})
            if (r.find(k)) r.fail(k, "only for a guest scenario");
        return s;
    }
    s.workload = r.required("guest");
    if (s.workload.find_first_of("/\\.") != std::string::npos)
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
    static const std::vector<std::string_view> names = {"world-switch", "instruction-classes",
                                                        "page-walk",    "translation-cache",
                                                        "exits-plot",   "cgroup-tree"};
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
