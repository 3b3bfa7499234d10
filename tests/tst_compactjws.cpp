#include "jwt/compactjws.h"

#include "tokenfactory.h"

#include <QtTest>

class TestCompactJws : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void malformed_data();
    void malformed();
    void wellFormed();
    void toleratesSurroundingWhitespace_data();
    void toleratesSurroundingWhitespace();
    void keepsWhatDecodedBeforeTheFailure();
    void messagesSayWhere();
};

namespace {
QByteArray enc(const char *text)
{
    return TokenFactory::encode(QByteArray(text));
}
const QByteArray kHeader = enc(R"({"alg":"RS256"})");
const QByteArray kPayload = enc(R"({"data":"{}","iat":1})");
const QByteArray kSignature = enc("signature-bytes");
} // namespace

void TestCompactJws::malformed_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<QString>("reason");

    QTest::newRow("empty") << QByteArray() << "empty_token";
    QTest::newRow("whitespace only") << QByteArray(" \r\n\t") << "empty_token";
    QTest::newRow("one segment") << QByteArray("abc") << "not_three_segments";
    QTest::newRow("two segments") << (kHeader + '.' + kPayload) << "not_three_segments";
    QTest::newRow("four segments")
        << (kHeader + '.' + kPayload + '.' + kSignature + ".x") << "not_three_segments";
    QTest::newRow("five segments (JWE)") << QByteArray("a.b.c.d.e") << "not_three_segments";
    QTest::newRow("only dots") << QByteArray("..") << "empty_header_segment";
    QTest::newRow("empty header") << ('.' + kPayload + '.' + kSignature) << "empty_header_segment";
    QTest::newRow("empty payload") << (kHeader + ".." + kSignature) << "empty_payload_segment";
    QTest::newRow("standard base64 in header")
        << (QByteArray("eyJhbGciOiJSUzI1NiJ9+/").append('.') + kPayload + '.' + kSignature)
        << "bad_base64url_header";
    QTest::newRow("padding in header")
        << (kHeader + "==." + kPayload + '.' + kSignature) << "bad_base64url_header";
    QTest::newRow("impossible length header")
        << ("eyJhb." + kPayload + '.' + kSignature) << "bad_base64url_header";
    QTest::newRow("space inside token")
        << (kHeader + '.' + kPayload.left(5) + ' ' + kPayload.mid(5) + '.' + kSignature)
        << "bad_base64url_payload";
    QTest::newRow("NUL byte in payload")
        << (kHeader + '.' + kPayload + QByteArray(1, '\0') + '.' + kSignature)
        << "bad_base64url_payload";
    QTest::newRow("bad signature alphabet")
        << (kHeader + '.' + kPayload + ".sig/nature") << "bad_base64url_signature";
    QTest::newRow("header not JSON")
        << (enc("alg=RS256") + '.' + kPayload + '.' + kSignature) << "header_not_json";
    QTest::newRow("header truncated JSON")
        << (enc(R"({"alg":"RS2)") + '.' + kPayload + '.' + kSignature) << "header_not_json";
    QTest::newRow("header is an array")
        << (enc(R"(["RS256"])") + '.' + kPayload + '.' + kSignature) << "header_not_object";
    QTest::newRow("payload not JSON")
        << (kHeader + '.' + enc("hello") + '.' + kSignature) << "payload_not_json";
    QTest::newRow("payload is a string")
        << (kHeader + '.' + enc(R"("data")") + '.' + kSignature) << "payload_not_object";
    QTest::newRow("payload invalid UTF-8")
        << (kHeader + '.' + enc("{\"data\":\"\xff\xfe\"}") + '.' + kSignature)
        << "payload_not_json";
    QTest::newRow("alg missing") << (enc(R"({"typ":"JWT"})") + '.' + kPayload + '.' + kSignature)
                                 << "alg_missing";
    QTest::newRow("alg is a number")
        << (enc(R"({"alg":256})") + '.' + kPayload + '.' + kSignature) << "alg_not_string";
    QTest::newRow("alg is null") << (enc(R"({"alg":null})") + '.' + kPayload + '.' + kSignature)
                                 << "alg_not_string";
    QTest::newRow("JSON body instead of a token")
        << QByteArray(R"({"eventType":"x"})") << "not_three_segments";
    QTest::newRow("deeply nested header")
        << (enc(QByteArray(5000, '[').constData()) + '.' + kPayload + '.' + kSignature)
        << "header_not_json";
}

void TestCompactJws::malformed()
{
    QFETCH(QByteArray, token);
    QFETCH(QString, reason);
    const JwsParseResult result = parseCompactJws(token);
    QVERIFY(!result.ok());
    QCOMPARE(reasonCode(result.reason), reason);
    QVERIFY(isMalformed(result.reason));
    QVERIFY(!result.message.isEmpty());
}

void TestCompactJws::wellFormed()
{
    const QByteArray token = kHeader + '.' + kPayload + '.' + kSignature;
    const JwsParseResult result = parseCompactJws(token);
    QVERIFY2(result.ok(), qPrintable(result.message));
    QCOMPARE(result.jws.alg, QStringLiteral("RS256"));
    QCOMPARE(result.jws.signingInput, kHeader + '.' + kPayload);
    QCOMPARE(result.jws.signature, QByteArray("signature-bytes"));
    QCOMPARE(result.jws.payload().value(QStringLiteral("iat")).toInt(), 1);
    QCOMPARE(result.jws.header().value(QStringLiteral("alg")).toString(), QStringLiteral("RS256"));

    // An empty signature is well-formed; judging it is the verifier's job.
    const JwsParseResult unsigned_ = parseCompactJws(kHeader + '.' + kPayload + '.');
    QVERIFY(unsigned_.ok());
    QVERIFY(unsigned_.jws.signature.isEmpty());
}

void TestCompactJws::toleratesSurroundingWhitespace_data()
{
    QTest::addColumn<QByteArray>("prefix");
    QTest::addColumn<QByteArray>("suffix");
    QTest::newRow("trailing newline") << QByteArray() << QByteArray("\n");
    QTest::newRow("CRLF") << QByteArray() << QByteArray("\r\n");
    QTest::newRow("spaces around") << QByteArray("  ") << QByteArray(" \t ");
    QTest::newRow("leading newline") << QByteArray("\n") << QByteArray();
}

void TestCompactJws::toleratesSurroundingWhitespace()
{
    QFETCH(QByteArray, prefix);
    QFETCH(QByteArray, suffix);
    const QByteArray token = kHeader + '.' + kPayload + '.' + kSignature;
    const JwsParseResult result = parseCompactJws(prefix + token + suffix);
    QVERIFY2(result.ok(), qPrintable(result.message));
    QCOMPARE(result.jws.signingInput, kHeader + '.' + kPayload);
}

void TestCompactJws::keepsWhatDecodedBeforeTheFailure()
{
    const JwsParseResult result = parseCompactJws(kHeader + '.' + enc("nope") + '.' + kSignature);
    QCOMPARE(result.reason, VerdictReason::PayloadNotJson);
    QCOMPARE(result.jws.header().value(QStringLiteral("alg")).toString(), QStringLiteral("RS256"));
}

void TestCompactJws::messagesSayWhere()
{
    const JwsParseResult bad =
        parseCompactJws("eyJh!GciOiJSUzI1NiJ9." + kPayload + '.' + kSignature);
    QVERIFY2(bad.message.contains(QStringLiteral("'!' at offset 4")), qPrintable(bad.message));
    const JwsParseResult four = parseCompactJws("a.b.c.d");
    QVERIFY2(four.message.contains(QStringLiteral("has 4")), qPrintable(four.message));
    const JwsParseResult five = parseCompactJws("a.b.c.d.e");
    QVERIFY2(five.message.contains(QStringLiteral("JWE")), qPrintable(five.message));
}

QTEST_GUILESS_MAIN(TestCompactJws)
#include "tst_compactjws.moc"
