// Thin and thick virtual disks: grains allocated on first write (thin) or all at
// creation (thick), unwritten grains reading as zeros, and what the host file system
// says about the backing file (apparent size vs space really occupied).
#include "datacenter/VirtualDisk.h"

#include <QTemporaryDir>
#include <QTest>

#include <vector>

using namespace vizor::dc;

class DiskTest : public QObject {
    Q_OBJECT
private slots:
    void thinAllocatesOnlyTheGrainsWritten();
    void thinFileIsSparse();
    void thickAllocatesEverythingAtCreation();
    void grainTablesAreAllocatedLazily();
    void writesAcrossGrainBoundariesRoundTrip();
    void outOfRangeAccessIsRefused();
    void creationFailureIsReported();
};

namespace {
constexpr uint64_t kDisk = 64ull << 20; // 1024 grains, 2 grain tables
std::vector<uint8_t> pattern(std::size_t n, uint8_t seed) {
    std::vector<uint8_t> v(n);
    for (std::size_t i = 0; i < n; ++i)
        v[i] = static_cast<uint8_t>(seed + i * 7);
    return v;
}
const uint64_t kScattered[3] = {5 * 512, 20ull << 20, (64ull << 20) - 512}; // 3 grains apart
} // namespace

void DiskTest::thinAllocatesOnlyTheGrainsWritten() {
    auto disk = VirtualDisk::inMemory(kDisk, Provisioning::Thin);
    std::vector<uint32_t> allocated;
    disk->onGrainAllocated = [&](uint32_t g) { allocated.push_back(g); };
    QCOMPARE(disk->grainsAllocated(), 0u);
    for (int i = 0; i < 3; ++i)
        QVERIFY(disk->write(kScattered[i], pattern(512, static_cast<uint8_t>(i))));
    QCOMPARE(disk->grainsAllocated(), 3u);
    QCOMPARE(allocated, (std::vector<uint32_t>{0, 320, 1023}));
    // A second write into an allocated grain allocates nothing.
    QVERIFY(disk->write(kScattered[1] + 4096, pattern(512, 9)));
    QCOMPARE(disk->grainsAllocated(), 3u);
    std::vector<uint8_t> block(512);
    for (int i = 0; i < 3; ++i) {
        QVERIFY(disk->read(kScattered[i], block));
        QCOMPARE(block, pattern(512, static_cast<uint8_t>(i)));
    }
    // Unwritten blocks read as zeros, in an allocated grain and in a hole.
    for (const uint64_t offset : {0ull, 10ull << 20, (20ull << 20) + 512}) {
        std::fill(block.begin(), block.end(), uint8_t{0xee});
        QVERIFY(disk->read(offset, block));
        QVERIFY(std::all_of(block.begin(), block.end(), [](uint8_t b) { return b == 0; }));
    }
}

void DiskTest::thinFileIsSparse() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    std::string error;
    const std::string path = dir.filePath("thin.img").toStdString();
    auto disk = VirtualDisk::createFile(path, kDisk, Provisioning::Thin, error);
    QVERIFY2(disk, error.c_str());
    const FileUsage empty = disk->fileUsage().value();
    QCOMPARE(empty.apparentBytes, kDisk);
    QVERIFY(empty.allocatedBytes < kGrainBytes);
    for (int i = 0; i < 3; ++i)
        QVERIFY(disk->write(kScattered[i], pattern(512, static_cast<uint8_t>(i))));
    QVERIFY(disk->flush());
    QCOMPARE(disk->grainsAllocated(), 3u);
    const FileUsage used = disk->fileUsage().value();
    qInfo("thin: apparent %llu bytes, allocated %llu bytes (3 grains = %u)",
          static_cast<unsigned long long>(used.apparentBytes),
          static_cast<unsigned long long>(used.allocatedBytes), 3 * kGrainBytes);
    QCOMPARE(used.apparentBytes, kDisk);
    // "About 3 grains": the grains themselves, plus at most one file-system block of
    // metadata per grain.
    QVERIFY(used.allocatedBytes >= 3 * kGrainBytes);
    QVERIFY(used.allocatedBytes <= 3 * (kGrainBytes + 4096));
    std::vector<uint8_t> block(512, 0xee);
    QVERIFY(disk->read(30ull << 20, block));
    QVERIFY(std::all_of(block.begin(), block.end(), [](uint8_t b) { return b == 0; }));
}

void DiskTest::thickAllocatesEverythingAtCreation() {
    QTemporaryDir dir;
    std::string error;
    auto disk = VirtualDisk::createFile(dir.filePath("thick.img").toStdString(), kDisk,
                                        Provisioning::Thick, error);
    QVERIFY2(disk, error.c_str());
    QCOMPARE(disk->grainsAllocated(), disk->grainCount());
    QCOMPARE(disk->grainTablesAllocated(), disk->grainTableCount());
    const FileUsage used = disk->fileUsage().value();
    qInfo("thick: apparent %llu bytes, allocated %llu bytes",
          static_cast<unsigned long long>(used.apparentBytes),
          static_cast<unsigned long long>(used.allocatedBytes));
    QCOMPARE(used.apparentBytes, kDisk);
    QVERIFY(used.allocatedBytes >= kDisk);
    // Writing allocates nothing more, and unwritten blocks still read as zeros.
    QVERIFY(disk->write(kScattered[1], pattern(512, 3)));
    QCOMPARE(disk->grainsAllocated(), disk->grainCount());
    std::vector<uint8_t> block(512, 0xee);
    QVERIFY(disk->read(kScattered[0], block));
    QVERIFY(std::all_of(block.begin(), block.end(), [](uint8_t b) { return b == 0; }));
}

void DiskTest::grainTablesAreAllocatedLazily() {
    auto disk = VirtualDisk::inMemory(kDisk, Provisioning::Thin);
    QCOMPARE(disk->grainTableCount(), 2u); // 32 MiB of disk per table
    QCOMPARE(disk->grainTablesAllocated(), 0u);
    QVERIFY(disk->write(0, pattern(16, 1)));
    QCOMPARE(disk->grainTablesAllocated(), 1u);
    QCOMPARE(disk->entry(0), 0u);
    QCOMPARE(disk->entry(1), kUnallocated);
    QVERIFY(disk->write(40ull << 20, pattern(16, 1)));
    QCOMPARE(disk->grainTablesAllocated(), 2u);
    QCOMPARE(disk->entry(640), 640u * kGrainSectors);
}

void DiskTest::writesAcrossGrainBoundariesRoundTrip() {
    QTemporaryDir dir;
    std::string error;
    auto disk = VirtualDisk::createFile(dir.filePath("cross.img").toStdString(), kDisk,
                                        Provisioning::Thin, error);
    QVERIFY2(disk, error.c_str());
    const auto data = pattern(3 * kGrainBytes, 42);
    QVERIFY(disk->write(kGrainBytes - 100, data)); // touches 4 grains
    QCOMPARE(disk->grainsAllocated(), 4u);
    std::vector<uint8_t> back(data.size());
    QVERIFY(disk->read(kGrainBytes - 100, back));
    QCOMPARE(back, data);
}

void DiskTest::outOfRangeAccessIsRefused() {
    auto disk = VirtualDisk::inMemory(kDisk, Provisioning::Thin);
    std::vector<uint8_t> block(512);
    QVERIFY(!disk->read(kDisk - 256, block));
    QVERIFY(!disk->lastError().empty());
    QVERIFY(!disk->write(kDisk, block));
    QVERIFY(!disk->write(~uint64_t{0}, block));
    QCOMPARE(disk->grainsAllocated(), 0u);
}

void DiskTest::creationFailureIsReported() {
    std::string error;
    auto disk =
        VirtualDisk::createFile("/nonexistent-dir/x/disk.img", kDisk, Provisioning::Thin, error);
    QVERIFY(!disk);
    QVERIFY2(error.find("disk.img") != std::string::npos, error.c_str());
}

QTEST_APPLESS_MAIN(DiskTest)
#include "test_dc_disk.moc"
