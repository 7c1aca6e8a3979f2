// The live cgroup-tree reader over a synthetic file system made from the input, so the
// fuzzer controls /proc/self/mountinfo and every cgroup file at once. Input format:
// records separated by a line "--"; each record is a path line, then the file's text.
// Text "!EACCES" or "!ENOENT" makes reading that path fail with that errno (a file the
// reader may not open, a group that vanishes). Directories are implied by the paths.
#include "FuzzTarget.h"

#include "host/LiveCgroups.h"

#include <cerrno>
#include <map>
#include <set>
#include <string>

namespace {

class SyntheticTree : public vizor::host::CgroupFileSystem {
public:
    explicit SyntheticTree(std::string_view input) {
        while (!input.empty()) {
            const std::size_t end = input.find("\n--\n");
            add(input.substr(0, end));
            input = end == std::string_view::npos ? std::string_view{} : input.substr(end + 4);
        }
    }

    int readFile(const std::string& path, std::string& text) const override {
        const auto it = files_.find(path);
        if (it == files_.end()) return ENOENT;
        if (it->second == "!EACCES") return EACCES;
        if (it->second == "!ENOENT") return ENOENT;
        text = it->second;
        return 0;
    }

    int listDirectories(const std::string& path, std::vector<std::string>& names) const override {
        const auto it = directories_.find(path);
        if (it == directories_.end()) return ENOENT;
        names.assign(it->second.begin(), it->second.end());
        return 0;
    }

private:
    void add(std::string_view record) {
        const std::size_t newline = record.find('\n');
        const std::string path(record.substr(0, newline));
        if (path.empty() || path.front() != '/') return;
        files_[path] = newline == std::string_view::npos ? "" : record.substr(newline + 1);
        // Every ancestor is a directory listing its child.
        for (std::size_t slash = path.rfind('/'); slash != std::string::npos && slash > 0;
             slash = path.rfind('/', slash - 1)) {
            const std::string parent = path.substr(0, slash);
            const std::size_t nameStart = slash + 1;
            const std::size_t nameEnd = path.find('/', nameStart);
            if (nameEnd != std::string::npos)
                directories_[parent].insert(path.substr(nameStart, nameEnd - nameStart));
            else
                directories_[parent]; // the file's own directory exists
        }
    }

    std::map<std::string, std::string> files_;
    std::map<std::string, std::set<std::string>> directories_;
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const SyntheticTree fs(vizor::fuzz::asText(data, size));
    const auto tree = vizor::host::readLiveCgroups(fs, "", 64);
    for (const auto& hierarchy : tree.hierarchies) {
        FUZZ_CHECK(hierarchy.groups.size() <= 64);
        FUZZ_CHECK(hierarchy.mount.version == 1 || hierarchy.mount.version == 2);
    }
    FUZZ_CHECK(!vizor::host::formatLiveCgroups(tree).empty());
    return 0;
}
