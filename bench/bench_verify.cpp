// Target 2 of the performance issue: verifying and decoding one Wix token costs
// at most 1.2x OpenSSL's raw RS256 verify of the same token.
// Prints one line: name, figure, target, PASS/FAIL (scripts/bench collects them).
#include "base64url.h"
#include "threadcpuclock.h"

#include "jwt/jwtsigner.h"
#include "jwt/rs256check.h"
#include "wix/tokeninspection.h"

#include <openssl/evp.h>

#include <QFile>
#include <QJsonDocument>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace {
QJsonObject wixClaims(const QString &example)
{
    QFile file(QStringLiteral(HOOKSCOPE_WIX_EXAMPLES "/") + example);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing %s", qPrintable(example));
    QJsonObject envelope = QJsonDocument::fromJson(file.readAll()).object();
    for (const char *field : {"data", "identity"}) {
        const QString key = QLatin1String(field);
        if (envelope.value(key).isObject())
            envelope.insert(
                key,
                QString::fromUtf8(
                    QJsonDocument(envelope.value(key).toObject()).toJson(QJsonDocument::Compact)));
    }
    return {{QStringLiteral("data"),
             QString::fromUtf8(QJsonDocument(envelope).toJson(QJsonDocument::Compact))},
            {QStringLiteral("iat"), QDateTime::currentSecsSinceEpoch()}};
}

// Per second of this thread's CPU time: other processes on the machine do not count.
template <typename F> double perSecond(int iterations, F &&body)
{
    const double start = threadCpuNanoseconds();
    for (int i = 0; i < iterations; ++i)
        body();
    return iterations * 1e9 / (threadCpuNanoseconds() - start);
}
} // namespace

int main(int argc, char **argv)
{
    const int iterations = argc > 1 ? atoi(argv[1]) : 20000;
    const RsaPrivateKey key = RsaPrivateKey::generate(2048);
    const QByteArray token = JwtSigner(key).sign(wixClaims(QStringLiteral("contact_created.json")));
    Keyring keyring;
    keyring.add({QStringLiteral("app"), QString(), key.publicKey(), KeyFormat::SpkiPem, {}});
    const JwtVerifier verifier(keyring);

    const qsizetype lastDot = token.lastIndexOf('.');
    const QByteArray signingInput = token.left(lastDot);
    const QByteArray signature = QByteArray::fromBase64(
        token.mid(lastDot + 1), QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    const PublicKey publicKey = key.publicKey();
    EVP_PKEY *pkey = publicKey.evp();
    EVP_MD *sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);

    int failures = 0;
    const auto raw = [&] {
        EVP_MD_CTX *ctx = EVP_MD_CTX_new();
        EVP_DigestVerifyInit(ctx, nullptr, sha256, nullptr, pkey);
        if (EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char *>(signature.constData()),
                             size_t(signature.size()),
                             reinterpret_cast<const unsigned char *>(signingInput.constData()),
                             size_t(signingInput.size())) != 1)
            ++failures;
        EVP_MD_CTX_free(ctx);
    };
    // Hookscope's own RS256 check (its key's context prepared once), for the record.
    const auto prepared = [&] {
        if (!publicKey.rs256()->verifies(signingInput, signature))
            ++failures;
    };
    // The part of the cost that is base64url decoding of the three segments, and what Qt's
    // decoder would cost instead.
    const QList<QByteArray> segments = token.split('.');
    const auto base64 = [&] { failures += undecodableSegments(segments); };
    const auto qtBase64 = [&] { failures += undecodableSegments(segments, decodeBase64UrlWithQt); };
    const auto full = [&] {
        const TokenInspection inspection = inspectToken(token, verifier);
        if (!inspection.verdict.valid || inspection.decoding.event.eventId.isEmpty())
            ++failures;
    };
    // The ratio: short blocks of each, back to back, their order alternating, many times; the
    // median of the blocks' ratios. The machine's speed drifts over seconds (the raw verify
    // has taken from 26 to 35 us within a minute here), which rounds of whole seconds each
    // turned into a ratio from 1.08x to 1.26x between runs of the same build; a pair of
    // blocks 20 ms apart sees the same machine.
    constexpr int kBlock = 200;
    perSecond(iterations / 10, raw);
    perSecond(iterations / 10, full);
    const int pairs = std::max(1, 3 * iterations / kBlock);
    std::vector<double> ratios;
    ratios.reserve(size_t(pairs));
    double rawRate = 0;
    double fullRate = 0;
    for (int pair = 0; pair < pairs; ++pair) {
        double rawBlock = 0;
        double fullBlock = 0;
        if (pair % 2 == 0) {
            rawBlock = perSecond(kBlock, raw);
            fullBlock = perSecond(kBlock, full);
        } else {
            fullBlock = perSecond(kBlock, full);
            rawBlock = perSecond(kBlock, raw);
        }
        ratios.push_back(rawBlock / fullBlock);
        rawRate += rawBlock / pairs;
        fullRate += fullBlock / pairs;
    }
    std::sort(ratios.begin(), ratios.end());
    const auto quantile = [&](double q) { return ratios[size_t(q * double(ratios.size() - 1))]; };
    const double ratio = quantile(0.5);
    // For the record, in rounds as before: Hookscope's RS256 check alone and its decoding.
    const double preparedRate = perSecond(iterations, prepared);
    const double base64Rate = perSecond(iterations, base64);
    const double qtBase64Rate = perSecond(iterations, qtBase64);
    EVP_MD_free(sha256);
    const auto micros = [](double rate) { return 1e6 / rate; };
    std::printf("verify+decode cost / raw RS256 verify (EVP_DigestVerifyInit + EVP_DigestVerify), "
                "CPU time of one thread, median of %d pairs of %d-token blocks | %.3fx (pairs' "
                "p10 %.3fx, p90 %.3fx; raw %.1f us, Hookscope verify+decode %.1f us, of which "
                "its RS256 check %.1f us and its base64url decoding (OpenSSL's EVP_DecodeBlock) "
                "%.1f us, where Qt's decoder takes %.1f us; token %lld bytes) | <= 1.20x | %s\n",
                pairs, kBlock, ratio, quantile(0.1), quantile(0.9), micros(rawRate),
                micros(fullRate), micros(preparedRate), micros(base64Rate), micros(qtBase64Rate),
                static_cast<long long>(token.size()),
                ratio <= 1.2 && failures == 0 ? "PASS" : "FAIL");
    return failures == 0 ? 0 : 1;
}
