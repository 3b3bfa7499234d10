#include "sendresultsmodel.h"

#include <QColor>
#include <QDateTime>

SendResultsModel::SendResultsModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void SendResultsModel::append(const SendAttempt &attempt)
{
    const int row = int(m_attempts.size());
    beginInsertRows({}, row, row);
    m_attempts.append(attempt);
    endInsertRows();
}

void SendResultsModel::clear()
{
    if (m_attempts.isEmpty())
        return;
    beginResetModel();
    m_attempts.clear();
    endResetModel();
}

QString SendResultsModel::attemptText(const SendAttempt &attempt)
{
    QString text = attempt.attempt == 0 ? QStringLiteral("first")
                                        : QStringLiteral("retry %1").arg(attempt.attempt);
    if (attempt.copy > 1)
        text = QStringLiteral("copy %1, %2").arg(attempt.copy).arg(text);
    return text;
}

int SendResultsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_attempts.size());
}

int SendResultsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SendResultsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_attempts.size())
        return {};
    const SendAttempt &a = m_attempts.at(index.row());
    if (role == DeliveredRole)
        return a.result.delivered();
    if (role == Qt::ForegroundRole && index.column() == OutcomeColumn)
        return a.result.delivered() ? QVariant() : QVariant(QColor(0xc9, 0x2a, 0x2a));
    if (role == Qt::TextAlignmentRole) {
        const int column = index.column();
        if (column == StatusColumn || column == LatencyColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    if (role == Qt::ToolTipRole && index.column() == EventColumn)
        return a.eventId.isEmpty() ? a.eventType
                                   : a.eventType + QStringLiteral("\nevent id ") + a.eventId;
    if (role == Qt::ToolTipRole && index.column() == OutcomeColumn)
        return a.result.outcomeText();
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case EventColumn:
        return QStringLiteral("#%1 %2").arg(a.event + 1).arg(a.eventType);
    case AttemptColumn:
        return attemptText(a);
    case TimeColumn:
        return QDateTime::fromMSecsSinceEpoch(a.startedMs, Qt::UTC)
            .toLocalTime()
            .toString(QStringLiteral("HH:mm:ss.zzz"));
    case StatusColumn:
        return a.result.status > 0 ? QVariant(a.result.status) : QVariant(QStringLiteral("none"));
    case LatencyColumn:
        return QStringLiteral("%1 ms").arg(a.result.latencyMs);
    case OutcomeColumn:
        return a.result.outcomeText();
    default:
        return {};
    }
}

QVariant SendResultsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    static const char *const titles[ColumnCount] = {"Event",  "Attempt", "Time",
                                                    "Status", "Latency", "Outcome"};
    return section >= 0 && section < ColumnCount ? QString::fromLatin1(titles[section])
                                                 : QVariant();
}
