#include "json/jsonpath.h"
#include "json/jsonpathvalue.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

// Paths as the Decoded tab writes them (json/jsonpath.h), read back from a tree:
// what a list column shows.
class TestJsonPathValue : public QObject
{
    Q_OBJECT

private slots:
    void valueAtPath_data();
    void valueAtPath();
    void everyPathTheWriterMakesIsFound();
};

namespace {
QJsonObject tree()
{
    return QJsonDocument::fromJson(R"({
        "payload": {"data": {"eventType": "wix.contacts.v4.contact_updated",
                             "data": {"entityEventSequence": "12", "n": 7,
                                      "emails": [{"address": "a@b.c"}, {"address": "d@e.f"}],
                                      "odd key": {"x.y": true, "q\"uote": null},
                                      "$ok_1": 1.5}}},
        "body": [[1, 2], [3]]
    })")
        .object();
}
} // namespace

void TestJsonPathValue::valueAtPath_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("expected"); // compact JSON of the value; "missing" when absent
    QTest::newRow("a string") << "payload.data.eventType"
                              << "\"wix.contacts.v4.contact_updated\"";
    QTest::newRow("a string of digits") << "payload.data.data.entityEventSequence"
                                        << "\"12\"";
    QTest::newRow("a number") << "payload.data.data.n"
                              << "7";
    QTest::newRow("an index") << "payload.data.data.emails[1].address"
                              << "\"d@e.f\"";
    QTest::newRow("a quoted key") << "payload.data.data[\"odd key\"][\"x.y\"]"
                                  << "true";
    QTest::newRow("an escaped quote") << "payload.data.data[\"odd key\"][\"q\\\"uote\"]"
                                      << "null";
    QTest::newRow("identifier characters") << "payload.data.data.$ok_1"
                                           << "1.5";
    QTest::newRow("an object") << "payload.data.data.emails[0]"
                               << "{\"address\":\"a@b.c\"}";
    QTest::newRow("nested arrays") << "body[0][1]"
                                   << "2";
    QTest::newRow("absent key") << "payload.data.nope"
                                << "missing";
    QTest::newRow("index past the end") << "payload.data.data.emails[2]"
                                        << "missing";
    QTest::newRow("index into an object") << "payload[0]"
                                          << "missing";
    QTest::newRow("key of a string") << "payload.data.eventType.length"
                                     << "missing";
    QTest::newRow("leading dot") << ".payload"
                                 << "missing";
    QTest::newRow("unclosed bracket") << "body[0"
                                      << "missing";
    QTest::newRow("unclosed quote") << "payload[\"data"
                                    << "missing";
    QTest::newRow("empty step") << "payload..data"
                                << "missing";
}

void TestJsonPathValue::valueAtPath()
{
    QFETCH(QString, path);
    QFETCH(QString, expected);
    const std::optional<QJsonValue> value = jsonValueAtPath(tree(), path);
    if (expected == QLatin1String("missing")) {
        QVERIFY(!value);
        return;
    }
    QVERIFY(value);
    const QByteArray json = QJsonDocument(QJsonArray{*value}).toJson(QJsonDocument::Compact);
    QCOMPARE(QString::fromUtf8(json.mid(1, json.size() - 2)), expected);
}

void TestJsonPathValue::everyPathTheWriterMakesIsFound()
{
    // Walk the tree writing each node's path as the Decoded tab does; each leads back to it.
    int checked = 0;
    std::function<void(const QJsonValue &, const QString &)> walk = [&](const QJsonValue &node,
                                                                        const QString &path) {
        const std::optional<QJsonValue> found = jsonValueAtPath(tree(), path);
        QVERIFY2(found && *found == node, qPrintable(path));
        ++checked;
        if (node.isObject()) {
            const QJsonObject object = node.toObject();
            for (auto it = object.begin(); it != object.end(); ++it)
                walk(it.value(), jsonPathAppendKey(path, it.key()));
        } else if (node.isArray()) {
            const QJsonArray array = node.toArray();
            for (qsizetype i = 0; i < array.size(); ++i)
                walk(array.at(i), jsonPathAppendIndex(path, i));
        }
    };
    walk(tree(), QString());
    QCOMPARE(checked, 22);
}

QTEST_GUILESS_MAIN(TestJsonPathValue)
#include "tst_jsonpathvalue.moc"
