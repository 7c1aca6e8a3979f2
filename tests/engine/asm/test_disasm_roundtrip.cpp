// Disassembly round-trips: text printed for a word assembles back to that word at the
// same pc, for every word of the corpus and for thousands of random encodings of
// every table row; words outside the table print as ".word".
#include "AsmTestSupport.h"
#include "isa/Decoder.h"
#include "isa/Disassembler.h"

#include <QTest>

#include <random>

using namespace vizor;

namespace {

QString describe(uint32_t word, uint32_t pc, const std::string& text) {
    return QString("word 0x%1 at 0x%2 printed as '%3'")
        .arg(word, 8, 16, QLatin1Char('0'))
        .arg(pc, 8, 16, QLatin1Char('0'))
        .arg(QString::fromStdString(text));
}

} // namespace

class TestDisasmRoundtrip : public QObject {
    Q_OBJECT

    static void checkRoundTrip(uint32_t word, uint32_t pc) {
        const std::string text = isa::disassemble(word, pc);
        const auto again = test::assembleOne(text, pc);
        QVERIFY2(again.has_value(), qPrintable(describe(word, pc, text) + " does not assemble"));
        QVERIFY2(*again == word, qPrintable(describe(word, pc, text) + " assembles to 0x" +
                                            QString::number(*again, 16)));
    }

private slots:
    void corpusWords() {
        const QByteArray source = test::readSource("tests/data/asm/corpus.s");
        QVERIFY(!source.isEmpty());
        const auto r = assemble(source.toStdString());
        QVERIFY2(r.ok(), test::errorsText(r).constData());
        const Section* text = test::findSection(r.program, ".text");
        QVERIFY(text && text->bytes.size() >= 1200);
        std::map<std::string, int64_t> symbols(r.program.symbols.begin(), r.program.symbols.end());
        for (std::size_t off = 0; off + 4 <= text->bytes.size(); off += 4) {
            const uint32_t word = test::wordAt(text->bytes, off);
            const uint32_t pc = text->address + static_cast<uint32_t>(off);
            checkRoundTrip(word, pc);
            if (QTest::currentTestFailed()) return;
            // With the program, targets print as symbols, defined again for reassembly.
            const std::string named = isa::disassemble(word, pc, &r.program);
            QCOMPARE(test::assembleOne(named, pc, symbols), std::optional<uint32_t>(word));
        }
    }

    void randomEncodingsOfEveryRow() {
        std::mt19937 rng(12345);
        std::size_t count = 0;
        const isa::InstructionInfo* table = isa::instructionTable(count);
        int checked = 0;
        for (std::size_t i = 0; i < count; ++i) {
            for (int k = 0; k < 100; ++k) {
                const uint32_t word = (rng() & ~table[i].mask) | table[i].match;
                const uint32_t pc = static_cast<uint32_t>(rng()) & ~3u;
                checkRoundTrip(word, pc);
                if (QTest::currentTestFailed()) return;
                ++checked;
            }
        }
        QVERIFY(checked >= 6000);
    }

    void illegalWordsPrintAsWord_data() {
        QTest::addColumn<uint32_t>("word");
        QTest::newRow("zero") << 0x00000000u;
        QTest::newRow("all ones") << 0xffffffffu;
        QTest::newRow("compressed-looking") << 0x00004501u;
        QTest::newRow("unknown major opcode") << 0x0000007bu;
        QTest::newRow("ecall with rd") << 0x000000f3u;
        QTest::newRow("fence.tso with rd") << 0x8330008fu;
        QTest::newRow("fence.i with rd") << 0x0000108fu;
        QTest::newRow("srai bad funct7") << 0x60005013u;
    }

    void illegalWordsPrintAsWord() {
        QFETCH(uint32_t, word);
        const std::string text = isa::disassemble(word, 0x80000000u);
        QCOMPARE(text.substr(0, 8), std::string(".word 0x"));
        QCOMPARE(std::stoul(text.substr(6), nullptr, 16), static_cast<unsigned long>(word));
        checkRoundTrip(word, 0x80000000u);
    }

    void readableText_data() {
        QTest::addColumn<uint32_t>("word");
        QTest::addColumn<uint32_t>("pc");
        QTest::addColumn<QString>("text");
        QTest::newRow("nop") << 0x00000013u << 0u << "nop";
        QTest::newRow("li") << 0xfff00513u << 0u << "li a0, -1";
        QTest::newRow("ret") << 0x00008067u << 0u << "ret";
        QTest::newRow("lw") << 0xffc12503u << 0u << "lw a0, -4(sp)";
        QTest::newRow("sw") << 0x00a12423u << 0u << "sw a0, 8(sp)";
        QTest::newRow("beq backward") << 0xfeb50ee3u << 0x80000010u << "beq a0, a1, 0x8000000c";
        QTest::newRow("j forward") << 0x0100006fu << 0x80000000u << "j 0x80000010";
        QTest::newRow("csrr") << 0x30002573u << 0u << "csrr a0, mstatus";
        QTest::newRow("csrw") << 0x30551073u << 0u << "csrw mtvec, a0";
        QTest::newRow("unnamed csr") << 0x7c002573u << 0u << "csrr a0, 0x7c0";
        QTest::newRow("amo") << 0x06b6252fu << 0u << "amoadd.w.aqrl a0, a1, (a2)";
        QTest::newRow("lui") << 0x12345537u << 0u << "lui a0, 0x12345";
        QTest::newRow("fence") << 0x0310000fu << 0u << "fence rw, w";
        QTest::newRow("sfence.vma") << 0x12b50073u << 0u << "sfence.vma a0, a1";
        QTest::newRow("fence.tso") << 0x8330000fu << 0u << "fence.tso";
    }

    void readableText() {
        QFETCH(uint32_t, word);
        QFETCH(uint32_t, pc);
        QFETCH(QString, text);
        QCOMPARE(QString::fromStdString(isa::disassemble(word, pc)), text);
    }

    void symbolicTargets() {
        const auto r = assemble("_start: nop\nloop: addi a0, a0, -1\n bnez a0, loop\n j _start\n");
        QVERIFY(r.ok());
        const auto& bytes = r.program.sections[0].bytes;
        QCOMPARE(isa::disassemble(test::wordAt(bytes, 8), 0x80000008u, &r.program),
                 std::string("bnez a0, loop"));
        QCOMPARE(isa::disassemble(test::wordAt(bytes, 12), 0x8000000cu, &r.program),
                 std::string("j _start"));
    }
};

QTEST_APPLESS_MAIN(TestDisasmRoundtrip)
#include "test_disasm_roundtrip.moc"
