#include "cli/DiskCommand.h"

#include "asm/Assembler.h"
#include "cli/JsonWriter.h"
#include "datacenter/BlockVm.h"

#include <charconv>
#include <fstream>
#include <optional>
#include <ostream>
#include <sstream>

namespace vizor::cli {

namespace {

constexpr int kBadInput = 2;
constexpr int kNotFinished = 3;
constexpr uint64_t kMaxSteps = 1'000'000'000;

struct Options {
    std::string program, image;
    uint64_t sizeMiB = 64;
    dc::Provisioning provisioning = dc::Provisioning::Thin;
    bool json = false;
};

std::optional<Options> parse(const std::vector<std::string>& args, std::ostream& err) {
    Options o;
    for (std::size_t i = 1; i < args.size(); ++i) {
        const std::string& a = args[i];
        const std::string value = i + 1 < args.size() ? args[i + 1] : "";
        if (a == "--json") {
            o.json = true;
        } else if (a == "--thick") {
            o.provisioning = dc::Provisioning::Thick;
        } else if (a == "--image" && !value.empty()) {
            o.image = value;
            ++i;
        } else if (a == "--size") {
            const auto [end, ec] =
                std::from_chars(value.data(), value.data() + value.size(), o.sizeMiB);
            if (value.empty() || ec != std::errc() || end != value.data() + value.size() ||
                o.sizeMiB == 0 || o.sizeMiB > (1u << 20)) {
                err << "vizor disk: --size needs MiB from 1 to 1048576, got '" << value << "'\n";
                return std::nullopt;
            }
            ++i;
        } else if (a.starts_with("--") || !o.program.empty()) {
            err << "vizor disk: unexpected '" << a << "' (see 'vizor help')\n";
            return std::nullopt;
        } else {
            o.program = a;
        }
    }
    if (o.program.empty() || o.image.empty()) {
        err << "vizor disk: needs PROGRAM.s and --image PATH (see 'vizor help')\n";
        return std::nullopt;
    }
    return o;
}

void report(const Options& o, const dc::VirtualDisk& disk, const dc::BlockVm& vm,
            std::ostream& out) {
    const Machine& m = vm.machine();
    const dc::FileUsage usage = disk.fileUsage().value_or(dc::FileUsage{});
    const dc::VirtioBlk& dev = vm.blockDevice();
    if (o.json) {
        JsonObject j;
        j.add("program", o.program)
            .add("image", o.image)
            .add("provisioning", dc::provisioningName(disk.provisioning()))
            .add("capacity_bytes", disk.capacity())
            .add("grains", uint64_t{disk.grainCount()})
            .add("grains_allocated", uint64_t{disk.grainsAllocated()})
            .add("grain_tables", uint64_t{disk.grainTableCount()})
            .add("grain_tables_allocated", uint64_t{disk.grainTablesAllocated()})
            .add("requests", dev.requests())
            .add("sectors_written", dev.sectorsWritten())
            .add("sectors_read", dev.sectorsRead())
            .add("file_apparent_bytes", usage.apparentBytes)
            .add("file_allocated_bytes", usage.allocatedBytes)
            .add("console", m.console())
            .add("halted_reason", haltReasonName(m.haltReason()));
        out << j.str() << "\n";
        return;
    }
    out << m.console();
    out << "disk " << o.image << ": " << dc::provisioningName(disk.provisioning()) << ", "
        << disk.capacity() / (1u << 20) << " MiB (" << disk.grainCount() << " grains of 64 KiB, "
        << disk.grainTableCount() << " grain tables)\n";
    out << "allocated: " << disk.grainsAllocated() << " grains, " << disk.grainTablesAllocated()
        << " grain tables; requests " << dev.requests() << ", sectors written "
        << dev.sectorsWritten() << ", read " << dev.sectorsRead() << "\n";
    out << "file: apparent size " << usage.apparentBytes << " bytes, occupies "
        << usage.allocatedBytes << " bytes\n";
}

} // namespace

int diskCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    const auto o = parse(args, err);
    if (!o) return kBadInput;
    std::ifstream in(o->program, std::ios::binary);
    if (!in) {
        err << "vizor disk: cannot read '" << o->program << "'\n";
        return kBadInput;
    }
    std::ostringstream text;
    text << in.rdbuf();
    AssemblerOptions asmOptions;
    asmOptions.fileName = o->program;
    asmOptions.defines["BLOCK"] = 1; // the kernel with its virtio-blk driver
    const AssemblyResult assembled = assemble(text.str(), asmOptions);
    if (!assembled.ok()) {
        for (const Diagnostic& d : assembled.errors)
            err << d.format() << "\n";
        return kBadInput;
    }
    std::string error;
    auto disk = dc::VirtualDisk::createFile(o->image, o->sizeMiB << 20, o->provisioning, error);
    if (!disk) {
        err << "vizor disk: " << error << "\n";
        return kBadInput;
    }
    dc::BlockVm vm({}, *disk);
    if (!vm.load(assembled.program, error)) {
        err << "vizor disk: " << error << "\n";
        return kBadInput;
    }
    vm.run(kMaxSteps);
    if (!disk->flush()) err << "vizor disk: " << disk->lastError() << "\n";
    report(*o, *disk, vm, out);
    return vm.machine().haltReason() == HaltReason::PowerOff ? 0 : kNotFinished;
}

} // namespace vizor::cli
