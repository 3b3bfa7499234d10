#include "analysis/analysisinput.h"

#include "analysis/wixretryschedule.h"

#include <openssl/evp.h>

#include <QCryptographicHash>

QByteArray AnalysisInput::tokenDigestOf(const QByteArray &body)
{
    // OpenSSL's SHA-256 (SHA-NI where the CPU has it): several times faster than
    // QCryptographicHash's in Qt 6.4, and this runs for every delivery.
    static EVP_MD *const sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    const QByteArray token = body.trimmed();
    QByteArray digest(EVP_MAX_MD_SIZE, Qt::Uninitialized);
    unsigned int size = 0;
    if (!sha256 ||
        EVP_Digest(token.constData(), size_t(token.size()),
                   reinterpret_cast<unsigned char *>(digest.data()), &size, sha256, nullptr) != 1)
        return QCryptographicHash::hash(token, QCryptographicHash::Sha256);
    digest.truncate(int(size));
    return digest;
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
