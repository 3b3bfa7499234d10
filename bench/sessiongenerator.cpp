#include "sessiongenerator.h"

#include "analysis/analysisinput.h"
#include "analysis/deliveryanalyzer.h"
#include "capture/delivery.h"
#include "send/eventtemplates.h"
#include "send/wixenvelope.h"
#include "store/sessionstore.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUuid>

#include <map>
#include <random>
#include <vector>

namespace {
constexpr int kBatch = 20000;
constexpr qint64 kStartMs = 1793491200000; // 2026-11-01T00:00:00Z
constexpr int kInstances = 12;
constexpr int kIdentities = 30000;
constexpr int kLiveEntities = 20000; // updates go to one of the most recent entities

struct Prototype
{
    QString eventType;
    WixEventShape shape = WixEventShape::None;
    WixEventKind kind = WixEventKind::Unknown;
    QJsonObject envelope; // "data" and "identity" as objects
};

struct Entity
{
    int created = 0; // the prototype it was created from
    QString fqdn;
    QString id;
    QString instance;
    qint64 sequence = 0;
};

WixEventKind kindOf(const QJsonObject &data)
{
    if (data.contains(QLatin1String("createdEvent")))
        return WixEventKind::Created;
    if (data.contains(QLatin1String("updatedEvent")))
        return WixEventKind::Updated;
    if (data.contains(QLatin1String("deletedEvent")))
        return WixEventKind::Deleted;
    if (data.contains(QLatin1String("actionEvent")))
        return WixEventKind::Action;
    return WixEventKind::Unknown;
}

QString isoMillis(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

QByteArray base64Url(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

const char *identityIdField(const QString &type)
{
    if (type == QLatin1String("ANONYMOUS_VISITOR"))
        return "anonymousVisitorId";
    if (type == QLatin1String("MEMBER"))
        return "memberId";
    if (type == QLatin1String("WIX_USER"))
        return "wixUserId";
    if (type == QLatin1String("APP"))
        return "appId";
    return nullptr;
}

// The entity inside a standardized event's data, whichever stage carries it.
void setInnerEntityId(QJsonObject &data, const QString &id)
{
    static const char *const stages[][2] = {{"createdEvent", "entity"},
                                            {"updatedEvent", "currentEntity"},
                                            {"deletedEvent", "deletedEntity"}};
    for (const auto &stage : stages) {
        const QString outer = QLatin1String(stage[0]);
        if (!data.contains(outer))
            continue;
        QJsonObject event = data.value(outer).toObject();
        QJsonObject entity = event.value(QLatin1String(stage[1])).toObject();
        entity.insert(QStringLiteral("id"), id);
        event.insert(QLatin1String(stage[1]), entity);
        data.insert(outer, event);
    }
}
} // namespace

struct SessionGenerator::State
{
    std::mt19937_64 random;
    std::vector<Prototype> prototypes;
    std::vector<int> creates, appEvents, legacy;
    QHash<QString, int> updateOf, deleteOf, actionOf; // by entityFqdn
    std::vector<QString> instances;
    std::vector<QString> identities;
    std::vector<QByteArray> signatures;
    std::vector<Entity> entities;
    std::multimap<qint64, Delivery> pending; // copies and held-back events, by due time
    DeliveryAnalyzer analyzer;
    qint64 clockMs = kStartMs;
    qint64 serial = 0;
    qint64 seq = 0;

    explicit State(quint64 seed);
    double uniform() { return std::uniform_real_distribution<double>(0, 1)(random); }
    int below(int n) { return int(std::uniform_int_distribution<int>(0, n - 1)(random)); }
    QString uuid();
    void addPrototype(const EventTemplate &t);
    Delivery next();
    Delivery fresh();
    Delivery standardized(int prototype, Entity &entity, qint64 sequence);
    Delivery flat(int prototype);
    Delivery jwt(const Prototype &prototype, QJsonObject envelope, WixEvent event);
    void finish(Delivery &d);
};

SessionGenerator::State::State(quint64 seed)
    : random(seed)
{
    for (const EventTemplate &t : EventTemplates::all())
        addPrototype(t);
    for (int i = 0; i < kInstances; ++i)
        instances.push_back(uuid());
    for (int i = 0; i < kIdentities; ++i)
        identities.push_back(uuid());
    for (int i = 0; i < 16; ++i) {
        QByteArray signature(256, Qt::Uninitialized);
        for (char &c : signature)
            c = char(random());
        signatures.push_back(base64Url(signature));
    }
}

QString SessionGenerator::State::uuid()
{
    const quint64 high = random();
    const quint64 low = random();
    QByteArray bytes(16, Qt::Uninitialized);
    for (int i = 0; i < 8; ++i) {
        bytes[i] = char(high >> (8 * i));
        bytes[8 + i] = char(low >> (8 * i));
    }
    bytes[6] = char((bytes[6] & 0x0f) | 0x40);
    bytes[8] = char((bytes[8] & 0x3f) | 0x80);
    return QUuid::fromRfc4122(bytes).toString(QUuid::WithoutBraces);
}

void SessionGenerator::State::addPrototype(const EventTemplate &t)
{
    Prototype p;
    p.eventType = t.eventType;
    p.shape = wixEventShapeFromName(t.shape);
    p.envelope = t.envelope;
    const QJsonObject data = t.envelope.value(QLatin1String("data")).toObject();
    p.kind = p.shape == WixEventShape::Standardized ? kindOf(data) : WixEventKind::Unknown;
    const int index = int(prototypes.size());
    prototypes.push_back(p);
    const QString fqdn = data.value(QLatin1String("entityFqdn")).toString();
    switch (p.shape) {
    case WixEventShape::Standardized:
        if (p.kind == WixEventKind::Created) {
            creates.push_back(index);
            // Every created entity is updated and deleted later on, as Wix would send it.
            EnvelopeFactory factory;
            for (const WixEventKind stage : {WixEventKind::Updated, WixEventKind::Deleted}) {
                QHash<QString, int> &table = stage == WixEventKind::Updated ? updateOf : deleteOf;
                if (table.contains(fqdn))
                    continue;
                Prototype staged = p;
                staged.envelope = factory.lifecycleStage(t.envelope, stage);
                staged.kind = stage;
                staged.eventType = staged.envelope.value(QLatin1String("eventType")).toString();
                table.insert(fqdn, int(prototypes.size()));
                prototypes.push_back(staged);
            }
        } else if (p.kind == WixEventKind::Updated) {
            updateOf.insert(fqdn, index); // the template's own update wins over a derived one
        } else if (p.kind == WixEventKind::Action) {
            actionOf.insert(fqdn, index);
        }
        break;
    case WixEventShape::AppManagement:
        appEvents.push_back(index);
        break;
    case WixEventShape::Legacy:
        legacy.push_back(index);
        break;
    case WixEventShape::None:
        break;
    }
}

Delivery SessionGenerator::State::jwt(const Prototype &prototype, QJsonObject envelope,
                                      WixEvent event)
{
    // A visitor, member or user out of a large crowd, as on a busy site.
    QJsonObject identity = envelope.value(QLatin1String("identity")).toObject();
    const QString identityType = identity.value(QLatin1String("identityType")).toString();
    if (const char *field = identityIdField(identityType)) {
        const QString id = identities[std::size_t(below(kIdentities))];
        identity.insert(QLatin1String(field), id);
        envelope.insert(QStringLiteral("identity"), identity);
        event.identityTypeText = identityType;
        event.identityId = id;
        event.identityType = identityType == QLatin1String("ANONYMOUS_VISITOR")
                                 ? IdentityType::AnonymousVisitor
                             : identityType == QLatin1String("MEMBER")   ? IdentityType::Member
                             : identityType == QLatin1String("WIX_USER") ? IdentityType::WixUser
                                                                         : IdentityType::App;
    }
    event.shape = prototype.shape;
    event.kind = prototype.kind;
    event.eventType = prototype.eventType;
    event.instanceId = envelope.value(QLatin1String("instanceId")).toString();
    const QJsonObject claims = wixClaimsForEnvelope(envelope, clockMs / 1000);
    Delivery d;
    d.body = base64Url(R"({"alg":"RS256"})") + '.' +
             base64Url(QJsonDocument(claims).toJson(QJsonDocument::Compact)) + '.' +
             signatures[std::size_t(below(int(signatures.size())))];
    d.bodyKind = BodyKind::Jwt;
    d.signature = SignatureStatus::Valid;
    d.reason = VerdictReason::Valid;
    d.keyName = QStringLiteral("shop");
    d.verdictMessage = QStringLiteral("The signature is valid (key \"shop\").");
    d.event = event;
    return d;
}

Delivery SessionGenerator::State::standardized(int prototype, Entity &entity, qint64 sequence)
{
    const Prototype &p = prototypes[std::size_t(prototype)];
    QJsonObject envelope = p.envelope;
    envelope.insert(QStringLiteral("instanceId"), entity.instance);
    QJsonObject data = envelope.value(QLatin1String("data")).toObject();
    WixEvent event;
    event.eventId = uuid();
    event.entityFqdn = entity.fqdn;
    event.entityId = entity.id;
    event.slug = data.value(QLatin1String("slug")).toString();
    // Wix's eventTime has microseconds; the event happened a little before it arrived.
    const qint64 eventMs = clockMs - 40 - below(400);
    event.eventTime = QDateTime::fromMSecsSinceEpoch(eventMs, Qt::UTC)
                          .toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz")) +
                      QStringLiteral("%1Z").arg(below(1000), 3, 10, QLatin1Char('0'));
    event.eventTimestamp = WixTimestamp::parse(event.eventTime);
    data.insert(QStringLiteral("id"), event.eventId);
    data.insert(QStringLiteral("entityId"), entity.id);
    data.insert(QStringLiteral("eventTime"), event.eventTime);
    if (p.kind != WixEventKind::Action || data.contains(QLatin1String("entityEventSequence"))) {
        event.entityEventSequence = QString::number(sequence);
        data.insert(QStringLiteral("entityEventSequence"), event.entityEventSequence);
    }
    setInnerEntityId(data, entity.id);
    envelope.insert(QStringLiteral("data"), data);
    return jwt(p, envelope, event);
}

Delivery SessionGenerator::State::flat(int prototype)
{
    const Prototype &p = prototypes[std::size_t(prototype)];
    QJsonObject envelope = p.envelope;
    const QString instance = instances[std::size_t(below(kInstances))];
    envelope.insert(QStringLiteral("instanceId"), instance);
    QJsonObject data = envelope.value(QLatin1String("data")).toObject();
    WixEvent event;
    // Each its own content: app and legacy events are de-duplicated on it.
    for (const char *key : {"timestamp", "operationTimeStamp"}) {
        if (data.contains(QLatin1String(key)))
            data.insert(QLatin1String(key), isoMillis(clockMs - 50));
    }
    for (const char *key : {"eventId", "productId", "originInstanceId"}) {
        if (data.contains(QLatin1String(key)))
            data.insert(QLatin1String(key), uuid());
    }
    if (data.contains(QLatin1String("orderNumber")))
        data.insert(QStringLiteral("orderNumber"), QString::number(++serial));
    if (data.contains(QLatin1String("order"))) {
        QJsonObject order = data.value(QLatin1String("order")).toObject();
        order.insert(QStringLiteral("id"), uuid());
        order.insert(QStringLiteral("number"), ++serial);
        data.insert(QStringLiteral("order"), order);
    }
    envelope.insert(QStringLiteral("data"), data);
    event.operationTimeStamp = data.value(QLatin1String("operationTimeStamp")).toString();
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(instance.toUtf8());
    hash.addData(QByteArrayView("\0", 1));
    hash.addData(p.eventType.toUtf8());
    hash.addData(QByteArrayView("\0", 1));
    hash.addData(QJsonDocument(data).toJson(QJsonDocument::Compact));
    event.contentDigest = hash.result();
    return jwt(p, envelope, event);
}

Delivery SessionGenerator::State::fresh()
{
    const double r = uniform();
    if (r < 0.003) {
        Delivery d; // a health check or a stray form post: captured, labelled, not a JWT
        d.body = QStringLiteral("{\"ping\":true,\"n\":%1}").arg(++serial).toUtf8();
        d.bodyKind = BodyKind::Json;
        d.signature = SignatureStatus::Malformed;
        d.reason = VerdictReason::NotThreeSegments;
        d.verdictMessage = QStringLiteral("A compact JWS has three segments; this has one.");
        return d;
    }
    if (r < 0.08)
        return flat(appEvents[std::size_t(below(int(appEvents.size())))]);
    if (r < 0.13)
        return flat(legacy[std::size_t(below(int(legacy.size())))]);
    if (r < 0.35 || entities.size() < 100) {
        Entity entity;
        entity.created = creates[std::size_t(below(int(creates.size())))];
        entity.fqdn = prototypes[std::size_t(entity.created)]
                          .envelope.value(QLatin1String("data"))
                          .toObject()
                          .value(QLatin1String("entityFqdn"))
                          .toString();
        entity.id = uuid();
        entity.instance = instances[std::size_t(below(kInstances))];
        entity.sequence = 1;
        entities.push_back(entity);
        return standardized(entity.created, entities.back(), 1);
    }
    const std::size_t live = std::min<std::size_t>(entities.size(), kLiveEntities);
    const std::size_t at = entities.size() - 1 - std::size_t(below(int(live)));
    Entity &entity = entities[at];
    if (r < 0.37) {
        const int prototype = deleteOf.value(entity.fqdn);
        Entity gone = entity;
        entities.erase(entities.begin() + std::ptrdiff_t(at));
        return standardized(prototype, gone, ++gone.sequence);
    }
    if (r < 0.40 && actionOf.contains(entity.fqdn)) {
        // An action without entityEventSequence (a merge) leaves the sequence as it was.
        const int action = actionOf.value(entity.fqdn);
        const bool sequenced = prototypes[std::size_t(action)]
                                   .envelope.value(QLatin1String("data"))
                                   .toObject()
                                   .contains(QLatin1String("entityEventSequence"));
        return standardized(action, entity, sequenced ? ++entity.sequence : entity.sequence);
    }
    const int update = updateOf.value(entity.fqdn);
    if (r < 0.415) {
        // Wix delivers an entity's events out of order now and then: the newer one
        // first, the one before it a moment later.
        Delivery held = standardized(update, entity, ++entity.sequence);
        pending.emplace(clockMs + 200 + below(2000), held);
    }
    return standardized(update, entity, ++entity.sequence);
}

void SessionGenerator::State::finish(Delivery &d)
{
    d.seq = ++seq;
    d.arrivalMs = clockMs;
    d.method = QStringLiteral("POST");
    d.path = d.event.instanceId == instances.front() ? QStringLiteral("/api/wix/events")
                                                     : QStringLiteral("/webhooks/wix");
    d.size = d.body.size();
    d.peer = QStringLiteral("127.0.0.1");
    const QByteArray type =
        d.bodyKind == BodyKind::Json ? "application/json" : "text/plain; charset=utf-8";
    d.headers = {{"Host", "hooks.example.test"},
                 {"User-Agent", "Wix-Webhooks/1.0"},
                 {"Content-Type", type},
                 {"Content-Length", QByteArray::number(d.size)},
                 {"Accept-Encoding", "gzip"},
                 {"X-Wix-Request-Id", uuid().toLatin1()},
                 {"traceparent",
                  "00-" + uuid().remove(QLatin1Char('-')).toLatin1() + "-00f067aa0ba902b7-01"}};
    d.analysis = analyzer.analyze(AnalysisInput::fromDelivery(d));
}

Delivery SessionGenerator::State::next()
{
    clockMs += 1 + qint64(std::exponential_distribution<double>(1.0 / 400)(random));
    Delivery d;
    if (!pending.empty() && pending.begin()->first <= clockMs) {
        d = pending.begin()->second;
        pending.erase(pending.begin());
        d.answerStatus = 200;
        d.answerBody.clear();
    } else {
        d = fresh();
        const double r = uniform();
        if (d.bodyKind == BodyKind::Jwt && r < 0.002) {
            d.signature = SignatureStatus::Invalid;
            d.reason = VerdictReason::SignatureWrongKey;
            d.keyName.clear();
            d.verdictMessage = QStringLiteral("No given key made this signature.");
        } else if (d.bodyKind == BodyKind::Jwt && r < 0.012) {
            // The receiver failed: Wix retries after a minute.
            d.answerStatus = 500;
            d.answerBody = "Internal Server Error\n";
            pending.emplace(clockMs + 54000 + below(12000), d);
        } else if (d.bodyKind == BodyKind::Jwt && r < 0.032) {
            pending.emplace(clockMs + 300 + below(5000), d); // a redundant copy
        }
    }
    finish(d);
    return d;
}

SessionGenerator::SessionGenerator(quint64 seed)
    : m_state(std::make_unique<State>(seed))
{}

SessionGenerator::~SessionGenerator() = default;

bool SessionGenerator::write(const QString &path, int count, QString *error)
{
    QFile::remove(path);
    QFile::remove(path + QStringLiteral("-wal"));
    QFile::remove(path + QStringLiteral("-shm"));
    SessionStore store;
    if (!store.open(path, error))
        return false;
    int written = 0;
    while (written < count) {
        QVector<Delivery> batch;
        const int size = qMin(kBatch, count - written);
        batch.reserve(size);
        for (int i = 0; i < size; ++i)
            batch.append(m_state->next());
        if (!store.append(batch, error))
            return false;
        written += size;
    }
    return true;
}

bool SessionGenerator::ensure(const QString &path, int count, QString *error)
{
    if (QFile::exists(path)) {
        SessionStore store;
        if (store.open(path, error) && store.count() == count)
            return true;
    }
    const QString partial = path + QStringLiteral(".partial");
    SessionGenerator generator;
    if (!generator.write(partial, count, error))
        return false;
    QFile::remove(path);
    if (!QFile::rename(partial, path)) {
        *error = QStringLiteral("cannot rename %1 to %2").arg(partial, path);
        return false;
    }
    return true;
}
