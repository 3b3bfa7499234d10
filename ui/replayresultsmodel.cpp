#include "replayresultsmodel.h"

ReplayResultsModel::ReplayResultsModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void ReplayResultsModel::setSeqs(const QVector<qint64> &seqs)
{
    m_seqs = seqs;
}

void ReplayResultsModel::append(const SendAttempt &attempt)
{
    const int row = int(m_attempts.size());
    beginInsertRows({}, row, row);
    m_attempts.append(attempt);
    endInsertRows();
}

void ReplayResultsModel::clear()
{
    if (m_attempts.isEmpty())
        return;
    beginRemoveRows({}, 0, int(m_attempts.size()) - 1);
    m_attempts.clear();
    endRemoveRows();
}

int ReplayResultsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_attempts.size());
}

int ReplayResultsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ReplayResultsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SendAttempt &a = m_attempts.at(index.row());
    const qint64 seq = m_seqs.value(a.event);
    switch (role) {
    case DeliveredRole:
        return a.result.delivered();
    case SeqRole:
        return seq;
    case Qt::TextAlignmentRole:
        return index.column() == OutcomeColumn || index.column() == DeliveryColumn
                   ? QVariant(int(Qt::AlignLeft | Qt::AlignVCenter))
                   : QVariant(int(Qt::AlignRight | Qt::AlignVCenter));
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case DeliveryColumn:
        // The event type comes from a payload: shown as plain text by the view.
        return a.eventType.isEmpty() ? QStringLiteral("#%1").arg(seq)
                                     : QStringLiteral("#%1 %2").arg(seq).arg(a.eventType);
    case CopyColumn:
        return a.copy > 1 ? QStringLiteral("%1 (duplicate)").arg(a.copy) : QString::number(a.copy);
    case StatusColumn:
        return a.result.status > 0 ? QString::number(a.result.status) : QStringLiteral("\u2014");
    case LatencyColumn:
        return QStringLiteral("%1 ms").arg(a.result.latencyMs);
    case OutcomeColumn:
        return a.result.outcomeText();
    default:
        return {};
    }
}

QVariant ReplayResultsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case DeliveryColumn:
        return QStringLiteral("Delivery");
    case CopyColumn:
        return QStringLiteral("Copy");
    case StatusColumn:
        return QStringLiteral("Status");
    case LatencyColumn:
        return QStringLiteral("Latency");
    case OutcomeColumn:
        return QStringLiteral("Outcome");
    default:
        return {};
    }
}
