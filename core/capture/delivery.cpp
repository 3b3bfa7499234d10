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
    const QString decoded = decoder.decode(bytes); // decode() is lazy: only this decodes
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

std::optional<Delivery> Delivery::fromJson(const QJsonObject &json, QString *error)
{
    const auto fail = [error](const QString &message) {
        *error = message;
        return std::optional<Delivery>();
    };
    Delivery d;
    const QDateTime arrival =
        QDateTime::fromString(json.value(QLatin1String("arrival")).toString(), Qt::ISODateWithMs);
    if (!arrival.isValid())
        return fail(QStringLiteral("\"arrival\" is not an ISO-8601 time"));
    d.arrivalMs = arrival.toMSecsSinceEpoch();
    d.method = json.value(QLatin1String("method")).toString();
    d.path = json.value(QLatin1String("path")).toString();
    d.query = json.value(QLatin1String("query")).toString();
    if (d.method.isEmpty() || !d.path.startsWith(QLatin1Char('/')))
        return fail(QStringLiteral("\"method\" and a \"path\" starting with / are needed"));
    for (const QJsonValue &pair : json.value(QLatin1String("headers")).toArray()) {
        const QJsonArray nameValue = pair.toArray();
        if (nameValue.size() != 2 || !nameValue.at(0).isString())
            return fail(QStringLiteral("each header is a [name, value] pair"));
        d.headers.append(
            {nameValue.at(0).toString().toLatin1(), nameValue.at(1).toString().toLatin1()});
    }
    const QJsonValue body = json.value(QLatin1String("body"));
    if (!body.isString())
        return fail(QStringLiteral("\"body\" is missing or not a string"));
    if (json.value(QLatin1String("bodyEncoding")).toString() == QLatin1String("base64")) {
        auto decoded = QByteArray::fromBase64Encoding(body.toString().toLatin1(),
                                                      QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded)
            return fail(QStringLiteral("\"body\" is not valid base64"));
        d.body = *decoded;
    } else {
        d.body = body.toString().toUtf8();
    }
    d.size = json.value(QLatin1String("size")).toInteger(d.body.size());
    d.peer = json.value(QLatin1String("peer")).toString();
    d.bodyKind =
        bodyKindFromName(json.value(QLatin1String("bodyKind")).toString(QStringLiteral("text")));
    const QJsonObject answer = json.value(QLatin1String("answer")).toObject();
    d.answerStatus = answer.value(QLatin1String("status")).toInt(200);
    d.answerBody = answer.value(QLatin1String("body")).toString().toUtf8();
    d.answerDelayMs = answer.value(QLatin1String("delayMs")).toInt();
    const QJsonValue forward = json.value(QLatin1String("forward"));
    if (forward.isObject()) {
        ForwardResult result;
        result.status = forward[QLatin1String("status")].toInt();
        result.latencyMs = forward[QLatin1String("latencyMs")].toInteger();
        result.body = forward[QLatin1String("body")].toString().toUtf8();
        result.error = forward[QLatin1String("error")].toString();
        d.forward = result;
    }
    return d;
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
