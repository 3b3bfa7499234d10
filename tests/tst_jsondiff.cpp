#include "json/jsondiff.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

class TestJsonDiff : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void changes_data();
    void changes();
    void ignoredPathsAndBelow();
};

void TestJsonDiff::changes_data()
{
    QTest::addColumn<QByteArray>("left");
    QTest::addColumn<QByteArray>("right");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("same") << QByteArray(R"({"a":1,"b":[1,2]})")
                          << QByteArray(R"({"b":[1,2],"a":1})") << QStringList{};
    QTest::newRow("changed scalar")
        << QByteArray(R"({"a":{"b":"x"}})") << QByteArray(R"({"a":{"b":"y"}})")
        << QStringList{"~ a.b: \"x\" -> \"y\""};
    QTest::newRow("added and removed")
        << QByteArray(R"({"a":1})") << QByteArray(R"({"b":2})") << QStringList{"- a: 1", "+ b: 2"};
    QTest::newRow("array grows") << QByteArray(R"({"l":[1]})")
                                 << QByteArray(R"({"l":[1,{"k":true}]})")
                                 << QStringList{"+ l[1]: {\"k\":true}"};
    QTest::newRow("type change") << QByteArray(R"({"a":"1"})") << QByteArray(R"({"a":1})")
                                 << QStringList{"~ a: \"1\" -> 1"};
    QTest::newRow("odd key") << QByteArray(R"({"a b":1})") << QByteArray(R"({"a b":2})")
                             << QStringList{"~ [\"a b\"]: 1 -> 2"};
}

void TestJsonDiff::changes()
{
    QFETCH(QByteArray, left);
    QFETCH(QByteArray, right);
    QFETCH(QStringList, expected);
    QStringList actual;
    for (const JsonChange &change :
         diffJson(QJsonDocument::fromJson(left).object(), QJsonDocument::fromJson(right).object()))
        actual << change.toText();
    QCOMPARE(actual, expected);
}

void TestJsonDiff::ignoredPathsAndBelow()
{
    const QJsonObject a{
        {QStringLiteral("payload"),
         QJsonObject{{QStringLiteral("iat"), 1},
                     {QStringLiteral("x"), QJsonObject{{QStringLiteral("y"), 1}}}}}};
    const QJsonObject b{
        {QStringLiteral("payload"),
         QJsonObject{{QStringLiteral("iat"), 2},
                     {QStringLiteral("x"), QJsonObject{{QStringLiteral("y"), 2}}}}}};
    QCOMPARE(diffJson(a, b, {QStringLiteral("payload.iat"), QStringLiteral("payload.x")}).size(),
             0);
    QCOMPARE(diffJson(a, b, {QStringLiteral("payload.iat")}).size(), 1);
}

QTEST_GUILESS_MAIN(TestJsonDiff)
#include "tst_jsondiff.moc"
