// Containers: a cgroup for the resources and a PID namespace for the view. Their tasks
// are ordinary host tasks on the one host kernel (same scheduler, same system calls);
// only what getpid and getppid answer differs, as in pid_namespaces(7): the first
// task of a namespace is its pid 1, and a parent outside the namespace shows as 0.
#include "host/HostModel.h"

namespace vizor::host {

WriteResult HostModel::createContainer(const std::string& name, std::string_view cgroupPath) {
    if (name.empty()) return {err::kEINVAL, "a container needs a name"};
    if (container(name)) return {err::kEEXIST, "container " + name + " exists"};
    if (!cgroups_.find(cgroupPath)) return {err::kENOENT, "no such cgroup"};
    auto pidns = std::make_unique<PidNamespace>();
    pidns->name = name;
    containers_.push_back({name, std::string(cgroupPath), pidns.get()});
    pidNamespaces_.push_back(std::move(pidns));
    return {};
}

const Container* HostModel::container(std::string_view name) const {
    for (const Container& c : containers_)
        if (c.name == name) return &c;
    return nullptr;
}

int HostModel::spawnInContainer(const Program& program, std::string_view name) {
    const Container* c = container(name);
    if (!c) return -err::kENOENT;
    return spawn(program, c->cgroupPath, c->pidns);
}

int HostModel::parentInNamespace(const Pcb& task) const {
    const Pcb* parent = this->task(task.ppid);
    if (!task.ppid || !parent || parent->pidns != task.pidns) return 0;
    return pidInNamespace(*parent);
}

} // namespace vizor::host
