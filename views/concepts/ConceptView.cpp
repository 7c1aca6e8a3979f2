#include "views/concepts/ConceptView.h"

#include "views/concepts/ConceptExport.h"

#include <QContextMenuEvent>
#include <QFileDialog>
#include <QMenu>
#include <QMessageBox>
#include <QPainter>
#include <cmath>

namespace vizor::views::concepts {

namespace {
// A transition at the middle of the speed slider; long enough to follow by eye.
constexpr int kBaseTransitionMs = 450;
// Views keep this many recent events: enough for every picture, bounded memory.
constexpr std::size_t kKeptEvents = 200'000;
} // namespace

ConceptView::ConceptView(QWidget* parent) : QWidget(parent) {
    setMinimumSize(320, 200);
    setAttribute(Qt::WA_OpaquePaintEvent);
    if (palette().color(QPalette::Window).lightness() < 128)
        palette_ = ConceptPalette::darkPalette();
    animation_.setStartValue(0.0);
    animation_.setEndValue(1.0);
    connect(&animation_, &QVariantAnimation::valueChanged, this, [this](const QVariant& v) {
        progress_ = v.toReal();
        update();
    });
    connect(&animation_, &QVariantAnimation::finished, this, [this] {
        progress_ = animation_.direction() == QAbstractAnimation::Forward ? 1.0 : 0.0;
        dropPending();
        update();
    });
}

void ConceptView::appendEvents(const std::vector<Event>& events, uint64_t firstSequence) {
    if (events.empty()) return;
    dropPending();
    if (events_.empty()) firstSequence_ = firstSequence;
    // A gap (events the GUI never saw) is closed up: the view shows what it was given.
    std::size_t firstNew = events_.size();
    events_.insert(events_.end(), events.begin(), events.end());
    // Trimmed in large steps, since trimming makes the view derive everything again.
    if (events_.size() > kKeptEvents + kKeptEvents / 4) {
        const std::size_t excess = events_.size() - kKeptEvents;
        events_.erase(events_.begin(), events_.begin() + static_cast<std::ptrdiff_t>(excess));
        firstSequence_ += excess;
        firstNew = 0;
    }
    eventsChanged(firstNew);
    startTransition(endSequence() - events.size(), false);
}

void ConceptView::rewind(uint64_t keepBelow) {
    if (keepBelow >= endSequence()) return;
    dropPending();
    dropFrom_ = std::max(keepBelow, firstSequence_);
    startTransition(dropFrom_, true);
}

void ConceptView::clearEvents() {
    animation_.stop();
    events_.clear();
    firstSequence_ = 0;
    revealFrom_ = dropFrom_ = UINT64_MAX;
    progress_ = 1.0;
    selected_ = -1;
    eventsChanged(0);
    update();
}

void ConceptView::dropPending() {
    if (dropFrom_ == UINT64_MAX) return;
    const uint64_t keep = dropFrom_ - firstSequence_;
    dropFrom_ = UINT64_MAX;
    animation_.stop();
    if (keep < events_.size()) events_.resize(keep);
    revealFrom_ = UINT64_MAX;
    progress_ = 1.0;
    selected_ = -1;
    eventsChanged(0);
}

void ConceptView::startTransition(uint64_t from, bool backwards) {
    animation_.stop();
    revealFrom_ = from;
    const int ms = transitionMs();
    if (ms == 0) {
        progress_ = backwards ? 0.0 : 1.0;
        dropPending();
        update();
        return;
    }
    animation_.setDuration(ms);
    animation_.setDirection(backwards ? QAbstractAnimation::Backward : QAbstractAnimation::Forward);
    progress_ = backwards ? 1.0 : 0.0;
    animation_.start();
}

void ConceptView::seekAnimation(int ms) {
    if (animation_.state() == QAbstractAnimation::Stopped) return;
    animation_.pause();
    animation_.setCurrentTime(
        animation_.direction() == QAbstractAnimation::Forward ? ms : animation_.duration() - ms);
    progress_ = animation_.currentValue().toReal();
}

void ConceptView::finishAnimation() {
    if (animation_.state() == QAbstractAnimation::Stopped) return;
    const bool backwards = animation_.direction() == QAbstractAnimation::Backward;
    animation_.stop();
    progress_ = backwards ? 0.0 : 1.0;
    dropPending();
    update();
}

void ConceptView::setDark(bool dark) {
    palette_ = dark ? ConceptPalette::darkPalette() : ConceptPalette::light();
    paletteChanged();
    update();
}

void ConceptView::setReduceMotion(bool reduce) {
    reduceMotion_ = reduce;
    if (reduce) finishAnimation();
}

void ConceptView::setSpeedPosition(int position) {
    speedPosition_ = std::clamp(position, 0, 100);
}

int ConceptView::transitionMs() const {
    if (reduceMotion_) return 0;
    // From 2x the base at the slowest run to a quarter of it unthrottled (log-like).
    const double factor = std::pow(2.0, 1.0 - 3.0 * speedPosition_ / 100.0);
    return static_cast<int>(std::lround(kBaseTransitionMs * factor));
}

void ConceptView::setSelectedKey(int key) {
    if (key == selected_) return;
    selected_ = key;
    update();
    Q_EMIT selectionChanged(key);
}

SceneItems ConceptView::items(const QSizeF& size) const {
    SceneItems out;
    buildItems(out, QRectF(QPointF(0, 0), size).adjusted(16, 12, -16, -12));
    const int selected = effectiveSelection();
    for (SceneItem& item : out)
        item.selected = item.selectKey >= 0 && item.selectKey == selected;
    return out;
}

SceneItems ConceptView::itemsWithId(const QString& id) const {
    SceneItems matching;
    for (const SceneItem& item : items(exportSize()))
        if (item.id == id) matching << item;
    return matching;
}

qreal ConceptView::revealOf(const SceneItem& item) const {
    if (item.sequence < 0 || static_cast<uint64_t>(item.sequence) < revealFrom_) return 1.0;
    return progress_;
}

void ConceptView::paintTo(QPainter& painter, const QSizeF& size) const {
    painter.fillRect(QRectF(QPointF(0, 0), size), palette_.background);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    for (const SceneItem& item : items(size))
        paintItem(painter, item, palette_, revealOf(item));
}

void ConceptView::render(QPaintDevice& device, const QSizeF& size, qreal scale) const {
    QPainter painter(&device);
    painter.scale(scale, scale);
    paintTo(painter, size);
}

QSize ConceptView::exportSize() const {
    return isVisible() ? size() : defaultExportSize();
}

void ConceptView::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    paintTo(painter, size());
}

void ConceptView::changeEvent(QEvent* event) {
    if (event->type() == QEvent::PaletteChange) {
        const bool dark = palette().color(QPalette::Window).lightness() < 128;
        if (dark != palette_.dark) setDark(dark);
    }
    QWidget::changeEvent(event);
}

void ConceptView::mousePressEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton) return QWidget::mousePressEvent(event);
    const QPointF p = event->position();
    const SceneItems all = items(size());
    for (auto it = all.crbegin(); it != all.crend(); ++it) {
        if (it->selectKey < 0) continue;
        const QRectF hit = it->kind == SceneItem::Kind::Arrow
                               ? QRectF(it->from, it->to).normalized().adjusted(-8, -8, 8, 8)
                               : it->rect.adjusted(-4, -4, 4, 4);
        if (hit.contains(p)) return setSelectedKey(it->selectKey);
    }
}

void ConceptView::contextMenuEvent(QContextMenuEvent* event) {
    QMenu menu(this);
    const QStringList labels = {tr("Export as PNG..."), tr("Export as PNG at 2x..."),
                                tr("Export as SVG..."), tr("Export as PDF...")};
    for (int i = 0; i < labels.size(); ++i)
        menu.addAction(labels[i], this, [this, i] { exportInteractively(i); });
    menu.exec(event->globalPos());
}

void ConceptView::exportInteractively(int formatIndex) {
    static const char* const suffixes[] = {"png", "png", "svg", "pdf"};
    const QString suffix = QString::fromLatin1(suffixes[formatIndex]);
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export view"), viewName() + QLatin1Char('.') + suffix,
        tr("%1 files (*.%2)").arg(suffix.toUpper(), suffix));
    if (path.isEmpty()) return;
    const ExportFormat format = formatIndex < 2    ? ExportFormat::Png
                                : formatIndex == 2 ? ExportFormat::Svg
                                                   : ExportFormat::Pdf;
    QString error;
    if (!exportView(*this, path, format, formatIndex == 1 ? 2.0 : 1.0, &error))
        QMessageBox::warning(this, tr("Export view"), error);
}

void feedView(ConceptView& view, uint64_t keepBelow, const std::vector<NumberedEvent>& events) {
    view.rewind(keepBelow);
    std::vector<Event> batch;
    uint64_t first = 0;
    for (const NumberedEvent& e : events) {
        if (batch.empty()) first = e.sequence;
        batch.push_back(e.event);
    }
    view.appendEvents(batch, first);
}

} // namespace vizor::views::concepts
