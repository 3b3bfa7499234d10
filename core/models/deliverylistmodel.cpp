#include "models/deliverylistmodel.h"

#include <QDateTime>
#include <QLocale>

#include <algorithm>

DeliveryListModel::DeliveryListModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

QString DeliveryListModel::pooled(const QString &text)
{
    if (text.isEmpty())
        return QString();
    const auto it = m_pool.constFind(text);
    if (it != m_pool.constEnd())
        return *it;
    m_pool.insert(text);
    return text;
}

void DeliveryListModel::intern(DeliveryRow &row)
{
    row.method = pooled(row.method);
    row.target = pooled(row.target);
    row.eventType = pooled(row.eventType);
    row.instanceId = pooled(row.instanceId);
    row.identity = pooled(row.identity);
    row.keyName = pooled(row.keyName);
    row.reasonCode = pooled(row.reasonCode);
}

void DeliveryListModel::appendDeliveries(const QVector<Delivery> &deliveries)
{
    QVector<DeliveryRow> rows;
    rows.reserve(deliveries.size());
    for (const Delivery &delivery : deliveries)
        rows.append(DeliveryRow::fromDelivery(delivery));
    appendRows(std::move(rows));
}

void DeliveryListModel::appendRows(QVector<DeliveryRow> rows)
{
    if (rows.isEmpty())
        return;
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(rows.size()) - 1);
    m_rows.reserve(m_rows.size() + rows.size());
    for (DeliveryRow &row : rows) {
        intern(row);
        if (row.signature == SignatureStatus::Invalid)
            ++m_invalid;
        m_rows.append(std::move(row));
    }
    endInsertRows();
}

void DeliveryListModel::setRows(QVector<DeliveryRow> rows)
{
    beginResetModel();
    m_rows.clear();
    m_pool.clear();
    m_invalid = 0;
    for (DeliveryRow &row : rows) {
        intern(row);
        if (row.signature == SignatureStatus::Invalid)
            ++m_invalid;
    }
    m_rows = std::move(rows);
    endResetModel();
}

void DeliveryListModel::clear()
{
    setRows({});
}

int DeliveryListModel::rowForSeq(qint64 seq) const
{
    // Rows are appended in seq order.
    const auto it = std::lower_bound(m_rows.cbegin(), m_rows.cend(), seq,
                                     [](const DeliveryRow &row, qint64 s) { return row.seq < s; });
    return it != m_rows.cend() && it->seq == seq ? int(it - m_rows.cbegin()) : -1;
}

int DeliveryListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int DeliveryListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString DeliveryListModel::signatureText(const DeliveryRow &row)
{
    switch (row.signature) {
    case SignatureStatus::Valid:
        return row.keyName.isEmpty() ? QStringLiteral("valid")
                                     : QStringLiteral("valid (%1)").arg(row.keyName);
    case SignatureStatus::Invalid:
        return QStringLiteral("invalid: ") + row.reasonCode;
    case SignatureStatus::Unverified:
        return QStringLiteral("unverified (no key)");
    case SignatureStatus::Malformed:
        break;
    }
    if (row.bodyKind == BodyKind::Jwt || row.bodyKind == BodyKind::MalformedJwt)
        return QStringLiteral("malformed: ") + row.reasonCode;
    return QStringLiteral("not a JWT (%1)").arg(bodyKindName(row.bodyKind));
}

QString DeliveryListModel::flagsText(const DeliveryRow &row)
{
    // The analysis words, as the UI's legend (AnalysisFlagStyle::flagNames) names them.
    static const struct
    {
        AnalysisFlag flag;
        const char *name;
    } analysisNames[] = {
        {FlagDuplicate, "duplicate"},       {FlagDuplicateRetry, "retry"},
        {FlagIdenticalToken, "same token"}, {FlagOutOfOrder, "out of order"},
        {FlagSequenceGap, "sequence gap"},  {FlagLateRetry, "late retry"},
        {FlagMissingCreate, "no create"},   {FlagAfterDelete, "after delete"},
        {FlagStaleState, "stale state"},    {FlagBadSignature, "bad signature"},
    };
    QStringList flags;
    for (const auto &entry : analysisNames) {
        if (row.analysisFlags & entry.flag)
            flags << QLatin1String(entry.name);
    }
    if (row.bodyKind == BodyKind::Oversize)
        flags << QStringLiteral("oversize");
    if (row.wixWouldRetry)
        flags << QStringLiteral("Wix would retry");
    if (row.hasWarnings)
        flags << QStringLiteral("warnings");
    return flags.join(QStringLiteral(", "));
}

QVariant DeliveryListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const DeliveryRow &row = m_rows.at(index.row());
    if (role == SeqRole)
        return row.seq;
    if (role == SignatureStatusRole)
        return int(row.signature);
    if (role == FlagsRole)
        return row.analysisFlags;
    if (role == SortRole) {
        switch (index.column()) {
        case SeqColumn:
        case ArrivalColumn:
            return row.seq; // arrival order is seq order
        case SizeColumn:
            return row.size;
        case AnswerColumn:
            return row.answerStatus;
        default:
            return data(index, Qt::DisplayRole);
        }
    }
    if (role == Qt::TextAlignmentRole) {
        const int column = index.column();
        if (column == SeqColumn || column == SizeColumn || column == AnswerColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case SeqColumn:
        return row.seq;
    case ArrivalColumn:
        return QDateTime::fromMSecsSinceEpoch(row.arrivalMs, Qt::UTC)
            .toLocalTime()
            .toString(QStringLiteral("HH:mm:ss.zzz"));
    case RequestColumn:
        return row.method + QLatin1Char(' ') + row.target;
    case EventTypeColumn:
        return row.eventType;
    case InstanceColumn:
        return row.instanceId;
    case EntityColumn:
        return row.entity;
    case IdentityColumn:
        return row.identity;
    case SignatureColumn:
        return signatureText(row);
    case SizeColumn:
        return QLocale::c().formattedDataSize(row.size, 1, QLocale::DataSizeTraditionalFormat);
    case AnswerColumn:
        return row.answerStatus;
    case FlagsColumn:
        return flagsText(row);
    default:
        return {};
    }
}

QVariant DeliveryListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    static const char *const titles[ColumnCount] = {"#",        "Arrival", "Request",  "Event type",
                                                    "Instance", "Entity",  "Identity", "Signature",
                                                    "Size",     "Answer",  "Flags"};
    return section >= 0 && section < ColumnCount ? QString::fromLatin1(titles[section])
                                                 : QVariant();
}
