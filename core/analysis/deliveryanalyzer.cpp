#include "analysis/deliveryanalyzer.h"

#include "analysis/wixretryschedule.h"
#include "jwt/sha256digest.h"

#include <QCryptographicHash>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace {
quint64 tokenPrefixOf(const QByteArray &digest)
{
    quint64 prefix = 0;
    std::memcpy(&prefix, digest.constData(),
                std::min<size_t>(sizeof prefix, size_t(digest.size())));
    return prefix;
}

// Arrivals this long after their event (or more) are checked against Wix's retry schedule.
constexpr qint64 kLateMs = 30 * 1000;

// In the largest unit that keeps the number readable, from 1 ms up.
QString formatSeconds(double seconds)
{
    if (seconds < 1)
        return QStringLiteral("%1 ms").arg(seconds * 1e3, 0, 'f', 1);
    if (seconds < 120)
        return QStringLiteral("%1 s").arg(seconds, 0, 'f', 3);
    if (seconds < 7200)
        return QStringLiteral("%1 min").arg(seconds / 60, 0, 'f', 1);
    return QStringLiteral("%1 h").arg(seconds / 3600, 0, 'f', 1);
}

QString formatNanos(qint64 nanos)
{
    if (qAbs(nanos) < 1000)
        return QStringLiteral("%1 ns").arg(qAbs(nanos));
    if (qAbs(nanos) < 1000000)
        return QStringLiteral("%1 µs").arg(double(qAbs(nanos)) / 1e3, 0, 'f', 1);
    return formatSeconds(double(qAbs(nanos)) / 1e9);
}

// Not through nanoseconds: an event time of year 1 is later than qint64 nanoseconds reach.
QString formatMs(qint64 ms)
{
    return ms == 0 ? formatNanos(0) : formatSeconds(std::fabs(double(ms)) / 1e3);
}

void add(DeliveryAnalysis &result, AnalysisFlag flag, Severity severity, const char *code,
         const QString &message, qint64 related = 0)
{
    result.flags |= flag;
    result.findings.append({severity, QLatin1String(code), message, related});
}
} // namespace

DeliveryAnalyzer::KeyDigest DeliveryAnalyzer::digestOf(const QByteArray &key)
{
    unsigned char sha[kSha256Size];
    if (!sha256Of(key, sha)) {
        const QByteArray slow = QCryptographicHash::hash(key, QCryptographicHash::Sha256);
        std::memcpy(sha, slow.constData(), kSha256Size);
    }
    KeyDigest digest;
    std::memcpy(&digest.high, sha, sizeof digest.high);
    std::memcpy(&digest.low, sha + 8, sizeof digest.low);
    return digest;
}

quint32 DeliveryAnalyzer::answerId(const QString &answer)
{
    const auto known = m_answerIds.constFind(answer);
    if (known != m_answerIds.constEnd())
        return *known;
    m_answers.append(answer);
    return *m_answerIds.insert(answer, quint32(m_answers.size() - 1));
}

void DeliveryAnalyzer::reset()
{
    m_answers.clear();
    m_answerIds.clear();
    m_events.clear();
    m_entities.clear();
    m_staleEntities.clear();
}

QStringList DeliveryAnalyzer::staleEntities() const
{
    QStringList entities(m_staleEntities.cbegin(), m_staleEntities.cend());
    entities.sort();
    return entities;
}

QString DeliveryAnalyzer::entityKeyOf(const AnalysisInput &input)
{
    switch (input.shape) {
    case WixEventShape::Standardized:
        if (!input.entityId.isEmpty())
            return input.entityFqdn + QLatin1Char('/') + input.entityId;
        return QString();
    case WixEventShape::AppManagement:
        return QStringLiteral("app/") + input.instanceId;
    case WixEventShape::Legacy:
    case WixEventShape::None:
        break;
    }
    return QString();
}

DeliveryAnalyzer::Order DeliveryAnalyzer::orderOf(const AnalysisInput &input)
{
    Order order;
    order.sequence = SequenceNumber::parse(input.sequence);
    order.time = WixTimestamp::parse(
        input.shape == WixEventShape::AppManagement ? input.operationTimeStamp : input.eventTime);
    return order;
}

DeliveryAnalysis DeliveryAnalyzer::analyze(const AnalysisInput &input)
{
    DeliveryAnalysis result;
    if (input.signature == SignatureStatus::Invalid) {
        add(result, FlagBadSignature, Severity::Error, "sig.invalid",
            QStringLiteral("signature rejected: %1").arg(input.reasonCode));
    } else if (input.bodyKind == BodyKind::Jwt || input.bodyKind == BodyKind::MalformedJwt) {
        if (input.signature == SignatureStatus::Malformed)
            add(result, FlagBadSignature, Severity::Error, "sig.malformed",
                QStringLiteral("malformed token: %1").arg(input.reasonCode));
    }
    if (input.shape == WixEventShape::None)
        return result;

    checkDuplicate(input, result);
    const bool duplicate = result.has(FlagDuplicate);
    checkLateness(input, result);

    const QString entityKey = entityKeyOf(input);
    if (entityKey.isEmpty())
        return result;
    EntityState &entity = m_entities[digestOf(entityKey.toUtf8())];
    const Order order = orderOf(input);
    checkOrder(input, order, entity, duplicate, result);
    checkLifecycle(input, entity, duplicate, result);
    checkStaleState(entityKey, order, entity, result);
    return result;
}

void DeliveryAnalyzer::checkDuplicate(const AnalysisInput &input, DeliveryAnalysis &result)
{
    QByteArray key;
    if (!input.eventId.isEmpty())
        key = "id\n" + input.instanceId.toUtf8() + '\n' + input.eventId.toUtf8();
    else if (!input.contentDigest.isEmpty())
        key = "digest\n" + input.contentDigest;
    else
        return;
    EventState &event = m_events[digestOf(key)];
    const quint64 token = tokenPrefixOf(input.tokenDigest);
    if (event.count > 0) {
        result.duplicateOf = event.firstSeq;
        result.duplicateIndex = event.count;
        const bool identical = token == event.lastToken;
        if (identical)
            result.flags |= FlagIdenticalToken;
        const QString sameness =
            identical ? QStringLiteral("the same token") : QStringLiteral("re-signed");
        const QString &lastAnswer = m_answers.at(event.lastAnswer);
        if (!event.lastAnsweredOk) {
            result.duplicateKind = DuplicateKind::Retry;
            result.flags |= FlagDuplicateRetry;
            add(result, FlagDuplicate, Severity::Note, "dup.retry",
                QStringLiteral("duplicate #%1 of delivery %2: a retry, delivery %3 was answered %4 "
                               "(%5)")
                    .arg(event.count)
                    .arg(event.firstSeq)
                    .arg(event.lastSeq)
                    .arg(lastAnswer, sameness),
                event.firstSeq);
        } else {
            result.duplicateKind = DuplicateKind::Redundant;
            add(result, FlagDuplicate, Severity::Warning, "dup.redundant",
                QStringLiteral("duplicate #%1 of delivery %2: a redundant copy, delivery %3 was "
                               "answered %4 in time (%5); the receiver must be idempotent")
                    .arg(event.count)
                    .arg(event.firstSeq)
                    .arg(event.lastSeq)
                    .arg(lastAnswer, sameness),
                event.firstSeq);
        }
    } else {
        event.firstSeq = input.seq;
    }
    ++event.count;
    event.lastSeq = input.seq;
    event.lastToken = token;
    event.lastAnsweredOk = input.answeredOk;
    event.lastAnswer = answerId(input.answerSummary);
}

void DeliveryAnalyzer::checkOrder(const AnalysisInput &input, const Order &order,
                                  EntityState &entity, bool duplicate, DeliveryAnalysis &result)
{
    // A duplicate is the same event again: reported as such, not as out of order or a gap.
    if (order.sequence.isValid()) {
        if (!duplicate && entity.maxSequence.isValid()) {
            const int compared = order.sequence.compare(entity.maxSequence);
            if (compared < 0) {
                result.outOfOrderAfter = entity.maxSequenceSeq;
                add(result, FlagOutOfOrder, Severity::Warning, "order.older",
                    QStringLiteral("out of order: older than delivery %1 by %2 in sequence "
                                   "(%3 < %4)")
                        .arg(entity.maxSequenceSeq)
                        .arg(entity.maxSequence.minus(order.sequence))
                        .arg(order.sequence.digits(), entity.maxSequence.digits()),
                    entity.maxSequenceSeq);
            } else if (compared > 0 && order.sequence.minus(entity.maxSequence) > 1) {
                result.sequenceGap = order.sequence.minus(entity.maxSequence) - 1;
                add(result, FlagSequenceGap, Severity::Warning, "order.gap",
                    QStringLiteral("sequence gap: %1 missing between %2 (delivery %3) and %4")
                        .arg(result.sequenceGap)
                        .arg(entity.maxSequence.digits())
                        .arg(entity.maxSequenceSeq)
                        .arg(order.sequence.digits()),
                    entity.maxSequenceSeq);
            }
        }
        if (!entity.maxSequence.isValid() || order.sequence.compare(entity.maxSequence) > 0) {
            entity.maxSequence = order.sequence;
            entity.maxSequenceSeq = input.seq;
        }
    } else if (order.time.valid) {
        if (!duplicate && entity.maxTime.valid && order.time < entity.maxTime) {
            result.outOfOrderAfter = entity.maxTimeSeq;
            add(result, FlagOutOfOrder, Severity::Warning, "order.older",
                QStringLiteral("out of order: older than delivery %1 by %2")
                    .arg(entity.maxTimeSeq)
                    .arg(formatNanos(entity.maxTime.nanosSince(order.time))),
                entity.maxTimeSeq);
        }
    }
    if (order.time.valid && (!entity.maxTime.valid || entity.maxTime < order.time)) {
        entity.maxTime = order.time;
        entity.maxTimeSeq = input.seq;
    }
}

void DeliveryAnalyzer::checkLifecycle(const AnalysisInput &input, EntityState &entity,
                                      bool duplicate, DeliveryAnalysis &result)
{
    if (input.shape != WixEventShape::Standardized)
        return;
    if (entity.deletedAtSeq > 0 && !duplicate) {
        add(result, FlagAfterDelete, Severity::Warning, "life.after-delete",
            QStringLiteral("event after the entity's delete (delivery %1)")
                .arg(entity.deletedAtSeq),
            entity.deletedAtSeq);
    }
    switch (input.kind) {
    case WixEventKind::Created:
        entity.seenCreate = true;
        break;
    case WixEventKind::Updated:
    case WixEventKind::Deleted:
        if (!entity.seenCreate && !duplicate) {
            add(result, FlagMissingCreate, Severity::Note, "life.no-create",
                QStringLiteral("%1 for an entity whose create was never seen in this session")
                    .arg(input.kind == WixEventKind::Updated ? QStringLiteral("update")
                                                             : QStringLiteral("delete")));
        }
        if (input.kind == WixEventKind::Deleted && entity.deletedAtSeq == 0)
            entity.deletedAtSeq = input.seq;
        break;
    case WixEventKind::Action:
    case WixEventKind::Unknown:
        break;
    }
}

void DeliveryAnalyzer::checkStaleState(const QString &entityKey, const Order &order,
                                       EntityState &entity, DeliveryAnalysis &result)
{
    if (!order.isValid())
        return;
    // A receiver that applies events as they arrive holds this event's data now
    // (a duplicate carries its old data again); the sequence-order state is the newest.
    bool stale = false;
    qint64 newest = 0;
    if (order.sequence.isValid() && entity.maxSequence.isValid()) {
        stale = order.sequence.compare(entity.maxSequence) < 0;
        newest = entity.maxSequenceSeq;
    } else if (order.time.valid && entity.maxTime.valid) {
        stale = order.time < entity.maxTime;
        newest = entity.maxTimeSeq;
    }
    if (stale) {
        result.flags |= FlagStaleState;
        if (!entity.stale) {
            result.findings.append(
                {Severity::Error, QStringLiteral("state.stale"),
                 QStringLiteral("a naive receiver holds stale state: applying events in arrival "
                                "order leaves %1 at this older event; the newest is delivery %2")
                     .arg(entityKey)
                     .arg(newest),
                 newest});
        }
        m_staleEntities.insert(entityKey);
    } else {
        m_staleEntities.remove(entityKey);
    }
    entity.stale = stale;
}

void DeliveryAnalyzer::checkLateness(const AnalysisInput &input, DeliveryAnalysis &result)
{
    const WixTimestamp when = WixTimestamp::parse(
        input.shape == WixEventShape::AppManagement ? input.operationTimeStamp : input.eventTime);
    if (!when.valid)
        return;
    const qint64 lateMs = input.arrivalMs - when.toMSecsSinceEpoch();
    if (lateMs < kLateMs)
        return;
    const int attempt = WixRetrySchedule::likelyAttempt(lateMs);
    if (attempt > 0) {
        result.likelyRetryAttempt = attempt;
        add(result, FlagLateRetry, Severity::Note, "late.retry",
            QStringLiteral("likely retry attempt %1: arrived %2 after the event; Wix's attempt %1 "
                           "comes %3 after it")
                .arg(attempt)
                .arg(formatMs(lateMs), formatMs(WixRetrySchedule::offsetOfAttemptMs(attempt))));
    } else {
        result.findings.append(
            {Severity::Note, QStringLiteral("late"),
             QStringLiteral("late: arrived %1 after the event").arg(formatMs(lateMs)), 0});
    }
}
