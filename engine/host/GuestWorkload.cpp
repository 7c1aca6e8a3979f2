#include "host/GuestWorkload.h"

#include "asm/Assembler.h"
#include "host/AddressSpace.h"
#include "host/CgroupTree.h"

namespace vizor::host {

namespace {

// The host's start-up code for the user image (crt0): the image expects the guest
// kernel's user layout below 0x0100_0000 (heap from 0x0040_0000, mmap area, stack
// area; resources/guests/README.md), demand-paged. One brk covers it all; pages are
// still charged only when touched. Then the image's own start, user_entry.
constexpr const char* kStartup = R"(
_start:
    li a0, 0x01000000
    li a7, 214              # brk
    ecall
    li t0, USER_ENTRY
    jr t0
)";

std::optional<std::string> kernelSource(const std::string& workload, const GuestSourceReader& read,
                                        std::string& error) {
    std::string source;
    for (const std::string& name :
         {std::string("privops.inc"), std::string("kernel.s"), std::string("proc.s"),
          std::string("vm.s"), std::string("console.s"), std::string("ulib.s"),
          "workloads/" + workload + ".s"}) {
        std::string text;
        if (!read(name, text)) {
            error = "cannot read the guest kernel's " + name;
            return std::nullopt;
        }
        source += text + "\n";
    }
    return source;
}

std::optional<Program> assembleKernel(const std::string& source, const std::string& workload,
                                      bool paravirt, std::string& error) {
    AssemblerOptions options;
    options.fileName = "kernel-" + workload + (paravirt ? "-pv.s" : ".s");
    if (paravirt) options.defines["PARAVIRT"] = 1;
    AssemblyResult r = assemble(source, options);
    if (!r.ok()) {
        error = r.errors.front().format();
        return std::nullopt;
    }
    return std::move(r.program);
}

// The bytes from user_image_start to the end of its section: ulib.s and the workload.
std::optional<std::vector<uint8_t>> userImage(const Program& kernel, std::string& error) {
    const auto start = kernel.symbol("user_image_start");
    const auto entry = kernel.symbol("user_entry");
    if (!start || !entry) {
        error = "the guest kernel has no user_image_start / user_entry";
        return std::nullopt;
    }
    for (const Section& s : kernel.sections) {
        const uint32_t end = s.address + static_cast<uint32_t>(s.bytes.size());
        if (*start < s.address || *start >= end) continue;
        return std::vector<uint8_t>(s.bytes.begin() + (*start - s.address), s.bytes.end());
    }
    error = "user_image_start lies in no section";
    return std::nullopt;
}

} // namespace

std::optional<GuestWorkload> buildGuestWorkload(const std::string& workload,
                                                const GuestSourceReader& read, std::string& error) {
    const auto source = kernelSource(workload, read, error);
    if (!source) return std::nullopt;
    GuestWorkload w;
    w.name = workload;
    auto native = assembleKernel(*source, workload, false, error);
    auto paravirt = native ? assembleKernel(*source, workload, true, error) : std::nullopt;
    if (!native || !paravirt) return std::nullopt;
    w.kernel = std::move(*native);
    w.paravirtKernel = std::move(*paravirt);
    const auto image = userImage(w.kernel, error);
    if (!image) return std::nullopt;
    w.imageBytes = image->size();
    // The image goes where the guest kernel maps it (its USER_TEXT is the host's text
    // base), the start-up stub on the next page.
    const uint32_t entryOffset =
        *w.kernel.symbol("user_entry") - *w.kernel.symbol("user_image_start");
    const uint32_t stubBase =
        layout::kTextBase +
        (static_cast<uint32_t>(image->size()) + kPageSize - 1) / kPageSize * kPageSize;
    AssemblerOptions options{"crt0.s", stubBase, {{"USER_ENTRY", layout::kTextBase + entryOffset}}};
    const AssemblyResult stub = assemble(kStartup, options);
    if (!stub.ok()) {
        error = stub.errors.front().format();
        return std::nullopt;
    }
    w.hostProgram.sections.push_back({".text", layout::kTextBase, *image});
    for (const Section& s : stub.program.sections)
        if (!s.bytes.empty()) w.hostProgram.sections.push_back(s);
    w.hostProgram.entry = stubBase;
    w.hostProgram.symbols = {{"_start", stubBase}, {"user_entry", layout::kTextBase + entryOffset}};
    return w;
}

} // namespace vizor::host
