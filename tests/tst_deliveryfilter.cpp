#include "examplerows.h"
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
    QCOMPARE(parsed.matches(exampleContactCreatedRow()), matches);
    // The list's packed rows get the same verdict, also when the texts were judged before.
    StringPool strings;
    const PackedDeliveryRow packed = PackedDeliveryRow::pack(exampleContactCreatedRow(), strings);
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
