#include "retryschedulestrip.h"

#include "analysis/wixretryschedule.h"

#include <QPainter>

#include <cmath>

namespace {
constexpr int kMargin = 14;
constexpr double kScaleMs = 10000; // the log scale's knee

QString shortDuration(qint64 ms)
{
    const qint64 minutes = ms / 60000;
    if (minutes < 60)
        return QStringLiteral("%1m").arg(minutes);
    return minutes % 60 ? QStringLiteral("%1h%2m").arg(minutes / 60).arg(minutes % 60)
                        : QStringLiteral("%1h").arg(minutes / 60);
}
} // namespace

RetryScheduleStrip::RetryScheduleStrip(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("retryScheduleStrip"));
    setAccessibleName(QStringLiteral("Retry schedule"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

QSize RetryScheduleStrip::sizeHint() const
{
    return QSize(480, 64);
}

QSize RetryScheduleStrip::minimumSizeHint() const
{
    return QSize(200, 64);
}

void RetryScheduleStrip::setPlan(const RetryPlan &plan)
{
    m_plan = plan;
    // Show the schedule one attempt beyond what happened or is expected.
    int lastAttempt = plan.nextAttempt;
    for (const RetryPlan::Mark &mark : plan.marks)
        lastAttempt = qMax(lastAttempt, mark.attempt);
    m_maxOffsetMs =
        WixRetrySchedule::offsetOfAttemptMs(qMin(WixRetrySchedule::kAttempts, lastAttempt + 1));
    for (const RetryPlan::Mark &mark : plan.marks)
        m_maxOffsetMs = qMax(m_maxOffsetMs, mark.offsetMs);
    if (plan.nextAttempt > 0)
        m_maxOffsetMs = qMax(m_maxOffsetMs, plan.nextExpectedMs - plan.baseMs);
    m_maxOffsetMs = qint64(double(m_maxOffsetMs) * 1.05);
    update();
}

void RetryScheduleStrip::clear()
{
    setPlan(RetryPlan());
}

double RetryScheduleStrip::xForOffset(qint64 offsetMs) const
{
    const double width = qMax(1, this->width() - 2 * kMargin);
    const double scale = std::log1p(double(qMax<qint64>(m_maxOffsetMs, 1)) / kScaleMs);
    return kMargin + width * std::log1p(double(qMax<qint64>(offsetMs, 0)) / kScaleMs) / scale;
}

void RetryScheduleStrip::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().base());
    if (!m_plan.retrying) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect(), Qt::AlignCenter,
                         QStringLiteral("Select a retried event to see its attempts against "
                                        "Wix's retry schedule"));
        return;
    }
    painter.setRenderHint(QPainter::Antialiasing);
    const int axisY = 24;
    const int marksY = 44;
    painter.setPen(palette().color(QPalette::Mid));
    painter.drawLine(QPointF(kMargin, axisY), QPointF(width() - kMargin, axisY));

    // The schedule: attempt k is due offsetOfAttemptMs(k) after the base.
    const QFontMetrics metrics = painter.fontMetrics();
    double lastLabelRight = -1;
    painter.setPen(palette().color(QPalette::WindowText));
    for (int k = 1; k <= WixRetrySchedule::kAttempts; ++k) {
        const qint64 offset = WixRetrySchedule::offsetOfAttemptMs(k);
        if (offset > m_maxOffsetMs)
            break;
        const double x = xForOffset(offset);
        painter.drawLine(QPointF(x, axisY - 4), QPointF(x, axisY + 4));
        const QString label = QStringLiteral("%1 (%2)").arg(k).arg(shortDuration(offset));
        const double labelWidth = metrics.horizontalAdvance(label);
        if (x - labelWidth / 2 > lastLabelRight + 4) {
            painter.drawText(QPointF(x - labelWidth / 2, axisY - 8), label);
            lastLabelRight = x + labelWidth / 2;
        }
    }
    painter.drawLine(QPointF(xForOffset(0), axisY - 6), QPointF(xForOffset(0), axisY + 6));

    for (const RetryPlan::Mark &mark : m_plan.marks) {
        const double x = xForOffset(mark.offsetMs);
        const QColor color = mark.answeredOk ? QColor(0x37, 0xb2, 0x4d) : QColor(0xe5, 0x39, 0x35);
        painter.setPen(QPen(color.darker(130), 1));
        painter.drawLine(QPointF(x, axisY), QPointF(x, marksY));
        painter.setBrush(color);
        painter.drawEllipse(QPointF(x, marksY), 5, 5);
        painter.setPen(palette().color(QPalette::WindowText));
        painter.drawText(QPointF(x + 7, marksY + 4), QStringLiteral("#%1").arg(mark.seq));
    }
    if (m_plan.nextAttempt > 0) {
        const double x = xForOffset(m_plan.nextExpectedMs - m_plan.baseMs);
        QPen pen(QColor(0x15, 0x65, 0xc0), 2, Qt::DashLine);
        painter.setPen(pen);
        painter.setBrush(Qt::NoBrush);
        painter.drawEllipse(QPointF(x, marksY), 6, 6);
        painter.drawText(QPointF(x - 8, marksY + 18), QStringLiteral("next"));
    }
}
