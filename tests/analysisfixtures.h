#pragma once

// Deliveries for the analysis views' tests, run through the real analyzer.

#include "analysis/analysisinput.h"
#include "analysis/deliveryanalyzer.h"
#include "capture/delivery.h"

#include <QDateTime>

namespace AnalysisFixtures {
constexpr qint64 kT0 = 1700000000000; // 2023-11-14T22:13:20Z

inline QString isoMs(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

// A standardized contact event of entity `entity` with the given sequence and id,
// arriving at `arrivalMs` (its eventTime `eventTimeMs`), answered `status`.
inline Delivery contactEvent(qint64 seq, qint64 arrivalMs, const QString &entity, int sequence,
                             const QString &eventId, qint64 eventTimeMs, int status = 200,
                             WixEventKind kind = WixEventKind::Updated,
                             const QString &instance = QStringLiteral("inst-1"))
{
    Delivery d;
    d.seq = seq;
    d.arrivalMs = arrivalMs;
    d.method = QStringLiteral("POST");
    d.path = QStringLiteral("/webhooks/wix");
    d.body = "token-" + QByteArray::number(seq); // every copy re-signed
    d.size = d.body.size();
    d.bodyKind = BodyKind::Jwt;
    d.signature = SignatureStatus::Valid;
    d.reason = VerdictReason::Valid;
    d.answerStatus = status;
    d.event.shape = WixEventShape::Standardized;
    d.event.kind = kind;
    d.event.eventType = kind == WixEventKind::Created
                            ? QStringLiteral("wix.contacts.v4.contact_created")
                            : QStringLiteral("wix.contacts.v4.contact_updated");
    d.event.instanceId = instance;
    d.event.eventId = eventId;
    d.event.entityFqdn = QStringLiteral("wix.contacts.v4.contact");
    d.event.entityId = entity;
    d.event.eventTime = isoMs(eventTimeMs);
    d.event.eventTimestamp = WixTimestamp::parse(d.event.eventTime);
    d.event.entityEventSequence = QString::number(sequence);
    return d;
}

// A legacy event (no id, no entity): de-duplicated by its content digest.
inline Delivery legacyEvent(qint64 seq, qint64 arrivalMs, const QByteArray &digest,
                            const QString &instance = QStringLiteral("inst-1"))
{
    Delivery d;
    d.seq = seq;
    d.arrivalMs = arrivalMs;
    d.method = QStringLiteral("POST");
    d.path = QStringLiteral("/webhooks/legacy");
    d.body = "legacy-" + QByteArray::number(seq);
    d.bodyKind = BodyKind::Jwt;
    d.signature = SignatureStatus::Valid;
    d.reason = VerdictReason::Valid;
    d.event.shape = WixEventShape::Legacy;
    d.event.eventType = QStringLiteral("/stores/order/paid");
    d.event.instanceId = instance;
    d.event.contentDigest = digest;
    return d;
}

// A request that is not a Wix event at all.
inline Delivery plainPost(qint64 seq, qint64 arrivalMs)
{
    Delivery d;
    d.seq = seq;
    d.arrivalMs = arrivalMs;
    d.method = QStringLiteral("POST");
    d.path = QStringLiteral("/other");
    d.body = "hello";
    d.bodyKind = BodyKind::Text;
    d.signature = SignatureStatus::Malformed;
    d.reason = VerdictReason::NotThreeSegments;
    return d;
}

inline void analyse(QVector<Delivery> &deliveries, DeliveryAnalyzer &analyzer)
{
    for (Delivery &d : deliveries)
        d.analysis = analyzer.analyze(AnalysisInput::fromDelivery(d));
}

inline QVector<Delivery> analysed(QVector<Delivery> deliveries)
{
    DeliveryAnalyzer analyzer;
    analyse(deliveries, analyzer);
    return deliveries;
}

// A session analysed for real: #2 a sequence gap, #3 out of order and stale, #4 a redundant
// copy of #2, #5 answered 500, #6 its retry.
inline QVector<Delivery> analysedSession()
{
    return analysed({
        contactEvent(1, kT0, QStringLiteral("a"), 1, QStringLiteral("a1"), kT0 - 10, 200,
                     WixEventKind::Created),
        contactEvent(2, kT0 + 1000, QStringLiteral("a"), 3, QStringLiteral("a3"), kT0 + 990),
        contactEvent(3, kT0 + 2000, QStringLiteral("a"), 2, QStringLiteral("a2"), kT0 + 500),
        contactEvent(4, kT0 + 3000, QStringLiteral("a"), 3, QStringLiteral("a3"), kT0 + 990),
        contactEvent(5, kT0 + 4000, QStringLiteral("b"), 1, QStringLiteral("b1"), kT0 + 3990, 500,
                     WixEventKind::Created),
        contactEvent(6, kT0 + 5000, QStringLiteral("b"), 1, QStringLiteral("b1"), kT0 + 3990, 200,
                     WixEventKind::Created),
    });
}
} // namespace AnalysisFixtures
