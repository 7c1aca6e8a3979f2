// The PARAVIRT guest kernel: it assembles with PARAVIRT defined, and between
// kernel_entry and the user image its code holds no privileged or sensitive
// instruction (no access to a supervisor or machine CSR, no sret, mret, wfi or
// sfence.vma): every such operation became a hypercall. Only the M-mode firmware stub,
// which a hypervisor never runs, keeps them. The native kernel is scanned the same way
// and must contain them: that is what makes the scan able to fail.
//
// It also runs: in real S-mode, with its hypercalls served by a stand-in for the
// hypervisor (HypercallServer), it must print exactly what the native kernel prints,
// through the virtio console alone, batching its page-table updates.

#include "isa/Decoder.h"
#include "machine/Machine.h"

#include "GuestSources.h"
#include "HypercallServer.h"

#include <QtTest>

namespace {

struct ScanResult {
    QStringList sensitive; // "address: mnemonic" of each offending instruction
    QStringList undecodable;
    int instructions = 0;
};

// A CSR's privilege level is in bits 9:8 of its number: 0 is user (cycle, time ...).
bool isPrivilegedCsr(uint16_t csr) {
    return ((csr >> 8) & 3u) != 0;
}

bool isSensitive(const vizor::isa::DecodedInstruction& d) {
    using vizor::isa::Op;
    switch (d.op) {
    case Op::Sret:
    case Op::Mret:
    case Op::Wfi:
    case Op::SfenceVma:
        return true;
    case Op::Csrrw:
    case Op::Csrrs:
    case Op::Csrrc:
    case Op::Csrrwi:
    case Op::Csrrsi:
    case Op::Csrrci:
        return isPrivilegedCsr(d.csr);
    default:
        return false;
    }
}

ScanResult scanKernel(const vizor::Program& program) {
    ScanResult result;
    const uint32_t begin = program.symbol("kernel_entry").value_or(0);
    const uint32_t end = program.symbol("user_image_start").value_or(0);
    for (const vizor::Section& section : program.sections) {
        if (section.name != ".text") continue;
        for (uint32_t address = begin; address + 4 <= end; address += 4) {
            const uint32_t offset = address - section.address;
            if (offset + 4 > section.bytes.size()) break;
            uint32_t word = 0;
            for (int i = 3; i >= 0; --i)
                word = word << 8 | section.bytes[offset + static_cast<uint32_t>(i)];
            const vizor::isa::DecodedInstruction d = vizor::isa::decode(word);
            const QString where = QString::number(address, 16);
            ++result.instructions;
            if (d.op == vizor::isa::Op::Illegal)
                result.undecodable << where;
            else if (isSensitive(d))
                result.sensitive << where + QStringLiteral(": ") +
                                        QString::fromLatin1(
                                            vizor::isa::infoFor(d.op)->mnemonic.data(),
                                            static_cast<qsizetype>(
                                                vizor::isa::infoFor(d.op)->mnemonic.size()));
        }
    }
    return result;
}

} // namespace

class TestGuestParavirt : public QObject {
    Q_OBJECT

private slots:
    void paravirtKernelIsClean_data();
    void paravirtKernelIsClean();
    void nativeKernelIsNot();
    void paravirtKernelRuns_data() { paravirtKernelIsClean_data(); }
    void paravirtKernelRuns();
};

void TestGuestParavirt::paravirtKernelIsClean_data() {
    QTest::addColumn<QString>("name");
    for (const QString& name : guests::workloadNames())
        QTest::newRow(qPrintable(name)) << name;
}

void TestGuestParavirt::paravirtKernelIsClean() {
    QFETCH(QString, name);
    QString errors;
    const vizor::AssemblyResult pv = guests::assembleKernel(name, true, errors);
    QVERIFY2(pv.ok(), qPrintable(QStringLiteral("PARAVIRT kernel:\n") + errors));
    QVERIFY(pv.program.symbol("kernel_entry").has_value());
    QVERIFY(pv.program.symbol("user_image_start").has_value());
    QVERIFY(pv.program.symbol("pv_pte_batch_flush").has_value()); // really the PV build

    const ScanResult scan = scanKernel(pv.program);
    QVERIFY(scan.instructions > 500);
    QVERIFY2(scan.undecodable.isEmpty(),
             qPrintable(QStringLiteral("data inside the kernel's code at ") +
                        scan.undecodable.mid(0, 5).join(QStringLiteral(", "))));
    QVERIFY2(scan.sensitive.isEmpty(),
             qPrintable(QStringLiteral("sensitive instructions in the PARAVIRT kernel:\n") +
                        scan.sensitive.mid(0, 10).join(QLatin1Char('\n'))));
}

// The same scan finds what the native kernel needs: CSR accesses, sret, wfi, sfence.vma.
void TestGuestParavirt::nativeKernelIsNot() {
    QString errors;
    const vizor::AssemblyResult native =
        guests::assembleKernel(QStringLiteral("compute"), false, errors);
    QVERIFY2(native.ok(), qPrintable(errors));
    const ScanResult scan = scanKernel(native.program);
    QVERIFY(scan.undecodable.isEmpty());
    const QString all = scan.sensitive.join(QLatin1Char('\n'));
    for (const char* mnemonic : {"sret", "wfi", "sfence.vma", "csrrw", "csrrs", "csrrc"})
        QVERIFY2(all.contains(QLatin1String(": ") + QLatin1String(mnemonic)), mnemonic);
}

void TestGuestParavirt::paravirtKernelRuns() {
    QFETCH(QString, name);
    constexpr uint64_t kBudget = 50'000'000;
    QString errors;
    const vizor::AssemblyResult native = guests::assembleKernel(name, false, errors);
    QVERIFY2(native.ok(), qPrintable(errors));
    vizor::Machine reference;
    reference.load(native.program);
    reference.run(kBudget);
    QCOMPARE(reference.haltReason(), vizor::HaltReason::PowerOff);

    const vizor::AssemblyResult pv = guests::assembleKernel(name, true, errors);
    QVERIFY2(pv.ok(), qPrintable(errors));
    vizor::Machine machine;
    machine.load(pv.program);
    // The board's virtio-mmio slots are empty, so the driver would find no console:
    // tell it where one is, as its probe would have.
    const auto consoleSlot = pv.program.symbol("virtio_console");
    QVERIFY(consoleSlot.has_value());
    QVERIFY(machine.pokePhysical(*consoleSlot, 0x10001000u, 4));
    guests::HypercallServer server;
    machine.setTrapHandler(&server);
    machine.run(kBudget);

    const QString pvConsole = QString::fromStdString(server.console);
    QVERIFY2(machine.haltReason() == vizor::HaltReason::PowerOff,
             qPrintable(
                 QString::fromStdString(std::string(vizor::haltReasonName(machine.haltReason()))) +
                 QStringLiteral("; virtio console so far:\n") + pvConsole.right(1500)));
    QCOMPARE(pvConsole, QString::fromStdString(reference.console()));
    QVERIFY2(machine.console().empty(), "the PARAVIRT kernel wrote to the UART");
    qInfo("%u hypercalls: %u TRAP_RETURN, %u CONSOLE_KICK, %u MMU_UPDATE for %u PTEs",
          server.hypercalls, server.trapReturns, server.kicks, server.mmuUpdateCalls,
          server.pteUpdates);
    QCOMPARE(server.unknown, 0u);
    QVERIFY(server.trapReturns > 0);
    QCOMPARE(server.kicks, static_cast<unsigned>(pvConsole.count(QLatin1Char('\n'))));
    QCOMPARE(static_cast<unsigned>(server.usedIndex), server.kicks);
    QVERIFY(server.mmuUpdateCalls > 0);
    QVERIFY2(server.mmuUpdateCalls < server.pteUpdates,
             qPrintable(QStringLiteral("%1 MMU_UPDATE calls for %2 PTEs")
                            .arg(server.mmuUpdateCalls)
                            .arg(server.pteUpdates)));
}

QTEST_APPLESS_MAIN(TestGuestParavirt)
#include "test_guest_paravirt.moc"
