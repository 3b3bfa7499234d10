#include "capture/delivery.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStringDecoder>

namespace {
constexpr qint64 kWixTimeoutMs = 1250;

bool isValidUtf8(const QByteArray &bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    (void)decoder.decode(bytes);
    return !decoder.hasError();
}

bool isPrintableText(const QByteArray &bytes)
{
    for (const char c : bytes) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 && c != '\n' && c != '\r' && c != '\t')
            return false;
    }
    return isValidUtf8(bytes);
}

} // namespace

QString bodyKindName(BodyKind kind)
{
    switch (kind) {
    case BodyKind::Jwt:
        return QStringLiteral("jwt");
    case BodyKind::MalformedJwt:
        return QStringLiteral("malformed-jwt");
    case BodyKind::Empty:
        return QStringLiteral("empty");
    case BodyKind::Json:
        return QStringLiteral("json");
    case BodyKind::Form:
        return QStringLiteral("form");
    case BodyKind::Text:
        return QStringLiteral("text");
    case BodyKind::Binary:
        return QStringLiteral("binary");
    case BodyKind::Oversize:
        break;
    }
    return QStringLiteral("oversize");
}

BodyKind bodyKindFromName(const QString &name)
{
    for (const auto kind : {BodyKind::Jwt, BodyKind::MalformedJwt, BodyKind::Empty, BodyKind::Json,
                            BodyKind::Form, BodyKind::Text, BodyKind::Oversize}) {
        if (name == bodyKindName(kind))
            return kind;
    }
    return BodyKind::Binary;
}

BodyKind classifyBody(const QByteArray &body, const QByteArray &contentType, bool isJws)
{
    if (isJws)
        return BodyKind::Jwt;
    const QByteArray trimmed = body.trimmed();
    if (trimmed.isEmpty())
        return BodyKind::Empty;
    if (!isPrintableText(body))
        return BodyKind::Binary;
    if (trimmed.startsWith('{') || trimmed.startsWith('['))
        return BodyKind::Json;
    if (contentType.startsWith("application/x-www-form-urlencoded") ||
        contentType.startsWith("multipart/form-data"))
        return BodyKind::Form;
    // Three dot-separated base64url-looking runs: meant as a JWT, but broken.
    if (trimmed.count('.') >= 1 && !trimmed.contains(' ') && trimmed.size() > 16)
        return BodyKind::MalformedJwt;
    return BodyKind::Text;
}

bool ForwardResult::wixWouldRetry() const
{
    return status < 200 || status > 299 || latencyMs > kWixTimeoutMs || !error.isEmpty();
}

QJsonObject Delivery::toJson() const
{
    auto orNull = [](const QString &text) {
        return text.isEmpty() ? QJsonValue() : QJsonValue(text);
    };
    QJsonObject json;
    json.insert(QLatin1String("seq"), seq);
    json.insert(QLatin1String("arrival"),
                QDateTime::fromMSecsSinceEpoch(arrivalMs, Qt::UTC).toString(Qt::ISODateWithMs));
    json.insert(QLatin1String("method"), method);
    json.insert(QLatin1String("path"), path);
    json.insert(QLatin1String("query"), orNull(query));
    QJsonArray headerList;
    for (const HttpHeader &header : headers)
        headerList.append(
            QJsonArray{QString::fromLatin1(header.name), QString::fromLatin1(header.value)});
    json.insert(QLatin1String("headers"), headerList);
    const bool utf8 = isValidUtf8(body) && !body.contains('\0');
    json.insert(QLatin1String("bodyEncoding"),
                utf8 ? QStringLiteral("utf-8") : QStringLiteral("base64"));
    json.insert(QLatin1String("body"),
                utf8 ? QString::fromUtf8(body) : QString::fromLatin1(body.toBase64()));
    json.insert(QLatin1String("size"), size);
    json.insert(QLatin1String("peer"), peer);
    json.insert(QLatin1String("bodyKind"), bodyKindName(bodyKind));
    json.insert(QLatin1String("answer"),
                QJsonObject{{QStringLiteral("status"), answerStatus},
                            {QStringLiteral("body"), QString::fromUtf8(answerBody)},
                            {QStringLiteral("delayMs"), answerDelayMs}});
    if (forward) {
        json.insert(QLatin1String("forward"),
                    QJsonObject{{QStringLiteral("status"), forward->status},
                                {QStringLiteral("latencyMs"), forward->latencyMs},
                                {QStringLiteral("body"), QString::fromUtf8(forward->body)},
                                {QStringLiteral("error"), orNull(forward->error)},
                                {QStringLiteral("wixWouldRetry"), forward->wixWouldRetry()}});
    } else {
        json.insert(QLatin1String("forward"), QJsonValue());
    }
    json.insert(QLatin1String("verdict"),
                QJsonObject{{QStringLiteral("status"), signatureStatusName(signature)},
                            {QStringLiteral("valid"), signature == SignatureStatus::Valid},
                            {QStringLiteral("reason"), reasonCode(reason)},
                            {QStringLiteral("message"), verdictMessage},
                            {QStringLiteral("key"), orNull(keyName)},
                            {QStringLiteral("warnings"), QJsonArray::fromStringList(warnings)}});
    json.insert(QLatin1String("event"),
                event.shape == WixEventShape::None ? QJsonValue() : QJsonValue(event.toJson()));
    QJsonObject analysisJson;
    analysis.writeJson(analysisJson);
    json.insert(QLatin1String("analysis"), analysisJson);
    return json;
}
