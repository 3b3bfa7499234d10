// decodeBase64Url (OpenSSL's decoder behind an alphabet mapping) accepts and decodes
// exactly what Qt's decoder does, for every byte, length and position.
#include "jwt/base64urldecoder.h"

#include <QRandomGenerator>
#include <QtTest>

class TestBase64UrlDecoder : public QObject
{
    Q_OBJECT

private slots:
    void knownValues_data();
    void knownValues();
    void everyByteAtEveryPositionAgreesWithQt();
    void randomTextAgreesWithQt();
    void longTextAcrossChunks();
    void refusalLeavesOutputUntouched();

private:
    static void expectSameAsQt(const QByteArray &text);
};

void TestBase64UrlDecoder::expectSameAsQt(const QByteArray &text)
{
    QByteArray ours("untouched");
    QByteArray qt("untouched");
    const bool oursOk = decodeBase64Url(text, &ours);
    const bool qtOk = decodeBase64UrlWithQt(text, &qt);
    if (oursOk != qtOk || ours != qt)
        QFAIL(qPrintable(QStringLiteral("\"%1\" (%2 bytes): ours %3 \"%4\", Qt's %5 \"%6\"")
                             .arg(QString::fromLatin1(text.toHex()))
                             .arg(text.size())
                             .arg(oursOk)
                             .arg(QString::fromLatin1(ours.toHex()))
                             .arg(qtOk)
                             .arg(QString::fromLatin1(qt.toHex()))));
}

void TestBase64UrlDecoder::knownValues_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("accepted");
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("empty") << QByteArray() << true << QByteArray();
    QTest::newRow("one byte") << QByteArray("QQ") << true << QByteArray("A");
    QTest::newRow("two bytes") << QByteArray("QUI") << true << QByteArray("AB");
    QTest::newRow("three bytes") << QByteArray("QUJD") << true << QByteArray("ABC");
    QTest::newRow("url alphabet") << QByteArray("-_-_") << true << QByteArray("\xfb\xff\xbf");
    QTest::newRow("JWT header") << QByteArray("eyJhbGciOiJSUzI1NiJ9") << true
                                << QByteArray(R"({"alg":"RS256"})");
    QTest::newRow("left-over bits ignored") << QByteArray("QR") << true << QByteArray("A");
    QTest::newRow("lone last character") << QByteArray("QUJDQ") << false << QByteArray();
    QTest::newRow("padding") << QByteArray("QQ==") << false << QByteArray();
    QTest::newRow("equals inside") << QByteArray("QQ==QUJD") << false << QByteArray();
    QTest::newRow("standard '+'") << QByteArray("QU+D") << false << QByteArray();
    QTest::newRow("standard '/'") << QByteArray("QU/D") << false << QByteArray();
    QTest::newRow("leading space") << QByteArray(" QUJD") << false << QByteArray();
    QTest::newRow("trailing newline") << QByteArray("QUJD\n") << false << QByteArray();
    QTest::newRow("space inside") << QByteArray("QU JD") << false << QByteArray();
    QTest::newRow("NUL") << QByteArray("QUJ\0", 4) << false << QByteArray();
    QTest::newRow("high byte") << QByteArray("QUJ\xc3") << false << QByteArray();
}

void TestBase64UrlDecoder::knownValues()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, accepted);
    QFETCH(QByteArray, bytes);
    QByteArray decoded("untouched");
    QCOMPARE(decodeBase64Url(text, &decoded), accepted);
    QCOMPARE(decoded, accepted ? bytes : QByteArray("untouched"));
    expectSameAsQt(text);
}

// Each of the 256 byte values in each position of texts of every length up to 9: what
// OpenSSL trims (white space at either end), takes as padding ('=' anywhere) or reads
// as another alphabet ('+', '/') must be refused as Qt refuses it.
void TestBase64UrlDecoder::everyByteAtEveryPositionAgreesWithQt()
{
    const QByteArray base("eyJhbGciOi");
    for (int length = 1; length <= 9; ++length) {
        for (int position = 0; position < length; ++position) {
            for (int byte = 0; byte < 256; ++byte) {
                QByteArray text = base.left(length);
                text[position] = char(byte);
                expectSameAsQt(text);
                if (QTest::currentTestFailed())
                    return;
            }
        }
    }
}

// Random texts over the URL alphabet, a few bytes outside it and lengths around
// multiples of 4, seeded so that a failure replays.
void TestBase64UrlDecoder::randomTextAgreesWithQt()
{
    static const char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=+/ \n\xff";
    QRandomGenerator random(20261125);
    for (int round = 0; round < 20000; ++round) {
        const int length = int(random.bounded(64));
        const bool clean = random.bounded(2) == 0; // URL alphabet only: mostly accepted
        const int letters = clean ? 64 : int(sizeof(alphabet) - 1);
        QByteArray text(length, Qt::Uninitialized);
        for (char &c : text)
            c = alphabet[random.bounded(letters)];
        expectSameAsQt(text);
        if (QTest::currentTestFailed())
            return;
    }
}

// Texts longer than the decoder's 4,096-character chunk, ending in each of the three
// accepted lengths, with a refused byte in the first chunk, on the boundary and in the last.
void TestBase64UrlDecoder::longTextAcrossChunks()
{
    QRandomGenerator random(7);
    for (const qsizetype bytes : {3072, 3073, 3074, 6000, 100000}) {
        QByteArray data(bytes, Qt::Uninitialized);
        for (char &c : data)
            c = char(random.bounded(256));
        const QByteArray text =
            data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
        QByteArray decoded;
        QVERIFY(decodeBase64Url(text, &decoded));
        QCOMPARE(decoded, data);
        for (const qsizetype at :
             {qsizetype(0), qsizetype(4095), qsizetype(4096), text.size() - 1}) {
            if (at >= text.size())
                continue;
            QByteArray broken = text;
            broken[at] = '=';
            QVERIFY2(!decodeBase64Url(broken, &decoded), qPrintable(QString::number(at)));
            expectSameAsQt(broken);
        }
    }
}

void TestBase64UrlDecoder::refusalLeavesOutputUntouched()
{
    QByteArray decoded("kept");
    QVERIFY(!decodeBase64Url(QByteArray(5000, 'A') + '*', &decoded));
    QCOMPARE(decoded, QByteArray("kept"));
}

QTEST_GUILESS_MAIN(TestBase64UrlDecoder)
#include "tst_base64urldecoder.moc"
