#include "deliveryline.h"

#include <QDateTime>

namespace {
QString orDash(const QString &text)
{
    return text.isEmpty() ? QStringLiteral("-") : text;
}

QString verdictText(const Delivery &d)
{
    switch (d.signature) {
    case SignatureStatus::Valid:
        return d.keyName.isEmpty() ? QStringLiteral("VALID")
                                   : QStringLiteral("VALID(%1)").arg(d.keyName);
    case SignatureStatus::Unverified:
        return QStringLiteral("UNVERIFIED");
    case SignatureStatus::Invalid:
        return QStringLiteral("INVALID:") + reasonCode(d.reason);
    case SignatureStatus::Malformed:
        break;
    }
    return d.bodyKind == BodyKind::MalformedJwt || d.bodyKind == BodyKind::Jwt
               ? QStringLiteral("MALFORMED:") + reasonCode(d.reason)
               : QStringLiteral("NOT-JWT:") + bodyKindName(d.bodyKind);
}

QString flagsText(const Delivery &d)
{
    QStringList flags;
    if (d.bodyKind == BodyKind::Oversize)
        flags << QStringLiteral("oversize");
    if (d.forward && d.forward->wixWouldRetry())
        flags << QStringLiteral("wix-would-retry");
    if (!d.warnings.isEmpty())
        flags << QStringLiteral("warnings:%1").arg(d.warnings.size());
    return flags.isEmpty()
               ? QString()
               : QStringLiteral("  [") + flags.join(QLatin1Char(',')) + QLatin1Char(']');
}
} // namespace

QString deliveryLine(const Delivery &d)
{
    const QString time =
        QDateTime::fromMSecsSinceEpoch(d.arrivalMs, Qt::UTC).toString(Qt::ISODateWithMs);
    const QString request = d.method + QLatin1Char(' ') + d.path +
                            (d.query.isEmpty() ? QString() : QLatin1Char('?') + d.query);
    return QStringLiteral("%1  #%2  %3  %4  instance=%5  entity=%6  %7  -> %8%9")
        .arg(time)
        .arg(d.seq)
        .arg(request, orDash(d.event.eventType), orDash(d.event.instanceId),
             orDash(d.event.entityKey()), verdictText(d))
        .arg(d.answerStatus)
        .arg(flagsText(d));
}
