// A virtual disk with the allocation semantics of a VMDK sparse extent (VMware Virtual
// Disk Format 1.1; QEMU block/vmdk.c defaults): the disk is cut into grains of 64 KiB
// (128 sectors); a grain directory points at grain tables of 512 entries (32 MiB of
// disk each) that are themselves allocated only when a grain under them is.
//   thin  ("monolithicSparse", "vmfsThin"): a grain is allocated on its first write;
//         an unallocated grain reads as zeros.
//   thick ("vmfsEagerZeroedThick"): every grain is allocated, and zeroed, at creation.
// The data can live in a real host file, laid out as a raw image (disk offset = file
// offset) whose never-written grains are holes: the file system then reports the
// apparent size (the whole disk) and the space really occupied (st_blocks * 512).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace vizor::dc {

enum class Provisioning : uint8_t { Thin, Thick };
std::string_view provisioningName(Provisioning p); // "thin", "thick"

constexpr uint32_t kSectorBytes = 512;
constexpr uint32_t kGrainSectors = 128; // QEMU's vmdk default granularity
constexpr uint32_t kGrainBytes = kGrainSectors * kSectorBytes;
constexpr uint32_t kGrainTableEntries = 512;   // numGTEsPerGT
constexpr uint32_t kUnallocated = 0xffffffffu; // grain table entry of a never-written grain

// What the host file system says about the backing file.
struct FileUsage {
    uint64_t apparentBytes = 0;  // st_size
    uint64_t allocatedBytes = 0; // st_blocks * 512
};

class VirtualDisk {
public:
    ~VirtualDisk();
    VirtualDisk(const VirtualDisk&) = delete;
    VirtualDisk& operator=(const VirtualDisk&) = delete;

    // A disk kept in host memory only. `capacity` is rounded up to whole grains.
    static std::unique_ptr<VirtualDisk> inMemory(uint64_t capacity, Provisioning provisioning);
    // A disk backed by a new file at `path` (an existing file is replaced). The file is
    // built under a temporary name, synced and renamed, so a crash never leaves a
    // half-created image at `path`. nullptr with `error` set on failure.
    static std::unique_ptr<VirtualDisk> createFile(const std::string& path, uint64_t capacity,
                                                   Provisioning provisioning, std::string& error);

    // Byte-addressed I/O inside the disk; false (with lastError()) out of range or on a
    // host I/O error. A write into an unallocated grain of a thin disk allocates it.
    bool read(uint64_t offset, std::span<uint8_t> out);
    bool write(uint64_t offset, std::span<const uint8_t> data);
    // Forces written data to stable storage (fdatasync of the backing file).
    bool flush();

    uint64_t capacity() const { return grainCount_ * uint64_t{kGrainBytes}; }
    Provisioning provisioning() const { return provisioning_; }
    uint32_t grainCount() const { return grainCount_; }
    uint32_t grainsAllocated() const { return grainsAllocated_; }
    uint32_t grainTableCount() const { return static_cast<uint32_t>(directory_.size()); }
    uint32_t grainTablesAllocated() const;
    bool grainAllocated(uint32_t grain) const { return entry(grain) != kUnallocated; }
    // The grain table entry: the grain's sector offset in the backing store, or kUnallocated.
    uint32_t entry(uint32_t grain) const;
    // From the file system; nullopt for an in-memory disk or if fstat fails.
    std::optional<FileUsage> fileUsage() const;
    const std::string& lastError() const { return error_; }

    // Called with the grain number each time a grain is allocated (for events).
    std::function<void(uint32_t grain)> onGrainAllocated;

private:
    using GrainTable = std::vector<uint32_t>; // kGrainTableEntries entries
    VirtualDisk(uint64_t capacity, Provisioning provisioning);
    bool allocate(uint32_t grain);
    bool readStore(uint64_t offset, std::span<uint8_t> out);
    bool writeStore(uint64_t offset, std::span<const uint8_t> data);
    bool fail(std::string message);

    Provisioning provisioning_;
    uint32_t grainCount_ = 0;
    uint32_t grainsAllocated_ = 0;
    std::vector<std::unique_ptr<GrainTable>> directory_;              // the grain directory
    int fd_ = -1;                                                     // backing file, or -1
    std::vector<std::unique_ptr<std::vector<uint8_t>>> memoryGrains_; // in-memory store
    std::string error_;
};

} // namespace vizor::dc
