// `vizor --help`, `vizor help COMMAND` and the man page: one table, every command in it
// reachable, every help text naming its command, the roff escaped.
#include "cli/CommandLine.h"
#include "cli/Help.h"

#include <QTest>

#include <sstream>

using namespace vizor::cli;

namespace {

struct Outcome {
    int status = -1;
    std::string out, err;
};

Outcome invoke(const std::vector<std::string>& args) {
    std::ostringstream out, err;
    Outcome o;
    o.status = runHeadless(args, out, err);
    o.out = out.str();
    o.err = err.str();
    return o;
}

} // namespace

class CliHelpTest : public QObject {
    Q_OBJECT
private slots:
    void everyCommandIsDispatchedAndHasHelp() {
        QVERIFY(commandHelp().size() >= 7);
        for (const CommandHelp& c : commandHelp()) {
            const std::string name(c.name);
            // `lesson` draws with Qt, so app/main.cpp dispatches it before the engine's.
            QVERIFY2(isHeadlessCommand({name}) || name == "lesson", name.c_str());
            const Outcome o = invoke({"help", name});
            QCOMPARE(o.status, 0);
            QVERIFY2(o.err.empty(), o.err.c_str());
            QVERIFY2(o.out.find("vizor " + name) != std::string::npos, name.c_str());
            QVERIFY2(o.out.find(std::string(c.summary)) != std::string::npos, name.c_str());
            QVERIFY2(!c.details.empty(), name.c_str());
        }
    }

    void overviewListsEveryCommand() {
        for (const char* flag : {"--help", "-h", "help"}) {
            const Outcome o = invoke({flag});
            QCOMPARE(o.status, 0);
            QVERIFY(o.out.starts_with("Usage:\n"));
            for (const CommandHelp& c : commandHelp())
                QVERIFY2(o.out.find("vizor " + std::string(c.name)) != std::string::npos,
                         std::string(c.name).c_str());
            QVERIFY(o.out.find("vizor --version") != std::string::npos);
        }
    }

    void optionsOfRunAreInItsHelp() {
        const Outcome o = invoke({"help", "run"});
        for (const char* option : {"--max-instructions", "--json", "--mode", "--x86-sensitive",
                                   "--costs", "--paging", "--vms", "--balloon", "--slice"})
            QVERIFY2(o.out.find(option) != std::string::npos, option);
        QVERIFY(o.out.find("Exit status") != std::string::npos);
    }

    void unknownCommandIsRefusedWithTheList() {
        const Outcome o = invoke({"help", "frobnicate"});
        QCOMPARE(o.status, 2);
        QVERIFY(o.out.empty());
        QVERIFY(o.err.find("'frobnicate'") != std::string::npos);
        QVERIFY(o.err.find("run") != std::string::npos);
    }

    void versionIsTheProjects() {
        const Outcome o = invoke({"--version"});
        QCOMPARE(o.status, 0);
        QCOMPARE(QString::fromStdString(o.out), QStringLiteral("vizor " VIZOR_VERSION "\n"));
    }

    void manPageHasEveryCommandAndEscapesRoff() {
        std::ostringstream out;
        printManPage(out, "9.8.7");
        const std::string page = out.str();
        QVERIFY(page.starts_with(".TH VIZOR 1 \"\" \"vizor 9.8.7\""));
        for (const CommandHelp& c : commandHelp())
            QVERIFY2(page.find("\n.SS " + std::string(c.name) + "\n") != std::string::npos,
                     std::string(c.name).c_str());
        // An option's dashes are minus signs, not hyphens, so it can be copied and searched.
        QVERIFY(page.find("\\-\\-max\\-instructions") != std::string::npos);
        QVERIFY(page.find(" --max-instructions") == std::string::npos);
        // Every line starting with '.' is a request this page means to make.
        std::istringstream lines(page);
        for (std::string line; std::getline(lines, line);) {
            if (!line.starts_with('.')) continue;
            const std::string request = line.substr(0, line.find(' '));
            QVERIFY2(request == ".TH" || request == ".SH" || request == ".SS" || request == ".PP" ||
                         request == ".nf" || request == ".fi" || request == ".TP" ||
                         request == ".I",
                     line.c_str());
        }
    }
};

QTEST_APPLESS_MAIN(CliHelpTest)
#include "test_cli_help.moc"
