#include "jwt/jwtverifier.h"

#include "jwt/rs256check.h"

#include <QDateTime>

#include <cstdlib>

namespace {
Verdict rejected(Verdict verdict, VerdictReason reason, const QString &detail = QString())
{
    verdict.valid = false;
    verdict.reason = reason;
    verdict.message = detail.isEmpty() ? reasonSentence(reason)
                                       : reasonSentence(reason) + QLatin1Char(' ') + detail;
    return verdict;
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

std::optional<qint64> secondsOf(const NumericDateClaim &claim)
{
    return claim.isNumber() ? std::optional<qint64>(claim.seconds) : std::nullopt;
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
    const JwtClaimFields &claims = parsed.jws.claims;
    verdict.issuedAt = secondsOf(claims.iat);
    verdict.expiresAt = secondsOf(claims.exp);
    verdict.notBefore = secondsOf(claims.nbf);
    if (!parsed.ok()) {
        verdict.reason = parsed.reason;
        verdict.message = parsed.message;
        return verdict;
    }

    const CompactJws &jws = parsed.jws;
    for (const QString &urlHeader : jws.keyUrlHeaders) {
        verdict.warnings << QStringLiteral("The header names a key URL (\"%1\"); Hookscope "
                                           "never fetches keys from it.")
                                .arg(urlHeader);
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
    if (jws.hasCrit)
        return rejected(verdict, VerdictReason::CritUnsupported);

    verdict = checkSignature(jws, verdict);
    if (verdict.reason != VerdictReason::Valid)
        return verdict;
    return checkTimes(jws.claims, verdict);
}

Verdict JwtVerifier::checkSignature(const CompactJws &jws, Verdict verdict) const
{
    if (m_keyring.isEmpty())
        return rejected(verdict, VerdictReason::NoKey);
    if (jws.signature.isEmpty())
        return rejected(verdict, VerdictReason::SignatureEmpty);

    const QString &kid = jws.kid;
    const QVector<const NamedKey *> candidates = m_keyring.candidatesFor(kid);
    QVector<const NamedKey *> rightLength;
    for (const NamedKey *candidate : candidates) {
        if (jws.signature.size() != candidate->key.signatureBytes())
            continue;
        rightLength.append(candidate);
        if (candidate->key.rs256()->verifies(jws.signingInput, jws.signature)) {
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
        if (candidate->key.rs256()->signedOtherContent(jws.signature)) {
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

Verdict JwtVerifier::checkTimes(const JwtClaimFields &claims, Verdict verdict) const
{
    const qint64 now = m_options.nowEpochSeconds.value_or(QDateTime::currentSecsSinceEpoch());
    const qint64 skew = m_options.skewSeconds;
    if (claims.exp.state == NumericDateClaim::State::NotNumber)
        return rejected(verdict, VerdictReason::ExpNotNumeric);
    if (claims.nbf.state == NumericDateClaim::State::NotNumber)
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
