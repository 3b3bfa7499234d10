#include "models/deliverylistmodel.h"

#include <QDateTime>
#include <QLocale>

#include <algorithm>
#include <numeric>

DeliveryListModel::DeliveryListModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void DeliveryListModel::countInvalid(const PackedDeliveryRow &row)
{
    if (row.signature() == SignatureStatus::Invalid)
        ++m_invalid;
}

void DeliveryListModel::appendDeliveries(const QVector<Delivery> &deliveries)
{
    QVector<DeliveryRow> rows;
    rows.reserve(deliveries.size());
    for (const Delivery &delivery : deliveries)
        rows.append(DeliveryRow::fromDelivery(delivery));
    appendRows(rows);
}

void DeliveryListModel::appendRows(const QVector<DeliveryRow> &rows)
{
    if (rows.isEmpty())
        return;
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(rows.size()) - 1);
    for (const DeliveryRow &row : rows) {
        m_rows.append(PackedDeliveryRow::pack(row, m_strings));
        countInvalid(m_rows.constLast());
    }
    endInsertRows();
}

void DeliveryListModel::setRows(const QVector<DeliveryRow> &rows)
{
    beginResetModel();
    m_rows.clear();
    m_strings.clear();
    m_mirrorsReader = false;
    m_invalid = 0;
    m_rows.reserve(rows.size());
    for (const DeliveryRow &row : rows) {
        m_rows.append(PackedDeliveryRow::pack(row, m_strings));
        countInvalid(m_rows.constLast());
    }
    endResetModel();
}

void DeliveryListModel::appendPage(const DeliveryRowPage &page, bool first)
{
    if (first) {
        beginResetModel();
        m_rows.clear();
        m_strings.clear();
        m_invalid = 0;
        m_mirrorsReader = true;
        m_readerIds.clear();
        m_reader = page.reader;
    } else if (page.reader != m_reader) {
        // Another reader of the same read (a later range of rows): its own ids, from 1.
        m_reader = page.reader;
        m_mirrorsReader = false;
        m_readerIds = {0};
    }
    if (m_mirrorsReader && page.firstStringId != quint32(m_strings.size())) {
        // Rows of this model's own came in between: map the reader's ids from now on
        // (those it gave so far are this pool's own).
        m_mirrorsReader = false;
        m_readerIds.resize(page.firstStringId);
        std::iota(m_readerIds.begin(), m_readerIds.end(), quint32(0));
    }
    const QVector<quint32> ids = m_strings.adopt(page.firstStringId, page.strings, m_mirrorsReader);
    if (!m_mirrorsReader)
        m_readerIds += ids;
    if (page.totalHint > m_rows.capacity())
        m_rows.reserve(page.totalHint);
    const int start = int(m_rows.size());
    if (!first && !page.rows.isEmpty())
        beginInsertRows({}, start, start + int(page.rows.size()) - 1);
    m_rows += page.rows;
    for (auto row = m_rows.begin() + start; row != m_rows.end(); ++row) {
        if (!m_mirrorsReader)
            row->remap(m_readerIds);
        countInvalid(*row);
    }
    if (first)
        endResetModel();
    else if (!page.rows.isEmpty())
        endInsertRows();
}

void DeliveryListModel::clear()
{
    setRows({});
}

int DeliveryListModel::rowForSeq(qint64 seq) const
{
    // Rows are appended in seq order.
    const auto it =
        std::lower_bound(m_rows.cbegin(), m_rows.cend(), seq,
                         [](const PackedDeliveryRow &row, qint64 s) { return row.seq < s; });
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

QString DeliveryListModel::signatureText(const PackedDeliveryRow &row) const
{
    DeliveryRow parts;
    parts.signature = row.signature();
    parts.bodyKind = row.bodyKind();
    parts.keyName = m_strings.at(row.keyName);
    parts.reasonCode = m_strings.at(row.reasonCode);
    return signatureText(parts);
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

QString DeliveryListModel::flagsText(const PackedDeliveryRow &row)
{
    DeliveryRow parts;
    parts.analysisFlags = row.analysisFlags;
    parts.bodyKind = row.bodyKind();
    parts.wixWouldRetry = row.wixWouldRetry();
    parts.hasWarnings = row.hasWarnings();
    return flagsText(parts);
}

QString DeliveryListModel::sizeText(qint64 size)
{
    return QLocale::c().formattedDataSize(size, 1, QLocale::DataSizeTraditionalFormat);
}

QVariant DeliveryListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const PackedDeliveryRow &row = m_rows.at(index.row());
    if (role == SeqRole)
        return row.seq;
    if (role == SignatureStatusRole)
        return int(row.signature());
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
            return int(row.answerStatus);
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
        return m_strings.at(row.method) + QLatin1Char(' ') + m_strings.at(row.target);
    case EventTypeColumn:
        return m_strings.at(row.eventType);
    case InstanceColumn:
        return m_strings.at(row.instanceId);
    case EntityColumn:
        return m_strings.at(row.entity);
    case IdentityColumn:
        return m_strings.at(row.identity);
    case SignatureColumn:
        return signatureText(row);
    case SizeColumn:
        return sizeText(row.size);
    case AnswerColumn:
        return int(row.answerStatus);
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
