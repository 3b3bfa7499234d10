#pragma once

#include "wix/wixevent.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QString>

#include <memory>
#include <optional>
#include <utility>

class ClaimsTemplate;

// Wix's wire format: claims {"data": "<envelope as a string>", "iat", "exp"?}, the
// envelope's "data" and "identity" strings of JSON too. Objects given for them
// are stringified; strings are kept as they are.
QJsonObject wixClaimsForEnvelope(const QJsonObject &envelope, qint64 iat,
                                 std::optional<qint64> exp = std::nullopt);

// What EnvelopeFactory puts fresh into an event's data; each empty where the template has no
// such field or the factory keeps it fixed.
struct FreshValues
{
    QString id;
    QString eventTime;
    QString operationTimeStamp;
    QString sequence; // entityEventSequence

    // Each member and the data field it fills.
    static const std::pair<QString FreshValues::*, const char *> kFields[4];
};

// An envelope and its claims' times, signed later on another thread: the claims' text is
// made then, from the envelope, or from the run's compiled template and this event's values.
struct EnvelopeToSign
{
    QJsonObject envelope; // unless `compiled`
    qint64 iat = 0;
    std::optional<qint64> exp;
    std::shared_ptr<const ClaimsTemplate> compiled; // with `exp` built in
    FreshValues fresh;                              // this event's, with `compiled`

    // QJsonDocument's compact text of wixClaimsForEnvelope(), byte for byte either way.
    QByteArray claimsJson() const;
};

// Makes envelopes to send from a template: fresh event ids, eventTime and
// entityEventSequence per send unless fixed, and the stages of an entity's life.
class EnvelopeFactory
{
public:
    bool freshIds = true;
    bool freshTime = true;
    bool freshSequence = true;

    QJsonObject make(const QJsonObject &templateEnvelope);
    // The next event's values, as make() puts them in (the entity's sequence counts on).
    FreshValues fresh(const QJsonObject &templateEnvelope);
    // The template with these values in its data; empty ones leave its own.
    static QJsonObject withValues(const QJsonObject &templateEnvelope, const FreshValues &values);
    // The same entity as `templateEnvelope` (a standardized event), as a created,
    // updated or deleted event.
    QJsonObject lifecycleStage(const QJsonObject &templateEnvelope, WixEventKind kind);

private:
    void refreshNow();

    QHash<QString, qint64> m_sequences; // per entity
    qint64 m_nowMs = -1;
    QString m_nowEventTime; // of m_nowMs
    QString m_nowIsoMs;
};
