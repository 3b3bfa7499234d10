// Token parser, verifier and Wix decoder on arbitrary bytes: everything a
// delivery's body goes through. Each token is checked twice: against a real
// key as it came (no input gets past the signature that way), and signed anew
// with a forging key, so the checks after a valid signature (time claims, the
// key's name) see every input too. The fields the parser reads in its fast pass
// must match Qt's reading of the same JSON, the fast pass's base64url decoder must
// match Qt's, and every body is labelled and its tree built as the Decoded tab shows it.
#include "forgingkey.h"

#include "capture/delivery.h"
#include "jwt/base64urldecoder.h"
#include "jwt/jwsfieldreader.h"
#include "jwt/rsaprivatekey.h"
#include "wix/deliverytree.h"
#include "wix/tokeninspection.h"

#include <QJsonDocument>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {
// A fixed clock, so a run is reproducible; the seeds' iat is 2023-11-14.
constexpr qint64 kNow = 1700000000;

NamedKey named(const QString &name, const PublicKey &key)
{
    return {name, QString(), key, KeyFormat::SpkiPem, {}};
}

const PublicKey &realKey()
{
    static const PublicKey instance = RsaPrivateKey::generate(2048).publicKey();
    return instance;
}

const JwtVerifier &realVerifier()
{
    static const JwtVerifier instance = [] {
        Keyring keyring;
        keyring.add(named(QStringLiteral("fuzz"), realKey()));
        return JwtVerifier(keyring, {60, false, kNow});
    }();
    return instance;
}

const ForgingKey &forgingKey()
{
    static const ForgingKey instance = [] {
        ForgingKey key = ForgingKey::create();
        if (key.publicKey().isNull()) {
            std::fprintf(stderr, "cannot make the forging key\n");
            std::abort();
        }
        return key;
    }();
    return instance;
}

// Two keys, so a "kid" naming one of them picks it; the other is never tried. Without
// a kid the forging key comes first and matches: one RSA operation, and a cheap one.
const JwtVerifier &forgedVerifier(bool ignoreExpiry)
{
    static const auto make = [](bool ignore) {
        Keyring keyring;
        keyring.add(named(QStringLiteral("forged"), forgingKey().publicKey()));
        keyring.add(named(QStringLiteral("other"), realKey()));
        return JwtVerifier(keyring, {60, ignore, kNow});
    };
    static const JwtVerifier strict = make(false);
    static const JwtVerifier lenient = make(true);
    return ignoreExpiry ? lenient : strict;
}
bool sameDate(const NumericDateClaim &a, const NumericDateClaim &b)
{
    return a.state == b.state && (!a.isNumber() || a.seconds == b.seconds);
}

// The parser takes what the verifier and the decoder read in one pass (simdjson when it
// can); Qt's reading of the same header and payload, which every view shows, must agree.
void checkFieldsAgreeWithQt(const CompactJws &jws)
{
    CompactJws qt;
    JwsFieldReader::readHeader(jws.header(), &qt);
    JwsFieldReader::readClaims(jws.payload(), &qt);
    const JwtClaimFields &a = jws.claims;
    const JwtClaimFields &b = qt.claims;
    const char *differs = jws.alg != qt.alg                              ? "alg"
                          : jws.kid != qt.kid                            ? "kid"
                          : jws.hasCrit != qt.hasCrit                    ? "crit"
                          : jws.keyUrlHeaders != qt.keyUrlHeaders        ? "jku/x5u"
                          : !sameDate(a.iat, b.iat)                      ? "iat"
                          : !sameDate(a.exp, b.exp)                      ? "exp"
                          : !sameDate(a.nbf, b.nbf)                      ? "nbf"
                          : a.dataKind != b.dataKind || a.data != b.data ? "data"
                                                                         : nullptr;
    if (differs) {
        std::fprintf(stderr, "the parser and Qt read \"%s\" differently\nheader: %s\n", differs,
                     jws.headerBytes.toHex().constData());
        std::abort();
    }
}

// The parser's fast pass decodes with OpenSSL behind an alphabet mapping, its careful pass
// with Qt: both must accept the same segments and decode them to the same bytes.
void checkDecoderAgreesWithQt(const QByteArray &token)
{
    for (const QByteArrayView segment : token.split('.')) {
        QByteArray ours;
        QByteArray qt;
        const bool oursOk = decodeBase64Url(segment, &ours);
        if (oursOk != decodeBase64UrlWithQt(segment, &qt) || ours != qt) {
            std::fprintf(stderr, "base64url decoders disagree on %s\n",
                         segment.toByteArray().toHex().constData());
            std::abort();
        }
    }
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray token(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    checkDecoderAgreesWithQt(token);
    const TokenInspection inspection = inspectToken(token, realVerifier());
    (void)inspection.toVerdictJson();
    (void)inspection.decoding.event.entityKey();

    if (inspection.isJws()) {
        checkFieldsAgreeWithQt(inspection.parsed.jws);
        JwsParseResult forged = inspection.parsed;
        forged.jws.signature = forgingKey().sign(forged.jws.signingInput);
        const bool ignoreExpiry = !token.isEmpty() && (token.back() & 1);
        const Verdict verdict = forgedVerifier(ignoreExpiry).verify(forged);
        (void)verdict.toJson();
        // Past the algorithm checks, only a kid naming the other key fails the signature.
        const QJsonObject header = QJsonDocument::fromJson(forged.jws.headerBytes).object();
        const bool signatureChecked =
            forged.jws.alg == QLatin1String("RS256") && !header.contains(QLatin1String("crit"));
        const bool otherKey =
            header.value(QLatin1String("kid")).toString() == QLatin1String("other");
        if (signatureChecked && !otherKey && verdict.reason >= VerdictReason::NoKey &&
            verdict.reason <= VerdictReason::SignatureTampered) {
            std::fprintf(stderr, "forged signature rejected: %s\n",
                         qPrintable(reasonCode(verdict.reason)));
            std::abort();
        }
    }

    // As a captured delivery: labelled and shown whatever it is.
    static const QByteArray contentTypes[] = {"application/json", "text/plain",
                                              "application/x-www-form-urlencoded"};
    Delivery delivery;
    delivery.body = token;
    delivery.size = token.size();
    delivery.bodyKind = classifyBody(token, contentTypes[size % 3], inspection.isJws());
    // The Decoded tab: the token's tree, every string of JSON expanded, or a JSON body's.
    QSet<QString> paths;
    (void)deliveryTree(delivery, inspection, &paths);
    return 0;
}
