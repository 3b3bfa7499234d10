#include "jwt/publickeyloader.h"

#include "testkeys.h"

#include <QtTest>

class TestPublicKeyLoader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void formats_data();
    void formats();
    void errors_data();
    void errors();
    void smallKeyIsItsOwnError();
    void ecKeyIsNotRsa();
    void exportsBothForms();

private:
    TestKeyPair m_pair;
};

void TestPublicKeyLoader::initTestCase()
{
    m_pair = TestKeyPair::generate(2048);
    QVERIFY(!m_pair.spkiPem.isEmpty());
    QVERIFY(m_pair.certificatePem.startsWith("-----BEGIN CERTIFICATE-----"));
}

void TestPublicKeyLoader::formats_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("format");
    QTest::addColumn<bool>("acceptedByWixSdk");

    const auto f = [](KeyFormat format) { return static_cast<int>(format); };
    QTest::newRow("SPKI PEM") << m_pair.spkiPem << f(KeyFormat::SpkiPem) << true;
    QTest::newRow("SPKI PEM, CRLF") << m_pair.crlfPem() << f(KeyFormat::SpkiPem) << true;
    QTest::newRow("SPKI PEM, surrounding blanks")
        << ("\n\n  " + m_pair.spkiPem + "\n\n") << f(KeyFormat::SpkiPem) << true;
    QTest::newRow("PKCS#1 PEM") << m_pair.pkcs1Pem << f(KeyFormat::Pkcs1Pem) << false;
    QTest::newRow("certificate PEM")
        << m_pair.certificatePem << f(KeyFormat::CertificatePem) << false;
    QTest::newRow("PEM base64 on one line (Wix SDK form)")
        << m_pair.base64OfPem() << f(KeyFormat::Base64OfPem) << true;
    QTest::newRow("bare base64 body") << m_pair.bareBase64() << f(KeyFormat::BareBase64) << false;
    QTest::newRow("literal \\n escapes")
        << m_pair.escapedNewlines() << f(KeyFormat::SpkiPem) << false;
    QTest::newRow("literal \\n escapes, quoted as in .env")
        << ('"' + m_pair.escapedNewlines() + '"') << f(KeyFormat::SpkiPem) << false;
    QTest::newRow("PEM folded onto one line")
        << m_pair.oneLinePem() << f(KeyFormat::SpkiPem) << false;
    QTest::newRow("base64 of a PKCS#1 PEM")
        << m_pair.pkcs1Pem.toBase64() << f(KeyFormat::Base64OfPem) << false;
}

void TestPublicKeyLoader::formats()
{
    QFETCH(QByteArray, text);
    QFETCH(int, format);
    QFETCH(bool, acceptedByWixSdk);

    const PublicKeyLoadResult result = loadPublicKey(text);
    QVERIFY2(result.ok(), qPrintable(result.message));
    QCOMPARE(static_cast<int>(result.format), format);
    QCOMPARE(result.key.bits(), 2048);
    // Every form yields the same key.
    QCOMPARE(result.key.spkiDer(), m_pair.spkiDer);
    QCOMPARE(result.acceptedByWixSdk, acceptedByWixSdk);
    if (acceptedByWixSdk) {
        QVERIFY2(result.warnings.isEmpty(), qPrintable(result.warnings.join(QLatin1Char('\n'))));
    } else {
        QCOMPARE(result.warnings.size(), 1);
        QVERIFY2(result.warnings.first().contains(QStringLiteral("Wix's SDK would refuse")),
                 qPrintable(result.warnings.first()));
    }
}

void TestPublicKeyLoader::errors_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("mentions");

    QTest::newRow("empty") << QByteArray() << "empty";
    QTest::newRow("blank") << QByteArray("  \n ") << "empty";
    QTest::newRow("prose") << QByteArray("my key is on the dashboard") << "neither PEM";
    QTest::newRow("BEGIN without END") << m_pair.spkiPem.left(100) << "no matching END";
    QTest::newRow("corrupt body")
        << QByteArray("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n")
        << "valid DER";
    QTest::newRow("bad base64 in body")
        << QByteArray("-----BEGIN PUBLIC KEY-----\n!!!!\n-----END PUBLIC KEY-----\n")
        << "not valid base64";
    QTest::newRow("private key") << m_pair.privateKey.toPem() << "private key";
    QTest::newRow("other PEM label")
        << QByteArray("-----BEGIN DH PARAMETERS-----\nAAAA\n-----END DH PARAMETERS-----\n")
        << "holds no public key";
    QTest::newRow("base64 of garbage") << QByteArray("aGVsbG8gd29ybGQ=") << "neither a PEM";
}

void TestPublicKeyLoader::errors()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, mentions);
    const PublicKeyLoadResult result = loadPublicKey(text);
    QVERIFY(!result.ok());
    QCOMPARE(result.error, VerdictReason::KeyUnreadable);
    QVERIFY2(result.message.contains(mentions), qPrintable(result.message));
}

void TestPublicKeyLoader::smallKeyIsItsOwnError()
{
    const TestKeyPair small = TestKeyPair::generate(1024);
    const PublicKeyLoadResult result = loadPublicKey(small.spkiPem);
    QVERIFY(!result.ok());
    QCOMPARE(result.error, VerdictReason::KeyTooSmall);
    QVERIFY2(result.message.contains(QStringLiteral("1024 bits")), qPrintable(result.message));
}

void TestPublicKeyLoader::ecKeyIsNotRsa()
{
    const PublicKeyLoadResult result = loadPublicKey(ecPublicKeyPem());
    QVERIFY(!result.ok());
    QCOMPARE(result.error, VerdictReason::KeyNotRsa);
    QVERIFY2(result.message.contains(QStringLiteral("EC")), qPrintable(result.message));
}

void TestPublicKeyLoader::exportsBothForms()
{
    const PublicKeyLoadResult result = loadPublicKey(m_pair.pkcs1Pem);
    QVERIFY(result.ok());
    QCOMPARE(result.key.spkiPem(), m_pair.spkiPem);
    // The one-line form loads back as the SDK form.
    const PublicKeyLoadResult oneLine = loadPublicKey(result.key.oneLineBase64Pem());
    QCOMPARE(oneLine.format, KeyFormat::Base64OfPem);
    QVERIFY(oneLine.acceptedByWixSdk);
    QCOMPARE(result.key.sha256Fingerprint().size(), 32 * 3 - 1);
}

QTEST_GUILESS_MAIN(TestPublicKeyLoader)
#include "tst_publickeyloader.moc"
