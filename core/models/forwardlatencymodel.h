#pragma once

#include "capture/delivery.h"

#include <QAbstractListModel>

// Forward mode: the developer's handler's latency, one row per forwarded
// delivery (deliveries without a forward result are left out).
class ForwardLatencyModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ForwardLatencyModel)

public:
    struct Entry
    {
        qint64 seq = 0;
        qint64 arrivalMs = 0;
        qint64 latencyMs = 0;
        int status = 0; // 0: no HTTP answer
        bool failed = false;
        bool wixWouldRetry = false;
    };
    enum Role {
        SeqRole = Qt::UserRole + 1,
        LatencyMsRole,
        StatusRole,
        WixWouldRetryRole,
    };

    explicit ForwardLatencyModel(QObject *parent = nullptr);

    void appendDeliveries(const QVector<Delivery> &deliveries);
    void clear();

    const Entry &entryAt(int row) const { return m_entries.at(row); }
    int wouldRetryCount() const { return m_wouldRetry; }
    qint64 maxLatencyMs() const { return m_maxLatencyMs; }
    QString wouldRetryText() const; // "3 deliveries Wix would retry"

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    QVector<Entry> m_entries;
    int m_wouldRetry = 0;
    qint64 m_maxLatencyMs = 0;
};
