#include "wix/wixdecoder.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>

namespace {
const QLatin1String kCreatedEvent("createdEvent");
const QLatin1String kUpdatedEvent("updatedEvent");
const QLatin1String kDeletedEvent("deletedEvent");
const QLatin1String kActionEvent("actionEvent");

bool isAppManagementType(const QString &eventType)
{
    static const QStringList types = {
        QStringLiteral("AppInstalled"),
        QStringLiteral("AppRemoved"),
        QStringLiteral("PaidPlanPurchased"),
        QStringLiteral("PaidPlanChanged"),
        QStringLiteral("PaidPlanAutoRenewalCancelled"),
        QStringLiteral("PlanConvertedToPaid"),
        QStringLiteral("PlanReactivated"),
        QStringLiteral("PlanTransferred"),
    };
    return types.contains(eventType);
}

// Wix sends nested objects as strings of JSON. An object in their place is
// readable, but Wix's SDK would throw on it: say so.
QJsonObject readStringifiedObject(const QJsonValue &value, const QString &what, QStringList *notes)
{
    if (value.isObject()) {
        *notes << QStringLiteral("%1 is an object, not a string of JSON as Wix sends it; Wix's SDK "
                                 "would throw on it.")
                      .arg(what);
        return value.toObject();
    }
    if (!value.isString()) {
        *notes << QStringLiteral("%1 is neither a string of JSON nor an object.").arg(what);
        return {};
    }
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(value.toString().toUtf8(), &error);
    if (error.error != QJsonParseError::NoError) {
        *notes << QStringLiteral("%1 is a string but not JSON: %2 at offset %3.")
                      .arg(what, error.errorString())
                      .arg(error.offset);
        return {};
    }
    if (!document.isObject()) {
        *notes << QStringLiteral("%1 holds JSON that is not an object.").arg(what);
        return {};
    }
    return document.object();
}

QString scalarText(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isDouble())
        return QString::number(value.toDouble(), 'g', 17);
    return QString();
}

void readIdentity(const QJsonObject &identity, WixEvent *event, QStringList *notes)
{
    static const struct
    {
        const char *name;
        IdentityType type;
        const char *idField;
    } kinds[] = {
        {"ANONYMOUS_VISITOR", IdentityType::AnonymousVisitor, "anonymousVisitorId"},
        {"MEMBER", IdentityType::Member, "memberId"},
        {"WIX_USER", IdentityType::WixUser, "wixUserId"},
        {"APP", IdentityType::App, "appId"},
    };
    event->identityTypeText = identity.value(QLatin1String("identityType")).toString();
    event->identityType = IdentityType::Unknown;
    for (const auto &kind : kinds) {
        if (event->identityTypeText != QLatin1String(kind.name))
            continue;
        event->identityType = kind.type;
        event->identityId = identity.value(QLatin1String(kind.idField)).toString();
        if (event->identityId.isEmpty())
            *notes << QStringLiteral("The identity is %1 but has no \"%2\".")
                          .arg(event->identityTypeText, QLatin1String(kind.idField));
        return;
    }
    *notes << QStringLiteral("Unknown identityType \"%1\".").arg(event->identityTypeText);
}

QStringList modifiedFieldsOf(const QJsonValue &fields)
{
    if (fields.isObject())
        return fields.toObject().keys();
    QStringList names;
    for (const QJsonValue &field : fields.toArray())
        names << field.toString();
    return names;
}

void readStandardized(const QJsonObject &data, WixEvent *event)
{
    event->shape = WixEventShape::Standardized;
    event->eventId = scalarText(data.value(QLatin1String("id")));
    event->entityFqdn = data.value(QLatin1String("entityFqdn")).toString();
    event->slug = data.value(QLatin1String("slug")).toString();
    event->entityId = scalarText(data.value(QLatin1String("entityId")));
    event->eventTime = data.value(QLatin1String("eventTime")).toString();
    event->eventTimestamp = WixTimestamp::parse(event->eventTime);
    event->entityEventSequence = scalarText(data.value(QLatin1String("entityEventSequence")));
    if (data.contains(kCreatedEvent)) {
        event->kind = WixEventKind::Created;
    } else if (data.contains(kUpdatedEvent)) {
        event->kind = WixEventKind::Updated;
        event->modifiedFields = modifiedFieldsOf(
            data.value(kUpdatedEvent).toObject().value(QLatin1String("modifiedFields")));
    } else if (data.contains(kDeletedEvent)) {
        event->kind = WixEventKind::Deleted;
    } else if (data.contains(kActionEvent)) {
        event->kind = WixEventKind::Action;
    }
}

bool looksStandardized(const QJsonObject &data)
{
    return data.contains(QLatin1String("entityFqdn")) || data.contains(kCreatedEvent) ||
           data.contains(kUpdatedEvent) || data.contains(kDeletedEvent) ||
           data.contains(kActionEvent);
}
} // namespace

WixDecoding decodeWixClaims(const QJsonObject &claims)
{
    WixDecoding result;
    WixEvent &event = result.event;
    const auto dataClaim = claims.constFind(QLatin1String("data"));
    if (dataClaim == claims.constEnd()) {
        result.notes << QStringLiteral("The claims have no \"data\": this is not a Wix webhook.");
        return result;
    }
    const QJsonObject envelope =
        readStringifiedObject(*dataClaim, QStringLiteral("The \"data\" claim"), &result.notes);
    if (envelope.isEmpty())
        return result;

    event.eventType = envelope.value(QLatin1String("eventType")).toString();
    event.instanceId = envelope.value(QLatin1String("instanceId")).toString();
    if (event.eventType.isEmpty())
        result.notes << QStringLiteral("The envelope has no \"eventType\".");
    if (event.instanceId.isEmpty())
        result.notes << QStringLiteral("The envelope has no \"instanceId\".");
    event.accountInfo = envelope.value(QLatin1String("accountInfo")).toObject();

    const auto identity = envelope.constFind(QLatin1String("identity"));
    if (identity != envelope.constEnd() && !identity->isNull()) {
        readIdentity(readStringifiedObject(*identity, QStringLiteral("The envelope's \"identity\""),
                                           &result.notes),
                     &event, &result.notes);
    }

    const QJsonObject data =
        readStringifiedObject(envelope.value(QLatin1String("data")),
                              QStringLiteral("The envelope's \"data\""), &result.notes);
    if (looksStandardized(data)) {
        readStandardized(data, &event);
    } else if (isAppManagementType(event.eventType) ||
               data.contains(QLatin1String("operationTimeStamp"))) {
        event.shape = WixEventShape::AppManagement;
        event.operationTimeStamp = data.value(QLatin1String("operationTimeStamp")).toString();
    } else {
        event.shape = WixEventShape::Legacy;
    }
    if (event.eventId.isEmpty()) {
        // The decoded data, never the raw token: a retry may be signed anew.
        QCryptographicHash hash(QCryptographicHash::Sha256);
        hash.addData(event.instanceId.toUtf8());
        hash.addData(QByteArrayView("\0", 1));
        hash.addData(event.eventType.toUtf8());
        hash.addData(QByteArrayView("\0", 1));
        hash.addData(QJsonDocument(data).toJson(QJsonDocument::Compact));
        event.contentDigest = hash.result();
    }
    return result;
}
