#include "datacenter/VirtualDisk.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace vizor::dc {

std::string_view provisioningName(Provisioning p) {
    return p == Provisioning::Thin ? "thin" : "thick";
}

namespace {
uint32_t grainsFor(uint64_t capacity) {
    return static_cast<uint32_t>((capacity + kGrainBytes - 1) / kGrainBytes);
}
std::string systemError(const std::string& what, const std::string& path) {
    return what + " '" + path + "': " + std::strerror(errno);
}
} // namespace

VirtualDisk::VirtualDisk(uint64_t capacity, Provisioning provisioning)
    : provisioning_(provisioning), grainCount_(grainsFor(capacity)) {
    directory_.resize((grainCount_ + kGrainTableEntries - 1) / kGrainTableEntries);
}

VirtualDisk::~VirtualDisk() {
    if (fd_ >= 0) ::close(fd_);
}

std::unique_ptr<VirtualDisk> VirtualDisk::inMemory(uint64_t capacity, Provisioning provisioning) {
    std::unique_ptr<VirtualDisk> disk(new VirtualDisk(capacity, provisioning));
    disk->memoryGrains_.resize(disk->grainCount_);
    if (provisioning == Provisioning::Thick)
        for (uint32_t g = 0; g < disk->grainCount_; ++g)
            disk->allocate(g);
    return disk;
}

std::unique_ptr<VirtualDisk> VirtualDisk::createFile(const std::string& path, uint64_t capacity,
                                                     Provisioning provisioning,
                                                     std::string& error) {
    std::unique_ptr<VirtualDisk> disk(new VirtualDisk(capacity, provisioning));
    std::string temp = path + ".XXXXXX";
    disk->fd_ = ::mkstemp(temp.data());
    if (disk->fd_ < 0) {
        error = systemError("cannot create", temp);
        return nullptr;
    }
    auto abandon = [&](const std::string& what) {
        error = systemError(what, path);
        ::unlink(temp.c_str());
        return nullptr;
    };
    // The apparent size is the whole disk from the start; thin grains stay holes.
    if (::ftruncate(disk->fd_, static_cast<off_t>(disk->capacity())) != 0)
        return abandon("cannot size");
    if (provisioning == Provisioning::Thick) {
        for (uint32_t g = 0; g < disk->grainCount_; ++g)
            if (!disk->allocate(g)) return abandon("cannot allocate");
    }
    if (::fsync(disk->fd_) != 0) return abandon("cannot sync");
    if (::rename(temp.c_str(), path.c_str()) != 0) return abandon("cannot rename into");
    return disk;
}

uint32_t VirtualDisk::entry(uint32_t grain) const {
    if (grain >= grainCount_) return kUnallocated;
    const auto& table = directory_[grain / kGrainTableEntries];
    return table ? (*table)[grain % kGrainTableEntries] : kUnallocated;
}

uint32_t VirtualDisk::grainTablesAllocated() const {
    return static_cast<uint32_t>(
        std::count_if(directory_.begin(), directory_.end(), [](const auto& t) { return !!t; }));
}

bool VirtualDisk::fail(std::string message) {
    error_ = std::move(message);
    return false;
}

// Allocates a grain: its grain table first if this is the table's first grain, then
// the grain's space in the store, written whole with zeros so the file system
// allocates all of it now (as a VMDK grain is allocated whole on first write).
bool VirtualDisk::allocate(uint32_t grain) {
    auto& table = directory_[grain / kGrainTableEntries];
    if (!table) table = std::make_unique<GrainTable>(kGrainTableEntries, kUnallocated);
    const uint32_t sector = grain * kGrainSectors; // raw layout: the grain's own place
    if (fd_ >= 0) {
        static const std::vector<uint8_t> zeros(kGrainBytes, 0);
        if (!writeStore(uint64_t{sector} * kSectorBytes, zeros)) return false;
    } else {
        memoryGrains_[grain] = std::make_unique<std::vector<uint8_t>>(kGrainBytes, 0);
    }
    (*table)[grain % kGrainTableEntries] = sector;
    ++grainsAllocated_;
    if (onGrainAllocated) onGrainAllocated(grain);
    return true;
}

bool VirtualDisk::readStore(uint64_t offset, std::span<uint8_t> out) {
    if (fd_ < 0) {
        const auto& grain = *memoryGrains_[offset / kGrainBytes];
        std::memcpy(out.data(), grain.data() + offset % kGrainBytes, out.size());
        return true;
    }
    for (std::size_t done = 0; done < out.size();) {
        const ssize_t n =
            ::pread(fd_, out.data() + done, out.size() - done, static_cast<off_t>(offset + done));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return fail(std::string("disk read failed: ") + std::strerror(errno));
        done += static_cast<std::size_t>(n);
    }
    return true;
}

bool VirtualDisk::writeStore(uint64_t offset, std::span<const uint8_t> data) {
    if (fd_ < 0) {
        auto& grain = *memoryGrains_[offset / kGrainBytes];
        std::memcpy(grain.data() + offset % kGrainBytes, data.data(), data.size());
        return true;
    }
    for (std::size_t done = 0; done < data.size();) {
        const ssize_t n = ::pwrite(fd_, data.data() + done, data.size() - done,
                                   static_cast<off_t>(offset + done));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return fail(std::string("disk write failed: ") + std::strerror(errno));
        done += static_cast<std::size_t>(n);
    }
    return true;
}

bool VirtualDisk::read(uint64_t offset, std::span<uint8_t> out) {
    if (offset > capacity() || out.size() > capacity() - offset)
        return fail("read beyond the end of the disk");
    while (!out.empty()) {
        const auto grain = static_cast<uint32_t>(offset / kGrainBytes);
        const std::size_t chunk =
            std::min<uint64_t>(out.size(), kGrainBytes - offset % kGrainBytes);
        const uint32_t e = entry(grain);
        if (e == kUnallocated) {
            std::fill_n(out.begin(), chunk, uint8_t{0}); // sparse: never written reads as zeros
        } else if (!readStore(uint64_t{e} * kSectorBytes + offset % kGrainBytes,
                              out.first(chunk))) {
            return false;
        }
        offset += chunk;
        out = out.subspan(chunk);
    }
    return true;
}

bool VirtualDisk::write(uint64_t offset, std::span<const uint8_t> data) {
    if (offset > capacity() || data.size() > capacity() - offset)
        return fail("write beyond the end of the disk");
    while (!data.empty()) {
        const auto grain = static_cast<uint32_t>(offset / kGrainBytes);
        const std::size_t chunk =
            std::min<uint64_t>(data.size(), kGrainBytes - offset % kGrainBytes);
        if (entry(grain) == kUnallocated && !allocate(grain)) return false;
        if (!writeStore(uint64_t{entry(grain)} * kSectorBytes + offset % kGrainBytes,
                        data.first(chunk)))
            return false;
        offset += chunk;
        data = data.subspan(chunk);
    }
    return true;
}

bool VirtualDisk::flush() {
    if (fd_ >= 0 && ::fdatasync(fd_) != 0)
        return fail(std::string("disk flush failed: ") + std::strerror(errno));
    return true;
}

std::optional<FileUsage> VirtualDisk::fileUsage() const {
    struct stat st {};
    if (fd_ < 0 || ::fstat(fd_, &st) != 0) return std::nullopt;
    return FileUsage{static_cast<uint64_t>(st.st_size), static_cast<uint64_t>(st.st_blocks) * 512};
}

} // namespace vizor::dc
