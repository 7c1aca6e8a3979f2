// Every relative link and image in README.md and docs/*.md must resolve: to a file or
// directory of the source tree and, when it names an anchor (`file.md#section`), to a
// heading of that Markdown file, with the anchor spelt as GitHub derives it. Moving a
// section between documents is then safe: a link left behind fails here.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

namespace {

QString readText(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return {};
    return QString::fromUtf8(file.readAll());
}

// The text outside fenced code blocks, with inline code spans blanked: a link written
// inside code is an example, not a link.
QStringList proseLines(const QString& markdown) {
    static const QRegularExpression codeSpan(QStringLiteral("`[^`]*`"));
    QStringList lines;
    bool inFence = false;
    for (QString line : markdown.split(QLatin1Char('\n'))) {
        if (line.trimmed().startsWith(QLatin1String("```"))) {
            inFence = !inFence;
            lines << QString();
            continue;
        }
        lines << (inFence ? QString() : line.replace(codeSpan, QStringLiteral("``")));
    }
    return lines;
}

// GitHub's anchor for a heading: lower case, punctuation dropped (letters, digits,
// spaces, '-' and '_' kept), spaces turned into '-'; a repeated anchor gets -1, -2...
QSet<QString> headingAnchors(const QString& markdown) {
    static const QRegularExpression heading(QStringLiteral("^#{1,6}\\s+(.*?)\\s*#*\\s*$"));
    static const QRegularExpression dropped(QStringLiteral("[^\\p{L}\\p{N} _-]"));
    QSet<QString> anchors;
    QHash<QString, int> seen;
    bool inFence = false;
    for (const QString& line : markdown.split(QLatin1Char('\n'))) {
        if (line.trimmed().startsWith(QLatin1String("```"))) inFence = !inFence;
        const auto m = heading.match(line);
        if (inFence || !m.hasMatch()) continue;
        QString anchor =
            m.captured(1).toLower().remove(dropped).replace(QLatin1Char(' '), QLatin1Char('-'));
        const int n = seen.value(anchor, 0);
        seen[anchor] = n + 1;
        anchors << (n == 0 ? anchor : anchor + QLatin1Char('-') + QString::number(n));
    }
    return anchors;
}

// One problem per broken link: "FILE:LINE: what".
QStringList brokenLinks(const QString& root, const QString& mdPath) {
    static const QRegularExpression link(QStringLiteral("!?\\[[^\\]]*\\]\\(([^)\\s]+)\\)"));
    static const QRegularExpression scheme(QStringLiteral("^[a-z][a-z0-9+.-]*:"));
    const QString rootPath = QDir(root).canonicalPath();
    const QFileInfo md(mdPath);
    QStringList problems;
    const QStringList lines = proseLines(readText(mdPath));
    for (int i = 0; i < lines.size(); ++i) {
        auto it = link.globalMatch(lines[i]);
        while (it.hasNext()) {
            const QString target = it.next().captured(1);
            if (scheme.match(target).hasMatch()) continue; // https:, mailto:
            const QString where = QStringLiteral("%1:%2: ").arg(md.fileName()).arg(i + 1);
            const qsizetype hash = target.indexOf(QLatin1Char('#'));
            const QString path = hash < 0 ? target : target.left(hash);
            const QString anchor = hash < 0 ? QString() : target.mid(hash + 1);
            const QFileInfo resolved(path.isEmpty() ? md.absoluteFilePath()
                                                    : md.absoluteDir().filePath(path));
            const QString canonical = resolved.canonicalFilePath();
            if (canonical.isEmpty()) {
                problems << where + QStringLiteral("'%1' does not exist").arg(target);
            } else if (!canonical.startsWith(rootPath + QLatin1Char('/'))) {
                problems << where + QStringLiteral("'%1' is outside the sources").arg(target);
            } else if (!anchor.isEmpty() && canonical.endsWith(QLatin1String(".md")) &&
                       !headingAnchors(readText(canonical)).contains(anchor)) {
                problems << where + QStringLiteral("'%1': no heading with anchor '%2'")
                                        .arg(target, anchor);
            }
        }
    }
    return problems;
}

QStringList documents(const QString& root) {
    QStringList files{root + QStringLiteral("/README.md")};
    const QDir docs(root + QStringLiteral("/docs"));
    for (const QString& name : docs.entryList({QStringLiteral("*.md")}, QDir::Files, QDir::Name))
        files << docs.filePath(name);
    return files;
}

void writeFile(const QString& path, const QByteArray& text) {
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(text);
}

} // namespace

class DocLinks : public QObject {
    Q_OBJECT
private slots:
    void linksResolve_data();
    void linksResolve();
    void brokenLinksAreReported();
    void anchorsFollowGitHub();
};

void DocLinks::linksResolve_data() {
    QTest::addColumn<QString>("file");
    const QString root = qEnvironmentVariable("VIZOR_SOURCE_DIR");
    QVERIFY2(QFile::exists(root + QStringLiteral("/README.md")),
             qPrintable(QStringLiteral("README.md not found under '%1'").arg(root)));
    for (const QString& file : documents(root))
        QTest::newRow(qPrintable(QDir(root).relativeFilePath(file))) << file;
}

void DocLinks::linksResolve() {
    QFETCH(QString, file);
    const QStringList problems = brokenLinks(qEnvironmentVariable("VIZOR_SOURCE_DIR"), file);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
}

// The checker itself: a tree with one good and four bad links (a missing file, a
// missing image, a missing anchor, a path out of the tree); links in code are skipped.
void DocLinks::brokenLinksAreReported() {
    QTemporaryDir tree;
    QVERIFY(tree.isValid());
    QVERIFY(QDir(tree.path()).mkpath(QStringLiteral("repo/docs")));
    const QString repo = tree.path() + QStringLiteral("/repo");
    writeFile(repo + QStringLiteral("/outside.md"), "# Outside\n");
    writeFile(tree.path() + QStringLiteral("/outside.md"), "# Outside\n");
    writeFile(repo + QStringLiteral("/docs/a.md"), "# A\n\n## The `run` command\n");
    writeFile(repo + QStringLiteral("/README.md"),
              "# Title\n"
              "[good](docs/a.md#the-run-command) [web](https://example.org/x)\n"
              "[gone](docs/b.md) ![pic](pic.png)\n"
              "[anchor](docs/a.md#no-such-heading) [up](../outside.md)\n"
              "`[code](nowhere.md)`\n"
              "```\n[fenced](nowhere.md)\n```\n");
    const QStringList problems = brokenLinks(repo, repo + QStringLiteral("/README.md"));
    QCOMPARE(problems.size(), 4);
    QVERIFY(problems[0].startsWith(QLatin1String("README.md:3: 'docs/b.md'")));
    QVERIFY(problems[1].startsWith(QLatin1String("README.md:3: 'pic.png'")));
    QVERIFY(problems[2].contains(QLatin1String("no heading with anchor 'no-such-heading'")));
    QVERIFY(problems[3].contains(QLatin1String("outside the sources")));
}

void DocLinks::anchorsFollowGitHub() {
    const QSet<QString> anchors = headingAnchors(
        QStringLiteral("# Memory: `--paging` and the memory counters\n## Speed\n## Speed\n"
                       "```\n# not a heading\n```\n### Ballooning (`--balloon VM=PAGES`)\n"));
    QCOMPARE(anchors, (QSet<QString>{QStringLiteral("memory---paging-and-the-memory-counters"),
                                     QStringLiteral("speed"), QStringLiteral("speed-1"),
                                     QStringLiteral("ballooning---balloon-vmpages")}));
}

QTEST_APPLESS_MAIN(DocLinks)
#include "test_doc_links.moc"
