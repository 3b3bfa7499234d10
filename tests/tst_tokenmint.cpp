#include "jwt/compactjws.h"
#include "jwt/jwtverifier.h"
#include "jwt/keyring.h"
#include "jwt/rsaprivatekey.h"
#include "send/tokenmint.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QtTest>

// The sender's background signing: real RSA keys, real signatures, the thread pool.
class TestTokenMint : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void signsEveryClaimInItsSlot();
    void firstTokensAreReadyLongBeforeTheLast();
    void destroyedWhileSigningStopsSoon();

private:
    static QVector<EnvelopeToSign> envelopes(int count);

    RsaPrivateKey m_key;
    JwtVerifier m_verifier;
};

void TestTokenMint::initTestCase()
{
    m_key = RsaPrivateKey::generate(2048);
    QVERIFY(!m_key.isNull());
    Keyring keyring;
    keyring.add({QStringLiteral("mint"), QString(), m_key.publicKey(), KeyFormat::SpkiPem, {}});
    m_verifier = JwtVerifier(keyring);
}

// Every envelope shares its "data" and "identity" objects with the others, as the envelopes
// made from one template do: the signing threads read them at once.
QVector<EnvelopeToSign> TestTokenMint::envelopes(int count)
{
    const QJsonObject data{{QStringLiteral("entityId"), QStringLiteral("e-1")}};
    const QJsonObject identity{{QStringLiteral("identityType"), QStringLiteral("APP")}};
    QVector<EnvelopeToSign> list;
    for (int i = 0; i < count; ++i) {
        const QJsonObject envelope{{QStringLiteral("n"), i},
                                   {QStringLiteral("data"), data},
                                   {QStringLiteral("identity"), identity}};
        list.append({envelope, 1700000000 + i, std::nullopt, {}, {}});
    }
    return list;
}

void TestTokenMint::signsEveryClaimInItsSlot()
{
    const int count = TokenMint::kChunk * 3 + 5; // a last chunk that is not full
    TokenMint mint(JwtSigner(m_key), envelopes(count));
    QCOMPARE(mint.count(), count);
    QVERIFY(!mint.isSigned(0));
    QVERIFY(mint.token(0).isEmpty());
    mint.start();
    // Chunks finish in any order (the last may before the one before it): wait for all.
    const auto allSigned = [&] {
        for (int i = 0; i < count; ++i) {
            if (!mint.isSigned(i))
                return false;
        }
        return true;
    };
    QTRY_VERIFY_WITH_TIMEOUT(allSigned(), 30000);
    for (int i = 0; i < count; ++i) {
        const QByteArray token = mint.token(i);
        QVERIFY2(m_verifier.verify(token).valid, qPrintable(QString::number(i)));
        // Wix's claims, made from the envelope on the signing thread.
        const QJsonObject claims = parseCompactJws(token).jws.payload();
        QCOMPARE(claims.value(QStringLiteral("iat")).toInteger(), 1700000000 + i);
        const QJsonObject envelope =
            QJsonDocument::fromJson(claims.value(QStringLiteral("data")).toString().toUtf8())
                .object();
        QCOMPARE(envelope.value(QStringLiteral("n")).toInt(), i);
        // Its objects stringified, as Wix sends them.
        QCOMPARE(envelope.value(QStringLiteral("data")).toString(),
                 QStringLiteral(R"({"entityId":"e-1"})"));
        QCOMPARE(envelope.value(QStringLiteral("identity")).toString(),
                 QStringLiteral(R"({"identityType":"APP"})"));
    }
    QVERIFY(!mint.isSigned(count));
    QVERIFY(!mint.isSigned(-1));
    // Released: that token alone is gone (a run frees each once its sends have taken it).
    const QByteArray second = mint.token(1);
    mint.release(0);
    QVERIFY(mint.token(0).isEmpty());
    QCOMPARE(mint.token(1), second);
    mint.release(count); // out of range: nothing
    QCOMPARE(mint.token(count - 1).isEmpty(), false);
}

void TestTokenMint::firstTokensAreReadyLongBeforeTheLast()
{
    // About a second of signing on two cores: the first chunk is announced long before.
    const int count = 3000;
    TokenMint mint(JwtSigner(m_key), envelopes(count));
    QSignalSpy more(&mint, &TokenMint::signedMore);
    mint.start();
    QVERIFY(more.wait(30000));
    // A chunk is announced once all of it is signed (any chunk: the pool's threads race).
    int signedNow = 0;
    for (int i = 0; i < count; ++i)
        signedNow += mint.isSigned(i) ? 1 : 0;
    QVERIFY2(signedNow >= TokenMint::kChunk, qPrintable(QString::number(signedNow)));
    QVERIFY2(signedNow < count, "every token was signed before the first chunk was announced");
    QTRY_VERIFY_WITH_TIMEOUT(mint.isSigned(count - 1), 60000);
    QTRY_COMPARE(more.count(), (count + TokenMint::kChunk - 1) / TokenMint::kChunk);
}

void TestTokenMint::destroyedWhileSigningStopsSoon()
{
    const int count = 20000; // about 7 s of signing on two cores
    QElapsedTimer timer;
    timer.start();
    {
        TokenMint mint(JwtSigner(m_key), envelopes(count));
        QSignalSpy more(&mint, &TokenMint::signedMore);
        mint.start();
        QVERIFY(more.wait(30000));
    }
    // The chunks not started are dropped and the ones running stop after their token.
    QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
}

QTEST_GUILESS_MAIN(TestTokenMint)
#include "tst_tokenmint.moc"
