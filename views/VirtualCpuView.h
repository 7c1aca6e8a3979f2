// Virtual vs real: under a hypervisor mode, the supervisor CSRs the guest kernel
// believes it owns (the VMM's virtual CPU, or the VS CSRs under hw) beside the real
// hart's, and the guest's virtual privilege beside the hart's. Under trap and emulate
// they differ all the time: the kernel sets its stvec, the hart's stays the VMM's.
// Below them, the VM exits so far by reason. Values changed since the last stop are bold.
#pragma once

#include "cpu/HartState.h"
#include "hypervisor/Hypervisor.h"

#include <QWidget>
#include <optional>
#include <vector>

class QLabel;
class QTableWidget;

namespace vizor::views {

class VirtualCpuView : public QWidget {
    Q_OBJECT
public:
    explicit VirtualCpuView(QWidget* parent = nullptr);

    // `guest` is empty when the machine runs natively (no VMM, nothing virtual).
    void show(const QString& mode, const HartState& hart,
              const std::optional<hv::GuestState>& guest, const hv::VmStats& stats, bool stopped);

    QTableWidget* csrTable() const { return csrs_; }
    QTableWidget* exitTable() const { return exits_; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void setCell(QTableWidget* table, int row, int column, const QString& text, bool changed);

    QLabel* title_;
    QTableWidget* csrs_;
    QTableWidget* exits_;
    std::vector<uint32_t> lastValues_; // virtual then real, per row, at the last stop
    std::vector<uint64_t> lastExits_;
    std::vector<uint32_t> shownValues_;
    std::vector<uint64_t> shownExits_;
    QString mode_;
    bool hasGuest_ = false;
};

// The rows: name, then the virtual and real values.
struct CsrPair {
    const char* name;
    uint32_t virtualValue;
    uint32_t realValue;
};
std::vector<CsrPair> csrPairs(const HartState& hart, const hv::GuestState& guest);

} // namespace vizor::views
