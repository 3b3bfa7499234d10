#include "analysis/analysisinput.h"

#include "analysis/wixretryschedule.h"

#include <QCryptographicHash>

QByteArray AnalysisInput::tokenDigestOf(const QByteArray &body)
{
    return QCryptographicHash::hash(body.trimmed(), QCryptographicHash::Sha256);
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
    input.tokenDigest = tokenDigestOf(d.body);
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
