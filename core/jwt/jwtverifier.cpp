#include "jwt/jwtverifier.h"

#include "jwt/opensslhandles.h"

#include <openssl/rsa.h>

#include <QDateTime>
#include <QJsonValue>

#include <cmath>

namespace {
constexpr int kSha256Bytes = 32;

// Fetched once: an implicit fetch by name on every verify is measurably slower.
const EVP_MD *sha256()
{
    static EVP_MD *md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    return md;
}

Verdict rejected(Verdict verdict, VerdictReason reason, const QString &detail = QString())
{
    verdict.valid = false;
    verdict.reason = reason;
    verdict.message = detail.isEmpty() ? reasonSentence(reason)
                                       : reasonSentence(reason) + QLatin1Char(' ') + detail;
    return verdict;
}

bool verifiesWith(const PublicKey &key, const QByteArray &signingInput, const QByteArray &signature)
{
    OpenSslErrorGuard guard;
    EvpMdCtxPtr ctx(EVP_MD_CTX_new());
    if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, sha256(), nullptr, key.evp()) != 1)
        return false;
    return EVP_DigestVerify(ctx.get(),
                            reinterpret_cast<const unsigned char *>(signature.constData()),
                            static_cast<size_t>(signature.size()),
                            reinterpret_cast<const unsigned char *>(signingInput.constData()),
                            static_cast<size_t>(signingInput.size())) == 1;
}

// For PKCS#1 v1.5 the public key recovers the digest a signature was made over.
// A well-formed SHA-256 digest means the key did sign, but other bytes: tampering.
bool signedByKeyOverOtherContent(const PublicKey &key, const QByteArray &signature)
{
    OpenSslErrorGuard guard;
    EvpPkeyCtxPtr ctx(EVP_PKEY_CTX_new(key.evp(), nullptr));
    if (!ctx || EVP_PKEY_verify_recover_init(ctx.get()) != 1 ||
        EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_PADDING) != 1 ||
        EVP_PKEY_CTX_set_signature_md(ctx.get(), sha256()) != 1) {
        return false;
    }
    unsigned char digest[EVP_MAX_MD_SIZE];
    size_t digestSize = sizeof digest;
    const int ok =
        EVP_PKEY_verify_recover(ctx.get(), digest, &digestSize,
                                reinterpret_cast<const unsigned char *>(signature.constData()),
                                static_cast<size_t>(signature.size()));
    return ok == 1 && digestSize == kSha256Bytes;
}

QString formatTime(qint64 epochSeconds)
{
    return QDateTime::fromSecsSinceEpoch(epochSeconds, Qt::UTC)
        .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
}

QString formatDuration(qint64 seconds)
{
    seconds = std::llabs(seconds);
    if (seconds < 120)
        return QStringLiteral("%1 s").arg(seconds);
    if (seconds < 7200)
        return QStringLiteral("%1 min").arg(seconds / 60);
    if (seconds < 172800)
        return QStringLiteral("%1 h").arg(seconds / 3600);
    return QStringLiteral("%1 days").arg(seconds / 86400);
}

enum class TimeClaim { Absent, Number, NotNumber };

// NumericDate (RFC 7519 §2): a JSON number of seconds, possibly fractional.
TimeClaim readTimeClaim(const QJsonObject &claims, QLatin1String name, std::optional<qint64> *out)
{
    const auto it = claims.constFind(name);
    if (it == claims.constEnd())
        return TimeClaim::Absent;
    if (!it->isDouble() || !std::isfinite(it->toDouble()) || std::fabs(it->toDouble()) > 1e15)
        return TimeClaim::NotNumber;
    *out = static_cast<qint64>(std::floor(it->toDouble()));
    return TimeClaim::Number;
}
} // namespace

JwtVerifier::JwtVerifier(Keyring keyring, VerifyOptions options)
    : m_keyring(std::move(keyring))
    , m_options(options)
{}

Verdict JwtVerifier::verify(const QByteArray &token) const
{
    return verify(parseCompactJws(token));
}

Verdict JwtVerifier::verify(const JwsParseResult &parsed) const
{
    Verdict verdict;
    verdict.header = parsed.jws.header;
    verdict.claims = parsed.jws.payload;
    readTimeClaim(verdict.claims, QLatin1String("iat"), &verdict.issuedAt);
    readTimeClaim(verdict.claims, QLatin1String("exp"), &verdict.expiresAt);
    readTimeClaim(verdict.claims, QLatin1String("nbf"), &verdict.notBefore);
    if (!parsed.ok()) {
        verdict.reason = parsed.reason;
        verdict.message = parsed.message;
        return verdict;
    }

    const CompactJws &jws = parsed.jws;
    for (const char *urlHeader : {"jku", "x5u"}) {
        if (jws.header.contains(QLatin1String(urlHeader)))
            verdict.warnings << QStringLiteral("The header names a key URL (\"%1\"); Hookscope "
                                               "never fetches keys from it.")
                                    .arg(QLatin1String(urlHeader));
    }
    if (jws.alg.compare(QLatin1String("none"), Qt::CaseInsensitive) == 0)
        return rejected(verdict, VerdictReason::AlgNone);
    if (jws.alg != QLatin1String("RS256")) {
        QString detail = QStringLiteral("It says \"%1\".").arg(jws.alg);
        if (jws.alg.startsWith(QLatin1String("HS"), Qt::CaseInsensitive))
            detail += QStringLiteral(" An HMAC token checked with the public key as its secret "
                                     "is the classic algorithm-confusion attack.");
        else if (jws.alg.compare(QLatin1String("RS256"), Qt::CaseInsensitive) == 0)
            detail += QStringLiteral(" Algorithm names are case-sensitive: it must be \"RS256\".");
        return rejected(verdict, VerdictReason::AlgNotRs256, detail);
    }
    if (jws.header.contains(QLatin1String("crit")))
        return rejected(verdict, VerdictReason::CritUnsupported);

    verdict = checkSignature(jws, verdict);
    if (verdict.reason != VerdictReason::Valid)
        return verdict;
    return checkTimes(verdict);
}

Verdict JwtVerifier::checkSignature(const CompactJws &jws, Verdict verdict) const
{
    if (m_keyring.isEmpty())
        return rejected(verdict, VerdictReason::NoKey);
    if (jws.signature.isEmpty())
        return rejected(verdict, VerdictReason::SignatureEmpty);

    const QString kid = jws.header.value(QLatin1String("kid")).toString();
    const QVector<const NamedKey *> candidates = m_keyring.candidatesFor(kid);
    QVector<const NamedKey *> rightLength;
    for (const NamedKey *candidate : candidates) {
        if (jws.signature.size() != candidate->key.signatureBytes())
            continue;
        rightLength.append(candidate);
        if (verifiesWith(candidate->key, jws.signingInput, jws.signature)) {
            verdict.valid = true;
            verdict.reason = VerdictReason::Valid;
            verdict.message = reasonSentence(VerdictReason::Valid);
            verdict.keyName = candidate->name;
            if (m_keyring.size() > 1 || !candidate->name.isEmpty())
                verdict.message =
                    QStringLiteral("The signature is valid (key \"%1\").").arg(candidate->name);
            return verdict;
        }
    }
    if (rightLength.isEmpty()) {
        return rejected(verdict, VerdictReason::SignatureWrongLength,
                        QStringLiteral("It is %1 bytes; an RS256 signature by a %2-bit key is %3 "
                                       "bytes.")
                            .arg(jws.signature.size())
                            .arg(candidates.front()->key.bits())
                            .arg(candidates.front()->key.signatureBytes()));
    }
    for (const NamedKey *candidate : rightLength) {
        if (signedByKeyOverOtherContent(candidate->key, jws.signature)) {
            verdict.keyName = candidate->name;
            return rejected(verdict, VerdictReason::SignatureTampered,
                            QStringLiteral("Key \"%1\" signed it.").arg(candidate->name));
        }
    }
    QStringList names;
    for (const NamedKey *candidate : candidates)
        names << QStringLiteral("\"%1\"").arg(candidate->name);
    QString detail = QStringLiteral("Tried: %1.").arg(names.join(QStringLiteral(", ")));
    if (!kid.isEmpty() && candidates.size() == 1 && m_keyring.size() > 1)
        detail += QStringLiteral(" The header's kid \"%1\" picked that key.").arg(kid);
    return rejected(verdict, VerdictReason::SignatureWrongKey, detail);
}

Verdict JwtVerifier::checkTimes(Verdict verdict) const
{
    const qint64 now = m_options.nowEpochSeconds.value_or(QDateTime::currentSecsSinceEpoch());
    const qint64 skew = m_options.skewSeconds;
    std::optional<qint64> unused;
    if (readTimeClaim(verdict.claims, QLatin1String("exp"), &unused) == TimeClaim::NotNumber)
        return rejected(verdict, VerdictReason::ExpNotNumeric);
    if (readTimeClaim(verdict.claims, QLatin1String("nbf"), &unused) == TimeClaim::NotNumber)
        return rejected(verdict, VerdictReason::NbfNotNumeric);

    if (verdict.issuedAt && *verdict.issuedAt > now + skew) {
        verdict.warnings << QStringLiteral("\"iat\" is in the future: issued at %1, %2 from now.")
                                .arg(formatTime(*verdict.issuedAt),
                                     formatDuration(*verdict.issuedAt - now));
    }
    if (verdict.expiresAt && now > *verdict.expiresAt + skew) {
        const QString when = QStringLiteral("It expired at %1, %2 ago (now %3, skew %4 s).")
                                 .arg(formatTime(*verdict.expiresAt),
                                      formatDuration(now - *verdict.expiresAt), formatTime(now))
                                 .arg(skew);
        if (!m_options.ignoreExpiry)
            return rejected(verdict, VerdictReason::Expired, when);
        verdict.warnings << QStringLiteral("Expired, ignored as asked: %1").arg(when);
    }
    if (verdict.notBefore && now + skew < *verdict.notBefore) {
        return rejected(verdict, VerdictReason::NotYetValid,
                        QStringLiteral("It is valid from %1, %2 from now (now %3, skew %4 s).")
                            .arg(formatTime(*verdict.notBefore),
                                 formatDuration(*verdict.notBefore - now), formatTime(now))
                            .arg(skew));
    }
    return verdict;
}
