#pragma once

#include "wix/wixevent.h"

#include <QHash>
#include <QJsonObject>
#include <QString>

#include <optional>

// Wix's wire format: claims {"data": "<envelope as a string>", "iat", "exp"?}, the
// envelope's "data" and "identity" strings of JSON too. Objects given for them
// are stringified; strings are kept as they are.
QJsonObject wixClaimsForEnvelope(const QJsonObject &envelope, qint64 iat,
                                 std::optional<qint64> exp = std::nullopt);

// An envelope and its claims' times: wixClaimsForEnvelope() of them, made when needed.
struct EnvelopeToSign
{
    QJsonObject envelope;
    qint64 iat = 0;
    std::optional<qint64> exp;

    QJsonObject claims() const { return wixClaimsForEnvelope(envelope, iat, exp); }
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
