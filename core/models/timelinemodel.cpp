#include "models/timelinemodel.h"

#include "analysis/analysisinput.h"
#include "analysis/deliveryanalyzer.h"

#include <QDateTime>

#include <algorithm>

namespace {
QString utcText(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

QString lagText(double ms)
{
    const double a = qAbs(ms);
    if (a < 1000)
        return QStringLiteral("%1 ms").arg(ms, 0, 'f', a < 10 ? 3 : 0);
    if (a < 120 * 1000)
        return QStringLiteral("%1 s").arg(ms / 1000, 0, 'f', 2);
    if (a < 7200 * 1000)
        return QStringLiteral("%1 min").arg(ms / 60000, 0, 'f', 1);
    return QStringLiteral("%1 h").arg(ms / 3600000, 0, 'f', 1);
}

// The event's own time: eventTime, or operationTimeStamp for app-management events.
WixTimestamp eventTimestampOf(const WixEvent &event)
{
    if (event.eventTimestamp.valid)
        return event.eventTimestamp;
    return WixTimestamp::parse(
        event.shape == WixEventShape::AppManagement ? event.operationTimeStamp : event.eventTime);
}
} // namespace

TimelineModel::TimelineModel(QObject *parent)
    : QAbstractListModel(parent)
{}

QString TimelineModel::laneKeyOf(const WixEvent &event)
{
    // The analyzer's entity key, so a lane is exactly what order and gaps are judged on.
    AnalysisInput input;
    input.shape = event.shape;
    input.instanceId = event.instanceId;
    input.entityFqdn = event.entityFqdn;
    input.entityId = event.entityId;
    const QString entity = DeliveryAnalyzer::entityKeyOf(input);
    if (!entity.isEmpty())
        return entity;
    switch (event.shape) {
    case WixEventShape::Legacy:
        return QStringLiteral("legacy/") + event.instanceId;
    case WixEventShape::Standardized:
    case WixEventShape::AppManagement:
        return QStringLiteral("instance/") + event.instanceId;
    case WixEventShape::None:
        break;
    }
    return QStringLiteral("none");
}

QString TimelineModel::laneLabelOf(const WixEvent &event)
{
    switch (event.shape) {
    case WixEventShape::Standardized:
        return event.entityId.isEmpty() ? QStringLiteral("no entity · ") + event.instanceId
                                        : event.entityKey();
    case WixEventShape::AppManagement:
        return QStringLiteral("app events · ") + event.instanceId;
    case WixEventShape::Legacy:
        return QStringLiteral("legacy · ") + event.instanceId;
    case WixEventShape::None:
        break;
    }
    return QStringLiteral("not a Wix event");
}

void TimelineModel::appendDeliveries(const QVector<Delivery> &deliveries)
{
    QVector<const Delivery *> fresh;
    fresh.reserve(deliveries.size());
    for (const Delivery &delivery : deliveries) {
        if (!m_rowOfSeq.contains(delivery.seq))
            fresh.append(&delivery);
    }
    if (fresh.isEmpty())
        return;
    const int first = int(m_events.size());
    beginInsertRows({}, first, first + int(fresh.size()) - 1);
    for (const Delivery *delivery : std::as_const(fresh)) {
        TimelineEvent event;
        event.seq = delivery->seq;
        event.arrivalMs = delivery->arrivalMs;
        const WixTimestamp when = eventTimestampOf(delivery->event);
        event.hasEventTime = when.valid;
        event.eventTimeMs = when.valid ? double(when.seconds) * 1000.0 + when.nanos / 1e6
                                       : double(delivery->arrivalMs);
        event.flags = delivery->analysis.flags;
        event.duplicateKind = delivery->analysis.duplicateKind;
        event.duplicateOf = delivery->analysis.duplicateOf;
        event.stack = delivery->analysis.duplicateIndex;
        event.likelyRetryAttempt = delivery->analysis.likelyRetryAttempt;
        event.answerStatus = delivery->answerStatus;
        event.eventType = delivery->event.eventType;
        event.eventTime = delivery->event.shape == WixEventShape::AppManagement
                              ? delivery->event.operationTimeStamp
                              : delivery->event.eventTime;
        event.sequence = delivery->event.entityEventSequence;
        for (const Finding &finding : delivery->analysis.findings)
            event.findings << severityName(finding.severity) + QLatin1Char(' ') + finding.code +
                                  QStringLiteral(": ") + finding.message;

        const QString key = laneKeyOf(delivery->event);
        auto lane = m_laneOfKey.constFind(key);
        if (lane == m_laneOfKey.constEnd()) {
            lane = m_laneOfKey.insert(key, int(m_lanes.size()));
            m_lanes.append({key, laneLabelOf(delivery->event), 0, 0});
            m_laneRows.append(QVector<int>());
        }
        event.lane = *lane;
        TimelineLane &laneData = m_lanes[event.lane];
        ++laneData.eventCount;
        laneData.maxStack = qMax(laneData.maxStack, event.stack);
        const int row = int(m_events.size());
        m_laneRows[event.lane].append(row);
        m_rowOfSeq.insert(event.seq, row);

        if (!m_events.isEmpty() && event.arrivalMs < m_events.constLast().arrivalMs)
            m_arrivalsSorted = false;
        if (m_events.isEmpty()) {
            m_minMs = event.lowMs();
            m_maxMs = event.highMs();
        } else {
            m_minMs = qMin(m_minMs, event.lowMs());
            m_maxMs = qMax(m_maxMs, event.highMs());
        }
        m_maxLagMs = qMax(m_maxLagMs, double(event.arrivalMs) - event.eventTimeMs);
        m_maxLeadMs = qMax(m_maxLeadMs, event.eventTimeMs - double(event.arrivalMs));
        m_events.append(std::move(event));
    }
    endInsertRows();
}

void TimelineModel::clear()
{
    if (m_events.isEmpty())
        return;
    beginResetModel();
    m_events.clear();
    m_lanes.clear();
    m_laneRows.clear();
    m_laneOfKey.clear();
    m_rowOfSeq.clear();
    m_minMs = m_maxMs = m_maxLagMs = m_maxLeadMs = 0;
    m_arrivalsSorted = true;
    endResetModel();
}

std::pair<int, int> TimelineModel::rowsArrivingBetween(double fromMs, double toMs) const
{
    if (!m_arrivalsSorted)
        return {0, int(m_events.size())};
    const auto begin = std::lower_bound(
        m_events.cbegin(), m_events.cend(), fromMs,
        [](const TimelineEvent &event, double ms) { return double(event.arrivalMs) < ms; });
    const auto end =
        std::upper_bound(begin, m_events.cend(), toMs, [](double ms, const TimelineEvent &event) {
            return ms < double(event.arrivalMs);
        });
    return {int(begin - m_events.cbegin()), int(end - m_events.cbegin())};
}

QString TimelineModel::summary(int row) const
{
    const TimelineEvent &event = m_events.at(row);
    QStringList lines;
    lines << QStringLiteral("#%1  %2").arg(event.seq).arg(
        event.eventType.isEmpty() ? QStringLiteral("(no event type)") : event.eventType);
    lines << QStringLiteral("lane: ") + m_lanes.at(event.lane).label;
    if (!event.sequence.isEmpty())
        lines << QStringLiteral("entityEventSequence: ") + event.sequence;
    if (event.hasEventTime)
        lines << QStringLiteral("event time: ") + event.eventTime;
    lines << QStringLiteral("arrival: ") + utcText(event.arrivalMs);
    if (event.hasEventTime)
        lines << QStringLiteral("arrived %1 after the event")
                     .arg(lagText(double(event.arrivalMs) - event.eventTimeMs));
    lines << QStringLiteral("answered: %1").arg(event.answerStatus);
    if (event.findings.isEmpty())
        lines << QStringLiteral("no findings");
    else
        lines << event.findings;
    return lines.join(QLatin1Char('\n'));
}

int TimelineModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

QVariant TimelineModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_events.size())
        return {};
    const TimelineEvent &event = m_events.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return QStringLiteral("#%1 %2").arg(event.seq).arg(event.eventType);
    case SeqRole:
        return event.seq;
    case LaneRole:
        return event.lane;
    case StackRole:
        return event.stack;
    case EventTimeMsRole:
        return event.eventTimeMs;
    case ArrivalMsRole:
        return event.arrivalMs;
    case FlagsRole:
        return event.flags;
    default:
        return {};
    }
}
