// The encoding oracle: tests/data/asm/corpus.s assembled by Vizor must give exactly
// the bytes GNU as + ld give (rv32ima_zicsr_zifencei, no relaxation). GNU binutils are
// a required test dependency: without them this suite fails instead of passing quietly.
#include "AsmTestSupport.h"
#include "isa/Decoder.h"
#include "isa/Disassembler.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <set>

using namespace vizor;

namespace {

constexpr uint32_t kBase = 0x80000000u;

QString hex(uint32_t v) {
    return QStringLiteral("0x%1").arg(v, 8, 16, QLatin1Char('0'));
}

bool run(const QString& program, const QStringList& args, QString& log) {
    QProcess p;
    p.start(program, args);
    if (!p.waitForFinished(60000)) {
        log = program + " did not finish";
        return false;
    }
    log = QString::fromLocal8Bit(p.readAllStandardError());
    return p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

} // namespace

class TestAsmGnuCorpus : public QObject {
    Q_OBJECT

    QString as_, ld_, objcopy_;
    QByteArray source_;
    AssemblyResult vizor_;
    QTemporaryDir dir_;

    // GNU's bytes of one section of the linked corpus.
    QByteArray gnuSection(const QString& elf, const std::string& name) {
        const QString out = dir_.filePath(QString::fromStdString(name).mid(1) + ".bin");
        QString log;
        if (!run(objcopy_, {"-O", "binary", "-j", QString::fromStdString(name), elf, out}, log))
            return {};
        QFile f(out);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    QString sourceLine(int line) const {
        const auto lines = source_.split('\n');
        return line >= 1 && line <= lines.size() ? QString::fromUtf8(lines[line - 1]).trimmed()
                                                 : QString("?");
    }

    QString describeMismatch(const Section& s, const QByteArray& gnu, std::size_t offset) const {
        const std::size_t at = offset & ~std::size_t{3};
        const uint32_t pc = s.address + static_cast<uint32_t>(at);
        const uint32_t mine = test::wordAt(s.bytes, at);
        std::vector<uint8_t> g(gnu.begin(), gnu.end());
        const uint32_t theirs = at + 4 <= g.size() ? test::wordAt(g, at) : 0;
        const LineMapEntry* e = vizor_.program.lineFor(pc);
        return QString("%1 differs at offset %2 (pc %3): vizor %4 '%5', GNU %6 '%7'; line %8: %9")
            .arg(QString::fromStdString(s.name))
            .arg(offset)
            .arg(hex(pc), hex(mine), QString::fromStdString(isa::disassemble(mine, pc)),
                 hex(theirs), QString::fromStdString(isa::disassemble(theirs, pc)))
            .arg(e ? e->line : 0)
            .arg(sourceLine(e ? e->line : 0));
    }

private slots:
    void initTestCase() {
        as_ = QStandardPaths::findExecutable("riscv64-unknown-elf-as");
        ld_ = QStandardPaths::findExecutable("riscv64-unknown-elf-ld");
        objcopy_ = QStandardPaths::findExecutable("riscv64-unknown-elf-objcopy");
        if (as_.isEmpty() || ld_.isEmpty() || objcopy_.isEmpty())
            QFAIL("riscv64-unknown-elf-as/ld/objcopy not found: install the Debian package "
                  "binutils-riscv64-unknown-elf (the GNU reference for the encodings)");
        QVERIFY(dir_.isValid());
        source_ = test::readSource("tests/data/asm/corpus.s");
        QVERIFY2(!source_.isEmpty(), "tests/data/asm/corpus.s not found (VIZOR_SOURCE_DIR?)");
        AssemblerOptions options;
        options.fileName = "corpus.s";
        options.baseAddress = kBase;
        vizor_ = assemble(source_.toStdString(), options);
        QVERIFY2(vizor_.ok(), test::errorsText(vizor_).constData());
    }

    void corpusCoversTheWholeTable() {
        const Section* text = test::findSection(vizor_.program, ".text");
        QVERIFY(text);
        QVERIFY2(vizor_.program.lineMap.size() >= 300, "corpus needs at least 300 instructions");
        std::set<isa::Op> seen;
        for (std::size_t off = 0; off + 4 <= text->bytes.size(); off += 4)
            seen.insert(isa::decode(test::wordAt(text->bytes, off)).op);
        std::size_t count = 0;
        const isa::InstructionInfo* table = isa::instructionTable(count);
        for (std::size_t i = 0; i < count; ++i)
            QVERIFY2(seen.count(table[i].op),
                     qPrintable("corpus lacks " + QString::fromLatin1(table[i].mnemonic.data(),
                                                                      table[i].mnemonic.size())));
    }

    void bytesMatchGnuAs() {
        const QString src = dir_.filePath("corpus.s");
        const QString obj = dir_.filePath("corpus.o");
        const QString elf = dir_.filePath("corpus.elf");
        QFile f(src);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(source_);
        f.close();
        QString log;
        QVERIFY2(run(as_,
                     {"-march=rv32ima_zicsr_zifencei", "-mabi=ilp32", "-mno-relax", src, "-o", obj},
                     log),
                 qPrintable(log));
        // Link with Vizor's own section addresses so both resolve addresses alike.
        QStringList ldArgs = {"-m", "elf32lriscv", "--no-relax", "-Ttext=" + hex(kBase)};
        for (const auto& s : vizor_.program.sections)
            if (s.name != ".text")
                ldArgs << "--section-start=" + QString::fromStdString(s.name) + "=" +
                              hex(s.address);
        ldArgs << obj << "-o" << elf;
        QVERIFY2(run(ld_, ldArgs, log), qPrintable(log));

        for (const auto& s : vizor_.program.sections) {
            const QByteArray gnu = gnuSection(elf, s.name);
            QVERIFY2(!gnu.isEmpty(),
                     qPrintable("GNU output lacks " + QString::fromStdString(s.name)));
            const std::size_t common =
                std::min(s.bytes.size(), static_cast<std::size_t>(gnu.size()));
            for (std::size_t i = 0; i < common; ++i)
                if (static_cast<uint8_t>(gnu[static_cast<qsizetype>(i)]) != s.bytes[i])
                    QFAIL(qPrintable(describeMismatch(s, gnu, i)));
            // GNU pads the end of an aligned section up to its alignment; Vizor does not.
            QVERIFY2(gnu.size() >= static_cast<qsizetype>(s.bytes.size()) &&
                         gnu.size() - static_cast<qsizetype>(s.bytes.size()) < 16,
                     qPrintable(QString("%1: size %2 vs GNU %3")
                                    .arg(QString::fromStdString(s.name))
                                    .arg(s.bytes.size())
                                    .arg(gnu.size())));
        }
    }
};

QTEST_APPLESS_MAIN(TestAsmGnuCorpus)
#include "test_asm_gnu_corpus.moc"
