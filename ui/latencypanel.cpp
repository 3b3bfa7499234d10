#include "latencypanel.h"

#include "latencychartview.h"
#include "models/forwardlatencymodel.h"

#include <QLabel>
#include <QVBoxLayout>

LatencyPanel::LatencyPanel(QWidget *parent)
    : QWidget(parent)
    , m_count(new QLabel(this))
    , m_chart(new LatencyChartView(this))
{
    setObjectName(QStringLiteral("latencyPanel"));
    m_count->setObjectName(QStringLiteral("latencyRetryCount"));
    m_count->setTextFormat(Qt::PlainText);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_count);
    layout->addWidget(m_chart, 1);
    connect(m_chart, &LatencyChartView::deliverySelected, this, &LatencyPanel::deliverySelected);
    refresh();
}

void LatencyPanel::setModel(ForwardLatencyModel *model)
{
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    m_chart->setModel(model);
    if (model) {
        connect(model, &QAbstractItemModel::rowsInserted, this, &LatencyPanel::refresh);
        connect(model, &QAbstractItemModel::modelReset, this, &LatencyPanel::refresh);
    }
    refresh();
}

QString LatencyPanel::countText() const
{
    return m_count->text();
}

void LatencyPanel::selectDelivery(qint64 seq)
{
    m_chart->selectDelivery(seq);
}

void LatencyPanel::refresh()
{
    if (!m_model || m_model->rowCount() == 0) {
        m_count->setText(QStringLiteral("0 deliveries Wix would retry (nothing forwarded yet)"));
        return;
    }
    m_count->setText(QStringLiteral("%1 (of %2 forwarded; slowest %3 ms)")
                         .arg(m_model->wouldRetryText())
                         .arg(m_model->rowCount())
                         .arg(m_model->maxLatencyMs()));
}
