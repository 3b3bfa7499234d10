#include "filter/deliveryfilter.h"
#include "filter/packedrowfilter.h"
#include "models/stringpool.h"

#include <QtTest>

class TestDeliveryFilter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void terms_data();
    void terms();
    void errors_data();
    void errors();
};

namespace {
DeliveryRow contactCreated()
{
    DeliveryRow row;
    row.seq = 7;
    row.method = QStringLiteral("POST");
    row.target = QStringLiteral("/webhooks/wix?x=1");
    row.eventType = QStringLiteral("wix.contacts.v4.contact_created");
    row.instanceId = QStringLiteral("a6d1c7d0-6a9d-4c38-bd0a-0f5b7e1f3c11");
    row.entity = QStringLiteral("wix.contacts.v4.contact/4b0133d5");
    row.identity = QStringLiteral("MEMBER m-42");
    row.keyName = QStringLiteral("shop");
    row.reasonCode = QStringLiteral("valid");
    row.answerStatus = 500;
    row.signature = SignatureStatus::Valid;
    row.bodyKind = BodyKind::Jwt;
    row.analysisFlags = FlagDuplicate | FlagDuplicateRetry | FlagSequenceGap;
    return row;
}
} // namespace

void TestDeliveryFilter::terms_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<bool>("matches");

    QTest::newRow("empty") << "" << true;
    QTest::newRow("free word") << "contact_created" << true;
    QTest::newRow("free word, any case") << "CONTACT_CREATED" << true;
    QTest::newRow("free word misses") << "order_paid" << false;
    QTest::newRow("type substring") << "type:contacts" << true;
    QTest::newRow("type wildcard whole") << "type:wix.contacts.*" << true;
    QTest::newRow("type wildcard must match whole") << "type:contacts*" << false;
    QTest::newRow("instance prefix") << "instance:a6d1*" << true;
    QTest::newRow("entity") << "entity:wix.contacts.v4.contact/*" << true;
    QTest::newRow("identity") << "identity:member" << true;
    QTest::newRow("sig valid") << "sig:valid" << true;
    QTest::newRow("sig invalid") << "sig:invalid" << false;
    QTest::newRow("sig none is not a JWT") << "sig:none" << false;
    QTest::newRow("status wildcard") << "status:5*" << true;
    QTest::newRow("status exact other") << "status:200" << false;
    QTest::newRow("status single char wildcard") << "status:50?" << true;
    QTest::newRow("method") << "method:post" << true;
    QTest::newRow("path with slash wildcard") << "path:/webhooks/*" << true;
    QTest::newRow("key") << "key:shop" << true;
    QTest::newRow("kind") << "kind:jwt" << true;
    QTest::newRow("AND of two") << "type:contact sig:valid" << true;
    QTest::newRow("AND, one fails") << "type:contact sig:invalid" << false;
    QTest::newRow("negated") << "-type:AppInstalled" << true;
    QTest::newRow("negated match") << "-sig:valid" << false;
    QTest::newRow("quoted value") << "identity:\"MEMBER m-42\"" << true;
    QTest::newRow("dup:yes") << "dup:yes" << true;
    QTest::newRow("dup:no") << "dup:no" << false;
    QTest::newRow("dup:retry") << "dup:retry" << true;
    QTest::newRow("dup:redundant") << "dup:redundant" << false;
    QTest::newRow("order:bad") << "order:bad" << false;
    QTest::newRow("order:ok") << "order:ok" << true;
    QTest::newRow("gap:yes") << "gap:yes" << true;
    QTest::newRow("retry:yes") << "retry:yes" << true;
    QTest::newRow("retry:no") << "retry:no" << false;
}

void TestDeliveryFilter::terms()
{
    QFETCH(QString, filter);
    QFETCH(bool, matches);
    const DeliveryFilter parsed = DeliveryFilter::parse(filter);
    QVERIFY2(parsed.isValid(), qPrintable(parsed.errors().value(0).message));
    QCOMPARE(parsed.matches(contactCreated()), matches);
    // The list's packed rows get the same verdict, also when the texts were judged before.
    StringPool strings;
    const PackedDeliveryRow packed = PackedDeliveryRow::pack(contactCreated(), strings);
    PackedRowFilter packedFilter(parsed, strings);
    QCOMPARE(packedFilter.matches(packed), matches);
    QCOMPARE(packedFilter.matches(packed), matches);
}

void TestDeliveryFilter::errors_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<int>("start");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("unknown field") << "type:x nosuch:y" << 7 << "unknown field";
    QTest::newRow("empty value") << "sig:" << 0 << "needs a value";
    QTest::newRow("bad sig") << "sig:maybe" << 0 << "sig: takes";
    QTest::newRow("unclosed quote") << "identity:\"MEMBER" << 0 << "unclosed quote";
    QTest::newRow("bad dup value") << "dup:maybe" << 0 << "dup: takes yes, no, retry or redundant";
    QTest::newRow("bad order value") << "order:yes" << 0 << "order: takes bad or ok";
}

void TestDeliveryFilter::errors()
{
    QFETCH(QString, filter);
    QFETCH(int, start);
    QFETCH(QString, mentions);
    const DeliveryFilter parsed = DeliveryFilter::parse(filter);
    QVERIFY(!parsed.isValid());
    QCOMPARE(parsed.errors().first().start, start);
    QVERIFY(parsed.errors().first().length > 0);
    QVERIFY2(parsed.errors().first().message.contains(mentions),
             qPrintable(parsed.errors().first().message));
}

QTEST_GUILESS_MAIN(TestDeliveryFilter)
#include "tst_deliveryfilter.moc"
