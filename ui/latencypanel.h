#pragma once

#include <QWidget>

class ForwardLatencyModel;
class LatencyChartView;
class QLabel;

// The latency chart with its count, "N deliveries Wix would retry", in plain text.
class LatencyPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LatencyPanel)

public:
    explicit LatencyPanel(QWidget *parent = nullptr);

    void setModel(ForwardLatencyModel *model);
    LatencyChartView *chart() const { return m_chart; }
    QString countText() const;

Q_SIGNALS:
    void deliverySelected(qint64 seq);

public Q_SLOTS:
    void selectDelivery(qint64 seq);

private:
    void refresh();

    ForwardLatencyModel *m_model = nullptr;
    QLabel *m_count;
    LatencyChartView *m_chart;
};
