#include "send/wixenvelope.h"

#include "send/claimstemplate.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QUuid>

#include <array>

namespace {
QString compact(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

// A version 4 UUID from Qt's seeded generator: QUuid::createUuid() asks the system for the
// bytes of every one (a getrandom() call per event planned).
QString freshUuid()
{
    std::array<quint32, 4> words;
    QRandomGenerator::global()->fillRange(words.data(), qsizetype(words.size()));
    QByteArray bytes(reinterpret_cast<const char *>(words.data()), 16);
    bytes[6] = char((uchar(bytes[6]) & 0x0f) | 0x40); // version 4
    bytes[8] = char((uchar(bytes[8]) & 0x3f) | 0x80); // RFC 4122 variant
    return QUuid::fromRfc4122(bytes).toString(QUuid::WithoutBraces);
}

QJsonObject entityOf(const QJsonObject &data)
{
    if (data.contains(QLatin1String("createdEvent")))
        return data.value(QLatin1String("createdEvent"))
            .toObject()
            .value(QLatin1String("entity"))
            .toObject();
    if (data.contains(QLatin1String("updatedEvent")))
        return data.value(QLatin1String("updatedEvent"))
            .toObject()
            .value(QLatin1String("currentEntity"))
            .toObject();
    if (data.contains(QLatin1String("deletedEvent")))
        return data.value(QLatin1String("deletedEvent"))
            .toObject()
            .value(QLatin1String("deletedEntity"))
            .toObject();
    return QJsonObject{{QStringLiteral("id"), data.value(QLatin1String("entityId"))}};
}
} // namespace

QJsonObject wixClaimsForEnvelope(const QJsonObject &envelope, qint64 iat, std::optional<qint64> exp)
{
    QJsonObject wire = envelope;
    for (const char *field : {"data", "identity"}) {
        const QString key = QLatin1String(field);
        if (wire.value(key).isObject())
            wire.insert(key, compact(wire.value(key).toObject()));
    }
    QJsonObject claims{{QStringLiteral("data"), compact(wire)}, {QStringLiteral("iat"), iat}};
    if (exp)
        claims.insert(QStringLiteral("exp"), *exp);
    return claims;
}

const std::pair<QString FreshValues::*, const char *> FreshValues::kFields[4] = {
    {&FreshValues::id, "id"},
    {&FreshValues::eventTime, "eventTime"},
    {&FreshValues::operationTimeStamp, "operationTimeStamp"},
    {&FreshValues::sequence, "entityEventSequence"}};

QJsonObject EnvelopeFactory::make(const QJsonObject &templateEnvelope)
{
    return withValues(templateEnvelope, fresh(templateEnvelope));
}

FreshValues EnvelopeFactory::fresh(const QJsonObject &templateEnvelope)
{
    FreshValues values;
    const QJsonValue dataValue = templateEnvelope.value(QLatin1String("data"));
    if (!dataValue.isObject())
        return values; // a string: sent as written
    const QJsonObject data = dataValue.toObject();
    if (freshIds && data.contains(QLatin1String("id")))
        values.id = freshUuid();
    if (freshTime) {
        refreshNow();
        if (data.contains(QLatin1String("eventTime")))
            values.eventTime = m_nowEventTime;
        if (data.contains(QLatin1String("operationTimeStamp")))
            values.operationTimeStamp = m_nowIsoMs;
    }
    if (freshSequence && data.contains(QLatin1String("entityEventSequence"))) {
        const QString entity = data.value(QLatin1String("entityFqdn")).toString() +
                               QLatin1Char('/') + data.value(QLatin1String("entityId")).toString();
        values.sequence = QString::number(++m_sequences[entity]);
    }
    return values;
}

QJsonObject EnvelopeFactory::withValues(const QJsonObject &templateEnvelope,
                                        const FreshValues &values)
{
    QJsonObject envelope = templateEnvelope;
    if (!envelope.value(QLatin1String("data")).isObject())
        return envelope;
    QJsonObject data = envelope.value(QLatin1String("data")).toObject();
    for (const auto &[member, field] : FreshValues::kFields) {
        if (!(values.*member).isEmpty())
            data.insert(QLatin1String(field), values.*member);
    }
    envelope.insert(QStringLiteral("data"), data);
    return envelope;
}

void EnvelopeFactory::refreshNow()
{
    // Thousands of events are planned in a millisecond: the texts are made once for each.
    const qint64 ms = QDateTime::currentMSecsSinceEpoch();
    if (ms == m_nowMs)
        return;
    m_nowMs = ms;
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
    // eventTime with microseconds, as many Wix events carry it.
    m_nowEventTime =
        now.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz")) + QStringLiteral("000Z");
    m_nowIsoMs = now.toString(Qt::ISODateWithMs);
}

QByteArray EnvelopeToSign::claimsJson() const
{
    if (compiled)
        return compiled->claims(fresh, iat);
    return QJsonDocument(wixClaimsForEnvelope(envelope, iat, exp)).toJson(QJsonDocument::Compact);
}

QJsonObject EnvelopeFactory::lifecycleStage(const QJsonObject &templateEnvelope, WixEventKind kind)
{
    QJsonObject envelope = templateEnvelope;
    QJsonObject data = envelope.value(QLatin1String("data")).toObject();
    const QString fqdn = data.value(QLatin1String("entityFqdn")).toString();
    const QJsonObject entity = entityOf(data);
    for (const char *stage : {"createdEvent", "updatedEvent", "deletedEvent", "actionEvent"})
        data.remove(QLatin1String(stage));
    QString slug;
    switch (kind) {
    case WixEventKind::Created:
        slug = QStringLiteral("created");
        data.insert(QStringLiteral("createdEvent"),
                    QJsonObject{{QStringLiteral("entity"), entity}});
        break;
    case WixEventKind::Deleted:
        slug = QStringLiteral("deleted");
        data.insert(QStringLiteral("deletedEvent"),
                    QJsonObject{{QStringLiteral("deletedEntity"), entity}});
        break;
    default:
        slug = QStringLiteral("updated");
        data.insert(QStringLiteral("updatedEvent"),
                    QJsonObject{{QStringLiteral("currentEntity"), entity}});
        break;
    }
    data.insert(QStringLiteral("slug"), slug);
    if (!data.contains(QLatin1String("entityEventSequence")))
        data.insert(QStringLiteral("entityEventSequence"), QStringLiteral("0"));
    envelope.insert(QStringLiteral("data"), data);
    envelope.insert(QStringLiteral("eventType"), fqdn + QLatin1Char('_') + slug);
    return make(envelope);
}
