// A thin (sparse) virtual disk as a grid of grains, the unit a vmdk-style image
// allocates (64 KiB): grains the guest's writes allocated fill in as the engine's
// grain_allocated events arrive; the rest of the disk takes no space in the image.
#pragma once

#include "views/concepts/ConceptView.h"

#include <QHash>

namespace vizor::views::concepts {

struct StorageDisk {
    QString name; // "guest.img, thin"
    uint32_t grainCount = 0;
    uint32_t grainBytes = 65536;
};

class StorageView : public ConceptView {
    Q_OBJECT
public:
    explicit StorageView(QWidget* parent = nullptr);
    QString viewName() const override { return QStringLiteral("storage"); }
    QString title() const override;

    void setDisk(const StorageDisk& disk);
    // Grain index -> sequence of the event that allocated it.
    const QHash<uint32_t, qint64>& allocated() const { return allocated_; }
    uint32_t grainTables() const { return grainTables_; }

protected:
    void buildItems(SceneItems& out, const QRectF& area) const override;
    void eventsChanged(std::size_t firstNew) override;

private:
    StorageDisk disk_;
    QHash<uint32_t, qint64> allocated_;
    uint32_t grainTables_ = 0;
};

} // namespace vizor::views::concepts
