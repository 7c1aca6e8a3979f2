// The ELF loader against executables the real GNU toolchain writes (assembled and linked
// at test time: binutils-riscv64-unknown-elf; the suite fails, never skips, without it):
// they load, run like the same source through Vizor's own assembler, in every mode, and
// each malformed variant — real toolchain outputs Vizor cannot run, and one-field
// corruptions of a good file — is refused naming the field and its file offset.
#include "GnuToolchain.h"

#include "asm/Assembler.h"
#include "cli/CommandLine.h"
#include "elf/ElfListing.h"
#include "elf/ElfLoader.h"
#include "hypervisor/Hypervisor.h"
#include "machine/Machine.h"

#include <QTemporaryDir>
#include <QTest>

#include <cstring>
#include <sstream>

using namespace vizor;

namespace {

// Reads .bss (must be zero), prints .data through the UART, counts the bytes into .bss,
// powers off. Bare metal starts at _start in M-mode and writes the finisher; a VMM enters
// at kernel_entry in (virtual) S-mode, and the guest asks it to power off with the SBI
// (engine/hypervisor/README.md, the guest/VMM contract).
const char* const kGuest = R"(.equ UART, 0x10000000
.equ FINISHER, 0x00100000
.text
.globl _start
.globl kernel_entry
_start:
    li s0, 0
    j main
kernel_entry:
    li s0, 1
main:
    la t0, counter
    lw t1, 0(t0)
    bnez t1, fail              # .bss must read as zero
    la a0, message
    li t2, UART
print:
    lbu t3, 0(a0)
    beqz t3, done
    sb t3, 0(t2)
    addi t1, t1, 1
    addi a0, a0, 1
    j print
done:
    sw t1, 0(t0)
    bnez s0, sbi_off
    li t0, FINISHER
    li t1, 0x5555
    sw t1, 0(t0)
sbi_off:
    li a7, 0x53525354          # SRST system_reset(shutdown, no reason)
    li a6, 0
    li a0, 0
    li a1, 0
    ecall
fail:
    li t0, FINISHER
    li t1, 0x13333
    sw t1, 0(t0)
hang:
    j hang
.data
message:
    .asciz "hello from GNU ld\n"
.bss
counter:
    .space 64
)";

uint32_t u32(const QByteArray& b, uint32_t at) {
    uint32_t v = 0;
    std::memcpy(&v, b.constData() + at, 4);
    return v;
}
uint16_t u16(const QByteArray& b, uint32_t at) {
    uint16_t v = 0;
    std::memcpy(&v, b.constData() + at, 2);
    return v;
}
QByteArray with32(QByteArray b, uint32_t at, uint32_t value) {
    std::memcpy(b.data() + at, &value, 4);
    return b;
}
QByteArray with16(QByteArray b, uint32_t at, uint16_t value) {
    std::memcpy(b.data() + at, &value, 2);
    return b;
}
QByteArray with8(QByteArray b, uint32_t at, uint8_t value) {
    b[at] = static_cast<char>(value);
    return b;
}

std::string_view view(const QByteArray& b) {
    return {b.constData(), static_cast<std::size_t>(b.size())};
}

struct Run {
    std::string console;
    HaltReason halt = HaltReason::None;
    uint32_t exitCode = 0;
    uint64_t instret = 0;
};

Run runNative(const Program& program) {
    Machine machine;
    machine.load(program);
    machine.run(100000);
    return {machine.console(), machine.haltReason(), machine.exitCode(), machine.hart().instret};
}

// Offsets of program header i / section header i's fields in `elf`.
uint32_t phdr(const QByteArray& elf, uint32_t i) {
    return u32(elf, 28) + i * 32;
}
uint32_t shdr(const QByteArray& elf, uint32_t i) {
    return u32(elf, 32) + i * 40;
}
// Offset of the n-th PT_LOAD program header (GNU ld puts PT_RISCV_ATTRIBUTES first).
uint32_t loadHeader(const QByteArray& elf, int n) {
    for (uint32_t i = 0; i < u16(elf, 44); ++i)
        if (u32(elf, phdr(elf, i)) == 1 && n-- == 0) return phdr(elf, i);
    return 0;
}
uint32_t symtabHeader(const QByteArray& elf) {
    for (uint32_t i = 0; i < u16(elf, 48); ++i)
        if (u32(elf, shdr(elf, i) + 4) == 2) return shdr(elf, i);
    return 0;
}

} // namespace

class TestElfLoader : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    elftest::GnuBuild good_;

    elftest::GnuBuild build(const QString& name, const QStringList& asArgs = {},
                            const QStringList& ldArgs = {}) {
        return elftest::buildWithGnu(QString::fromUtf8(kGuest), dir_.path(), name, asArgs, ldArgs);
    }

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        good_ = build(QStringLiteral("good"));
        QVERIFY2(good_.ok(), qPrintable(good_.error));
        QVERIFY(elf::looksLikeElf(view(good_.elf)));
    }

    // The GNU-linked file runs exactly as the same source through Vizor's assembler.
    void gnuExecutableRunsLikeVizorAssembly() {
        const elf::ElfLoadResult loaded = elf::loadElf(view(good_.elf), "good.elf");
        QVERIFY2(loaded.ok(), loaded.error.format().c_str());
        const Run gnu = runNative(*loaded.program);
        QCOMPARE(gnu.console, std::string("hello from GNU ld\n"));
        QCOMPARE(gnu.halt, HaltReason::PowerOff);
        QCOMPARE(gnu.exitCode, 0u);

        const AssemblyResult own = assemble(kGuest, {});
        QVERIFY(own.ok());
        const Run vizor = runNative(own.program);
        QCOMPARE(gnu.console, vizor.console);
        QCOMPARE(gnu.instret, vizor.instret);
    }

    // Two PT_LOAD segments (code, then data with its .bss tail); the tail is zero bytes up
    // to p_memsz; e_entry and the symbol table come through.
    void segmentsBssAndSymbols() {
        const elf::ElfLoadResult loaded = elf::loadElf(view(good_.elf), "good.elf");
        QVERIFY(loaded.ok());
        const Program& p = *loaded.program;
        QCOMPARE(p.entry, u32(good_.elf, 24));
        QCOMPARE(p.symbol("_start"), std::optional<uint32_t>(p.entry));
        QVERIFY(p.symbol("message") && p.symbol("counter") && p.symbol("print"));
        QCOMPARE(p.symbols.count("$x"), std::size_t{0});
        const uint32_t counter = *p.symbol("counter");
        const Section* data = nullptr;
        for (const Section& s : p.sections)
            if (counter - s.address < s.bytes.size()) data = &s;
        QVERIFY(data);
        uint32_t memsz = 0, filesz = 0;
        for (uint32_t i = 0; i < u16(good_.elf, 44); ++i) {
            if (u32(good_.elf, phdr(good_.elf, i)) != 1) continue;
            if (u32(good_.elf, phdr(good_.elf, i) + 12) != data->address) continue;
            filesz = u32(good_.elf, phdr(good_.elf, i) + 16);
            memsz = u32(good_.elf, phdr(good_.elf, i) + 20);
        }
        QVERIFY(memsz >= filesz + 64); // the linker really made a .bss tail
        QCOMPARE(data->bytes.size(), std::size_t{memsz});
        for (uint32_t i = filesz; i < memsz; ++i)
            QCOMPARE(data->bytes[i], uint8_t{0});
    }

    // The window opens an executable as its listing: it assembles back to the same image
    // (listingOf checks that itself) and runs exactly as the file does.
    void listingRebuildsTheExecutable() {
        const elf::ElfLoadResult loaded = elf::loadElf(view(good_.elf), "good.elf");
        QVERIFY(loaded.ok());
        const elf::Listing listing = elf::listingOf(*loaded.program, "good.elf");
        QVERIFY2(listing.text, listing.error.c_str());
        const std::string& text = *listing.text;
        QVERIFY(text.find("_start:\n") != std::string::npos);
        QVERIFY(text.find("message:\n") != std::string::npos);
        QVERIFY(text.find("    sb t3, 0(t2)") != std::string::npos);
        AssemblerOptions options;
        options.fileName = "good.elf.s";
        const AssemblyResult again = assemble(text, options);
        QVERIFY(again.ok());
        const Run fromListing = runNative(again.program);
        const Run fromFile = runNative(*loaded.program);
        QCOMPARE(fromListing.console, fromFile.console);
        QCOMPARE(fromListing.instret, fromFile.instret);
        QCOMPARE(fromListing.halt, HaltReason::PowerOff);
    }

    // `vizor run FILE.elf` in every execution mode: the same output and a clean poweroff.
    void runsInEveryMode_data() {
        QTest::addColumn<QString>("mode");
        for (const std::string& mode : hv::modeNames())
            QTest::newRow(mode.c_str()) << QString::fromStdString(mode);
    }
    void runsInEveryMode() {
        QFETCH(QString, mode);
        std::ostringstream out, err;
        const int status = cli::runHeadless({"run", good_.path.toStdString(), "--mode",
                                             mode.toStdString(), "--max-instructions", "100000"},
                                            out, err);
        QVERIFY2(status == 0, err.str().c_str());
        QCOMPARE(out.str(), std::string("hello from GNU ld\n"));
    }

    void refusesMalformed_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("field");
        QTest::addColumn<uint>("offset");
        QTest::addColumn<QString>("says");
        const QByteArray& g = good_.elf;
        const uint32_t ph0 = loadHeader(g, 0), ph1 = loadHeader(g, 1), sym = symtabHeader(g);
        const QString load0 = QStringLiteral("program header %1").arg((ph0 - phdr(g, 0)) / 32);
        const QString load1 = QStringLiteral("program header %1").arg((ph1 - phdr(g, 0)) / 32);
        const int headersEnd = int(phdr(g, u16(g, 44)));
        QTest::newRow("empty") << QByteArray() << "e_ident[EI_MAG]" << 0u << "ELF magic";
        QTest::newRow("source text")
            << QByteArray("li a0, 1\n") << "e_ident[EI_MAG]" << 0u << "ELF magic";
        QTest::newRow("truncated header") << g.left(40) << "ELF header" << 0u << "needs 52";
        QTest::newRow("ELFCLASS64") << with8(g, 4, 2) << "e_ident[EI_CLASS]" << 4u << "elf32lriscv";
        QTest::newRow("big-endian") << with8(g, 5, 2) << "e_ident[EI_DATA]" << 5u << "big-endian";
        QTest::newRow("EI_VERSION 0")
            << with8(g, 6, 0) << "e_ident[EI_VERSION]" << 6u << "EV_CURRENT";
        QTest::newRow("ET_DYN") << with16(g, 16, 3) << "e_type" << 16u << "ET_DYN";
        QTest::newRow("x86-64") << with16(g, 18, 62) << "e_machine" << 18u << "got 62";
        QTest::newRow("e_version 0") << with32(g, 20, 0) << "e_version" << 20u << "EV_CURRENT";
        QTest::newRow("unknown flag") << with32(g, 36, 0x100) << "e_flags" << 36u << "0x100";
        QTest::newRow("RV32E") << with32(g, 36, 8) << "e_flags" << 36u << "RV32E";
        QTest::newRow("e_ehsize") << with16(g, 40, 20) << "e_ehsize" << 40u << "at least 52";
        QTest::newRow("e_phentsize") << with16(g, 42, 56) << "e_phentsize" << 42u << "got 56";
        QTest::newRow("no program headers") << with16(g, 44, 0) << "e_phnum" << 44u << "nothing";
        QTest::newRow("PN_XNUM") << with16(g, 44, 0xffff) << "e_phnum" << 44u << "PN_XNUM";
        QTest::newRow("e_phoff past end")
            << with32(g, 28, 0xfffffff0u) << "e_phoff" << 28u << "truncated";
        QTest::newRow("cut after headers")
            << g.left(headersEnd) << load0 + " p_offset" << ph0 + 4 << "truncated";
        QTest::newRow("filesz > memsz") << with32(g, ph0 + 20, u32(g, ph0 + 16) - 4)
                                        << load0 + " p_filesz" << ph0 + 16 << "larger";
        QTest::newRow("below RAM")
            << with32(g, ph0 + 12, 0x1000) << load0 + " p_paddr" << ph0 + 12 << "guest RAM";
        QTest::newRow("code below RAM") << with8(g, uint32_t(headersEnd), 1) << load0 + " p_paddr"
                                        << ph0 + 12 << "not inside guest RAM";
        QTest::newRow("past RAM end")
            << with32(g, ph0 + 12, 0x80fffff0u) << load0 + " p_paddr" << ph0 + 12 << "0x80fffff0";
        QTest::newRow("wraps 4 GiB")
            << with32(g, ph0 + 12, 0xfffffff0u) << load0 + " p_paddr" << ph0 + 12 << "guest RAM";
        QTest::newRow("overlap") << with32(g, ph1 + 12, 0x80000000u) << load1 + " p_paddr"
                                 << ph1 + 12 << "overlaps";
        QTest::newRow("PT_DYNAMIC") << with32(g, ph0, 2) << load0 + " p_type" << ph0 << "static";
        QTest::newRow("entry outside")
            << with32(g, 24, 0x80f00000u) << "e_entry" << 24u << "0x80f00000";
        QTest::newRow("entry in data")
            << with32(g, 24, u32(g, ph1 + 12)) << "e_entry" << 24u << "executable";
        QTest::newRow("e_shentsize") << with16(g, 46, 64) << "e_shentsize" << 46u << "got 64";
        QTest::newRow("e_shoff past end")
            << with32(g, 32, 0xffff0000u) << "e_shoff" << 32u << "truncated";
        QTest::newRow("symtab sh_link")
            << with32(g, sym + 24, 999) << "sh_link" << sym + 24 << "does not exist";
        QTest::newRow("symtab sh_entsize")
            << with32(g, sym + 36, 24) << "sh_entsize" << sym + 36 << "got 24";
        QTest::newRow("symtab past end")
            << with32(g, sym + 20, 0x7fffffffu) << "sh_offset" << sym + 16 << "truncated";
        const uint32_t firstSymbol = u32(g, sym + 16) + 16;
        QTest::newRow("st_name") << with32(g, firstSymbol, 0x7fffffffu) << "symbol 1 st_name"
                                 << firstSymbol << "string table";
    }
    void refusesMalformed() {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, field);
        QFETCH(uint, offset);
        QFETCH(QString, says);
        const elf::ElfLoadResult r = elf::loadElf(view(bytes), "bad.elf");
        QVERIFY(!r.ok());
        const QString text = QString::fromStdString(r.error.format());
        QVERIFY2(QString::fromStdString(r.error.field).endsWith(field), qPrintable(text));
        QCOMPARE(r.error.offset, uint64_t{offset});
        QVERIFY2(text.startsWith(QStringLiteral("bad.elf: offset 0x")), qPrintable(text));
        QVERIFY2(text.contains(says), qPrintable(text));
    }

    // Files the real toolchain writes that this hart cannot run.
    void refusesWhatTheToolchainBuildsForOtherTargets_data() {
        QTest::addColumn<QStringList>("asArgs");
        QTest::addColumn<QStringList>("ldArgs");
        QTest::addColumn<bool>("objectOnly");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("says");
        const QStringList rv32 = {"-march=rv32ima_zicsr_zifencei", "-mabi=ilp32", "-mno-relax"};
        QTest::newRow("object file") << rv32 << QStringList() << true << "e_type"
                                     << "ET_REL";
        QTest::newRow("compressed") << QStringList{"-march=rv32imac_zicsr", "-mabi=ilp32"}
                                    << QStringList() << false << "e_flags"
                                    << "EF_RISCV_RVC";
        QTest::newRow("hard float") << QStringList{"-march=rv32imafd_zicsr", "-mabi=ilp32d"}
                                    << QStringList() << false << "e_flags"
                                    << "float ABI 2";
        QTest::newRow("linked at 0x1000")
            << rv32 << QStringList{"-Ttext=0x1000"} << false << "p_paddr"
            << "not inside guest RAM";
    }
    void refusesWhatTheToolchainBuildsForOtherTargets() {
        QFETCH(QStringList, asArgs);
        QFETCH(QStringList, ldArgs);
        QFETCH(bool, objectOnly);
        QFETCH(QString, field);
        QFETCH(QString, says);
        const elftest::GnuBuild b = build(QString::fromLatin1(QTest::currentDataTag())
                                              .replace(QLatin1Char(' '), QLatin1Char('-')),
                                          asArgs, ldArgs);
        QVERIFY2(b.ok(), qPrintable(b.error));
        const QByteArray& bytes = objectOnly ? b.object : b.elf;
        const elf::ElfLoadResult r = elf::loadElf(view(bytes), "other.elf");
        QVERIFY(!r.ok());
        const QString text = QString::fromStdString(r.error.format());
        QVERIFY2(QString::fromStdString(r.error.field).endsWith(field), qPrintable(text));
        QVERIFY2(text.contains(says), qPrintable(text));
    }

    // A machine with less RAM than the file needs refuses it, naming the window.
    void ramWindowIsTheGuestsRam() {
        elf::RamWindow small;
        small.size = 4096;
        const elf::ElfLoadResult r = elf::loadElf(view(good_.elf), "good.elf", small);
        QVERIFY(!r.ok());
        QVERIFY2(r.error.message.find("0x80000000..0x80001000") != std::string::npos,
                 r.error.format().c_str());
    }

    // The command line's answer: exit status 2 and the message naming file and field.
    void commandLineRefusesBadFile() {
        const QString path = dir_.path() + QStringLiteral("/x86.elf");
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(with16(good_.elf, 18, 62));
        file.close();
        std::ostringstream out, err;
        QCOMPARE(cli::runHeadless({"run", path.toStdString()}, out, err), 2);
        QVERIFY2(err.str().find(path.toStdString() + ": offset 0x12 (e_machine)") !=
                     std::string::npos,
                 err.str().c_str());
        QVERIFY(out.str().empty());
    }
};

QTEST_APPLESS_MAIN(TestElfLoader)
#include "test_elf_loader.moc"
