#include "jwt/compactjws.h"

#include "jwt/base64urldecoder.h"
#include "jwt/jwsfieldreader.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace {
// Keeps what was decoded before the failure, so a view can still show it.
JwsParseResult failure(VerdictReason reason, const QString &detail = QString(),
                       JwsParseResult result = {})
{
    result.reason = reason;
    result.message = detail.isEmpty() ? reasonSentence(reason)
                                      : reasonSentence(reason) + QLatin1Char(' ') + detail;
    return result;
}

bool isBase64UrlAlphabet(const QByteArray &segment, int *badIndex)
{
    for (int i = 0; i < segment.size(); ++i) {
        const char c = segment.at(i);
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                        (c >= '0' && c <= '9') || c == '-' || c == '_';
        if (!ok) {
            *badIndex = i;
            return false;
        }
    }
    return true;
}

QString describeByte(char c)
{
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x21 && u < 0x7f)
        return QStringLiteral("'%1'").arg(QLatin1Char(c));
    return QStringLiteral("byte 0x%1").arg(u, 2, 16, QLatin1Char('0'));
}

// Decodes one base64url segment (no padding, RFC 7515 §2); nullopt-style: ok=false.
bool decodeSegment(const QByteArray &segment, QByteArray *out, QString *why)
{
    int bad = -1;
    if (!isBase64UrlAlphabet(segment, &bad)) {
        *why = QStringLiteral("It holds %1 at offset %2, outside the base64url alphabet.")
                   .arg(describeByte(segment.at(bad)))
                   .arg(bad);
        return false;
    }
    if (segment.size() % 4 == 1) {
        *why = QStringLiteral("Its length (%1) cannot be base64.").arg(segment.size());
        return false;
    }
    if (!decodeBase64UrlWithQt(segment, out)) {
        *why = QStringLiteral("It does not decode.");
        return false;
    }
    return true;
}

QString jsonErrorDetail(const QJsonParseError &error)
{
    return QStringLiteral("%1 at offset %2.").arg(error.errorString()).arg(error.offset);
}

// QJsonDocument reads only objects and arrays; a bare scalar ("x", 5, null) is
// JSON too, just not an object. Only asked on the failure path.
bool isJsonScalar(const QByteArray &text)
{
    QJsonParseError error;
    QJsonDocument::fromJson('[' + text + ']', &error);
    return error.error == QJsonParseError::NoError;
}

QJsonObject objectOf(const QByteArray &text)
{
    return QJsonDocument::fromJson(text).object();
}

// Parses a JSON object; on failure says which reason applies.
bool parseObject(const QByteArray &text, QJsonObject *out, VerdictReason notJson,
                 VerdictReason notObject, VerdictReason *reason, QString *why)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text, &error);
    if (error.error == QJsonParseError::NoError && document.isObject()) {
        *out = document.object();
        return true;
    }
    if (error.error == QJsonParseError::NoError || isJsonScalar(text)) {
        *reason = notObject;
        why->clear();
    } else {
        *reason = notJson;
        *why = jsonErrorDetail(error);
    }
    return false;
}
// Every segment decodes and simdjson reads both objects: the common case, with
// no QJsonObject built. Anything else takes the careful path below, whose decoding is
// Qt's (after a byte-by-byte check that names the offending byte): decodeBase64Url()
// accepts exactly what it accepts.
bool parseFast(const QByteArray &header, const QByteArray &payload, const QByteArray &signature,
               CompactJws *jws)
{
    return decodeBase64Url(header, &jws->headerBytes) &&
           decodeBase64Url(payload, &jws->payloadBytes) &&
           decodeBase64Url(signature, &jws->signature) && JwsFieldReader::readFast(jws);
}
} // namespace

QJsonObject CompactJws::header() const
{
    return headerIsObject ? objectOf(headerBytes) : QJsonObject();
}

QJsonObject CompactJws::payload() const
{
    return payloadIsObject ? objectOf(payloadBytes) : QJsonObject();
}

JwsParseResult parseCompactJws(const QByteArray &raw)
{
    const QByteArray token = raw.trimmed();
    if (token.isEmpty())
        return failure(VerdictReason::EmptyToken);

    const qsizetype firstDot = token.indexOf('.');
    const qsizetype secondDot = firstDot < 0 ? -1 : token.indexOf('.', firstDot + 1);
    const qsizetype extraDot = secondDot < 0 ? -1 : token.indexOf('.', secondDot + 1);
    if (secondDot < 0 || extraDot >= 0) {
        const qsizetype segments = token.count('.') + 1;
        QString detail = QStringLiteral("This one has %1.").arg(segments);
        if (segments == 5)
            detail += QStringLiteral(" Five segments is a JWE (an encrypted token), not a JWS.");
        return failure(VerdictReason::NotThreeSegments, detail);
    }

    // Views into `token`, which outlives them: only decoded bytes are kept.
    const QByteArray headerSegment = QByteArray::fromRawData(token.constData(), firstDot);
    const QByteArray payloadSegment =
        QByteArray::fromRawData(token.constData() + firstDot + 1, secondDot - firstDot - 1);
    const QByteArray signatureSegment = token.mid(secondDot + 1);
    if (headerSegment.isEmpty())
        return failure(VerdictReason::EmptyHeaderSegment);
    if (payloadSegment.isEmpty())
        return failure(VerdictReason::EmptyPayloadSegment);

    JwsParseResult result;
    CompactJws &jws = result.jws;
    jws.signingInput = token.left(secondDot);
    jws.signatureSegment = signatureSegment;
    CompactJws fast = jws;
    if (parseFast(headerSegment, payloadSegment, signatureSegment, &fast)) {
        jws = std::move(fast);
        return result;
    }
    QString why;
    VerdictReason reason = VerdictReason::Valid;

    if (!decodeSegment(headerSegment, &jws.headerBytes, &why))
        return failure(VerdictReason::BadBase64Header, why, result);
    QJsonObject header;
    if (!parseObject(jws.headerBytes, &header, VerdictReason::HeaderNotJson,
                     VerdictReason::HeaderNotObject, &reason, &why))
        return failure(reason, why, result);
    jws.headerIsObject = true;
    JwsFieldReader::readHeader(header, &jws);

    if (!decodeSegment(payloadSegment, &jws.payloadBytes, &why))
        return failure(VerdictReason::BadBase64Payload, why, result);
    QJsonObject payload;
    if (!parseObject(jws.payloadBytes, &payload, VerdictReason::PayloadNotJson,
                     VerdictReason::PayloadNotObject, &reason, &why))
        return failure(reason, why, result);
    jws.payloadIsObject = true;
    JwsFieldReader::readClaims(payload, &jws);

    if (!decodeSegment(signatureSegment, &jws.signature, &why))
        return failure(VerdictReason::BadBase64Signature, why, result);

    const auto alg = header.constFind(QLatin1String("alg"));
    if (alg == header.constEnd())
        return failure(VerdictReason::AlgMissing, QString(), result);
    if (!alg->isString())
        return failure(VerdictReason::AlgNotString, QString(), result);
    return result;
}
