#pragma once

#include "analysis/retryplan.h"

#include <QWidget>

// An event's attempts drawn against Wix's retry schedule: the schedule's
// offsets as numbered ticks, each delivery as a mark at its offset from the
// first failure (red: failed, green: answered in time), the next expected
// retry as a hollow mark. Time runs on a log scale: the offsets go from 1 min to 48 h.
class RetryScheduleStrip final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RetryScheduleStrip)

public:
    explicit RetryScheduleStrip(QWidget *parent = nullptr);

    void setPlan(const RetryPlan &plan);
    void clear();
    const RetryPlan &plan() const { return m_plan; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    double xForOffset(qint64 offsetMs) const;
    qint64 m_maxOffsetMs = 0;
    RetryPlan m_plan;
};
