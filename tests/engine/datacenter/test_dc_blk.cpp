// The virtio-blk back end on a thin disk, driven by a driver written here and by the
// guest kernel's own (blk.s, diskwriter workload). Requests laid out as a driver lays them out
// (legacy virtio-mmio registers, split virtqueue in guest RAM, header / data / status
// chains) write three scattered blocks: exactly three grains are allocated, the
// backing file occupies about three grains of the whole disk's apparent size, and
// unwritten blocks read back as zeros.
#include "GuestKernel.h"
#include "asm/Assembler.h"
#include "datacenter/BlockVm.h"
#include "datacenter/VirtioBlk.h"

#include <QTemporaryDir>
#include <QTest>

#include <fstream>
#include <sstream>

using namespace vizor;
using namespace vizor::dc;

class VirtioBlkTest : public QObject {
    Q_OBJECT
private slots:
    void threeScatteredWritesAllocateThreeGrains();
    void unsupportedAndMalformedRequestsAreAnswered();
    void guestKernelWritesThreeScatteredBlocks();
    void guestKernelWithoutADiskStaysInert();
};

namespace {

constexpr uint32_t kBase = VirtioBlk::kDefaultBase;
constexpr uint32_t kRing = 0x80100000; // queue: descriptors, avail, used (page aligned)
constexpr uint32_t kHeader = 0x80104000, kData = 0x80105000, kStatus = 0x80106000;
constexpr uint16_t kQueueSize = 8;

// The driver side, as the guest's virtio-blk driver would do it through MMIO.
class Driver {
public:
    Driver(Machine& m, VirtioBlk& dev) : m_(m), dev_(dev) {}

    bool probe() {
        if (dev_.read(kBase) != 0x74726976u || dev_.read(kBase + 8) != 2) return false;
        reg(0x070, 1 | 2); // ACKNOWLEDGE | DRIVER
        reg(0x020, dev_.read(kBase + 0x010) & kBlkFeatureFlush);
        reg(0x028, 4096);
        reg(0x030, 0);
        if (dev_.read(kBase + 0x034) < kQueueSize) return false;
        reg(0x038, kQueueSize);
        reg(0x03c, 4096);
        reg(0x040, kRing / 4096);
        reg(0x070, 1 | 2 | 4); // DRIVER_OK
        return true;
    }
    uint64_t capacitySectors() const {
        return dev_.read(kBase + 0x100) | uint64_t{dev_.read(kBase + 0x104)} << 32;
    }
    // One request: header, optional data buffer, status; returns the status byte.
    uint8_t request(uint32_t type, uint64_t sector, uint32_t dataLength, bool deviceWrites) {
        poke(kHeader, type);
        poke(kHeader + 4, 0);
        poke(kHeader + 8, static_cast<uint32_t>(sector));
        poke(kHeader + 12, static_cast<uint32_t>(sector >> 32));
        m_.pokePhysical(kStatus, 0xff, 1);
        uint16_t n = 0;
        descriptor(n++, kHeader, 16, 1, 1);
        if (dataLength) {
            descriptor(n, kData, dataLength, deviceWrites ? 3 : 1, static_cast<uint16_t>(n + 1));
            ++n;
        }
        descriptor(n, kStatus, 1, 2, 0);
        const uint32_t avail = kRing + 16 * kQueueSize;
        const uint16_t index = static_cast<uint16_t>(m_.peekPhysical(avail + 2, 2).value());
        m_.pokePhysical(avail + 4 + 2 * (index % kQueueSize), 0, 2); // head = descriptor 0
        m_.pokePhysical(avail + 2, index + 1u, 2);
        reg(0x050, 0); // QueueNotify
        return static_cast<uint8_t>(m_.peekPhysical(kStatus, 1).value());
    }
    uint16_t usedIndex() const {
        const uint32_t used = kRing + 4096; // after descriptors + avail, aligned
        return static_cast<uint16_t>(m_.peekPhysical(used + 2, 2).value());
    }
    void fillData(uint32_t length, uint8_t seed) {
        for (uint32_t i = 0; i < length; ++i)
            m_.pokePhysical(kData + i, static_cast<uint8_t>(seed + i), 1);
    }
    bool dataIs(uint32_t length, uint8_t seed, bool zeros) const {
        for (uint32_t i = 0; i < length; ++i)
            if (m_.peekPhysical(kData + i, 1).value() != (zeros ? 0u : uint8_t(seed + i)))
                return false;
        return true;
    }

private:
    void reg(uint32_t offset, uint32_t value) { dev_.write(kBase + offset, value, m_); }
    void poke(uint32_t a, uint32_t v) { m_.pokePhysical(a, v, 4); }
    void descriptor(uint16_t i, uint32_t addr, uint32_t len, uint16_t flags, uint16_t next) {
        const uint32_t e = kRing + 16 * i;
        poke(e, addr);
        poke(e + 4, 0);
        poke(e + 8, len);
        m_.pokePhysical(e + 12, flags, 2);
        m_.pokePhysical(e + 14, next, 2);
    }
    Machine& m_;
    VirtioBlk& dev_;
};

void loadIdle(Machine& m) {
    const AssemblyResult r = assemble("_start: j _start\n", {});
    QVERIFY(r.ok());
    m.load(r.program);
}

} // namespace

void VirtioBlkTest::threeScatteredWritesAllocateThreeGrains() {
    QTemporaryDir dir;
    std::string error;
    constexpr uint64_t kDisk = 64ull << 20;
    auto disk = VirtualDisk::createFile(dir.filePath("guest.img").toStdString(), kDisk,
                                        Provisioning::Thin, error);
    QVERIFY2(disk, error.c_str());
    Machine m;
    loadIdle(m);
    VirtioBlk dev(*disk);
    Driver driver(m, dev);
    QVERIFY(driver.probe());
    QCOMPARE(driver.capacitySectors(), kDisk / 512);
    const uint64_t sectors[3] = {7, 70000, kDisk / 512 - 1};
    for (int i = 0; i < 3; ++i) {
        driver.fillData(512, static_cast<uint8_t>(10 * i));
        QCOMPARE(driver.request(kBlkTypeOut, sectors[i], 512, false), kBlkStatusOk);
    }
    QCOMPARE(driver.usedIndex(), uint16_t{3});
    QCOMPARE(disk->grainsAllocated(), 3u);
    QCOMPARE(m.events().count(EventType::GrainAllocated), uint64_t{3});
    QCOMPARE(driver.request(kBlkTypeFlush, 0, 0, false), kBlkStatusOk);
    const FileUsage usage = disk->fileUsage().value();
    qInfo("after 3 scattered 512-byte writes: %u grains, file apparent %llu, allocated %llu",
          disk->grainsAllocated(), static_cast<unsigned long long>(usage.apparentBytes),
          static_cast<unsigned long long>(usage.allocatedBytes));
    QCOMPARE(usage.apparentBytes, kDisk);
    QVERIFY(usage.allocatedBytes >= 3 * kGrainBytes);
    QVERIFY(usage.allocatedBytes <= 3 * (kGrainBytes + 4096));
    // Read back: the written blocks, then an unwritten one in an allocated grain and one
    // in a hole: zeros.
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(driver.request(kBlkTypeIn, sectors[i], 512, true), kBlkStatusOk);
        QVERIFY(driver.dataIs(512, static_cast<uint8_t>(10 * i), false));
    }
    for (uint64_t sector : {uint64_t{8}, uint64_t{30000}}) {
        driver.fillData(1024, 0x55);
        QCOMPARE(driver.request(kBlkTypeIn, sector, 1024, true), kBlkStatusOk);
        QVERIFY(driver.dataIs(1024, 0, true));
    }
    QCOMPARE(disk->grainsAllocated(), 3u); // reads allocate nothing
    QCOMPARE(dev.sectorsWritten(), uint64_t{3});
}

void VirtioBlkTest::unsupportedAndMalformedRequestsAreAnswered() {
    auto disk = VirtualDisk::inMemory(1 << 20, Provisioning::Thin);
    Machine m;
    loadIdle(m);
    VirtioBlk dev(*disk);
    Driver driver(m, dev);
    QVERIFY(driver.probe());
    QCOMPARE(driver.request(99, 0, 0, false), kBlkStatusUnsupported);
    QCOMPARE(driver.request(kBlkTypeOut, 0, 100, false), kBlkStatusIoErr); // not whole sectors
    QCOMPARE(driver.request(kBlkTypeOut, 1 << 20, 512, false), kBlkStatusIoErr); // past the end
    QCOMPARE(driver.request(kBlkTypeIn, 0, 512, false), kBlkStatusIoErr); // buffer not writable
    QCOMPARE(disk->grainsAllocated(), 0u);
    QCOMPARE(driver.request(kBlkTypeGetId, 0, 20, true), kBlkStatusOk);
    QCOMPARE(m.peekPhysical(kData, 4).value(), 0x6f7a6976u); // "vizo", little-endian
    // A reset forgets the queue: a notify is then ignored.
    dev.write(kBase + 0x070, 0, m);
    QCOMPARE(dev.read(kBase + 0x040), 0u);
}

namespace {

// The guest kernel built with BLOCK, running the disk-writer workload.
Program diskWriterKernel() {
    const std::string dir = hvtest::sourceDir() + "/resources/guests/";
    std::string source;
    for (const char* name : {"privops.inc", "kernel.s", "proc.s", "vm.s", "console.s", "blk.s",
                             "ulib.s", "workloads/diskwriter.s"}) {
        std::ifstream in(dir + name);
        std::ostringstream text;
        text << in.rdbuf();
        source += text.str() + "\n";
    }
    AssemblerOptions options;
    options.fileName = "diskwriter-kernel.s";
    options.defines["BLOCK"] = 1;
    const AssemblyResult r = assemble(source, options);
    if (!r.ok()) qFatal("%s", r.errors.front().format().c_str());
    return r.program;
}

} // namespace

void VirtioBlkTest::guestKernelWritesThreeScatteredBlocks() {
    QTemporaryDir dir;
    std::string error;
    constexpr uint64_t kDisk = 64ull << 20;
    auto disk = VirtualDisk::createFile(dir.filePath("guest.img").toStdString(), kDisk,
                                        Provisioning::Thin, error);
    QVERIFY2(disk, error.c_str());
    BlockVm vm({}, *disk);
    QVERIFY2(vm.load(diskWriterKernel(), error), error.c_str());
    vm.run(50'000'000);
    const std::string& console = vm.machine().console();
    qInfo("%s", console.c_str());
    QCOMPARE(vm.machine().haltReason(), HaltReason::PowerOff);
    const uint64_t sectors[3] = {7, 70000, 131071};
    for (int pid = 1; pid <= 3; ++pid) {
        const std::string line = "[pid " + std::to_string(pid) + "] wrote sector " +
                                 std::to_string(sectors[pid - 1]) + ", status 0";
        QVERIFY2(console.find(line) != std::string::npos, line.c_str());
    }
    QCOMPARE(disk->grainsAllocated(), 3u);
    QCOMPARE(vm.machine().events().count(EventType::GrainAllocated), uint64_t{3});
    QCOMPARE(vm.blockDevice().sectorsWritten(), uint64_t{3});
    QVERIFY(disk->flush());
    const FileUsage usage = disk->fileUsage().value();
    qInfo("guest wrote 3 blocks: %u grains, file apparent %llu, allocated %llu",
          disk->grainsAllocated(), static_cast<unsigned long long>(usage.apparentBytes),
          static_cast<unsigned long long>(usage.allocatedBytes));
    QCOMPARE(usage.apparentBytes, kDisk);
    QVERIFY(usage.allocatedBytes >= 3 * kGrainBytes);
    QVERIFY(usage.allocatedBytes <= 3 * (kGrainBytes + 4096));
    std::vector<uint8_t> block(512);
    for (int pid = 1; pid <= 3; ++pid) {
        QVERIFY(disk->read(sectors[pid - 1] * 512, block));
        for (std::size_t i = 0; i < block.size(); ++i)
            QCOMPARE(block[i], static_cast<uint8_t>(pid * 16 + static_cast<int>(i)));
    }
    QVERIFY(disk->read(8 * 512, block)); // next to pid 1's block: never written
    QVERIFY(std::all_of(block.begin(), block.end(), [](uint8_t b) { return b == 0; }));
}

void VirtioBlkTest::guestKernelWithoutADiskStaysInert() {
    Machine m; // native: the board's virtio-mmio slots are empty
    m.load(diskWriterKernel());
    m.run(50'000'000);
    QCOMPARE(m.haltReason(), HaltReason::PowerOff);
    for (int pid = 1; pid <= 3; ++pid) {
        const std::string line = "[pid " + std::to_string(pid) + "] no disk";
        QVERIFY2(m.console().find(line) != std::string::npos, m.console().c_str());
    }
}

QTEST_APPLESS_MAIN(VirtioBlkTest)
#include "test_dc_blk.moc"
