// The common base of the concept views. A view keeps the engine events it was fed (with
// their sequence numbers, so travelling back can drop the ones beyond the new position),
// turns them into SceneItems, and paints them. New items animate in; when the timeline is
// rewound the dropped items animate out, the same transition played backwards. Durations
// follow the speed slider and are zero with "reduce motion". Rendering depends only on
// the events, the size and the palette: the same run gives byte-identical exports.
#pragma once

#include "events/Event.h"
#include "views/concepts/ConceptPalette.h"
#include "views/concepts/SceneItem.h"

#include <QVariantAnimation>
#include <QWidget>
#include <cstdint>
#include <vector>

namespace vizor::views::concepts {

class ConceptView : public QWidget {
    Q_OBJECT
public:
    explicit ConceptView(QWidget* parent = nullptr);

    // Stable name used by the command line, the docks' object names and file names.
    virtual QString viewName() const = 0;
    virtual QString title() const = 0;

    // Events in engine order; `firstSequence` is the first one's number in the run.
    void appendEvents(const std::vector<Event>& events, uint64_t firstSequence);
    // The timeline was rewritten: events numbered keepBelow and beyond go (animated).
    void rewind(uint64_t keepBelow);
    void clearEvents();
    const std::vector<Event>& events() const { return events_; }
    uint64_t firstSequence() const { return firstSequence_; }
    uint64_t endSequence() const { return firstSequence_ + events_.size(); }

    void setDark(bool dark);
    const ConceptPalette& conceptPalette() const { return palette_; }
    void setReduceMotion(bool reduce);
    // The speed slider's position (0 slowest ... 100 unthrottled): faster runs get
    // shorter transitions so the picture keeps up.
    void setSpeedPosition(int position);
    int transitionMs() const;
    bool animating() const { return animation_.state() == QAbstractAnimation::Running; }
    // Puts the running transition at `ms` (frame-exact renders and the benchmark).
    void seekAnimation(int ms);
    void finishAnimation();

    // The items for a drawing of this size (what paintTo draws and the tests inspect).
    SceneItems items(const QSizeF& size) const;
    SceneItems itemsWithId(const QString& id) const;
    // Paints the whole view (background included) into a painter of `size` logical pixels.
    virtual void paintTo(QPainter& painter, const QSizeF& size) const;
    // Draws the view onto any device (image, SVG, PDF) at `scale` device pixels per
    // logical pixel; what the exporter and the benchmark call.
    virtual void render(QPaintDevice& device, const QSizeF& size, qreal scale) const;
    // The size exports use: the widget's own when shown, a 16:9 projector frame otherwise.
    QSize exportSize() const;
    static QSize defaultExportSize() { return {1280, 720}; }

    // How far an item's transition has played: 1 shown, 0 not (yet, or any more).
    qreal revealOf(const SceneItem& item) const;

    int selectedKey() const { return selected_; }
    void setSelectedKey(int key);

signals:
    void selectionChanged(int key);

protected:
    // Builds what to draw inside `area` from the events fed so far.
    virtual void buildItems(SceneItems& out, const QRectF& area) const = 0;
    // The events changed: events()[firstNew...] were appended to ones already seen, or,
    // with firstNew 0, everything changed (dropped, cleared, trimmed). Views derive their
    // model incrementally from firstNew on, so a snapshot costs what it brought.
    virtual void eventsChanged(std::size_t firstNew) { (void)firstNew; }
    // Light or dark was switched.
    virtual void paletteChanged() {}
    // The selection a view shows when nothing was clicked (usually the newest item).
    virtual int defaultSelection() const { return -1; }
    int effectiveSelection() const { return selected_ >= 0 ? selected_ : defaultSelection(); }
    // Sequence number of events_[i].
    uint64_t sequenceAt(std::size_t i) const { return firstSequence_ + i; }

    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
    // Follows the application's theme: dark when the window background is dark.
    void changeEvent(QEvent* event) override;

private:
    void startTransition(uint64_t from, bool backwards);
    void dropPending();
    void exportInteractively(int formatIndex);

    std::vector<Event> events_;
    uint64_t firstSequence_ = 0;
    ConceptPalette palette_ = ConceptPalette::light();
    bool reduceMotion_ = false;
    int speedPosition_ = 50;
    QVariantAnimation animation_;
    qreal progress_ = 1.0;             // of the transition of items from revealFrom_ on
    uint64_t revealFrom_ = UINT64_MAX; // first sequence that is animating
    uint64_t dropFrom_ = UINT64_MAX;   // events from here go when the backward play ends
    int selected_ = -1;
};

// Drops the events a snapshot rewrote and feeds its new ones (sequence-numbered).
// Kept here so every caller (docks, tests, the gallery tool) feeds views the same way.
struct NumberedEvent {
    Event event;
    uint64_t sequence = 0;
};
void feedView(ConceptView& view, uint64_t keepBelow, const std::vector<NumberedEvent>& events);

} // namespace vizor::views::concepts
