#include "models/forwardlatencymodel.h"

ForwardLatencyModel::ForwardLatencyModel(QObject *parent)
    : QAbstractListModel(parent)
{}

void ForwardLatencyModel::appendDeliveries(const QVector<Delivery> &deliveries)
{
    QVector<Entry> entries;
    for (const Delivery &delivery : deliveries) {
        if (!delivery.forward)
            continue;
        const ForwardResult &forward = *delivery.forward;
        entries.append({delivery.seq, delivery.arrivalMs, forward.latencyMs, forward.status,
                        forward.status == 0 || !forward.error.isEmpty(), forward.wixWouldRetry()});
    }
    if (entries.isEmpty())
        return;
    const int first = int(m_entries.size());
    beginInsertRows({}, first, first + int(entries.size()) - 1);
    for (const Entry &entry : std::as_const(entries)) {
        if (entry.wixWouldRetry)
            ++m_wouldRetry;
        m_maxLatencyMs = qMax(m_maxLatencyMs, entry.latencyMs);
        m_entries.append(entry);
    }
    endInsertRows();
}

void ForwardLatencyModel::clear()
{
    if (m_entries.isEmpty())
        return;
    beginResetModel();
    m_entries.clear();
    m_wouldRetry = 0;
    m_maxLatencyMs = 0;
    endResetModel();
}

QString ForwardLatencyModel::wouldRetryText() const
{
    return m_wouldRetry == 1 ? QStringLiteral("1 delivery Wix would retry")
                             : QStringLiteral("%1 deliveries Wix would retry").arg(m_wouldRetry);
}

int ForwardLatencyModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

QVariant ForwardLatencyModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_entries.size())
        return {};
    const Entry &entry = m_entries.at(index.row());
    switch (role) {
    case SeqRole:
        return entry.seq;
    case LatencyMsRole:
        return entry.latencyMs;
    case StatusRole:
        return entry.status;
    case WixWouldRetryRole:
        return entry.wixWouldRetry;
    case Qt::DisplayRole:
        return entry.failed ? QStringLiteral("#%1: no answer after %2 ms")
                                  .arg(entry.seq)
                                  .arg(entry.latencyMs)
                            : QStringLiteral("#%1: %2 in %3 ms")
                                  .arg(entry.seq)
                                  .arg(entry.status)
                                  .arg(entry.latencyMs);
    default:
        return {};
    }
}
