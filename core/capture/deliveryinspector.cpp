#include "capture/deliveryinspector.h"

#include "wix/tokeninspection.h"

namespace {
QByteArray headerValue(const QVector<HttpHeader> &headers, const char *name)
{
    for (const HttpHeader &header : headers) {
        if (header.name.compare(name, Qt::CaseInsensitive) == 0)
            return header.value;
    }
    return {};
}
} // namespace

void inspectDelivery(Delivery &delivery, const JwtVerifier &verifier)
{
    if (delivery.bodyKind == BodyKind::Oversize) {
        delivery.signature = SignatureStatus::Malformed;
        delivery.reason = VerdictReason::EmptyToken;
        delivery.verdictMessage =
            QStringLiteral("Not read: the body (%1 bytes) is over the limit.").arg(delivery.size);
        return;
    }
    const TokenInspection inspection = inspectToken(delivery.body, verifier);
    delivery.bodyKind = classifyBody(delivery.body, headerValue(delivery.headers, "content-type"),
                                     inspection.isJws());
    delivery.signature = inspection.verdict.status();
    delivery.reason = inspection.verdict.reason;
    delivery.verdictMessage = inspection.verdict.message;
    delivery.keyName = inspection.verdict.keyName;
    delivery.warnings = inspection.verdict.warnings + inspection.decoding.notes;
    delivery.event = inspection.decoding.event;
}
