#include "jwt/jwtsigner.h"
#include "jwt/jwtverifier.h"
#include "wix/tokeninspection.h"

#include "testkeys.h"
#include "tokenfactory.h"

#include <QtTest>

#include <functional>

using namespace TokenFactory;

class TestJwtVerifier : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void validWithEveryKeyForm_data();
    void validWithEveryKeyForm();
    void rejections_data();
    void rejections();
    void timeClaims_data();
    void timeClaims();
    void ignoreExpiryStillSaysExpired();
    void iatInTheFutureIsAWarning();
    void namesTheMatchingKey();
    void kidPicksTheKey();
    void keyUrlsAreNeverFetched();
    void noKeyIsUnverified();
    void verdictJson();
    void safeAcrossThreads();
    void signerMatchesOpenSslOnEveryThread();

private:
    // Runs `check` on four threads at once; the sum of what they return (their wrong results).
    static int timesWrongOnFourThreads(const std::function<int()> &check);
    Verdict verifyWith(const QByteArray &token, const QByteArray &keyText,
                       VerifyOptions options = {}) const;
    QJsonObject claims(qint64 iat) const { return wixClaims(m_envelope, iat); }

    TestKeyPair m_pair;
    TestKeyPair m_other;
    QJsonObject m_envelope;
    qint64 m_now = 1700000000;
};

void TestJwtVerifier::initTestCase()
{
    m_pair = TestKeyPair::generate();
    m_other = TestKeyPair::generate();
    m_envelope = loadExample(QStringLiteral("contact_created.json"));
}

int TestJwtVerifier::timesWrongOnFourThreads(const std::function<int()> &check)
{
    QAtomicInt wrong = 0;
    QVector<QThread *> threads;
    for (int t = 0; t < 4; ++t) {
        threads << QThread::create([&] { wrong.fetchAndAddRelaxed(check()); });
        threads.last()->start();
    }
    for (QThread *thread : threads) {
        thread->wait();
        delete thread;
    }
    return wrong.loadRelaxed();
}

Verdict TestJwtVerifier::verifyWith(const QByteArray &token, const QByteArray &keyText,
                                    VerifyOptions options) const
{
    Keyring keyring;
    const PublicKeyLoadResult loaded = keyring.addFromText(QStringLiteral("app"), keyText);
    if (!loaded.ok())
        qFatal("key: %s", qPrintable(loaded.message));
    if (!options.nowEpochSeconds)
        options.nowEpochSeconds = m_now;
    return JwtVerifier(keyring, options).verify(token);
}

void TestJwtVerifier::validWithEveryKeyForm_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::newRow("SPKI PEM") << m_pair.spkiPem;
    QTest::newRow("PKCS#1 PEM") << m_pair.pkcs1Pem;
    QTest::newRow("certificate") << m_pair.certificatePem;
    QTest::newRow("PEM base64 on one line") << m_pair.base64OfPem();
    QTest::newRow("bare base64") << m_pair.bareBase64();
    QTest::newRow("literal \\n") << m_pair.escapedNewlines();
    QTest::newRow("CRLF") << m_pair.crlfPem();
    QTest::newRow("folded PEM") << m_pair.oneLinePem();
}

void TestJwtVerifier::validWithEveryKeyForm()
{
    QFETCH(QByteArray, key);
    const QByteArray token = signRs256(claims(m_now - 5), m_pair.privateKey);
    const Verdict verdict = verifyWith(token + "\n", key);
    QVERIFY2(verdict.valid, qPrintable(verdict.message));
    QCOMPARE(verdict.reason, VerdictReason::Valid);
    QCOMPARE(verdict.status(), SignatureStatus::Valid);
    QCOMPARE(verdict.keyName, QStringLiteral("app"));
    QCOMPARE(verdict.issuedAt, std::optional<qint64>(m_now - 5));
    const CompactJws jws = parseCompactJws(token).jws;
    QCOMPARE(jws.claims.dataKind, JwtClaimFields::DataKind::String);
    QVERIFY(jws.payload().value(QStringLiteral("data")).isString());
}

void TestJwtVerifier::rejections_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<QString>("reason");

    const QJsonObject c = claims(m_now);
    const RsaPrivateKey &key = m_pair.privateKey;
    const QByteArray good = signRs256(c, key);
    const auto header = [](const char *alg) {
        return QJsonObject{{QStringLiteral("alg"), QString::fromLatin1(alg)}};
    };

    QTest::newRow("alg none, empty signature") << sign(header("none"), c, key) << "alg_none";
    QTest::newRow("alg None, good signature kept")
        << replaceSegment(good, 0, encode(R"({"alg":"None"})")) << "alg_none";
    QTest::newRow("HS256 with the public key as secret")
        << sign(header("HS256"), c, key, m_pair.spkiPem) << "alg_not_rs256";
    QTest::newRow("RS512 by the right key") << sign(header("RS512"), c, key) << "alg_not_rs256";
    QTest::newRow("RS384 by the right key") << sign(header("RS384"), c, key) << "alg_not_rs256";
    QTest::newRow("PS256 by the right key") << sign(header("PS256"), c, key) << "alg_not_rs256";
    QTest::newRow("lower-case rs256") << sign(header("rs256"), c, key) << "alg_not_rs256";
    QTest::newRow("crit header")
        << sign(QJsonObject{{QStringLiteral("alg"), QStringLiteral("RS256")},
                            {QStringLiteral("crit"), QJsonArray{QStringLiteral("b64")}}},
                c, key)
        << "crit_unsupported";
    QTest::newRow("signed by another key")
        << signRs256(c, m_other.privateKey) << "signature_wrong_key";
    QTest::newRow("tampered payload")
        << replaceSegment(good, 1,
                          encode(QJsonDocument(claims(m_now + 1)).toJson(QJsonDocument::Compact)))
        << "signature_tampered";
    QTest::newRow("tampered header")
        << replaceSegment(good, 0, encode(R"({"alg":"RS256","kid":"x"})")) << "signature_tampered";
    QTest::newRow("signature from another token")
        << replaceSegment(good, 2, segment(signRs256(claims(m_now - 100), key), 2))
        << "signature_tampered";
    QTest::newRow("truncated signature") << good.chopped(10) << "signature_wrong_length";
    QTest::newRow("empty signature") << replaceSegment(good, 2, QByteArray()) << "signature_empty";
    QTest::newRow("random bytes of the right length")
        << replaceSegment(good, 2, encode(QByteArray(256, 'x'))) << "signature_wrong_key";
    QTest::newRow("signature outside base64url")
        << replaceSegment(good, 2, "sig!") << "bad_base64url_signature";
    QTest::newRow("not a token") << QByteArray("hello") << "not_three_segments";
}

void TestJwtVerifier::rejections()
{
    QFETCH(QByteArray, token);
    QFETCH(QString, reason);
    const Verdict verdict = verifyWith(token, m_pair.spkiPem);
    QVERIFY(!verdict.valid);
    QCOMPARE(reasonCode(verdict.reason), reason);
    QVERIFY(verdict.status() == SignatureStatus::Invalid ||
            verdict.status() == SignatureStatus::Malformed);
    QVERIFY(!verdict.message.isEmpty());
}

void TestJwtVerifier::timeClaims_data()
{
    QTest::addColumn<QJsonValue>("exp");
    QTest::addColumn<QJsonValue>("nbf");
    QTest::addColumn<int>("skew");
    QTest::addColumn<QString>("reason");

    const QJsonValue none;
    const auto at = [this](qint64 offset) { return QJsonValue(double(m_now + offset)); };
    QTest::newRow("no exp, no nbf") << none << none << 60 << "valid";
    QTest::newRow("exp in the future") << at(600) << none << 60 << "valid";
    QTest::newRow("expired beyond skew") << at(-61) << none << 60 << "expired";
    QTest::newRow("expired within skew") << at(-59) << none << 60 << "valid";
    QTest::newRow("expired, no skew") << at(-1) << none << 0 << "expired";
    QTest::newRow("nbf beyond skew") << none << at(61) << 60 << "not_yet_valid";
    QTest::newRow("nbf within skew") << none << at(59) << 60 << "valid";
    QTest::newRow("nbf passed") << none << at(-10) << 60 << "valid";
    QTest::newRow("fractional exp") << QJsonValue(m_now + 600.5) << none << 60 << "valid";
    QTest::newRow("exp is a string")
        << QJsonValue(QStringLiteral("tomorrow")) << none << 60 << "exp_not_numeric";
    QTest::newRow("nbf is a bool") << none << QJsonValue(true) << 60 << "nbf_not_numeric";
}

void TestJwtVerifier::timeClaims()
{
    QFETCH(QJsonValue, exp);
    QFETCH(QJsonValue, nbf);
    QFETCH(int, skew);
    QFETCH(QString, reason);

    QJsonObject c = claims(m_now - 1);
    if (!exp.isNull())
        c.insert(QStringLiteral("exp"), exp);
    if (!nbf.isNull())
        c.insert(QStringLiteral("nbf"), nbf);
    VerifyOptions options;
    options.skewSeconds = skew;
    const Verdict verdict = verifyWith(signRs256(c, m_pair.privateKey), m_pair.spkiPem, options);
    QCOMPARE(reasonCode(verdict.reason), reason);
    if (reason == QLatin1String("expired")) {
        QVERIFY2(verdict.message.contains(QStringLiteral("UTC")), qPrintable(verdict.message));
        QCOMPARE(verdict.expiresAt, std::optional<qint64>(qint64(exp.toDouble())));
    }
}

void TestJwtVerifier::ignoreExpiryStillSaysExpired()
{
    QJsonObject c = claims(m_now - 7200);
    c.insert(QStringLiteral("exp"), double(m_now - 3600));
    VerifyOptions options;
    options.ignoreExpiry = true;
    const Verdict verdict = verifyWith(signRs256(c, m_pair.privateKey), m_pair.spkiPem, options);
    QVERIFY(verdict.valid);
    QCOMPARE(verdict.warnings.size(), 1);
    QVERIFY2(verdict.warnings.first().contains(QStringLiteral("xpired")),
             qPrintable(verdict.warnings.first()));
}

void TestJwtVerifier::iatInTheFutureIsAWarning()
{
    const Verdict verdict =
        verifyWith(signRs256(claims(m_now + 3600), m_pair.privateKey), m_pair.spkiPem);
    QVERIFY(verdict.valid);
    QCOMPARE(verdict.warnings.size(), 1);
    QVERIFY2(verdict.warnings.first().contains(QStringLiteral("future")),
             qPrintable(verdict.warnings.first()));
}

void TestJwtVerifier::namesTheMatchingKey()
{
    Keyring keyring;
    QVERIFY(keyring.addFromText(QStringLiteral("shop-app"), m_other.spkiPem).ok());
    QVERIFY(keyring.addFromText(QStringLiteral("crm-app"), m_pair.spkiPem).ok());
    VerifyOptions options;
    options.nowEpochSeconds = m_now;
    const JwtVerifier verifier(keyring, options);
    const Verdict verdict = verifier.verify(signRs256(claims(m_now), m_pair.privateKey));
    QVERIFY(verdict.valid);
    QCOMPARE(verdict.keyName, QStringLiteral("crm-app"));
    QVERIFY(verdict.message.contains(QStringLiteral("crm-app")));

    const Verdict tampered = verifier.verify(replaceSegment(
        signRs256(claims(m_now), m_pair.privateKey), 0, encode(R"({"alg":"RS256"} )")));
    QCOMPARE(tampered.reason, VerdictReason::SignatureTampered);
    QCOMPARE(tampered.keyName, QStringLiteral("crm-app"));

    const Verdict stranger =
        verifier.verify(signRs256(claims(m_now), TestKeyPair::generate().privateKey));
    QCOMPARE(stranger.reason, VerdictReason::SignatureWrongKey);
    QVERIFY(stranger.message.contains(QStringLiteral("shop-app")));
    QVERIFY(stranger.message.contains(QStringLiteral("crm-app")));
}

void TestJwtVerifier::kidPicksTheKey()
{
    Keyring keyring;
    QVERIFY(keyring.addFromText(QStringLiteral("shop-app"), m_other.spkiPem, QStringLiteral("k1"))
                .ok());
    QVERIFY(
        keyring.addFromText(QStringLiteral("crm-app"), m_pair.spkiPem, QStringLiteral("k2")).ok());
    VerifyOptions options;
    options.nowEpochSeconds = m_now;
    const JwtVerifier verifier(keyring, options);
    const auto withKid = [](const char *kid) {
        return QJsonObject{{QStringLiteral("alg"), QStringLiteral("RS256")},
                           {QStringLiteral("kid"), QString::fromLatin1(kid)}};
    };
    const Verdict picked = verifier.verify(sign(withKid("k2"), claims(m_now), m_pair.privateKey));
    QVERIFY(picked.valid);
    QCOMPARE(picked.keyName, QStringLiteral("crm-app"));
    // A kid naming the other app's key is checked against that key only.
    const Verdict wrong = verifier.verify(sign(withKid("k1"), claims(m_now), m_pair.privateKey));
    QCOMPARE(wrong.reason, VerdictReason::SignatureWrongKey);
    QVERIFY2(wrong.message.contains(QStringLiteral("kid")), qPrintable(wrong.message));
    // An unknown kid falls back to every key.
    const Verdict unknown =
        verifier.verify(sign(withKid("nope"), claims(m_now), m_pair.privateKey));
    QVERIFY(unknown.valid);
}

void TestJwtVerifier::keyUrlsAreNeverFetched()
{
    // Unroutable on purpose: a fetch would hang or fail the test's timing, and the
    // verdict depends only on the keyring.
    const QJsonObject header{{QStringLiteral("alg"), QStringLiteral("RS256")},
                             {QStringLiteral("jku"), QStringLiteral("http://192.0.2.1/keys")},
                             {QStringLiteral("x5u"), QStringLiteral("http://192.0.2.1/cert")}};
    const Verdict attacker =
        verifyWith(sign(header, claims(m_now), m_other.privateKey), m_pair.spkiPem);
    QCOMPARE(attacker.reason, VerdictReason::SignatureWrongKey);
    QCOMPARE(attacker.warnings.size(), 2);
    const Verdict own = verifyWith(sign(header, claims(m_now), m_pair.privateKey), m_pair.spkiPem);
    QVERIFY(own.valid);
}

void TestJwtVerifier::noKeyIsUnverified()
{
    const Verdict verdict = JwtVerifier().verify(signRs256(claims(m_now), m_pair.privateKey));
    QVERIFY(!verdict.valid);
    QCOMPARE(verdict.reason, VerdictReason::NoKey);
    QCOMPARE(verdict.status(), SignatureStatus::Unverified);
}

void TestJwtVerifier::verdictJson()
{
    // The `verify --json` object: the verdict with the token's header and claims.
    Keyring keyring;
    QVERIFY(keyring.addFromText(QStringLiteral("app"), m_pair.spkiPem).ok());
    const QJsonObject json =
        inspectToken(signRs256(claims(m_now), m_pair.privateKey), JwtVerifier(keyring))
            .toVerdictJson();
    QCOMPARE(json.value(QStringLiteral("valid")).toBool(), true);
    QCOMPARE(json.value(QStringLiteral("reason")).toString(), QStringLiteral("valid"));
    QCOMPARE(json.value(QStringLiteral("key")).toString(), QStringLiteral("app"));
    QVERIFY(json.value(QStringLiteral("warnings")).isArray());
    QCOMPARE(
        json.value(QStringLiteral("header")).toObject().value(QStringLiteral("alg")).toString(),
        QStringLiteral("RS256"));
    QCOMPARE(
        json.value(QStringLiteral("claims")).toObject().value(QStringLiteral("iat")).toInteger(),
        m_now);
}

void TestJwtVerifier::safeAcrossThreads()
{
    Keyring keyring;
    QVERIFY(keyring.addFromText(QStringLiteral("app"), m_pair.spkiPem).ok());
    VerifyOptions options;
    options.nowEpochSeconds = m_now;
    const JwtVerifier verifier(keyring, options);
    const QByteArray good = signRs256(claims(m_now), m_pair.privateKey);
    const QByteArray bad = signRs256(claims(m_now), m_other.privateKey);
    const int wrong = timesWrongOnFourThreads([&] {
        int count = 0;
        for (int i = 0; i < 200; ++i)
            count += !verifier.verify(good).valid || verifier.verify(bad).valid ? 1 : 0;
        return count;
    });
    QCOMPARE(wrong, 0);
}

// Hookscope's signer (its signing context prepared once, duplicated per token) makes the
// very token OpenSSL's EVP_DigestSign makes from the key's PEM (RS256 is deterministic), also
// on four threads signing with one key at once.
void TestJwtVerifier::signerMatchesOpenSslOnEveryThread()
{
    const JwtSigner signer(m_pair.privateKey);
    QVector<QByteArray> expected;
    for (int i = 0; i < 8; ++i)
        expected << signRs256(claims(m_now + i), m_pair.privateKey);
    QCOMPARE(signer.sign(claims(m_now)), expected.first());
    QCOMPARE(JwtSigner(m_other.privateKey).sign(claims(m_now)),
             signRs256(claims(m_now), m_other.privateKey));
    const int wrong = timesWrongOnFourThreads([&] {
        int count = 0;
        for (int round = 0; round < 10; ++round) {
            for (int i = 0; i < expected.size(); ++i)
                count += signer.sign(claims(m_now + i)) != expected.at(i) ? 1 : 0;
        }
        return count;
    });
    QCOMPARE(wrong, 0);
}

QTEST_GUILESS_MAIN(TestJwtVerifier)
#include "tst_jwtverifier.moc"
