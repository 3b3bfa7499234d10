#include "latencychartview.h"

#include "analysis/wixretryschedule.h"
#include "models/forwardlatencymodel.h"
#include "plaintooltip.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

namespace {
constexpr int kRight = 10;
constexpr int kTop = 10;
constexpr int kBottom = 20;
const QColor kOkColor(0x43, 0xa0, 0x47);
const QColor kRetryColor(0xe5, 0x39, 0x35);
} // namespace

LatencyChartView::LatencyChartView(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("latencyChart"));
    setAccessibleName(QStringLiteral("Handler latency"));
    setMinimumSize(240, 120);
}

QSize LatencyChartView::sizeHint() const
{
    return QSize(600, 220);
}

void LatencyChartView::setModel(ForwardLatencyModel *model)
{
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    if (model) {
        connect(model, &QAbstractItemModel::rowsInserted, this, qOverload<>(&QWidget::update));
        connect(model, &QAbstractItemModel::modelReset, this, qOverload<>(&QWidget::update));
    }
    update();
}

int LatencyChartView::leftMargin() const
{
    return fontMetrics().horizontalAdvance(QStringLiteral("00000 ms")) + 10;
}

QRect LatencyChartView::plotRect() const
{
    const int left = leftMargin();
    return QRect(left, kTop, qMax(1, width() - left - kRight), qMax(1, height() - kTop - kBottom));
}

double LatencyChartView::yMaxMs() const
{
    const double most = m_model ? double(m_model->maxLatencyMs()) : 0;
    return qMax(2.0 * WixRetrySchedule::kTimeoutMs, most * 1.1);
}

double LatencyChartView::yFor(double ms) const
{
    const QRect plot = plotRect();
    return plot.bottom() + 1 - plot.height() * qMin(ms, yMaxMs()) / yMaxMs();
}

int LatencyChartView::timeoutLineY() const
{
    return qRound(yFor(WixRetrySchedule::kTimeoutMs));
}

int LatencyChartView::rowAt(int x) const
{
    const int count = m_model ? m_model->rowCount() : 0;
    const QRect plot = plotRect();
    if (count == 0 || x < plot.left() || x > plot.right())
        return -1;
    return qBound(0, int(double(x - plot.left()) * count / plot.width()), count - 1);
}

qint64 LatencyChartView::seqAt(const QPoint &pos) const
{
    const QRect plot = plotRect();
    if (pos.y() < plot.top() || pos.y() > plot.bottom() + 1)
        return 0;
    const int row = rowAt(pos.x());
    if (row < 0)
        return 0;
    // With more rows than pixels, the column's slowest one (the one drawn).
    const int count = m_model->rowCount();
    const int last = qMax(row, rowAt(pos.x() + 1) - 1);
    int best = row;
    for (int r = row; r <= last && r < count; ++r) {
        if (m_model->entryAt(r).latencyMs > m_model->entryAt(best).latencyMs)
            best = r;
    }
    return m_model->entryAt(best).seq;
}

void LatencyChartView::selectDelivery(qint64 seq)
{
    m_selectedSeq = seq;
    update();
}

void LatencyChartView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().base());
    const QRect plot = plotRect();
    const int count = m_model ? m_model->rowCount() : 0;

    // Y axis: a few round latencies.
    painter.setPen(palette().color(QPalette::Mid));
    painter.drawLine(plot.bottomLeft() + QPoint(0, 1), plot.bottomRight() + QPoint(0, 1));
    painter.drawLine(plot.topLeft(), plot.bottomLeft());
    const double top = yMaxMs();
    const double step = top > 20000 ? 10000 : top > 5000 ? 2000 : 500;
    for (double ms = 0; ms <= top; ms += step) {
        const double y = yFor(ms);
        painter.setPen(palette().color(QPalette::Mid));
        painter.drawLine(QPointF(plot.left() - 4, y), QPointF(plot.left(), y));
        painter.setPen(palette().color(QPalette::WindowText));
        painter.drawText(QRectF(0, y - 8, plot.left() - 8, 16), Qt::AlignRight | Qt::AlignVCenter,
                         QStringLiteral("%1 ms").arg(ms, 0, 'f', 0));
    }

    if (count == 0) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(plot, Qt::AlignCenter,
                         QStringLiteral("No forwarded deliveries (listen with --forward URL)"));
    }
    // One bar per delivery, or per pixel column when there are more deliveries than pixels.
    const double barWidth = double(plot.width()) / qMax(1, count);
    int selectedRow = -1;
    const auto drawBar = [&](double left, double right, int first, int last) {
        qint64 slowest = 0;
        bool retry = false;
        for (int r = first; r <= last; ++r) {
            const ForwardLatencyModel::Entry &entry = m_model->entryAt(r);
            slowest = qMax(slowest, entry.latencyMs);
            retry = retry || entry.wixWouldRetry;
            if (entry.seq == m_selectedSeq)
                selectedRow = r;
        }
        painter.fillRect(
            QRectF(QPointF(left, yFor(double(slowest))), QPointF(right, plot.bottom() + 1)),
            retry ? kRetryColor : kOkColor);
    };
    if (count > 0 && count <= plot.width()) {
        const double gap = barWidth > 4 ? 1 : 0;
        for (int r = 0; r < count; ++r)
            drawBar(plot.left() + r * barWidth, plot.left() + (r + 1) * barWidth - gap, r, r);
    } else if (count > 0) {
        for (int x = plot.left(); x <= plot.right(); ++x) {
            const int last = x == plot.right() ? count - 1 : rowAt(x + 1) - 1;
            drawBar(x, x + 1, rowAt(x), qMax(rowAt(x), last));
        }
    }
    if (selectedRow >= 0) {
        const double x = plot.left() + (selectedRow + 0.5) * barWidth;
        painter.setPen(QPen(palette().color(QPalette::Highlight), 2));
        painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
    }

    const int timeoutY = timeoutLineY();
    painter.setPen(QPen(kRetryColor.darker(120), 1, Qt::DashLine));
    painter.drawLine(plot.left(), timeoutY, plot.right(), timeoutY);
    painter.setPen(palette().color(QPalette::WindowText));
    const QString timeout = QStringLiteral("1250 ms: Wix times out and retries");
    const QRect label = painter.fontMetrics().boundingRect(timeout).translated(
        plot.right() - 6 - painter.fontMetrics().horizontalAdvance(timeout), timeoutY - 5);
    QColor backing = palette().color(QPalette::Base);
    backing.setAlpha(210);
    painter.fillRect(label.adjusted(-3, 0, 3, 0), backing);
    painter.drawText(label, Qt::AlignLeft | Qt::AlignVCenter, timeout);
    painter.drawText(QRect(plot.left(), plot.bottom() + 2, plot.width(), kBottom - 2),
                     Qt::AlignRight | Qt::AlignVCenter,
                     QStringLiteral("deliveries in arrival order →"));
}

void LatencyChartView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        const qint64 seq = seqAt(event->position().toPoint());
        if (seq > 0) {
            m_selectedSeq = seq;
            update();
            Q_EMIT deliverySelected(seq);
        }
    }
    QWidget::mouseReleaseEvent(event);
}

bool LatencyChartView::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        const qint64 seq = seqAt(help->pos());
        const int row = rowAt(help->pos().x());
        if (seq > 0 && row >= 0) {
            QString text;
            for (int r = row; r < m_model->rowCount(); ++r) {
                const ForwardLatencyModel::Entry &entry = m_model->entryAt(r);
                if (entry.seq != seq)
                    continue;
                text = m_model->index(r).data().toString();
                if (entry.wixWouldRetry)
                    text += QStringLiteral("\nWix would retry this delivery");
                break;
            }
            QToolTip::showText(help->globalPos(), plainToolTip(text), this);
        } else {
            QToolTip::hideText();
        }
        return true;
    }
    return QWidget::event(event);
}
