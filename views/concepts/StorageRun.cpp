#include "views/concepts/StorageRun.h"

#include "asm/Assembler.h"
#include "datacenter/BlockVm.h"
#include "events/EventStream.h"
#include "views/concepts/ScenarioRun.h"

#include <fstream>
#include <sstream>

namespace vizor::views::concepts {

namespace {

class GrainRecorder : public EventObserver {
public:
    explicit GrainRecorder(std::vector<NumberedEvent>& out) : out_(out) {}
    void onEvent(const Event& event) override { out_.push_back({event, out_.size()}); }

private:
    std::vector<NumberedEvent>& out_;
};

} // namespace

StorageRun runDiskWriter(uint64_t diskBytes) {
    StorageRun run;
    const std::string dir = dataRoot() + "/resources/guests/";
    std::string source;
    // The kernel with its virtio-blk driver, as resources/guests/README.md lists the files.
    for (const char* name : {"privops.inc", "kernel.s", "proc.s", "vm.s", "console.s", "blk.s",
                             "ulib.s", "workloads/diskwriter.s"}) {
        std::ifstream in(dir + name);
        if (!in) {
            run.error = "cannot read " + dir + name;
            return run;
        }
        std::ostringstream text;
        text << in.rdbuf();
        source += text.str() + "\n";
    }
    AssemblerOptions options;
    options.fileName = "diskwriter.s";
    options.defines["BLOCK"] = 1;
    const AssemblyResult assembled = assemble(source, options);
    if (!assembled.ok()) {
        run.error = assembled.errors.front().format();
        return run;
    }
    auto disk = dc::VirtualDisk::inMemory(diskBytes, dc::Provisioning::Thin);
    dc::BlockVm vm({}, *disk);
    if (!vm.load(assembled.program, run.error)) return run;
    GrainRecorder recorder(run.events);
    vm.machine().events().subscribe(&recorder, maskOf(EventType::GrainAllocated));
    vm.run(50'000'000);
    vm.machine().events().unsubscribe(&recorder);
    run.disk.name =
        QStringLiteral("%1 MiB virtio-blk disk, diskwriter workload").arg(disk->capacity() >> 20);
    run.disk.grainCount = disk->grainCount();
    run.disk.grainBytes = dc::kGrainBytes;
    run.grainsAllocated = disk->grainsAllocated();
    run.console = vm.machine().console();
    return run;
}

} // namespace vizor::views::concepts
