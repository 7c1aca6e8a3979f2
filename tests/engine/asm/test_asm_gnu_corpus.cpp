// The encoding oracle: tests/data/asm/corpus.s assembled by Vizor must give exactly
// the bytes GNU as + ld give (rv32ima_zicsr_zifencei, plus _h for the hypervisor
// extension's fences; no relaxation). GNU binutils are a required test dependency:
// without them this suite fails instead of passing quietly.
#include "AsmTestSupport.h"
#include "isa/Decoder.h"
#include "isa/Disassembler.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <random>
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

    // Assembles and links `source` with GNU, placing every section where `layout` has it;
    // returns the path of the ELF file or an empty string (after QFAIL-style logging).
    QString gnuBuild(const QByteArray& source, const QString& stem, const Program& layout) {
        const QString src = dir_.filePath(stem + ".s");
        const QString obj = dir_.filePath(stem + ".o");
        const QString elf = dir_.filePath(stem + ".elf");
        QFile f(src);
        if (!f.open(QIODevice::WriteOnly)) return {};
        f.write(source);
        f.close();
        QString log;
        if (!run(as_,
                 {"-march=rv32ima_zicsr_zifencei_h", "-mabi=ilp32", "-mno-relax", src, "-o", obj},
                 log)) {
            qWarning("GNU as: %s", qPrintable(log.left(2000)));
            return {};
        }
        // GNU pads a section's end up to its alignment and Vizor does not, so GNU's padded
        // .text may reach into Vizor's next section: sections are compared one by one, so
        // the overlap check is switched off.
        QStringList ldArgs = {"-m", "elf32lriscv", "--no-relax", "--no-check-sections",
                              "-Ttext=" + hex(layout.sections.front().address)};
        for (const auto& s : layout.sections)
            if (s.name != ".text")
                ldArgs << "--section-start=" + QString::fromStdString(s.name) + "=" +
                              hex(s.address);
        ldArgs << obj << "-o" << elf;
        if (!run(ld_, ldArgs, log)) {
            qWarning("GNU ld: %s", qPrintable(log.left(2000)));
            return {};
        }
        return elf;
    }

    void bytesMatchGnuAs() {
        // Linked with Vizor's own section addresses so both resolve addresses alike.
        const QString elf = gnuBuild(source_, "corpus", vizor_.program);
        QVERIFY2(!elf.isEmpty(), "GNU as/ld rejected the corpus");
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
    // GNU as must accept the disassembler's text too and encode it to the same words:
    // random encodings of every row (branch targets inside the listing, printed as
    // labels) and every CSR number.
    void gnuAcceptsDisassembly() {
        constexpr uint32_t base = 0x80000000u;
        std::vector<uint32_t> words;
        std::mt19937 rng(4242);
        std::size_t count = 0;
        const isa::InstructionInfo* table = isa::instructionTable(count);
        for (uint32_t csr = 0; csr < 4096; ++csr)
            words.push_back(0x00002573u | csr << 20);
        const std::size_t randomWords = count * 60;
        const uint32_t end = base + 4 * static_cast<uint32_t>(words.size() + randomWords);
        for (std::size_t i = 0; i < randomWords; ++i) {
            const auto& row = table[i % count];
            const uint32_t pc = base + 4 * static_cast<uint32_t>(words.size());
            uint32_t w = 0;
            for (int attempt = 0; attempt < 100000; ++attempt) {
                w = (rng() & ~row.mask) | row.match;
                const auto d = isa::decode(w);
                const bool pcRelative =
                    row.format == isa::Format::Branch || row.format == isa::Format::Jal;
                const uint32_t target = pc + static_cast<uint32_t>(d.imm);
                // GNU rejects an empty fence set ("0"), which only Vizor accepts.
                const bool emptyFence =
                    row.format == isa::Format::Fence && ((d.imm & 0xf) == 0 || (d.imm & 0xf0) == 0);
                if (!emptyFence && (!pcRelative || (target >= base && target < end))) break;
            }
            words.push_back(w);
        }
        Program labels;
        labels.sections.push_back({".text", base, {}});
        for (std::size_t i = 0; i < words.size(); ++i)
            labels.symbols["L" + std::to_string(i)] = base + 4 * static_cast<uint32_t>(i);
        QByteArray listing;
        for (std::size_t i = 0; i < words.size(); ++i) {
            const uint32_t pc = base + 4 * static_cast<uint32_t>(i);
            listing += "L" + QByteArray::number(static_cast<qulonglong>(i)) + ": " +
                       QByteArray::fromStdString(isa::disassemble(words[i], pc, &labels)) + "\n";
        }
        const QString elf = gnuBuild(listing, "listing", labels);
        QVERIFY2(!elf.isEmpty(), "GNU as/ld rejected the disassembler's text");
        const QByteArray gnu = gnuSection(elf, ".text");
        QCOMPARE(gnu.size(), static_cast<qsizetype>(4 * words.size()));
        const auto lines = listing.split('\n');
        for (std::size_t i = 0; i < words.size(); ++i) {
            std::vector<uint8_t> g(gnu.begin() + static_cast<qsizetype>(4 * i),
                                   gnu.begin() + static_cast<qsizetype>(4 * i + 4));
            if (test::wordAt(g, 0) != words[i])
                QFAIL(qPrintable(QString("'%1' is %2 for GNU, expected %3")
                                     .arg(QString::fromUtf8(lines[static_cast<qsizetype>(i)]),
                                          hex(test::wordAt(g, 0)), hex(words[i]))));
        }
        // And Vizor reads the same listing back to the same words.
        const auto again = assemble(listing.toStdString());
        QVERIFY2(again.ok(), test::errorsText(again).constData());
        QCOMPARE(again.program.sections.front().bytes.size(), 4 * words.size());
    }
    // Branch sizes near the edge of the +-4 KiB range depend on how GNU relaxes; random
    // programs full of such branches must still come out byte for byte like GNU's.
    void branchRelaxationMatchesGnu() {
        std::mt19937 rng(777);
        const auto pick = [&](std::initializer_list<const char*> options) {
            return *(options.begin() + rng() % options.size());
        };
        for (int program = 0; program < 25; ++program) {
            const int labels = 5 + static_cast<int>(rng() % 40);
            std::string src = "_start:\n";
            for (int i = 0; i < labels; ++i) {
                src += "L" + std::to_string(i) + ":\n";
                for (int k = static_cast<int>(rng() % 5); k > 0; --k) {
                    const std::string target = "L" + std::to_string(rng() % labels);
                    src += std::string("    ") +
                           pick({"beq a0, a1, ", "bne t0, t1, ", "bltu a2, a3, ", "bgez a4, ",
                                 "bgt a4, a5, ", "j ", "call "}) +
                           target + "\n";
                }
                src += pick({"    .space 4088\n", "    .space 4092\n", "    .space 4096\n",
                             "    .space 2000\n", "    .align 4\n", "    nop\n",
                             "    .fill 3, 4, 0x13\n"});
            }
            const auto mine = assemble(src);
            QVERIFY2(mine.ok(), test::errorsText(mine).constData());
            const QString elf = gnuBuild(QByteArray::fromStdString(src),
                                         "relax" + QString::number(program), mine.program);
            QVERIFY(!elf.isEmpty());
            const QByteArray gnu = gnuSection(elf, ".text");
            const auto& bytes = mine.program.sections.front().bytes;
            QVERIFY(static_cast<std::size_t>(gnu.size()) >= bytes.size());
            for (std::size_t i = 0; i < bytes.size(); ++i)
                if (static_cast<uint8_t>(gnu[static_cast<qsizetype>(i)]) != bytes[i])
                    QFAIL(qPrintable(QString("program %1 differs at offset %2:\n%3")
                                         .arg(program)
                                         .arg(i)
                                         .arg(QString::fromStdString(src))));
        }
    }
};

QTEST_APPLESS_MAIN(TestAsmGnuCorpus)
#include "test_asm_gnu_corpus.moc"
