#include "jwt/verdict.h"

#include <QJsonArray>

QString signatureStatusName(SignatureStatus status)
{
    switch (status) {
    case SignatureStatus::Valid:
        return QStringLiteral("valid");
    case SignatureStatus::Invalid:
        return QStringLiteral("invalid");
    case SignatureStatus::Unverified:
        return QStringLiteral("unverified");
    case SignatureStatus::Malformed:
        break;
    }
    return QStringLiteral("malformed");
}

SignatureStatus signatureStatusFromName(const QString &name)
{
    for (const auto status :
         {SignatureStatus::Valid, SignatureStatus::Invalid, SignatureStatus::Unverified}) {
        if (name == signatureStatusName(status))
            return status;
    }
    return SignatureStatus::Malformed;
}

SignatureStatus Verdict::status() const
{
    if (valid)
        return SignatureStatus::Valid;
    if (isMalformed(reason))
        return SignatureStatus::Malformed;
    if (reason == VerdictReason::NoKey)
        return SignatureStatus::Unverified;
    return SignatureStatus::Invalid;
}

QJsonObject Verdict::toJson() const
{
    QJsonObject json;
    json.insert(QLatin1String("valid"), valid);
    json.insert(QLatin1String("reason"), reasonCode(reason));
    json.insert(QLatin1String("message"), message);
    json.insert(QLatin1String("key"), keyName.isEmpty() ? QJsonValue() : QJsonValue(keyName));
    json.insert(QLatin1String("warnings"), QJsonArray::fromStringList(warnings));
    return json;
}
