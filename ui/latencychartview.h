#pragma once

#include "models/forwardlatencymodel.h"

#include <QPointer>
#include <QWidget>

// Forward mode: the developer's handler's latency per delivery, in arrival order,
// as bars against Wix's 1250 ms timeout line. Bars of deliveries Wix would retry
// (non-2xx, no answer, or slower than 1250 ms) are red. With more deliveries than
// pixels, each pixel column shows its slowest delivery. Click selects a delivery.
class LatencyChartView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LatencyChartView)

public:
    explicit LatencyChartView(QWidget *parent = nullptr);

    void setModel(ForwardLatencyModel *model);
    ForwardLatencyModel *model() const { return m_model; }
    qint64 seqAt(const QPoint &pos) const; // 0 when none
    QRect plotRect() const;
    int timeoutLineY() const; // the 1250 ms line
    qint64 selectedSeq() const { return m_selectedSeq; }

    QSize sizeHint() const override;

public Q_SLOTS:
    void selectDelivery(qint64 seq); // marks it; does not emit

Q_SIGNALS:
    void deliverySelected(qint64 seq);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    bool event(QEvent *event) override;

private:
    int rowAt(int x) const;
    int leftMargin() const;
    double yMaxMs() const;
    double yFor(double ms) const;

    QPointer<ForwardLatencyModel> m_model;
    qint64 m_selectedSeq = 0;
};
