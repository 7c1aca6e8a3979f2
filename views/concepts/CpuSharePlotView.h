// CPU share per cgroup over time (QCustomPlot): the host model's hart divided among the
// groups whose tasks ran on it, in equal slices of virtual time (by default one
// cpu.max period, 100 ms), stacked so the bands fill the whole CPU and the idle task
// takes what is left. cpu.weight shows as band thickness, cpu.max as a band that stops
// at its quota, with each throttling the engine reported marked on it. Drawn from the
// context_switch events (who ran from when) and cgroup_throttle events; which group a
// pid is in comes from the host model (cpuShareGroupsOf).
#pragma once

#include "views/concepts/PlotView.h"

#include <map>

namespace vizor::host {
class HostModel;
}

namespace vizor::views::concepts {

struct CpuShareGroup {
    QString path;    // "/heavy"
    uint32_t id = 0; // the host model's cgroup id (throttle events name it)
    QString limits;  // "cpu.weight 300", "cpu.max 20000/100000"
    QList<int> pids; // the tasks that were in it (not those of its children)
};

// Every group of the host model with the pids whose task was (or, exited, ended) in it.
QList<CpuShareGroup> cpuShareGroupsOf(const host::HostModel& host);

class CpuSharePlotView : public PlotView {
    Q_OBJECT
public:
    explicit CpuSharePlotView(QWidget* parent = nullptr);
    QString viewName() const override { return QStringLiteral("cpu-share-plot"); }
    QString title() const override;

    void setGroups(const QList<CpuShareGroup>& groups);
    // The slice of virtual time each point covers, in µs (1 step = 1 µs).
    void setSliceUsec(uint64_t usec);
    uint64_t sliceUsec() const { return slice_; }

    // Per group (setGroups' order) and the idle task (last), the µs it ran in each
    // slice, up to the last context switch (what the bands show, divided by the slice).
    const std::vector<std::vector<double>>& usecPerSlice() const { return usec_; }
    // The groups drawn: those with tasks (indexes into setGroups' list); idle comes after.
    const std::vector<int>& shownGroups() const { return shown_; }
    // When (µs) each group id was throttled.
    const std::map<uint32_t, std::vector<uint64_t>>& throttles() const { return throttles_; }

protected:
    void refresh() override;
    void collect(std::size_t firstNew) override;

private:
    void account(int pid, uint64_t from, uint64_t to);
    int rowOfPid(int pid) const;

    QList<CpuShareGroup> groups_;
    std::map<int, int> rowOfPid_; // pid -> row of usec_ (idle: the last row)
    std::vector<int> shown_;
    uint64_t slice_ = 100'000;
    std::vector<std::vector<double>> usec_;
    std::map<uint32_t, std::vector<uint64_t>> throttles_;
    int running_ = -1; // pid on the hart since runningSince_ (-1: none seen yet)
    uint64_t runningSince_ = 0;
};

} // namespace vizor::views::concepts
