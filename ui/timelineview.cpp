#include "timelineview.h"

#include "analysisflagstyle.h"
#include "models/timelinemodel.h"
#include "plaintooltip.h"
#include "timelinemarkbatch.h"

#include <QApplication>
#include <QDateTime>
#include <QHash>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QPainter>
#include <QScrollBar>
#include <QTimer>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <limits>

namespace {
constexpr int kGutter = 190;              // lane labels
constexpr int kAxis = 22;                 // time axis
constexpr int kLaneBase = 30;             // a lane without duplicates
constexpr int kStackStep = 7;             // each duplicate level
constexpr int kMaxStack = 6;              // deeper copies share the top level
constexpr int kHitRadius = 7;             // pixels
constexpr double kMinMsPerPixel = 0.001;  // a microsecond per pixel
constexpr double kMaxContentPixels = 1e9; // scroll bars are int

// Nice tick steps, in ms.
const double kTickSteps[] = {
    0.001,   0.002,   0.005,    0.01,     0.02,     0.05,     0.1,       0.2,      0.5,    1,
    2,       5,       10,       20,       50,       100,      200,       500,      1000,   2000,
    5000,    10000,   15000,    30000,    60000,    120000,   300000,    600000,   900000, 1800000,
    3600000, 7200000, 10800000, 21600000, 43200000, 86400000, 172800000, 604800000};

QString tickLabel(double ms, double step)
{
    const double whole = std::floor(ms);
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(qint64(whole), Qt::UTC).toLocalTime();
    if (step >= 86400000)
        return time.toString(QStringLiteral("MM-dd"));
    if (step >= 60000)
        return time.toString(QStringLiteral("HH:mm"));
    if (step >= 1000)
        return time.toString(QStringLiteral("HH:mm:ss"));
    if (step >= 1)
        return time.toString(QStringLiteral("HH:mm:ss.zzz"));
    const int micros = qBound(0, int(std::lround((ms - whole) * 1000)), 999);
    return time.toString(QStringLiteral("ss.zzz")) +
           QStringLiteral("%1").arg(micros, 3, 10, QLatin1Char('0'));
}
} // namespace

TimelineView::TimelineView(QWidget *parent)
    : QAbstractScrollArea(parent)
    , m_repaint(new QTimer(this))
{
    setObjectName(QStringLiteral("timelineView"));
    setAccessibleName(QStringLiteral("Timeline"));
    setFocusPolicy(Qt::StrongFocus);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    viewport()->setAttribute(Qt::WA_OpaquePaintEvent);
    setMinimumSize(320, 120);
    m_repaint->setSingleShot(true);
    m_repaint->setInterval(kLiveRepaintMs);
    connect(m_repaint, &QTimer::timeout, viewport(), qOverload<>(&QWidget::update));
}

void TimelineView::setModel(TimelineModel *model)
{
    if (m_model == model)
        return;
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    if (m_model) {
        connect(m_model, &QAbstractItemModel::rowsInserted, this, &TimelineView::onRowsInserted);
        connect(m_model, &QAbstractItemModel::modelReset, this, &TimelineView::relayout);
        connect(m_model, &QObject::destroyed, this, &TimelineView::relayout);
    }
    m_userZoomed = false;
    relayout();
}

int TimelineView::laneCount() const
{
    return m_model ? m_model->laneCount() : 0;
}

int TimelineView::plotWidth() const
{
    return qMax(1, viewport()->width() - kGutter);
}

int TimelineView::laneHeight(int lane) const
{
    return kLaneBase + kStackStep * qMin(m_model->laneAt(lane).maxStack, kMaxStack);
}

int TimelineView::laneTop(int lane) const
{
    return kAxis + m_laneTops.at(lane) - verticalScrollBar()->value();
}

double TimelineView::xFor(double ms) const
{
    return kGutter + (ms - m_startMs) / m_msPerPixel - horizontalScrollBar()->value();
}

double TimelineView::timeAt(double viewportX) const
{
    return m_startMs + (viewportX - kGutter + horizontalScrollBar()->value()) * m_msPerPixel;
}

double TimelineView::eventMarkY(const TimelineEvent &event) const
{
    return laneTop(event.lane) + laneHeight(event.lane) - 17 -
           qMin(event.stack, kMaxStack) * kStackStep;
}

double TimelineView::arrivalY(const TimelineEvent &event) const
{
    return laneTop(event.lane) + laneHeight(event.lane) - 9;
}

void TimelineView::onRowsInserted()
{
    // Live capture inserts many times a second: the layout follows each insert (it is
    // cheap), the paint at most every kLiveRepaintMs.
    m_repaintLater = true;
    relayout();
    m_repaintLater = false;
}

void TimelineView::requestRepaint()
{
    if (!m_repaintLater) {
        m_repaint->stop();
        viewport()->update();
    } else if (!m_repaint->isActive()) {
        m_repaint->start();
    }
}

void TimelineView::relayout()
{
    const bool hadLayout = m_laneTops.size() > 1;
    const double leftTime = timeAt(kGutter);
    m_laneTops.clear();
    m_laneTops.append(0);
    if (!m_model || m_model->eventCount() == 0) {
        m_startMs = m_endMs = 0;
        m_msPerPixel = 1;
        updateScrollBars();
        requestRepaint();
        return;
    }
    m_laneTops.reserve(m_model->laneCount() + 1);
    for (int lane = 0; lane < m_model->laneCount(); ++lane)
        m_laneTops.append(m_laneTops.constLast() + laneHeight(lane));
    const double span = m_model->maxTimeMs() - m_model->minTimeMs();
    const double pad = qMax(span * 0.03, 500.0);
    m_startMs = m_model->minTimeMs() - pad;
    m_endMs = m_model->maxTimeMs() + pad;
    if (!m_userZoomed || !hadLayout) {
        m_msPerPixel = (m_endMs - m_startMs) / plotWidth();
        updateScrollBars();
        horizontalScrollBar()->setValue(0);
    } else {
        updateScrollBars();
        horizontalScrollBar()->setValue(qRound((leftTime - m_startMs) / m_msPerPixel));
    }
    requestRepaint();
}

void TimelineView::updateScrollBars()
{
    const double span = m_endMs - m_startMs;
    const double fit = span / plotWidth();
    m_msPerPixel = qBound(qMax(kMinMsPerPixel, span / kMaxContentPixels), m_msPerPixel,
                          qMax(fit * 4, kMinMsPerPixel));
    const double contentWidth = span / m_msPerPixel;
    QScrollBar *h = horizontalScrollBar();
    h->setRange(0, qMax(0, int(std::ceil(contentWidth - plotWidth()))));
    h->setPageStep(plotWidth());
    h->setSingleStep(qMax(1, plotWidth() / 20));
    QScrollBar *v = verticalScrollBar();
    const int visibleHeight = qMax(1, viewport()->height() - kAxis);
    v->setRange(0, qMax(0, m_laneTops.constLast() - visibleHeight));
    v->setPageStep(visibleHeight);
    v->setSingleStep(kLaneBase);
}

void TimelineView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    relayout();
}

void TimelineView::scrollContentsBy(int, int)
{
    viewport()->update();
}

void TimelineView::zoomAt(double viewportX, double factor)
{
    if (!m_model || m_model->eventCount() == 0)
        return;
    const double anchor = timeAt(viewportX);
    m_msPerPixel *= factor;
    m_userZoomed = true;
    updateScrollBars();
    horizontalScrollBar()->setValue(
        qRound((anchor - m_startMs) / m_msPerPixel - (viewportX - kGutter)));
    viewport()->update();
}

void TimelineView::zoomIn()
{
    zoomAt(kGutter + plotWidth() / 2.0, 1.0 / 1.25);
}

void TimelineView::zoomOut()
{
    zoomAt(kGutter + plotWidth() / 2.0, 1.25);
}

void TimelineView::fitAll()
{
    m_userZoomed = false;
    relayout();
}

void TimelineView::panBy(int dx, int dy)
{
    QScrollBar *h = horizontalScrollBar();
    const int before = h->value();
    h->setValue(before + dx);
    if (h->value() != before)
        m_userZoomed = true; // a panned view is no longer refitted as deliveries arrive
    verticalScrollBar()->setValue(verticalScrollBar()->value() + dy);
}

int TimelineView::laneAt(int viewportY) const
{
    if (!m_model || viewportY < kAxis || m_laneTops.size() < 2)
        return -1;
    const int contentY = viewportY - kAxis + verticalScrollBar()->value();
    const auto it = std::upper_bound(m_laneTops.cbegin(), m_laneTops.cend(), contentY);
    const int lane = int(it - m_laneTops.cbegin()) - 1;
    return lane >= 0 && lane < m_model->laneCount() ? lane : -1;
}

QRect TimelineView::laneRect(int lane) const
{
    if (!m_model || lane < 0 || lane >= m_model->laneCount() || lane + 1 >= m_laneTops.size())
        return {};
    return QRect(0, laneTop(lane), viewport()->width(), laneHeight(lane));
}

qint64 TimelineView::seqAt(const QPoint &pos) const
{
    if (pos.x() < kGutter || pos.y() < kAxis)
        return 0;
    const int lane = laneAt(pos.y());
    if (lane < 0)
        return 0;
    qint64 best = 0;
    double bestDistance = kHitRadius * kHitRadius + 1;
    for (const int row : m_model->laneRows(lane)) {
        const TimelineEvent &event = m_model->eventAt(row);
        const double ex = xFor(event.eventTimeMs) - pos.x();
        const double ey = eventMarkY(event) - pos.y();
        const double ax = xFor(double(event.arrivalMs)) - pos.x();
        const double ay = arrivalY(event) + 3 - pos.y();
        const double distance = qMin(ex * ex + ey * ey, ax * ax + ay * ay);
        // Later rows are painted on top: prefer them on a tie.
        if (distance <= bestDistance) {
            bestDistance = distance;
            best = event.seq;
        }
    }
    return best;
}

QPoint TimelineView::eventMarkPosition(qint64 seq) const
{
    const int row = m_model ? m_model->rowForSeq(seq) : -1;
    if (row < 0)
        return {};
    const TimelineEvent &event = m_model->eventAt(row);
    return QPoint(qRound(xFor(event.eventTimeMs)), qRound(eventMarkY(event)));
}

QPoint TimelineView::arrivalMarkPosition(qint64 seq) const
{
    const int row = m_model ? m_model->rowForSeq(seq) : -1;
    if (row < 0)
        return {};
    const TimelineEvent &event = m_model->eventAt(row);
    return QPoint(qRound(xFor(double(event.arrivalMs))), qRound(arrivalY(event) + 3));
}

void TimelineView::selectDelivery(qint64 seq)
{
    m_selectedSeq = seq;
    const int row = m_model ? m_model->rowForSeq(seq) : -1;
    if (row >= 0)
        ensureVisible(row);
    viewport()->update();
}

void TimelineView::ensureVisible(int row)
{
    const TimelineEvent &event = m_model->eventAt(row);
    QScrollBar *v = verticalScrollBar();
    const int top = m_laneTops.at(event.lane);
    const int bottom = top + laneHeight(event.lane);
    const int visibleHeight = viewport()->height() - kAxis;
    if (top < v->value())
        v->setValue(top);
    else if (bottom > v->value() + visibleHeight)
        v->setValue(bottom - visibleHeight);

    const double xe = xFor(event.eventTimeMs);
    const double xa = xFor(double(event.arrivalMs));
    const double left = kGutter + kHitRadius;
    const double right = viewport()->width() - kHitRadius;
    if (qMin(xe, xa) >= left && qMax(xe, xa) <= right)
        return;
    // Both ends when they fit, otherwise the arrival (the list's order).
    const double centre = qAbs(xa - xe) < plotWidth() * 0.8 ? (xa + xe) / 2 : xa;
    panBy(qRound(centre - (kGutter + plotWidth() / 2.0)), 0);
}

void TimelineView::paintAxis(QPainter &painter, bool gridOnly) const
{
    double step = kTickSteps[std::size(kTickSteps) - 1];
    for (const double candidate : kTickSteps) {
        if (candidate / m_msPerPixel >= 110) {
            step = candidate;
            break;
        }
    }
    const double t0 = timeAt(kGutter);
    const double t1 = timeAt(viewport()->width());
    // Ticks on local-time boundaries for steps of a minute or more.
    const double offset = step >= 60000 ? double(QDateTime::fromMSecsSinceEpoch(qint64(t0), Qt::UTC)
                                                     .toLocalTime()
                                                     .offsetFromUtc()) *
                                              1000
                                        : 0;
    const int height = viewport()->height();
    if (!gridOnly) {
        painter.fillRect(QRect(0, 0, viewport()->width(), kAxis), palette().window());
        painter.setPen(palette().color(QPalette::Mid));
        painter.drawLine(0, kAxis - 1, viewport()->width(), kAxis - 1);
    }
    QColor grid = palette().color(QPalette::Mid);
    grid.setAlpha(60);
    for (double t = std::ceil((t0 + offset) / step) * step - offset; t <= t1; t += step) {
        const double x = xFor(t);
        if (gridOnly) {
            painter.setPen(grid);
            painter.drawLine(QPointF(x, kAxis), QPointF(x, height));
        } else {
            painter.setPen(palette().color(QPalette::WindowText));
            painter.drawLine(QPointF(x, kAxis - 5), QPointF(x, kAxis - 1));
            painter.drawText(QPointF(x + 3, kAxis - 7), tickLabel(t, step));
        }
    }
}

void TimelineView::paintGutter(QPainter &painter, int firstLane, int lastLane) const
{
    painter.fillRect(QRect(0, kAxis, kGutter, viewport()->height() - kAxis), palette().window());
    painter.setPen(palette().color(QPalette::WindowText));
    const QFontMetrics metrics = painter.fontMetrics();
    for (int lane = firstLane; lane <= lastLane; ++lane) {
        const QRect rect(6, laneTop(lane), kGutter - 12, laneHeight(lane));
        const TimelineLane &data = m_model->laneAt(lane);
        const QString count = QStringLiteral(" (%1)").arg(data.eventCount);
        // Entity ids tell lanes apart; the fqdn before them repeats: keep the end.
        const QString label = metrics.elidedText(data.label, Qt::ElideLeft,
                                                 rect.width() - metrics.horizontalAdvance(count)) +
                              count;
        painter.drawText(rect, Qt::AlignLeft | Qt::AlignVCenter, label);
    }
    painter.setPen(palette().color(QPalette::Mid));
    painter.drawLine(kGutter - 1, kAxis, kGutter - 1, viewport()->height());
}

void TimelineView::addMark(TimelineMarkBatch &batch, const TimelineEvent &event) const
{
    batch.add(QPointF(xFor(event.eventTimeMs), eventMarkY(event)),
              QPointF(xFor(double(event.arrivalMs)), arrivalY(event)), event.flags,
              event.hasEventTime);
}

void TimelineView::paintEvent(QPaintEvent *)
{
    QPainter painter(viewport());
    const QRect area = viewport()->rect();
    painter.fillRect(area, palette().base());
    if (!m_model || m_model->eventCount() == 0 || m_laneTops.size() < 2) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(area, Qt::AlignCenter, QStringLiteral("No deliveries yet"));
        return;
    }

    const int firstLane = qMax(0, laneAt(kAxis));
    int lastLane = laneAt(area.height() - 1);
    if (lastLane < 0)
        lastLane = m_model->laneCount() - 1;
    for (int lane = firstLane; lane <= lastLane; ++lane) {
        const QRect rect = laneRect(lane);
        if (lane % 2)
            painter.fillRect(rect, palette().alternateBase());
    }
    paintAxis(painter, true);

    painter.save();
    painter.setClipRect(QRect(kGutter, kAxis, area.width() - kGutter, area.height() - kAxis));
    painter.setRenderHint(QPainter::Antialiasing);
    const double t0 = timeAt(kGutter - kHitRadius);
    const double t1 = timeAt(area.width() + kHitRadius);
    const auto [from, to] =
        m_model->rowsArrivingBetween(t0 - m_model->maxLeadMs(), t1 + m_model->maxLagMs());
    // When zoomed out, many events land on the same pixels: an event is drawn only when
    // its mark or its arrival falls on a pixel column where its lane (and stack) has no
    // mark, or no arrival, of its kind yet. A paint then costs a few draws per column,
    // however many thousand events a live capture put in view.
    const int levels = kMaxStack + 1;
    const int columns = area.width() + 2 * kHitRadius + 2;
    const auto column = [&](double x) {
        return std::clamp(int(x) + kHitRadius + 1, 0, columns - 1);
    };
    QHash<int, std::vector<quint8>> drawn; // (slot, kind) -> per column: 1 mark, 2 arrival
    TimelineMarkBatch marks;
    int selectedRow = -1;
    for (int row = from; row < to; ++row) {
        const TimelineEvent &event = m_model->eventAt(row);
        if (event.lane < firstLane || event.lane > lastLane || event.highMs() < t0 ||
            event.lowMs() > t1)
            continue;
        if (event.seq == m_selectedSeq) {
            selectedRow = row;
            continue;
        }
        const int slot = (event.lane - firstLane) * levels + qMin(event.stack, kMaxStack);
        const int kind = int(AnalysisFlagStyle::categoryOf(event.flags)) * 2 + event.hasEventTime;
        std::vector<quint8> &seen = drawn[slot * 64 + kind];
        if (seen.empty())
            seen.resize(std::size_t(columns), 0);
        quint8 &mark = seen[std::size_t(column(xFor(event.eventTimeMs)))];
        quint8 &arrival = seen[std::size_t(column(xFor(double(event.arrivalMs))))];
        if ((mark & 1) && (arrival & 2))
            continue;
        mark |= 1;
        arrival |= 2;
        addMark(marks, event);
    }
    marks.paint(painter);
    if (selectedRow >= 0) {
        TimelineMarkBatch selected(palette().color(QPalette::Highlight));
        addMark(selected, m_model->eventAt(selectedRow));
        selected.paint(painter);
    }
    painter.restore();

    paintGutter(painter, firstLane, lastLane);
    paintAxis(painter, false);
    painter.fillRect(QRect(0, 0, kGutter, kAxis), palette().window());
    painter.setPen(palette().color(QPalette::WindowText));
    painter.drawText(QRect(6, 0, kGutter - 12, kAxis), Qt::AlignLeft | Qt::AlignVCenter,
                     QStringLiteral("%1 lanes, %2 deliveries")
                         .arg(m_model->laneCount())
                         .arg(m_model->eventCount()));
}

void TimelineView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        QAbstractScrollArea::mousePressEvent(event);
        return;
    }
    m_pressed = true;
    m_dragging = false;
    m_pressPos = event->position().toPoint();
    m_pressH = horizontalScrollBar()->value();
    m_pressV = verticalScrollBar()->value();
    event->accept();
}

void TimelineView::mouseMoveEvent(QMouseEvent *event)
{
    if (!m_pressed) {
        QAbstractScrollArea::mouseMoveEvent(event);
        return;
    }
    const QPoint delta = event->position().toPoint() - m_pressPos;
    if (!m_dragging && delta.manhattanLength() >= QApplication::startDragDistance()) {
        m_dragging = true;
        viewport()->setCursor(Qt::ClosedHandCursor);
    }
    if (m_dragging) {
        panBy(m_pressH - delta.x() - horizontalScrollBar()->value(),
              m_pressV - delta.y() - verticalScrollBar()->value());
    }
    event->accept();
}

void TimelineView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || !m_pressed) {
        QAbstractScrollArea::mouseReleaseEvent(event);
        return;
    }
    m_pressed = false;
    if (m_dragging) {
        m_dragging = false;
        viewport()->unsetCursor();
    } else {
        const qint64 seq = seqAt(event->position().toPoint());
        if (seq > 0) {
            m_selectedSeq = seq;
            viewport()->update();
            Q_EMIT deliverySelected(seq);
        }
    }
    event->accept();
}

void TimelineView::wheelEvent(QWheelEvent *event)
{
    const QPoint angle = event->angleDelta();
    if (event->modifiers() & Qt::ControlModifier) {
        if (angle.y() != 0)
            zoomAt(event->position().x(), std::pow(0.8, angle.y() / 120.0));
    } else if ((event->modifiers() & Qt::ShiftModifier) || qAbs(angle.x()) > qAbs(angle.y())) {
        const int delta = angle.x() != 0 ? angle.x() : angle.y();
        panBy(-delta * plotWidth() / 1200, 0);
    } else {
        panBy(0, -angle.y() * kLaneBase / 40);
    }
    event->accept();
}

void TimelineView::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomIn();
        break;
    case Qt::Key_Minus:
    case Qt::Key_Underscore:
        zoomOut();
        break;
    case Qt::Key_0:
        fitAll();
        break;
    case Qt::Key_Left:
        panBy(-plotWidth() / 8, 0);
        break;
    case Qt::Key_Right:
        panBy(plotWidth() / 8, 0);
        break;
    case Qt::Key_Up:
        panBy(0, -kLaneBase);
        break;
    case Qt::Key_Down:
        panBy(0, kLaneBase);
        break;
    case Qt::Key_PageUp:
        panBy(0, -verticalScrollBar()->pageStep());
        break;
    case Qt::Key_PageDown:
        panBy(0, verticalScrollBar()->pageStep());
        break;
    case Qt::Key_Home:
        panBy(-horizontalScrollBar()->value(), 0);
        break;
    case Qt::Key_End:
        panBy(horizontalScrollBar()->maximum() - horizontalScrollBar()->value(), 0);
        break;
    default:
        QAbstractScrollArea::keyPressEvent(event);
        return;
    }
    event->accept();
}

bool TimelineView::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        const qint64 seq = seqAt(help->pos());
        if (seq > 0)
            QToolTip::showText(help->globalPos(),
                               plainToolTip(m_model->summary(m_model->rowForSeq(seq))), viewport());
        else
            QToolTip::hideText();
        return true;
    }
    return QAbstractScrollArea::viewportEvent(event);
}
