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
    void timestampParsing_data();
    void timestampParsing();
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

QTEST_GUILESS_MAIN(TestWixDecoder)
#include "tst_wixdecoder.moc"
