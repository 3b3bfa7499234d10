#include "analysis/analysisinput.h"

#include "analysis/wixretryschedule.h"
#include "jwt/sha256digest.h"

#include <QCryptographicHash>

QByteArray AnalysisInput::tokenDigestOf(const QByteArray &body)
{
    // OpenSSL's SHA-256 (SHA-NI where the CPU has it): several times faster than
    // QCryptographicHash's in Qt 6.4, and this runs for every delivery.
    const QByteArray token = body.trimmed();
    unsigned char digest[kSha256Size];
    if (!sha256Of(token, digest))
        return QCryptographicHash::hash(token, QCryptographicHash::Sha256);
    return QByteArray(reinterpret_cast<const char *>(digest), qsizetype(kSha256Size));
}

QByteArray AnalysisInput::tokenDigestOf(const Delivery &delivery)
{
    return delivery.tokenDigest.isEmpty() ? tokenDigestOf(delivery.body) : delivery.tokenDigest;
}

void AnalysisInput::setAnswer(int status, qint64 answeredAfterMs)
{
    answeredOk = status >= 200 && status <= 299 && answeredAfterMs <= WixRetrySchedule::kTimeoutMs;
    answerSummary = answeredAfterMs > WixRetrySchedule::kTimeoutMs
                        ? QStringLiteral("%1 after %2 ms").arg(status).arg(answeredAfterMs)
                        : QString::number(status);
}

AnalysisInput AnalysisInput::fromDelivery(const Delivery &d)
{
    AnalysisInput input;
    input.seq = d.seq;
    input.arrivalMs = d.arrivalMs;
    input.eventType = d.event.eventType;
    input.instanceId = d.event.instanceId;
    input.eventId = d.event.eventId;
    input.contentDigest = d.event.contentDigest;
    input.tokenDigest = tokenDigestOf(d);
    input.entityFqdn = d.event.entityFqdn;
    input.entityId = d.event.entityId;
    input.shape = d.event.shape;
    input.kind = d.event.kind;
    input.sequence = d.event.entityEventSequence;
    input.eventTime = d.event.eventTime;
    input.operationTimeStamp = d.event.operationTimeStamp;
    input.setAnswer(d.answerStatus, d.forward ? d.forward->latencyMs : d.answerDelayMs);
    input.signature = d.signature;
    input.reasonCode = ::reasonCode(d.reason);
    input.bodyKind = d.bodyKind;
    return input;
}
