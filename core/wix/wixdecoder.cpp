#include "wix/wixdecoder.h"

#include "json/qtjsonaccess.h"
#include "json/simdjsonaccess.h"

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

// Reads one delivery's envelope, written once over a JSON access class
// (QtJsonAccess or SimdJsonAccess) so both read exactly alike.
template <typename Json> class EnvelopeReader
{
public:
    using Object = typename Json::Object;
    using Value = typename Json::Value;

    explicit EnvelopeReader(WixDecoding *result, Json json = Json())
        : m_json(std::move(json))
        , m_event(result->event)
        , m_notes(result->notes)
    {}

    // Wix sends nested objects as strings of JSON. An object in their place is
    // readable, but Wix's SDK would throw on it: say so.
    Object readStringifiedObject(const Value &value, const QString &what)
    {
        if (Json::isObject(value)) {
            m_notes << QStringLiteral("%1 is an object, not a string of JSON as Wix sends it; "
                                      "Wix's SDK would throw on it.")
                           .arg(what);
            return Json::object(value);
        }
        if (!Json::isString(value)) {
            m_notes << QStringLiteral("%1 is neither a string of JSON nor an object.").arg(what);
            return {};
        }
        Object object;
        QString error;
        switch (m_json.parseObject(value, &object, &error)) {
        case Json::Parsed::Object:
            return object;
        case Json::Parsed::NotJson:
            m_notes << QStringLiteral("%1 is a string but not JSON: %2.").arg(what, error);
            return {};
        case Json::Parsed::NotObject:
            break;
        }
        m_notes << QStringLiteral("%1 holds JSON that is not an object.").arg(what);
        return {};
    }

    void readEnvelope(const Object &envelope)
    {
        m_event.eventType = stringAt(envelope, QLatin1String("eventType"));
        m_event.instanceId = stringAt(envelope, QLatin1String("instanceId"));
        if (m_event.eventType.isEmpty())
            m_notes << QStringLiteral("The envelope has no \"eventType\".");
        if (m_event.instanceId.isEmpty())
            m_notes << QStringLiteral("The envelope has no \"instanceId\".");
        Value value;
        if (Json::find(envelope, QLatin1String("accountInfo"), &value) && Json::isObject(value))
            m_event.accountInfo = Json::toQt(Json::object(value));
        if (Json::find(envelope, QLatin1String("identity"), &value) && !Json::isNull(value))
            readIdentity(
                readStringifiedObject(value, QStringLiteral("The envelope's \"identity\"")));

        Object data;
        if (Json::find(envelope, QLatin1String("data"), &value))
            data = readStringifiedObject(value, QStringLiteral("The envelope's \"data\""));
        else
            m_notes << QStringLiteral("The envelope's \"data\" is neither a string of JSON nor "
                                      "an object.");
        if (looksStandardized(data)) {
            readStandardized(data);
        } else if (isAppManagementType(m_event.eventType) ||
                   Json::contains(data, QLatin1String("operationTimeStamp"))) {
            m_event.shape = WixEventShape::AppManagement;
            m_event.operationTimeStamp = stringAt(data, QLatin1String("operationTimeStamp"));
        } else {
            m_event.shape = WixEventShape::Legacy;
        }
        if (m_event.eventId.isEmpty())
            m_event.contentDigest = contentDigest(Json::toQt(data));
    }

private:
    static QString stringAt(const Object &object, QLatin1String key)
    {
        Value value;
        return Json::find(object, key, &value) ? Json::string(value) : QString();
    }

    static QString scalarAt(const Object &object, QLatin1String key)
    {
        Value value;
        if (!Json::find(object, key, &value))
            return QString();
        if (Json::isString(value))
            return Json::string(value);
        if (Json::isNumber(value))
            return QString::number(Json::number(value), 'g', 17);
        return QString();
    }

    static bool looksStandardized(const Object &data)
    {
        for (const QLatin1String key : {QLatin1String("entityFqdn"), kCreatedEvent, kUpdatedEvent,
                                        kDeletedEvent, kActionEvent}) {
            if (Json::contains(data, key))
                return true;
        }
        return false;
    }

    void readIdentity(const Object &identity)
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
        m_event.identityTypeText = stringAt(identity, QLatin1String("identityType"));
        m_event.identityType = IdentityType::Unknown;
        for (const auto &kind : kinds) {
            if (m_event.identityTypeText != QLatin1String(kind.name))
                continue;
            m_event.identityType = kind.type;
            m_event.identityId = stringAt(identity, QLatin1String(kind.idField));
            if (m_event.identityId.isEmpty())
                m_notes << QStringLiteral("The identity is %1 but has no \"%2\".")
                               .arg(m_event.identityTypeText, QLatin1String(kind.idField));
            return;
        }
        m_notes << QStringLiteral("Unknown identityType \"%1\".").arg(m_event.identityTypeText);
    }

    static QStringList modifiedFieldsOf(const Object &updated)
    {
        Value fields;
        if (!Json::find(updated, QLatin1String("modifiedFields"), &fields))
            return {};
        if (Json::isObject(fields))
            return Json::keys(Json::object(fields));
        return Json::strings(fields);
    }

    void readStandardized(const Object &data)
    {
        m_event.shape = WixEventShape::Standardized;
        m_event.eventId = scalarAt(data, QLatin1String("id"));
        m_event.entityFqdn = stringAt(data, QLatin1String("entityFqdn"));
        m_event.slug = stringAt(data, QLatin1String("slug"));
        m_event.entityId = scalarAt(data, QLatin1String("entityId"));
        m_event.eventTime = stringAt(data, QLatin1String("eventTime"));
        m_event.eventTimestamp = WixTimestamp::parse(m_event.eventTime);
        m_event.entityEventSequence = scalarAt(data, QLatin1String("entityEventSequence"));
        Value updated;
        if (Json::contains(data, kCreatedEvent)) {
            m_event.kind = WixEventKind::Created;
        } else if (Json::find(data, kUpdatedEvent, &updated)) {
            m_event.kind = WixEventKind::Updated;
            m_event.modifiedFields = modifiedFieldsOf(Json::object(updated));
        } else if (Json::contains(data, kDeletedEvent)) {
            m_event.kind = WixEventKind::Deleted;
        } else if (Json::contains(data, kActionEvent)) {
            m_event.kind = WixEventKind::Action;
        }
    }

    // The decoded data, never the raw token: a retry may be signed anew.
    QByteArray contentDigest(const QJsonObject &data) const
    {
        QCryptographicHash hash(QCryptographicHash::Sha256);
        hash.addData(m_event.instanceId.toUtf8());
        hash.addData(QByteArrayView("\0", 1));
        hash.addData(m_event.eventType.toUtf8());
        hash.addData(QByteArrayView("\0", 1));
        hash.addData(QJsonDocument(data).toJson(QJsonDocument::Compact));
        return hash.result();
    }

    Json m_json;
    WixEvent &m_event;
    QStringList &m_notes;
};

WixDecoding decodeFast(const QByteArray &dataClaim)
{
    WixDecoding result;
    SimdJsonAccess json;
    const SimdJsonAccess::Object envelope = json.parseRoot(dataClaim);
    if (envelope.size() > 0) // as Qt's reading: an empty envelope is not read further
        EnvelopeReader<SimdJsonAccess>(&result, std::move(json)).readEnvelope(envelope);
    return result;
}
} // namespace

WixDecoding decodeWixClaims(const QJsonObject &claims)
{
    WixDecoding result;
    const auto dataClaim = claims.constFind(QLatin1String("data"));
    if (dataClaim == claims.constEnd()) {
        result.notes << QStringLiteral("The claims have no \"data\": this is not a Wix webhook.");
        return result;
    }
    EnvelopeReader<QtJsonAccess> reader(&result);
    const QJsonObject envelope =
        reader.readStringifiedObject(*dataClaim, QStringLiteral("The \"data\" claim"));
    if (!envelope.isEmpty())
        reader.readEnvelope(envelope);
    return result;
}

WixDecoding decodeWixToken(const CompactJws &jws)
{
    if (jws.claims.dataKind == JwtClaimFields::DataKind::String) {
        try {
            return decodeFast(jws.claims.data);
        } catch (const SimdJsonAccess::Unsupported &) {
            // Not JSON to simdjson, or not objects: Qt's reading words the reason.
        }
    }
    return decodeWixClaims(jws.payload());
}
