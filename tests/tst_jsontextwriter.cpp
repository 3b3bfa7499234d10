// JsonTextWriter: what it writes reads back through QJsonDocument as the values written,
// whatever the strings hold, and the store's findings column keeps QJsonDocument's text.
#include "analysis/deliveryanalysis.h"
#include "json/jsontextwriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

class TestJsonTextWriter : public QObject
{
    Q_OBJECT

private slots:
    void stringsReadBackAsWritten_data();
    void stringsReadBackAsWritten();
    void everyLatin1ByteReadsBack();
    void numbersNullsAndKeys();
    void unfinishedDocumentIsNotText();
    void nestedValuesAndCommas();
    void misuseIsNotText();
    void findingsAreQtsText();
};

void TestJsonTextWriter::stringsReadBackAsWritten_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("utf16"); // valid UTF-16, so it reads back exactly
    const auto row = [](const char *name, const QString &text, bool utf16 = true) {
        QTest::newRow(name) << text << utf16;
    };
    row("empty", QString());
    row("quotes and backslashes", QStringLiteral(R"("a" \ "\\" \u0000)"));
    row("NUL inside", QString(QChar(0)) + QStringLiteral("after"));
    row("newline, tab, bell, DEL", QStringLiteral("a\nb\tc\ad\x7f"));
    row("non-ASCII", QStringLiteral("café µs ✓ 日本"));
    row("surrogate pair", QString::fromUcs4(U"\U0001F600 emoji"));
    row("line separators", QStringLiteral("\u2028\u2029"));
    row("markup", QStringLiteral("<img src=x onerror=alert(1)></script>"));
    QString controls;
    for (char16_t c = 0; c < 0x20; ++c)
        controls.append(QChar(c));
    row("every control character", controls);
    row("lone high surrogate", QString(QChar(0xd800)) + QStringLiteral("x"), false);
    row("lone low surrogate", QStringLiteral("x") + QString(QChar(0xdc00)), false);
}

void TestJsonTextWriter::stringsReadBackAsWritten()
{
    QFETCH(QString, text);
    QFETCH(bool, utf16);
    JsonTextWriter json;
    json.beginArray();
    json.string(text);
    json.endArray();
    const QByteArray written = json.take();
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(written, &error);
    QVERIFY2(error.error == QJsonParseError::NoError,
             qPrintable(error.errorString() + QLatin1String(": ") + QString::fromUtf8(written)));
    if (utf16) {
        QCOMPARE(document.array(), QJsonArray{text});
    } else {
        // As Qt's UTF-8 conversion leaves it in every other text column of a session.
        QCOMPARE(document.array(), QJsonArray{QString::fromUtf8(text.toUtf8())});
        QVERIFY(!document.array().at(0).toString().contains(QChar(0xd800)));
    }
}

void TestJsonTextWriter::everyLatin1ByteReadsBack()
{
    QByteArray bytes;
    for (int b = 0; b < 256; ++b)
        bytes.append(char(b));
    JsonTextWriter json;
    json.beginArray();
    json.latin1String(bytes);
    json.latin1String("plain ASCII");
    json.endArray();
    const QJsonArray read = QJsonDocument::fromJson(json.take()).array();
    QCOMPARE(read.size(), 2);
    QCOMPARE(read.at(0).toString(), QString::fromLatin1(bytes));
    QCOMPARE(read.at(0).toString().toLatin1(), bytes);
    QCOMPARE(read.at(1).toString(), QStringLiteral("plain ASCII"));
}

void TestJsonTextWriter::numbersNullsAndKeys()
{
    JsonTextWriter json;
    json.beginObject();
    json.key(QLatin1String("big"));
    json.integer(Q_INT64_C(9007199254740993));
    json.key(QLatin1String("negative"));
    json.integer(-42);
    json.key(QLatin1String("none"));
    json.null();
    json.key(QLatin1String("a \"quoted\" key"));
    json.beginArray();
    json.endArray();
    json.endObject();
    const QByteArray text = json.take();
    QCOMPARE(text, QByteArray(R"({"big":9007199254740993,"negative":-42,"none":null,)"
                              R"("a \"quoted\" key":[]})"));
    const QJsonObject read = QJsonDocument::fromJson(text).object();
    QCOMPARE(read.value(QLatin1String("big")).toInteger(), Q_INT64_C(9007199254740993));
    QVERIFY(read.value(QLatin1String("none")).isNull());
    QVERIFY(read.value(QLatin1String("a \"quoted\" key")).isArray());
}

void TestJsonTextWriter::unfinishedDocumentIsNotText()
{
    JsonTextWriter json;
    json.beginArray();
    json.string(QStringLiteral("never closed"));
    QCOMPARE(json.take(), QByteArray());
    // And the writer starts over.
    json.beginArray();
    json.integer(1);
    json.endArray();
    QCOMPARE(json.take(), QByteArray("[1]"));
    QCOMPARE(json.take(), QByteArray());
}

void TestJsonTextWriter::nestedValuesAndCommas()
{
    JsonTextWriter json;
    json.beginArray();
    json.beginObject();
    json.endObject();
    json.beginArray();
    json.beginArray();
    json.endArray();
    json.null();
    json.endArray();
    json.beginObject();
    json.key(QLatin1String("a"));
    json.beginObject();
    json.key(QLatin1String("b"));
    json.integer(1);
    json.key(QLatin1String("c"));
    json.beginArray();
    json.string(QStringLiteral("x"));
    json.latin1String("y");
    json.endArray();
    json.endObject();
    json.key(QLatin1String("d"));
    json.null();
    json.endObject();
    json.integer(0);
    json.endArray();
    const QByteArray text = json.take();
    QCOMPARE(text, QByteArray(R"([{},[[],null],{"a":{"b":1,"c":["x","y"]},"d":null},0])"));
    QJsonParseError error;
    QJsonDocument::fromJson(text, &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
}

void TestJsonTextWriter::misuseIsNotText()
{
    JsonTextWriter json;
    json.endArray(); // nothing begun
    QCOMPARE(json.take(), QByteArray());
    json.beginObject();
    json.key(QLatin1String("k"));
    json.endObject(); // a key without its value
    QCOMPARE(json.take(), QByteArray());
    json.integer(1);
    json.integer(2); // two documents
    QCOMPARE(json.take(), QByteArray());
    json.null();
    QCOMPARE(json.take(), QByteArray("null"));
}

void TestJsonTextWriter::findingsAreQtsText()
{
    DeliveryAnalysis analysis;
    QCOMPARE(analysis.findingsJson(), QByteArray("[]"));
    analysis.findings = {
        {Severity::Warning, QStringLiteral("dup.redundant"),
         QStringLiteral("duplicate #1 of delivery 1: answered 200 in time (the same token)"), 1},
        {Severity::Note, QStringLiteral("late.retry"),
         QStringLiteral("likely retry attempt 4: arrived 3.0 h after; Wix's \"attempt\" 1.2 µs"),
         0},
        {Severity::Error, QStringLiteral("sig.invalid"), QStringLiteral("tab\there\nnext"),
         Q_INT64_C(123456789012)},
    };
    QJsonArray list;
    for (const Finding &finding : std::as_const(analysis.findings))
        list.append(finding.toJson());
    QCOMPARE(analysis.findingsJson(), QJsonDocument(list).toJson(QJsonDocument::Compact));
    const QVector<Finding> read =
        DeliveryAnalysis::findingsFromJson(QString::fromUtf8(analysis.findingsJson()));
    QCOMPARE(read.size(), analysis.findings.size());
    for (int i = 0; i < read.size(); ++i) {
        QCOMPARE(read.at(i).severity, analysis.findings.at(i).severity);
        QCOMPARE(read.at(i).code, analysis.findings.at(i).code);
        QCOMPARE(read.at(i).message, analysis.findings.at(i).message);
        QCOMPARE(read.at(i).relatedSeq, analysis.findings.at(i).relatedSeq);
    }
}

QTEST_GUILESS_MAIN(TestJsonTextWriter)
#include "tst_jsontextwriter.moc"
