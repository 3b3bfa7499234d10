#include "models/jsontreemodel.h"
#include "json/jsonexpander.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QtTest>

namespace {
QJsonValue parse(const char *json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray(json), &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad test JSON: %s", qPrintable(error.errorString()));
    return document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array());
}

QString cell(const QModelIndex &index, int column, int role = Qt::DisplayRole)
{
    return index.siblingAtColumn(column).data(role).toString();
}

// A Wix-like envelope: the "data" claim and the envelope's data are strings of JSON.
QJsonObject wixLikeClaims()
{
    const QJsonObject inner{
        {QStringLiteral("id"), QStringLiteral("e-1")},
        {QStringLiteral("emails"),
         QJsonArray{QStringLiteral("a@example.com"), QStringLiteral("b@example.com")}}};
    const QJsonObject envelope{
        {QStringLiteral("eventType"), QStringLiteral("wix.contacts.v4.contact_created")},
        {QStringLiteral("data"),
         QString::fromUtf8(QJsonDocument(inner).toJson(QJsonDocument::Compact))}};
    return {{QStringLiteral("data"),
             QString::fromUtf8(QJsonDocument(envelope).toJson(QJsonDocument::Compact))},
            {QStringLiteral("iat"), 1700000000}};
}
} // namespace

class TestJsonTreeModel : public QObject
{
    Q_OBJECT

private slots:
    void passesModelTester_data();
    void passesModelTester();
    void showsKeysValuesAndTypes();
    void pathsFollowJavaScriptNotation_data();
    void pathsFollowJavaScriptNotation();
    void marksStringsOfJson();
    void rawValueIsCompactJsonWithStringsUnquoted();
    void leavesNeverHaveChildren();
    void scalarRootIsOneRow();
    void indexForPathRejectsUnknownPaths();
    void hugeArrayIsLazy();
    void millionElementArrayCostsNothingUntilExpanded();
    void setJsonTwiceResets();
    void displayTextStaysOnOneLine();
};

void TestJsonTreeModel::passesModelTester_data()
{
    QTest::addColumn<QJsonValue>("value");
    QTest::newRow("empty object") << QJsonValue(QJsonObject());
    QTest::newRow("empty array") << QJsonValue(QJsonArray());
    QTest::newRow("undefined") << QJsonValue(QJsonValue::Undefined);
    QTest::newRow("scalar") << QJsonValue(42);
    QTest::newRow("flat object") << parse(R"({"a": 1, "b": "two", "c": true, "d": null})");
    QTest::newRow("nested arrays") << parse(R"([[1, [2, [3, [4, []]]]], {"x": [{"y": [5]}]}])");
    QTest::newRow("odd keys") << parse(R"({"odd key": {"": 1, "a.b": [2], "\"q\"": {}}})");
    QTest::newRow("wix-like claims") << expandJsonStrings(wixLikeClaims()).value;

    QJsonArray big;
    for (int i = 0; i < 100000; ++i)
        big.append(i);
    QTest::newRow("100000 elements") << QJsonValue(QJsonObject{{QStringLiteral("big"), big}});
}

void TestJsonTreeModel::passesModelTester()
{
    QFETCH(QJsonValue, value);
    JsonTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setJson(value);
    model.setJson(value); // a reset over a populated model, under the tester's eye
}

void TestJsonTreeModel::showsKeysValuesAndTypes()
{
    JsonTreeModel model;
    model.setJson(parse(R"({"name": "Ann", "tags": ["a", "b", "c"], "n": 1603028458,
                            "f": 1.5, "ok": false, "none": null,
                            "o": {"k1": 1, "k2": 2, "k3": 3, "k4": 4, "k5": 5, "k6": 6, "k7": 7},
                            "one": {"k": 1}, "single": [1], "e": {}, "ea": []})"));
    QCOMPARE(model.columnCount(), 3);
    QCOMPARE(model.headerData(JsonTreeModel::KeyColumn, Qt::Horizontal).toString(),
             QStringLiteral("Key"));
    QCOMPARE(model.headerData(JsonTreeModel::ValueColumn, Qt::Horizontal).toString(),
             QStringLiteral("Value"));
    QCOMPARE(model.headerData(JsonTreeModel::TypeColumn, Qt::Horizontal).toString(),
             QStringLiteral("Type"));
    QCOMPARE(model.rowCount(), 11);

    struct Row
    {
        const char *path, *key, *value, *type;
    };
    const Row rows[] = {
        {"name", "name", "Ann", "string"},   {"tags", "tags", "[3 items]", "array"},
        {"tags[1]", "[1]", "b", "string"},   {"n", "n", "1603028458", "number"},
        {"f", "f", "1.5", "number"},         {"ok", "ok", "false", "bool"},
        {"none", "none", "null", "null"},    {"o", "o", "{7 keys}", "object"},
        {"one", "one", "{1 key}", "object"}, {"single", "single", "[1 item]", "array"},
        {"e", "e", "{}", "object"},          {"ea", "ea", "[]", "array"},
    };
    for (const Row &row : rows) {
        const QModelIndex index = model.indexForPath(QLatin1String(row.path));
        QVERIFY2(index.isValid(), row.path);
        QCOMPARE(cell(index, JsonTreeModel::KeyColumn), QLatin1String(row.key));
        QCOMPARE(cell(index, JsonTreeModel::ValueColumn), QLatin1String(row.value));
        QCOMPARE(cell(index, JsonTreeModel::TypeColumn), QLatin1String(row.type));
        QCOMPARE(index.data(JsonTreeModel::JsonTypeRole).toString(), QLatin1String(row.type));
        QCOMPARE(index.data(JsonTreeModel::PathRole).toString(), QLatin1String(row.path));
    }
}

void TestJsonTreeModel::pathsFollowJavaScriptNotation_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("rawValue");
    QTest::newRow("identifier") << QStringLiteral("plain") << QStringLiteral("1");
    QTest::newRow("space in key") << QStringLiteral("[\"odd key\"].x") << QStringLiteral("2");
    QTest::newRow("dot in key") << QStringLiteral("[\"a.b\"]") << QStringLiteral("3");
    QTest::newRow("empty key") << QStringLiteral("[\"\"]") << QStringLiteral("4");
    QTest::newRow("quote in key") << QStringLiteral("[\"say \\\"hi\\\"\"]") << QStringLiteral("5");
    QTest::newRow("leading digit") << QStringLiteral("[\"1st\"]") << QStringLiteral("6");
    QTest::newRow("prefix of another key") << QStringLiteral("ab") << QStringLiteral("7");
    QTest::newRow("longer key") << QStringLiteral("abc") << QStringLiteral("8");
    QTest::newRow("nested arrays") << QStringLiteral("m[1][0][2]") << QStringLiteral("9");
    QTest::newRow("array in object in array")
        << QStringLiteral("list[1].items[0]") << QStringLiteral("last");
    QTest::newRow("unicode key") << QStringLiteral("[\"clé\"]") << QStringLiteral("10");
}

void TestJsonTreeModel::pathsFollowJavaScriptNotation()
{
    QFETCH(QString, path);
    QFETCH(QString, rawValue);
    JsonTreeModel model;
    model.setJson(parse(R"({"plain": 1, "odd key": {"x": 2}, "a.b": 3, "": 4, "say \"hi\"": 5,
                            "1st": 6, "ab": 7, "abc": 8, "m": [[0], [[0, 0, 9]]],
                            "list": [{}, {"items": ["last"]}], "clé": 10})"));
    const QModelIndex index = model.indexForPath(path);
    QVERIFY(index.isValid());
    QCOMPARE(index.data(JsonTreeModel::PathRole).toString(), path);
    QCOMPARE(index.data(JsonTreeModel::RawValueRole).toString(), rawValue);
}

void TestJsonTreeModel::marksStringsOfJson()
{
    const ExpandedJson expanded = expandJsonStrings(wixLikeClaims(), QStringLiteral("payload"));
    JsonTreeModel model;
    model.setJson(QJsonObject{{QStringLiteral("payload"), expanded.value}},
                  expanded.stringifiedPaths);

    const QModelIndex data = model.indexForPath(QStringLiteral("payload.data"));
    QVERIFY(data.isValid());
    QVERIFY(data.data(JsonTreeModel::StringifiedRole).toBool());
    QCOMPARE(cell(data, JsonTreeModel::TypeColumn), QStringLiteral("object (string of JSON)"));
    QCOMPARE(data.data(JsonTreeModel::JsonTypeRole).toString(), QStringLiteral("object"));

    const QModelIndex innerData = model.indexForPath(QStringLiteral("payload.data.data"));
    QVERIFY(innerData.data(JsonTreeModel::StringifiedRole).toBool());

    const QModelIndex email = model.indexForPath(QStringLiteral("payload.data.data.emails[1]"));
    QCOMPARE(email.data(JsonTreeModel::RawValueRole).toString(), QStringLiteral("b@example.com"));
    QVERIFY(!email.data(JsonTreeModel::StringifiedRole).toBool());
    QCOMPARE(cell(email, JsonTreeModel::TypeColumn), QStringLiteral("string"));

    const QModelIndex eventType = model.indexForPath(QStringLiteral("payload.data.eventType"));
    QCOMPARE(cell(eventType, JsonTreeModel::ValueColumn),
             QStringLiteral("wix.contacts.v4.contact_created"));

    // Every path the expander marked names a node of the tree, and the node is marked.
    QVERIFY(!expanded.stringifiedPaths.isEmpty());
    for (const QString &path : expanded.stringifiedPaths) {
        const QModelIndex index = model.indexForPath(path);
        QVERIFY2(index.isValid(), qPrintable(path));
        QVERIFY(index.data(JsonTreeModel::StringifiedRole).toBool());
    }
}

void TestJsonTreeModel::rawValueIsCompactJsonWithStringsUnquoted()
{
    JsonTreeModel model;
    model.setJson(parse(R"({"s": "<b>bold</b> \"q\"", "o": {"a": [1, "x"]}, "n": 3, "t": true,
                            "z": null})"));
    QCOMPARE(model.indexForPath(QStringLiteral("s")).data(JsonTreeModel::RawValueRole).toString(),
             QStringLiteral("<b>bold</b> \"q\""));
    QCOMPARE(cell(model.indexForPath(QStringLiteral("s")), JsonTreeModel::ValueColumn),
             QStringLiteral("<b>bold</b> \"q\""));
    QCOMPARE(model.indexForPath(QStringLiteral("o")).data(JsonTreeModel::RawValueRole).toString(),
             QStringLiteral(R"({"a":[1,"x"]})"));
    QCOMPARE(model.indexForPath(QStringLiteral("n")).data(JsonTreeModel::RawValueRole).toString(),
             QStringLiteral("3"));
    QCOMPARE(model.indexForPath(QStringLiteral("t")).data(JsonTreeModel::RawValueRole).toString(),
             QStringLiteral("true"));
    QCOMPARE(model.indexForPath(QStringLiteral("z")).data(JsonTreeModel::RawValueRole).toString(),
             QStringLiteral("null"));
}

void TestJsonTreeModel::leavesNeverHaveChildren()
{
    JsonTreeModel model;
    model.setJson(parse(R"({"leaf": 1, "o": {"a": 1}, "e": [], "arr": [1]})"));
    const auto neverHasChildren = [&](const char *path) {
        return model.flags(model.indexForPath(QLatin1String(path)))
            .testFlag(Qt::ItemNeverHasChildren);
    };
    QVERIFY(neverHasChildren("leaf"));
    QVERIFY(neverHasChildren("e"));
    QVERIFY(neverHasChildren("o.a"));
    QVERIFY(!neverHasChildren("o"));
    QVERIFY(!neverHasChildren("arr"));
    QVERIFY(model.hasChildren(model.indexForPath(QStringLiteral("arr"))));
    QVERIFY(!model.hasChildren(model.indexForPath(QStringLiteral("leaf"))));
    const Qt::ItemFlags flags = model.flags(model.indexForPath(QStringLiteral("leaf")));
    QVERIFY(flags.testFlag(Qt::ItemIsEnabled));
    QVERIFY(flags.testFlag(Qt::ItemIsSelectable));
    QVERIFY(!flags.testFlag(Qt::ItemIsEditable));
}

void TestJsonTreeModel::scalarRootIsOneRow()
{
    JsonTreeModel model;
    model.setJson(QJsonValue(QStringLiteral("just text")));
    QCOMPARE(model.rowCount(), 1);
    const QModelIndex root = model.indexForPath(QString());
    QVERIFY(root.isValid());
    QCOMPARE(cell(root, JsonTreeModel::ValueColumn), QStringLiteral("just text"));
    QCOMPARE(root.data(JsonTreeModel::PathRole).toString(), QString());
    QCOMPARE(model.rowCount(root), 0);
}

void TestJsonTreeModel::indexForPathRejectsUnknownPaths()
{
    JsonTreeModel model;
    model.setJson(parse(R"({"a": {"b": [1, 2]}, "ab": 1})"));
    for (const char *path : {"", "x", "a.c", "a.b[2]", "a.b[-1]", "a.b[01]", "a.b.x", "ab.c",
                             "a.b[", "a.b[1", "a.b[1]x", "a.", "a[\"b\"][0", "[0]"}) {
        QVERIFY2(!model.indexForPath(QLatin1String(path)).isValid(), path);
    }
    QVERIFY(model.indexForPath(QStringLiteral("a.b[1]")).isValid());
}

void TestJsonTreeModel::hugeArrayIsLazy()
{
    QJsonArray big;
    for (int i = 0; i < 100000; ++i)
        big.append(QJsonObject{{QStringLiteral("i"), i}});
    JsonTreeModel model;
    model.setJson(QJsonObject{{QStringLiteral("big"), big}});
    const qsizetype before = model.builtNodeCount();

    const QModelIndex bigIndex = model.index(0, 0);
    QCOMPARE(model.rowCount(bigIndex), 100000);
    QCOMPARE(cell(bigIndex, JsonTreeModel::ValueColumn), QStringLiteral("[100000 items]"));
    // Counting rows and showing the summary builds nothing under the array.
    QCOMPARE(model.builtNodeCount(), before + 1);

    const QModelIndex last = model.index(99999, 0, bigIndex);
    QCOMPARE(last.data(JsonTreeModel::PathRole).toString(), QStringLiteral("big[99999]"));
    const QModelIndex found = model.indexForPath(QStringLiteral("big[54321].i"));
    QCOMPARE(found.data(JsonTreeModel::RawValueRole).toString(), QStringLiteral("54321"));
    // Only the nodes asked for exist: big, big[99999], big[54321] and its "i".
    QCOMPARE(model.builtNodeCount(), before + 4);
}

void TestJsonTreeModel::millionElementArrayCostsNothingUntilExpanded()
{
    QJsonArray million;
    for (int i = 0; i < 1000000; ++i)
        million.append(i);
    const QJsonValue value(QJsonObject{{QStringLiteral("million"), million}});

    JsonTreeModel model;
    QElapsedTimer timer;
    timer.start();
    model.setJson(value);
    const QModelIndex array = model.index(0, 0);
    QCOMPARE(model.rowCount(array), 1000000);
    QCOMPARE(model.index(999999, JsonTreeModel::ValueColumn, array).data().toString(),
             QStringLiteral("999999"));
    QCOMPARE(model.builtNodeCount(), 3); // the root, "million" and its last element
    // Building a node per element would take seconds; the lazy model takes milliseconds.
    QVERIFY2(timer.elapsed() < 1000, qPrintable(QString::number(timer.elapsed())));
}

void TestJsonTreeModel::setJsonTwiceResets()
{
    JsonTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy aboutToReset(&model, &QAbstractItemModel::modelAboutToBeReset);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);

    model.setJson(parse(R"({"a": [1, 2, 3], "b": {"c": 1}})"), {QStringLiteral("b")});
    const QPersistentModelIndex oldIndex = model.indexForPath(QStringLiteral("a[2]"));
    QVERIFY(oldIndex.isValid());
    QVERIFY(model.indexForPath(QStringLiteral("b")).data(JsonTreeModel::StringifiedRole).toBool());

    model.setJson(parse(R"({"b": {"c": 2}, "x": []})"));
    QCOMPARE(aboutToReset.count(), 2);
    QCOMPARE(reset.count(), 2);
    QCOMPARE(inserted.count(), 0); // a reset, never a reset followed by inserts
    QVERIFY(!oldIndex.isValid());
    QCOMPARE(model.rowCount(), 2);
    QVERIFY(!model.indexForPath(QStringLiteral("a")).isValid());
    QCOMPARE(model.indexForPath(QStringLiteral("b.c")).data(JsonTreeModel::RawValueRole).toString(),
             QStringLiteral("2"));
    // The marks belong to the value they came with.
    QVERIFY(!model.indexForPath(QStringLiteral("b")).data(JsonTreeModel::StringifiedRole).toBool());

    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(reset.count(), 3);
}

void TestJsonTreeModel::displayTextStaysOnOneLine()
{
    JsonTreeModel model;
    const QString longText(5000, QLatin1Char('x'));
    model.setJson(QJsonObject{{QStringLiteral("multi"), QStringLiteral("one\ntwo\tthree")},
                              {QStringLiteral("long"), longText}});
    const QModelIndex multi = model.indexForPath(QStringLiteral("multi"));
    QCOMPARE(cell(multi, JsonTreeModel::ValueColumn), QStringLiteral("one\\ntwo\\tthree"));
    QCOMPARE(multi.data(JsonTreeModel::RawValueRole).toString(), QStringLiteral("one\ntwo\tthree"));
    const QModelIndex longIndex = model.indexForPath(QStringLiteral("long"));
    QVERIFY(cell(longIndex, JsonTreeModel::ValueColumn).size() < 1100);
    QCOMPARE(longIndex.data(JsonTreeModel::RawValueRole).toString(), longText);
}

QTEST_GUILESS_MAIN(TestJsonTreeModel)
#include "tst_jsontreemodel.moc"
