#include "models/eventgroupsmodel.h"

#include "analysis/analysisinput.h"

#include <QDateTime>
#include <QSet>

namespace {
// Child indexes carry their group's row + 1; group indexes carry 0.
constexpr quintptr kGroupId = 0;

QString timeText(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC)
        .toLocalTime()
        .toString(QStringLiteral("HH:mm:ss.zzz"));
}

QString entityText(const WixEvent &event)
{
    switch (event.shape) {
    case WixEventShape::Standardized:
        if (!event.entityKey().isEmpty())
            return event.entityKey();
        return QStringLiteral("no entity · ") + event.instanceId;
    case WixEventShape::AppManagement:
        return QStringLiteral("app events · ") + event.instanceId;
    case WixEventShape::Legacy:
        return QStringLiteral("legacy · ") + event.instanceId;
    case WixEventShape::None:
        break;
    }
    return QString();
}

qint64 eventTimeOf(const WixEvent &event)
{
    if (event.eventTimestamp.valid)
        return event.eventTimestamp.toMSecsSinceEpoch();
    const WixTimestamp time = WixTimestamp::parse(
        event.shape == WixEventShape::AppManagement ? event.operationTimeStamp : event.eventTime);
    return time.valid ? time.toMSecsSinceEpoch() : 0;
}
} // namespace

EventGroupsModel::EventGroupsModel(QObject *parent)
    : QAbstractItemModel(parent)
{}

EventGroupDelivery EventGroupsModel::groupDeliveryOf(const Delivery &delivery)
{
    // The analyzer's own reading of the answer, so both agree on what failed.
    AnalysisInput answer;
    answer.setAnswer(delivery.answerStatus,
                     delivery.forward ? delivery.forward->latencyMs : delivery.answerDelayMs);
    EventGroupDelivery row;
    row.seq = delivery.seq;
    row.arrivalMs = delivery.arrivalMs;
    row.answeredOk = answer.answeredOk && !(delivery.forward && delivery.forward->wixWouldRetry());
    row.answer = answer.answerSummary;
    row.duplicateKind = delivery.analysis.duplicateKind;
    row.duplicateIndex = delivery.analysis.duplicateIndex;
    row.likelyRetryAttempt = delivery.analysis.likelyRetryAttempt;
    return row;
}

QString EventGroupsModel::deliveryRoleText(const EventGroupDelivery &delivery)
{
    switch (delivery.duplicateKind) {
    case DuplicateKind::Retry:
        return QStringLiteral("retry #%1").arg(delivery.duplicateIndex);
    case DuplicateKind::Redundant:
        return QStringLiteral("redundant copy #%1").arg(delivery.duplicateIndex);
    case DuplicateKind::None:
        break;
    }
    return delivery.duplicateIndex > 0 ? QStringLiteral("copy #%1").arg(delivery.duplicateIndex)
                                       : QStringLiteral("first delivery");
}

void EventGroupsModel::appendDeliveries(const QVector<Delivery> &deliveries)
{
    // Sort the batch into copies of groups the model already shows and new groups.
    QHash<int, QVector<EventGroupDelivery>> appended; // existing group row -> its new deliveries
    QVector<int> touched;                             // existing group rows, in first-touch order
    QVector<EventGroup> fresh;
    QHash<qint64, int> freshOfSeq; // group keys and seqs of new groups -> index in `fresh`
    QSet<qint64> seen;
    for (const Delivery &delivery : deliveries) {
        if (delivery.event.shape == WixEventShape::None || delivery.seq <= 0 ||
            m_groupOfSeq.contains(delivery.seq) || seen.contains(delivery.seq))
            continue;
        seen.insert(delivery.seq);
        const qint64 key =
            delivery.analysis.duplicateOf > 0 ? delivery.analysis.duplicateOf : delivery.seq;
        const EventGroupDelivery row = groupDeliveryOf(delivery);
        const auto existing = m_groupOfSeq.constFind(key);
        if (existing != m_groupOfSeq.constEnd()) {
            auto &rows = appended[*existing];
            if (rows.isEmpty())
                touched.append(*existing);
            rows.append(row);
            continue;
        }
        const auto pending = freshOfSeq.constFind(key);
        if (pending != freshOfSeq.constEnd()) {
            fresh[*pending].deliveries.append(row);
            freshOfSeq.insert(delivery.seq, *pending);
            continue;
        }
        EventGroup group;
        group.firstSeq = key;
        group.eventType = delivery.event.eventType;
        group.entity = entityText(delivery.event);
        group.instanceId = delivery.event.instanceId;
        group.eventId = delivery.event.eventId;
        group.eventTimeMs = eventTimeOf(delivery.event);
        group.deliveries.append(row);
        freshOfSeq.insert(key, int(fresh.size()));
        freshOfSeq.insert(delivery.seq, int(fresh.size()));
        fresh.append(group);
    }

    if (!touched.isEmpty()) {
        for (const int groupRow : std::as_const(touched)) {
            EventGroup &group = m_groups[groupRow];
            const QVector<EventGroupDelivery> rows = appended.value(groupRow);
            const bool wasRetried = group.retried();
            const int first = int(group.deliveries.size());
            beginInsertRows(index(groupRow, 0), first, first + int(rows.size()) - 1);
            for (const EventGroupDelivery &row : rows) {
                m_childRowOfSeq.insert(row.seq, int(group.deliveries.size()));
                m_groupOfSeq.insert(row.seq, groupRow);
                group.deliveries.append(row);
            }
            endInsertRows();
            if (!wasRetried && group.retried())
                ++m_retried;
            Q_EMIT dataChanged(index(groupRow, 0), index(groupRow, ColumnCount - 1));
        }
    }

    if (!fresh.isEmpty()) {
        const int first = int(m_groups.size());
        beginInsertRows({}, first, first + int(fresh.size()) - 1);
        for (EventGroup &group : fresh) {
            const int row = int(m_groups.size());
            m_groupOfSeq.insert(group.firstSeq, row);
            for (int child = 0; child < group.deliveries.size(); ++child) {
                m_groupOfSeq.insert(group.deliveries.at(child).seq, row);
                m_childRowOfSeq.insert(group.deliveries.at(child).seq, child);
            }
            if (group.retried())
                ++m_retried;
            m_groups.append(std::move(group));
        }
        endInsertRows();
    }
}

void EventGroupsModel::clear()
{
    if (m_groups.isEmpty())
        return;
    beginResetModel();
    m_groups.clear();
    m_groupOfSeq.clear();
    m_childRowOfSeq.clear();
    m_retried = 0;
    endResetModel();
}

int EventGroupsModel::groupRowForSeq(qint64 seq) const
{
    return m_groupOfSeq.value(seq, -1);
}

QModelIndex EventGroupsModel::indexForSeq(qint64 seq, int column) const
{
    const int group = groupRowForSeq(seq);
    const auto child = m_childRowOfSeq.constFind(seq);
    if (group < 0 || child == m_childRowOfSeq.constEnd())
        return {};
    return index(*child, column, index(group, 0));
}

QModelIndex EventGroupsModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    if (!parent.isValid())
        return row < m_groups.size() ? createIndex(row, column, kGroupId) : QModelIndex();
    if (parent.internalId() != kGroupId || parent.row() >= m_groups.size())
        return {};
    if (row >= m_groups.at(parent.row()).deliveries.size())
        return {};
    return createIndex(row, column, quintptr(parent.row()) + 1);
}

QModelIndex EventGroupsModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == kGroupId)
        return {};
    return createIndex(int(child.internalId() - 1), 0, kGroupId);
}

int EventGroupsModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_groups.size());
    if (parent.internalId() != kGroupId || parent.column() != 0)
        return 0;
    return int(m_groups.at(parent.row()).deliveries.size());
}

int EventGroupsModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

bool EventGroupsModel::hasChildren(const QModelIndex &parent) const
{
    return rowCount(parent) > 0;
}

Qt::ItemFlags EventGroupsModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.internalId() != kGroupId)
        flags |= Qt::ItemNeverHasChildren;
    return flags;
}

QVariant EventGroupsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    if (index.internalId() == kGroupId)
        return groupData(m_groups.at(index.row()), index.column(), role);
    const EventGroup &group = m_groups.at(int(index.internalId() - 1));
    return deliveryData(group.deliveries.at(index.row()), index.column(), role);
}

QVariant EventGroupsModel::groupData(const EventGroup &group, int column, int role) const
{
    switch (role) {
    case SeqRole:
        return group.firstSeq;
    case RetriedRole:
        return group.retried();
    case SortRole:
        switch (column) {
        case DeliveriesColumn:
            return int(group.deliveries.size());
        case FirstArrivalColumn:
            return group.firstArrivalMs();
        case LastArrivalColumn:
            return group.lastArrivalMs();
        default:
            return groupData(group, column, Qt::DisplayRole);
        }
    case Qt::TextAlignmentRole:
        return column == DeliveriesColumn ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter))
                                          : QVariant();
    case Qt::DisplayRole:
        switch (column) {
        case EventTypeColumn:
            return group.eventType;
        case EntityColumn:
            return group.entity;
        case DeliveriesColumn:
            return int(group.deliveries.size());
        case FirstArrivalColumn:
            return timeText(group.firstArrivalMs());
        case LastArrivalColumn:
            return timeText(group.lastArrivalMs());
        case AnswersColumn:
            return group.answersText();
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant EventGroupsModel::deliveryData(const EventGroupDelivery &delivery, int column,
                                        int role) const
{
    switch (role) {
    case SeqRole:
        return delivery.seq;
    case AnsweredOkRole:
        return delivery.answeredOk;
    case SortRole:
        switch (column) {
        case EventTypeColumn:
            return delivery.seq;
        case FirstArrivalColumn:
            return delivery.arrivalMs;
        default:
            return deliveryData(delivery, column, Qt::DisplayRole);
        }
    case Qt::DisplayRole:
        switch (column) {
        case EventTypeColumn:
            return QStringLiteral("#%1").arg(delivery.seq);
        case EntityColumn:
            return deliveryRoleText(delivery);
        case FirstArrivalColumn:
            return timeText(delivery.arrivalMs);
        case AnswersColumn:
            return delivery.answer;
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant EventGroupsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractItemModel::headerData(section, orientation, role);
    static const char *const titles[ColumnCount] = {"Event type",    "Entity",       "Deliveries",
                                                    "First arrival", "Last arrival", "Answers"};
    return section >= 0 && section < ColumnCount ? QString::fromLatin1(titles[section])
                                                 : QVariant();
}
