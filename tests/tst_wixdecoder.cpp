#include "jwt/jwsfieldreader.h"
#include "wix/tokeninspection.h"
#include "wix/wixdecoder.h"
#include "json/jsonexpander.h"

#include "testkeys.h"
#include "tokenfactory.h"

#include <QtTest>

using namespace TokenFactory;

class TestWixDecoder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void examples_data();
    void examples();
    void identityTypes_data();
    void identityTypes();
    void updatedEventModifiedFields();
    void nanosecondEventTimeKeptWhole();
    void escapedJsonFieldsExpanded();
    void unicodeSurvives();
    void departuresBecomeNotes_data();
    void departuresBecomeNotes();
    void decodingNeedsNoValidSignature();
    void stringNestingIsBounded();
    void deepStringsStayStrings();
    void timestampParsing_data();
    void timestampParsing();
    void fastAndQtReadingsAgree_data();
    void fastAndQtReadingsAgree();
};

void TestWixDecoder::examples_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("shape");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("entityKey");
    QTest::addColumn<QString>("eventId");

    QTest::newRow("created") << "contact_created.json"
                             << "standardized"
                             << "created"
                             << "wix.contacts.v4.contact/4b0133d5-7903-4411-bcc0-1817d1394028"
                             << "52269077-05f2-4b59-ba4f-36ef8c4c1e11";
    QTest::newRow("updated") << "contact_updated.json"
                             << "standardized"
                             << "updated"
                             << "wix.contacts.v4.contact/4b0133d5-7903-4411-bcc0-1817d1394028"
                             << "8c0f7e0a-3a0b-4d7c-9b1b-2a6a4c1f9e22";
    QTest::newRow("deleted") << "contact_deleted_by_merge.json"
                             << "standardized"
                             << "deleted"
                             << ""
                             << "";
    QTest::newRow("action") << "contact_merged.json"
                            << "standardized"
                            << "action"
                            << "wix.contacts.v4.contact/39d1aab2-2eda-4dd7-95fb-263ccf0e9bb4"
                            << "200a394d-4646-482c-b328-23e94563c90c";
    QTest::newRow("order approved") << "ecom_order_approved.json"
                                    << "standardized"
                                    << "action"
                                    << ""
                                    << "";
    QTest::newRow("member created") << "member_created.json"
                                    << "standardized"
                                    << "created"
                                    << ""
                                    << "";
    QTest::newRow("app installed") << "app_installed.json"
                                   << "app-management"
                                   << "unknown"
                                   << ""
                                   << "";
    QTest::newRow("app removed") << "app_removed.json"
                                 << "app-management"
                                 << "unknown"
                                 << ""
                                 << "";
    QTest::newRow("paid plan purchased") << "paid_plan_purchased.json"
                                         << "app-management"
                                         << "unknown"
                                         << ""
                                         << "";
    QTest::newRow("paid plan changed") << "paid_plan_changed.json"
                                       << "app-management"
                                       << "unknown"
                                       << ""
                                       << "";
    QTest::newRow("auto-renewal cancelled") << "paid_plan_auto_renewal_cancelled.json"
                                            << "app-management"
                                            << "unknown"
                                            << ""
                                            << "";
    QTest::newRow("legacy product changed") << "legacy_stores_product_changed.json"
                                            << "legacy"
                                            << "unknown"
                                            << ""
                                            << "";
    QTest::newRow("legacy stores order paid") << "legacy_stores_order_paid.json"
                                              << "legacy"
                                              << "unknown"
                                              << ""
                                              << "";
    QTest::newRow("legacy events order paid") << "legacy_events_order_paid.json"
                                              << "legacy"
                                              << "unknown"
                                              << ""
                                              << "";
}

void TestWixDecoder::examples()
{
    QFETCH(QString, file);
    QFETCH(QString, shape);
    QFETCH(QString, kind);
    QFETCH(QString, entityKey);
    QFETCH(QString, eventId);

    const QJsonObject readable = loadExample(file);
    const WixDecoding decoding = decodeWixClaims(wixClaims(readable, 1700000000));
    QVERIFY2(decoding.notes.isEmpty(), qPrintable(decoding.notes.join(QLatin1Char('\n'))));
    const WixEvent &event = decoding.event;
    QCOMPARE(wixEventShapeName(event.shape), shape);
    QCOMPARE(wixEventKindName(event.kind), kind);
    QCOMPARE(event.eventType, readable.value(QStringLiteral("eventType")).toString());
    QCOMPARE(event.instanceId, readable.value(QStringLiteral("instanceId")).toString());
    if (!entityKey.isEmpty())
        QCOMPARE(event.entityKey(), entityKey);
    if (!eventId.isEmpty())
        QCOMPARE(event.eventId, eventId);
    const QJsonObject data = readable.value(QStringLiteral("data")).toObject();
    if (shape == QLatin1String("standardized")) {
        QCOMPARE(event.eventId, data.value(QStringLiteral("id")).toString());
        QCOMPARE(event.eventTime, data.value(QStringLiteral("eventTime")).toString());
        QVERIFY(event.eventTimestamp.valid);
        QCOMPARE(event.entityEventSequence,
                 data.value(QStringLiteral("entityEventSequence")).toString());
    } else {
        QVERIFY(event.eventId.isEmpty());
        QCOMPARE(event.operationTimeStamp,
                 data.value(QStringLiteral("operationTimeStamp")).toString());
    }
}

void TestWixDecoder::identityTypes_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("idField");
    QTest::addColumn<int>("expected");
    QTest::newRow("anonymous visitor")
        << "ANONYMOUS_VISITOR"
        << "anonymousVisitorId" << int(IdentityType::AnonymousVisitor);
    QTest::newRow("member") << "MEMBER"
                            << "memberId" << int(IdentityType::Member);
    QTest::newRow("wix user") << "WIX_USER"
                              << "wixUserId" << int(IdentityType::WixUser);
    QTest::newRow("app") << "APP"
                         << "appId" << int(IdentityType::App);
}

void TestWixDecoder::identityTypes()
{
    QFETCH(QString, type);
    QFETCH(QString, idField);
    QFETCH(int, expected);
    QJsonObject envelope = loadExample(QStringLiteral("contact_created.json"));
    envelope.insert(QStringLiteral("identity"), QJsonObject{{QStringLiteral("identityType"), type},
                                                            {idField, QStringLiteral("id-42")}});
    const WixDecoding decoding = decodeWixClaims(wixClaims(envelope, 1));
    QCOMPARE(int(decoding.event.identityType), expected);
    QCOMPARE(decoding.event.identityTypeText, type);
    QCOMPARE(decoding.event.identityId, QStringLiteral("id-42"));
    QVERIFY(decoding.notes.isEmpty());
}

void TestWixDecoder::updatedEventModifiedFields()
{
    QJsonObject envelope = loadExample(QStringLiteral("contact_updated.json"));
    QJsonObject data = envelope.value(QStringLiteral("data")).toObject();
    QJsonObject updated = data.value(QStringLiteral("updatedEvent")).toObject();
    updated.insert(QStringLiteral("modifiedFields"),
                   QJsonObject{{QStringLiteral("info.name.first"), QStringLiteral("John")},
                               {QStringLiteral("primaryInfo.email"), QStringLiteral("j@x.io")}});
    data.insert(QStringLiteral("updatedEvent"), updated);
    envelope.insert(QStringLiteral("data"), data);
    const WixEvent event = decodeWixClaims(wixClaims(envelope, 1)).event;
    QCOMPARE(event.kind, WixEventKind::Updated);
    QCOMPARE(event.modifiedFields,
             QStringList({QStringLiteral("info.name.first"), QStringLiteral("primaryInfo.email")}));
}

void TestWixDecoder::nanosecondEventTimeKeptWhole()
{
    QJsonObject envelope = loadExample(QStringLiteral("contact_updated.json"));
    QJsonObject data = envelope.value(QStringLiteral("data")).toObject();
    data.insert(QStringLiteral("eventTime"), QStringLiteral("2020-10-18T13:42:11.301544123Z"));
    envelope.insert(QStringLiteral("data"), data);
    const WixEvent event = decodeWixClaims(wixClaims(envelope, 1)).event;
    QCOMPARE(event.eventTime, QStringLiteral("2020-10-18T13:42:11.301544123Z"));
    QCOMPARE(event.eventTimestamp.nanos, 301544123);
    const WixTimestamp micro = WixTimestamp::parse(u"2020-10-18T13:42:11.301544Z");
    QCOMPARE(event.eventTimestamp.nanosSince(micro), qint64(123));
    QVERIFY(micro < event.eventTimestamp);
}

void TestWixDecoder::escapedJsonFieldsExpanded()
{
    const QString entity = QStringLiteral(R"({"id":"c-1","info":{"name":{"first":"Ann"}}})");
    const QJsonObject envelope{
        {QStringLiteral("eventType"), QStringLiteral("wix.contacts.v4.contact_created")},
        {QStringLiteral("instanceId"), QStringLiteral("inst-1")},
        {QStringLiteral("data"),
         QJsonObject{{QStringLiteral("id"), QStringLiteral("ev-1")},
                     {QStringLiteral("entityFqdn"), QStringLiteral("wix.contacts.v4.contact")},
                     {QStringLiteral("slug"), QStringLiteral("created")},
                     {QStringLiteral("entityId"), QStringLiteral("c-1")},
                     {QStringLiteral("eventTime"), QStringLiteral("2024-01-01T00:00:00Z")},
                     {QStringLiteral("createdEvent"),
                      QJsonObject{{QStringLiteral("entityAsJson"), entity}}}}}};
    const QJsonObject claims = wixClaims(envelope, 1);
    const ExpandedJson expanded = expandJsonStrings(claims);
    const QJsonObject tree = expanded.value.toObject();
    const QJsonObject created =
        tree[QStringLiteral("data")][QStringLiteral("data")][QStringLiteral("createdEvent")]
            .toObject();
    QCOMPARE(created[QStringLiteral("entityAsJson")][QStringLiteral("info")][QStringLiteral("name")]
                    [QStringLiteral("first")]
                        .toString(),
             QStringLiteral("Ann"));
    QVERIFY(expanded.stringifiedPaths.contains(QStringLiteral("data")));
    QVERIFY(expanded.stringifiedPaths.contains(QStringLiteral("data.data")));
    QVERIFY(
        expanded.stringifiedPaths.contains(QStringLiteral("data.data.createdEvent.entityAsJson")));
    QVERIFY(!expanded.stringifiedPaths.contains(QStringLiteral("data.instanceId")));
    // A string that only looks like JSON stays a string.
    const ExpandedJson notJson =
        expandJsonStrings(QJsonObject{{QStringLiteral("x"), QStringLiteral("{oops")}});
    QCOMPARE(notJson.value[QStringLiteral("x")].toString(), QStringLiteral("{oops"));
    QVERIFY(notJson.stringifiedPaths.isEmpty());
}

void TestWixDecoder::unicodeSurvives()
{
    QJsonObject envelope = loadExample(QStringLiteral("contact_created.json"));
    QJsonObject data = envelope.value(QStringLiteral("data")).toObject();
    data.insert(QStringLiteral("entityId"), QStringLiteral("Zoë-日本-😀"));
    envelope.insert(QStringLiteral("data"), data);
    const TestKeyPair pair = TestKeyPair::generate();
    Keyring keyring;
    QVERIFY(keyring.addFromText(QStringLiteral("app"), pair.spkiPem).ok());
    const TokenInspection inspection = inspectToken(
        signRs256(wixClaims(envelope, QDateTime::currentSecsSinceEpoch()), pair.privateKey),
        JwtVerifier(keyring));
    QVERIFY2(inspection.verdict.valid, qPrintable(inspection.verdict.message));
    QCOMPARE(inspection.decoding.event.entityId, QStringLiteral("Zoë-日本-😀"));
}

void TestWixDecoder::departuresBecomeNotes_data()
{
    QTest::addColumn<QJsonObject>("claims");
    QTest::addColumn<QString>("note");
    QTest::addColumn<bool>("hasEnvelope");

    const QJsonObject envelope = loadExample(QStringLiteral("contact_created.json"));
    QTest::newRow("no data claim") << QJsonObject{{QStringLiteral("sub"), QStringLiteral("x")}}
                                   << "not a Wix webhook" << false;
    QTest::newRow("data claim not JSON")
        << QJsonObject{{QStringLiteral("data"), QStringLiteral("{eventType")}} << "not JSON"
        << false;
    QTest::newRow("data claim a number")
        << QJsonObject{{QStringLiteral("data"), 5}} << "neither a string" << false;
    QTest::newRow("data claim an object (SDK throws)")
        << QJsonObject{{QStringLiteral("data"), envelope}} << "Wix's SDK would throw" << true;
    QJsonObject robot = envelope;
    robot.insert(QStringLiteral("identity"),
                 QJsonObject{{QStringLiteral("identityType"), QStringLiteral("ROBOT")}});
    QTest::newRow("unknown identity type") << wixClaims(robot, 1) << "Unknown identityType" << true;
}

void TestWixDecoder::departuresBecomeNotes()
{
    QFETCH(QJsonObject, claims);
    QFETCH(QString, note);
    QFETCH(bool, hasEnvelope);
    const WixDecoding decoding = decodeWixClaims(claims);
    QCOMPARE(decoding.hasEnvelope(), hasEnvelope);
    QVERIFY2(decoding.notes.join(QLatin1Char(' ')).contains(note),
             qPrintable(decoding.notes.join(QLatin1Char('\n'))));
}

void TestWixDecoder::decodingNeedsNoValidSignature()
{
    const TestKeyPair signer = TestKeyPair::generate();
    const TestKeyPair other = TestKeyPair::generate();
    Keyring keyring;
    QVERIFY(keyring.addFromText(QStringLiteral("app"), other.spkiPem).ok());
    const TokenInspection inspection =
        inspectToken(signRs256(wixClaims(loadExample(QStringLiteral("contact_merged.json")), 1),
                               signer.privateKey),
                     JwtVerifier(keyring));
    QCOMPARE(inspection.verdict.reason, VerdictReason::SignatureWrongKey);
    QCOMPARE(inspection.decoding.event.eventType, QStringLiteral("wix.contacts.v4.contact_merged"));
    QSet<QString> paths;
    const QJsonObject tree = inspection.decodedTree(&paths);
    QVERIFY(paths.contains(QStringLiteral("payload.data.identity")));
    QCOMPARE(tree[QStringLiteral("payload")][QStringLiteral("data")][QStringLiteral("identity")]
                 [QStringLiteral("identityType")]
                     .toString(),
             QStringLiteral("WIX_USER"));
}

void TestWixDecoder::stringNestingIsBounded()
{
    QJsonValue value = QJsonObject{{QStringLiteral("leaf"), true}};
    for (int i = 0; i < 12; ++i) {
        value = QJsonObject{
            {QStringLiteral("s"),
             QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact))}};
    }
    const ExpandedJson expanded = expandJsonStrings(value);
    QCOMPARE(expanded.stringifiedPaths.size(), 8);
}

void TestWixDecoder::deepStringsStayStrings()
{
    // Found by fuzz_token: strings of JSON 1,000 arrays deep, each holding the next,
    // made a tree 9,000 deep and overflowed the stack expanding it.
    QJsonValue value = QStringLiteral("leaf");
    for (int level = 0; level < 9; ++level) {
        for (int i = 0; i < 1000; ++i)
            value = QJsonArray{value};
        if (level < 8)
            value =
                QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    }
    QVERIFY(value.isArray());
    const ExpandedJson deep = expandJsonStrings(value);
    QVERIFY(deep.stringifiedPaths.isEmpty());
    QCOMPARE(deep.value, value);

    // A string of JSON 63 containers down is still expanded.
    QJsonValue shallow = QStringLiteral("[1]");
    for (int i = 0; i < 63; ++i)
        shallow = QJsonArray{shallow};
    const ExpandedJson expanded = expandJsonStrings(shallow);
    QCOMPARE(expanded.stringifiedPaths.size(), 1);
}

void TestWixDecoder::timestampParsing_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<qint64>("seconds");
    QTest::addColumn<int>("nanos");
    QTest::newRow("millis") << "2020-10-18T13:40:57.803Z" << true << qint64(1603028457)
                            << 803000000;
    QTest::newRow("micros") << "2020-10-18T13:40:57.803001Z" << true << qint64(1603028457)
                            << 803001000;
    QTest::newRow("nanos") << "2020-10-18T13:40:57.803001002Z" << true << qint64(1603028457)
                           << 803001002;
    QTest::newRow("no fraction") << "2020-10-18T13:40:57Z" << true << qint64(1603028457) << 0;
    QTest::newRow("offset") << "2020-10-18T15:40:57.5+02:00" << true << qint64(1603028457)
                            << 500000000;
    QTest::newRow("no zone") << "2020-10-18T13:40:57" << false << qint64(0) << 0;
    QTest::newRow("garbage") << "yesterday" << false << qint64(0) << 0;
    QTest::newRow("ten digits") << "2020-10-18T13:40:57.1234567890Z" << false << qint64(0) << 0;
    QTest::newRow("no such day") << "2021-02-29T10:00:00Z" << false << qint64(0) << 0;
    QTest::newRow("leap day, last nanosecond")
        << "2024-02-29T23:59:59.999999999Z" << true << qint64(1709251199) << 999999999;
    QTest::newRow("before the epoch")
        << "1969-12-31T23:59:59.5Z" << true << qint64(-1) << 500000000;
    QTest::newRow("dot without digits") << "2020-10-18T13:40:57.Z" << false << qint64(0) << 0;
    QTest::newRow("sign in the digits") << "2020-10-18T13:4-:57Z" << false << qint64(0) << 0;
}

void TestWixDecoder::timestampParsing()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(qint64, seconds);
    QFETCH(int, nanos);
    const WixTimestamp t = WixTimestamp::parse(text);
    QCOMPARE(t.valid, valid);
    if (valid) {
        QCOMPARE(t.seconds, seconds);
        QCOMPARE(t.nanos, nanos);
    }
}

namespace {
// A stringified JSON value, as Wix nests them.
QByteArray quoted(const QByteArray &json)
{
    return QJsonDocument(QJsonArray{QString::fromUtf8(json)})
        .toJson(QJsonDocument::Compact)
        .mid(1)
        .chopped(1);
}

QByteArray envelopeJson(const QByteArray &data, const QByteArray &identity = QByteArray())
{
    QByteArray envelope =
        R"({"eventType":"wix.test.v1.thing_created","instanceId":"inst-1","data":)" + quoted(data);
    if (!identity.isEmpty())
        envelope += R"(,"identity":)" + quoted(identity);
    return envelope + '}';
}

QByteArray payloadWithEnvelope(const QByteArray &envelope)
{
    return R"({"iat":1700000000,"data":)" + quoted(envelope) + '}';
}
} // namespace

void TestWixDecoder::fastAndQtReadingsAgree_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QByteArray>("payload");
    const QByteArray rs256 = R"({"alg":"RS256","typ":"JWT"})";
    const QDir examples(QStringLiteral(HOOKSCOPE_TEST_DATA "/wix-examples"));
    for (const QString &file : examples.entryList({QStringLiteral("*.json")})) {
        QTest::addRow("example %s", qPrintable(file))
            << rs256
            << QJsonDocument(wixClaims(loadExample(file), 1700000000))
                   .toJson(QJsonDocument::Compact);
    }
    const QByteArray created =
        R"({"id":"e-1","entityFqdn":"wix.test.v1.thing","slug":"created","entityId":"t-1","eventTime":"2024-01-02T03:04:05.123456789Z","entityEventSequence":"7","createdEvent":{"entity":{"a":1}}})";
    const QByteArray member = R"({"identityType":"MEMBER","memberId":"m-1"})";
    QTest::newRow("standardized") << rs256 << payloadWithEnvelope(envelopeJson(created, member));
    QTest::newRow("duplicate keys in the envelope")
        << rs256
        << payloadWithEnvelope(R"({"eventType":"a","instanceId":"i","eventType":"b","data":"{}"})");
    QTest::newRow("duplicate keys in data")
        << rs256 << payloadWithEnvelope(envelopeJson(R"({"id":"1","entityFqdn":"x","id":"2"})"));
    QTest::newRow("duplicate keys in the payload")
        << rs256
        << (R"({"data":"{}","iat":"x","iat":5,"data":)" + quoted(envelopeJson(created)) + '}');
    QTest::newRow("data claim an object") << rs256 << (R"({"data":)" + envelopeJson(created) + '}');
    QTest::newRow("no data claim") << rs256 << QByteArray(R"({"sub":"x"})");
    QTest::newRow("empty envelope") << rs256 << payloadWithEnvelope("{}");
    QTest::newRow("envelope an array") << rs256 << payloadWithEnvelope("[1]");
    QTest::newRow("envelope a scalar") << rs256 << payloadWithEnvelope("5");
    QTest::newRow("envelope not JSON") << rs256 << payloadWithEnvelope("{eventType");
    QTest::newRow("identity an object")
        << rs256
        << payloadWithEnvelope(
               R"({"eventType":"a","instanceId":"i","data":"{}","identity":{"identityType":"APP","appId":"x"}})");
    QTest::newRow("identity null")
        << rs256
        << payloadWithEnvelope(R"({"eventType":"a","instanceId":"i","data":"{}","identity":null})");
    QTest::newRow("identity not JSON") << rs256 << payloadWithEnvelope(envelopeJson(created, "{x"));
    QTest::newRow("identity unknown")
        << rs256 << payloadWithEnvelope(envelopeJson(created, R"({"identityType":"ROBOT"})"));
    QTest::newRow("identity without its id")
        << rs256 << payloadWithEnvelope(envelopeJson(created, R"({"identityType":"WIX_USER"})"));
    QTest::newRow("numbers for ids and sequence")
        << rs256
        << payloadWithEnvelope(envelopeJson(
               R"({"id":12,"entityFqdn":"x","entityId":18446744073709551615,"entityEventSequence":1.5,"deletedEvent":{}})"));
    QTest::newRow("big integer id")
        << rs256
        << payloadWithEnvelope(
               envelopeJson(R"({"id":123456789012345678901234567890,"entityFqdn":"x"})"));
    QTest::newRow("number out of range")
        << rs256 << payloadWithEnvelope(envelopeJson(R"({"id":"1","entityFqdn":"x","n":1e400})"));
    QTest::newRow("modifiedFields an object")
        << rs256
        << payloadWithEnvelope(envelopeJson(
               R"({"id":"1","entityFqdn":"x","updatedEvent":{"modifiedFields":{"z":1,"a":2,"m":3,"a":4}}})"));
    QTest::newRow("modifiedFields mixed")
        << rs256
        << payloadWithEnvelope(envelopeJson(
               R"({"id":"1","entityFqdn":"x","updatedEvent":{"modifiedFields":[1,"a",null,"b"]}})"));
    QTest::newRow("action event") << rs256
                                  << payloadWithEnvelope(envelopeJson(
                                         R"({"id":"1","entityFqdn":"x","actionEvent":{}})"));
    QTest::newRow("legacy, digest of the data")
        << rs256
        << payloadWithEnvelope(
               R"({"eventType":"OrderPaid","instanceId":"i","data":"{\"b\":[1,2.5,\"x\"],\"a\":{\"z\":null,\"y\":true}}","accountInfo":{"siteId":"s"}})");
    QTest::newRow("app management")
        << rs256
        << payloadWithEnvelope(
               R"({"eventType":"AppInstalled","instanceId":"i","data":"{\"appId\":\"a\",\"operationTimeStamp\":\"2024-01-01T00:00:00Z\"}"})");
    QTest::newRow("escaped keys and unicode")
        << rs256
        << payloadWithEnvelope(
               envelopeJson(R"({"\u0069d":"\u00e9-\ud83d\ude00","entityFqdn":"x"})"));
    QTest::newRow("lone surrogate")
        << rs256 << payloadWithEnvelope(envelopeJson(R"({"id":"\ud800","entityFqdn":"x"})"));
    QTest::newRow("data missing") << rs256
                                  << payloadWithEnvelope(R"({"eventType":"a","instanceId":"i"})");
    QTest::newRow("header: key URLs, kid, crit, duplicate alg")
        << QByteArray(
               R"({"x5u":"https://x","alg":"HS256","kid":7,"jku":"https://y","crit":[],"alg":"RS256"})")
        << payloadWithEnvelope(envelopeJson(created));
    QTest::newRow("header: kid a string") << QByteArray(R"({"alg":"RS256","kid":"k-1"})")
                                          << QByteArray(R"({"exp":1e300,"nbf":"soon","iat":1.9})");
    QTest::newRow("header: alg not a string")
        << QByteArray(R"({"alg":256})") << payloadWithEnvelope(envelopeJson(created));
}

// Every delivery is read with simdjson; Qt's reading is the reference it must
// match exactly, whatever the input.
void TestWixDecoder::fastAndQtReadingsAgree()
{
    QFETCH(QByteArray, header);
    QFETCH(QByteArray, payload);
    const QByteArray token = encode(header) + '.' + encode(payload) + '.' + encode("sig");
    const JwsParseResult parsed = parseCompactJws(token);

    CompactJws reference;
    JwsFieldReader::readHeader(parsed.jws.header(), &reference);
    JwsFieldReader::readClaims(parsed.jws.payload(), &reference);
    if (parsed.ok()) {
        QCOMPARE(parsed.jws.alg, reference.alg);
        QCOMPARE(parsed.jws.kid, reference.kid);
        QCOMPARE(parsed.jws.hasCrit, reference.hasCrit);
        QCOMPARE(parsed.jws.keyUrlHeaders, reference.keyUrlHeaders);
        for (const auto &[fast, qt] : {std::pair(parsed.jws.claims.iat, reference.claims.iat),
                                       std::pair(parsed.jws.claims.exp, reference.claims.exp),
                                       std::pair(parsed.jws.claims.nbf, reference.claims.nbf)}) {
            QCOMPARE(int(fast.state), int(qt.state));
            QCOMPARE(fast.seconds, qt.seconds);
        }
        QCOMPARE(int(parsed.jws.claims.dataKind), int(reference.claims.dataKind));
        QCOMPARE(parsed.jws.claims.data, reference.claims.data);
    }

    const WixDecoding fast = decodeWixToken(parsed.jws);
    const WixDecoding qt = decodeWixClaims(parsed.jws.payload());
    QCOMPARE(fast.notes, qt.notes);
    QCOMPARE(fast.event.toJson(), qt.event.toJson());
    QCOMPARE(fast.event.contentDigest.toHex(), qt.event.contentDigest.toHex());
    QCOMPARE(fast.event.accountInfo, qt.event.accountInfo);
    QCOMPARE(fast.event.modifiedFields, qt.event.modifiedFields);
}

QTEST_GUILESS_MAIN(TestWixDecoder)
#include "tst_wixdecoder.moc"
