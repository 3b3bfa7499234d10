#include "wix/wixevent.h"

#include <QJsonArray>

QString wixEventShapeName(WixEventShape shape)
{
    switch (shape) {
    case WixEventShape::Standardized:
        return QStringLiteral("standardized");
    case WixEventShape::AppManagement:
        return QStringLiteral("app-management");
    case WixEventShape::Legacy:
        return QStringLiteral("legacy");
    case WixEventShape::None:
        break;
    }
    return QStringLiteral("none");
}

QString wixEventKindName(WixEventKind kind)
{
    switch (kind) {
    case WixEventKind::Created:
        return QStringLiteral("created");
    case WixEventKind::Updated:
        return QStringLiteral("updated");
    case WixEventKind::Deleted:
        return QStringLiteral("deleted");
    case WixEventKind::Action:
        return QStringLiteral("action");
    case WixEventKind::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

WixEventShape wixEventShapeFromName(const QString &name)
{
    for (const auto shape :
         {WixEventShape::Standardized, WixEventShape::AppManagement, WixEventShape::Legacy}) {
        if (name == wixEventShapeName(shape))
            return shape;
    }
    return WixEventShape::None;
}

WixEventKind wixEventKindFromName(const QString &name)
{
    for (const auto kind : {WixEventKind::Created, WixEventKind::Updated, WixEventKind::Deleted,
                            WixEventKind::Action}) {
        if (name == wixEventKindName(kind))
            return kind;
    }
    return WixEventKind::Unknown;
}

QString identityTypeName(IdentityType type)
{
    switch (type) {
    case IdentityType::AnonymousVisitor:
        return QStringLiteral("ANONYMOUS_VISITOR");
    case IdentityType::Member:
        return QStringLiteral("MEMBER");
    case IdentityType::WixUser:
        return QStringLiteral("WIX_USER");
    case IdentityType::App:
        return QStringLiteral("APP");
    case IdentityType::Unknown:
        return QStringLiteral("UNKNOWN");
    case IdentityType::None:
        break;
    }
    return QString();
}

QString WixEvent::entityKey() const
{
    if (entityFqdn.isEmpty() && entityId.isEmpty())
        return QString();
    return entityFqdn + QLatin1Char('/') + entityId;
}

QJsonObject WixEvent::toJson() const
{
    auto orNull = [](const QString &text) {
        return text.isEmpty() ? QJsonValue() : QJsonValue(text);
    };
    QJsonObject json;
    json.insert(QLatin1String("shape"), wixEventShapeName(shape));
    json.insert(QLatin1String("kind"), wixEventKindName(kind));
    json.insert(QLatin1String("eventType"), orNull(eventType));
    json.insert(QLatin1String("instanceId"), orNull(instanceId));
    json.insert(QLatin1String("identityType"), orNull(identityTypeText));
    json.insert(QLatin1String("identityId"), orNull(identityId));
    json.insert(QLatin1String("eventId"), orNull(eventId));
    json.insert(QLatin1String("entityFqdn"), orNull(entityFqdn));
    json.insert(QLatin1String("slug"), orNull(slug));
    json.insert(QLatin1String("entityId"), orNull(entityId));
    json.insert(QLatin1String("eventTime"), orNull(eventTime));
    json.insert(QLatin1String("entityEventSequence"), orNull(entityEventSequence));
    json.insert(QLatin1String("operationTimeStamp"), orNull(operationTimeStamp));
    json.insert(QLatin1String("modifiedFields"), QJsonArray::fromStringList(modifiedFields));
    if (!accountInfo.isEmpty())
        json.insert(QLatin1String("accountInfo"), accountInfo);
    return json;
}
