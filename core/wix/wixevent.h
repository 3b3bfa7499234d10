#pragma once

#include "wix/wixtimestamp.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

// The three shapes of an envelope's data (see shared/wix-webhooks.md).
enum class WixEventShape {
    None,          // no envelope could be read
    Standardized,  // id, entityFqdn, slug, entityId, eventTime, created/updated/deleted/actionEvent
    AppManagement, // AppInstalled, PaidPlanPurchased, ...: flat, no id
    Legacy,        // flat, event-specific objects
};

enum class WixEventKind { Unknown, Created, Updated, Deleted, Action };

enum class IdentityType { None, AnonymousVisitor, Member, WixUser, App, Unknown };

QString wixEventShapeName(WixEventShape shape);
QString wixEventKindName(WixEventKind kind);
QString identityTypeName(IdentityType type);              // Wix's spelling: ANONYMOUS_VISITOR, ...
WixEventShape wixEventShapeFromName(const QString &name); // None when unknown
WixEventKind wixEventKindFromName(const QString &name);   // Unknown when unknown

// The typed view of one delivery's envelope.
struct WixEvent
{
    WixEventShape shape = WixEventShape::None;
    WixEventKind kind = WixEventKind::Unknown;
    QString eventType;
    QString instanceId;
    IdentityType identityType = IdentityType::None;
    QString identityTypeText; // as sent, also when unknown
    QString identityId;
    QString eventId; // the inner data's "id", for de-duplication
    QString entityFqdn;
    QString slug;
    QString entityId;
    QString eventTime; // as sent, full precision
    WixTimestamp eventTimestamp;
    QString entityEventSequence; // a string holding an integer, as sent
    QString operationTimeStamp;  // app-management events
    QStringList modifiedFields;  // updated events
    // For events without an id (app-management, legacy): SHA-256 of instanceId,
    // eventType and the decoded data, Wix's rule for de-duplicating them.
    QByteArray contentDigest;
    QJsonObject accountInfo;

    // "wix.contacts.v4.contact/4b01..." for standardized events, empty otherwise.
    QString entityKey() const;
    // {"shape", "kind", "eventType", "instanceId", "identityType", "identityId", "eventId",
    //  "entityFqdn", "slug", "entityId", "eventTime", "entityEventSequence", ...}
    QJsonObject toJson() const;
};
