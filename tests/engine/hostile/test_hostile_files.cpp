// Hostile files for the engine's loaders: each malformed input is refused with a message
// that names the file (where the loader knows it), the line, and what was expected —
// and nothing crashes or hangs. The table in docs/robustness.md lists every row.
#include "asm/Assembler.h"
#include "host/LiveCgroups.h"
#include "host/Scenario.h"
#include "hypervisor/CostModel.h"

#include <QTest>

#include <cerrno>
#include <map>
#include <string>

using namespace vizor;

namespace {

std::string costError(std::string_view text) {
    std::string error;
    const auto model = hv::CostModel::parse(text, error);
    return model ? std::string("accepted") : error;
}

std::string scenarioError(std::string_view text) {
    host::HostConfig config;
    config.ramSize = 4u << 20;
    host::HostModel host(config);
    const auto load = [](const std::string& name, std::string& source) {
        if (name == "broken")
            source = "_start:\n    addi a0, a0\n";
        else if (name == "spin")
            source = "_start: j _start\n";
        else
            return false;
        return true;
    };
    const host::ScenarioResult r = host::runScenario(host, text, "lab.txt", load);
    return r.ok() ? std::string("accepted") : r.errors.front();
}

std::string asmError(std::string_view source) {
    AssemblerOptions options;
    options.fileName = "student.s";
    const AssemblyResult r = assemble(source, options);
    return r.ok() ? std::string("accepted") : r.errors.front().format();
}

// A cgroup file system held in memory; a file whose text is "!EACCES" cannot be read.
class FakeTree : public host::CgroupFileSystem {
public:
    std::map<std::string, std::string> files;
    int readFile(const std::string& path, std::string& text) const override {
        const auto it = files.find(path);
        if (it == files.end()) return ENOENT;
        if (it->second == "!EACCES") return EACCES;
        text = it->second;
        return 0;
    }
    int listDirectories(const std::string&, std::vector<std::string>& names) const override {
        names.clear();
        return 0;
    }
};

#define EXPECT_MESSAGE(actual, expected)                                                           \
    do {                                                                                           \
        const std::string got = (actual);                                                          \
        QVERIFY2(got.find(expected) != std::string::npos,                                          \
                 qPrintable(QString::fromStdString("got: " + got)));                               \
    } while (false)

} // namespace

class HostileFilesTest : public QObject {
    Q_OBJECT
private slots:
    void costModel_data();
    void costModel();
    void costModelAcceptsWhatItShould();
    void scenario_data();
    void scenario();
    void assembler_data();
    void assembler();
    void cgroupReader();
};

void HostileFilesTest::costModel_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    const QString known = "with a known primitive, got ";
    QTest::newRow("unknown primitive") << "warp_speed = 5\n" << known + "'warp_speed = 5'";
    QTest::newRow("word for a number") << "world_switch = fast\n"
                                       << "line 1: expected";
    QTest::newRow("negative") << "world_switch = -1\n"
                              << "line 1: expected";
    QTest::newRow("beyond 64 bits") << "world_switch = 18446744073709551616\n"
                                    << "line 1:";
    QTest::newRow("no value") << "world_switch =\n"
                              << "line 1:";
    QTest::newRow("no equals sign") << "world_switch 546\n"
                                    << "line 1:";
    QTest::newRow("error after comments") << "# costs\n\nhypercall = 1 2\n"
                                          << "line 3:";
    QTest::newRow("NUL byte") << QString::fromLatin1("callout = 4\0\n", 13) << "line 1:";
    QTest::newRow("binary garbage") << QString::fromLatin1("\x7f"
                                                           "ELF\x01\x01\n")
                                    << "line 1:";
}

void HostileFilesTest::costModel() {
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const QByteArray bytes = text.toLatin1();
    EXPECT_MESSAGE(costError({bytes.constData(), std::size_t(bytes.size())}),
                   expected.toStdString());
}

void HostileFilesTest::costModelAcceptsWhatItShould() {
    QCOMPARE(costError(""), std::string("accepted")); // empty: every default
    QCOMPARE(costError("world_switch = 7\r\n# windows line ends\r\n"), std::string("accepted"));
    std::string error;
    QCOMPARE(hv::CostModel::parse("world_switch = 7 # note\n", error)->worldSwitch, 7u);
}

void HostileFilesTest::scenario_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("unknown command") << "mkdir /a\nfly away\n"
                                     << "lab.txt:2: unknown or malformed command: fly away";
    QTest::newRow("negative time") << "run -5\n"
                                   << "lab.txt:1: unknown or malformed command";
    QTest::newRow("time with a unit") << "run 10ms\n"
                                      << "lab.txt:1: unknown or malformed";
    QTest::newRow("mkdir without a path") << "mkdir\n"
                                          << "lab.txt:1: unknown or malformed";
    QTest::newRow("missing program") << "spawn / nothing\n"
                                     << "lab.txt:1: cannot read program";
    QTest::newRow("bad define") << "spawn / spin FORKS=x\n"
                                << "lab.txt:1: expected NAME=NUMBER, got FORKS=x";
    QTest::newRow("program that does not assemble") << "spawn / broken\n"
                                                    << "broken:2:";
    QTest::newRow("write to a missing group") << "write /nowhere cpu.weight 100\n"
                                              << "lab.txt:1: write /nowhere cpu.weight 100:";
    QTest::newRow("controller not enabled") << "mkdir /a\nwrite /a cpu.weight 0\n"
                                            << "lab.txt:2: write /a cpu.weight 0:";
    QTest::newRow("mkdir under a missing parent") << "mkdir /x/y\n"
                                                  << "lab.txt:1: mkdir /x/y:";
    QTest::newRow("binary garbage") << QString::fromLatin1("\x01\x02\xff\n") << "lab.txt:1:";
}

void HostileFilesTest::scenario() {
    QFETCH(QString, text);
    QFETCH(QString, expected);
    EXPECT_MESSAGE(scenarioError(text.toLatin1().toStdString()), expected.toStdString());
}

void HostileFilesTest::assembler_data() {
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("expected");
    QTest::newRow("NUL byte") << QString::fromLatin1("nop\n\0\n", 6) << "student.s:2:1: error:";
    QTest::newRow("huge .space") << ".space 0x7fffffff\n"
                                 << "student.s:1:8: error: size 2147483647 out of range";
    QTest::newRow("huge .align") << ".align 31\nnop\n"
                                 << "student.s:1:8: error: alignment must be";
    QTest::newRow("macro calling itself") << ".macro m\n m\n.endm\n m\n"
                                          << "expanded too deeply";
    QTest::newRow("unterminated macro") << ".macro m\nnop\n"
                                        << "student.s:1:1: error: unterminated .macro";
    QTest::newRow("unterminated .if") << ".if 1\nnop\n"
                                      << "student.s:1:1: error: unterminated .if";
    QTest::newRow("label defined twice") << "a:\na:\n"
                                         << "student.s:2:1: error: duplicate label";
    QTest::newRow("a 100 kB line") << QString(100000, QLatin1Char('x')) + "\n"
                                   << "student.s:1:1: error: unknown instruction";
}

void HostileFilesTest::assembler() {
    QFETCH(QString, source);
    QFETCH(QString, expected);
    const QByteArray bytes = source.toLatin1();
    EXPECT_MESSAGE(asmError({bytes.constData(), std::size_t(bytes.size())}),
                   expected.toStdString());
}

void HostileFilesTest::cgroupReader() {
    FakeTree fs;
    fs.files["/proc/self/mountinfo"] = "!EACCES";
    auto tree = host::readLiveCgroups(fs, "");
    QCOMPARE(tree.problems.size(), std::size_t{1});
    EXPECT_MESSAGE(tree.problems.front(), "cannot read /proc/self/mountinfo: ");
    // A v1 line that ends before its options (once read past the fields), and garbage.
    fs.files["/proc/self/mountinfo"] = "26 24 0:22 / /sys/fs/cgroup/cpu rw - cgroup cgroup\n"
                                       "\xff\xfe garbage without fields\n";
    tree = host::readLiveCgroups(fs, "");
    QCOMPARE(tree.hierarchies.size(), std::size_t{1});
    QVERIFY(tree.hierarchies.front().mount.controllers.empty());
}

QTEST_APPLESS_MAIN(HostileFilesTest)
#include "test_hostile_files.moc"
