#include "jwt/jwsfieldreader.h"

#include "json/simdjsonparsers.h"

#include <QJsonValue>

#include <string_view>

namespace {
using simdjson::dom::element;
using simdjson::dom::element_type;

constexpr std::string_view kKeyUrlHeaders[] = {"jku", "x5u"};

constexpr size_t kKeyUrlCount = sizeof kKeyUrlHeaders / sizeof kKeyUrlHeaders[0];

bool readHeaderFast(element root, CompactJws *jws)
{
    simdjson::dom::object header;
    if (root.get_object().get(header))
        return false;
    bool algIsString = false;
    bool keyUrlNamed[kKeyUrlCount] = {};
    for (const auto field : header) {
        if (field.key == "alg") {
            std::string_view alg;
            algIsString = !field.value.get_string().get(alg);
            jws->alg = algIsString ? qStringOf(alg) : QString();
        } else if (field.key == "kid") {
            std::string_view kid;
            jws->kid = field.value.get_string().get(kid) ? QString() : qStringOf(kid);
        } else if (field.key == "crit") {
            jws->hasCrit = true;
        } else {
            for (size_t i = 0; i < kKeyUrlCount; ++i)
                keyUrlNamed[i] = keyUrlNamed[i] || field.key == kKeyUrlHeaders[i];
        }
    }
    for (size_t i = 0; i < kKeyUrlCount; ++i) {
        if (keyUrlNamed[i])
            jws->keyUrlHeaders << qStringOf(kKeyUrlHeaders[i]);
    }
    return algIsString;
}

NumericDateClaim numericDate(element value)
{
    switch (value.type()) {
    case element_type::INT64:
        return JwtClaimFields::numericDate(double(int64_t(value)));
    case element_type::UINT64:
        return JwtClaimFields::numericDate(double(uint64_t(value)));
    case element_type::DOUBLE:
        return JwtClaimFields::numericDate(double(value));
    default:
        break;
    }
    NumericDateClaim claim;
    claim.state = NumericDateClaim::State::NotNumber;
    return claim;
}

bool readClaimsFast(element root, JwtClaimFields *claims)
{
    simdjson::dom::object payload;
    if (root.get_object().get(payload))
        return false;
    for (const auto field : payload) {
        if (field.key == "iat") {
            claims->iat = numericDate(field.value);
        } else if (field.key == "exp") {
            claims->exp = numericDate(field.value);
        } else if (field.key == "nbf") {
            claims->nbf = numericDate(field.value);
        } else if (field.key == "data") {
            std::string_view data;
            if (field.value.get_string().get(data)) {
                claims->dataKind = JwtClaimFields::DataKind::Other;
                claims->data.clear();
            } else {
                claims->dataKind = JwtClaimFields::DataKind::String;
                claims->data = QByteArray(data.data(), qsizetype(data.size()));
            }
        }
    }
    return true;
}

NumericDateClaim numericDate(const QJsonObject &object, QLatin1String name)
{
    const auto it = object.constFind(name);
    if (it == object.constEnd())
        return {};
    if (!it->isDouble()) {
        NumericDateClaim claim;
        claim.state = NumericDateClaim::State::NotNumber;
        return claim;
    }
    return JwtClaimFields::numericDate(it->toDouble());
}
} // namespace

bool JwsFieldReader::readFast(CompactJws *jws)
{
    element header;
    if (SimdJsonParsers::parse(SimdJsonParsers::Header, jws->headerBytes).get(header) ||
        !readHeaderFast(header, jws))
        return false;
    element payload;
    if (SimdJsonParsers::parse(SimdJsonParsers::Payload, jws->payloadBytes).get(payload) ||
        !readClaimsFast(payload, &jws->claims))
        return false;
    jws->headerIsObject = true;
    jws->payloadIsObject = true;
    return true;
}

void JwsFieldReader::readHeader(const QJsonObject &header, CompactJws *jws)
{
    jws->alg = header.value(QLatin1String("alg")).toString();
    jws->kid = header.value(QLatin1String("kid")).toString();
    jws->hasCrit = header.contains(QLatin1String("crit"));
    for (const std::string_view name : kKeyUrlHeaders) {
        const QLatin1String key(name.data(), qsizetype(name.size()));
        if (header.contains(key))
            jws->keyUrlHeaders << QString(key);
    }
}

void JwsFieldReader::readClaims(const QJsonObject &payload, CompactJws *jws)
{
    JwtClaimFields &claims = jws->claims;
    claims.iat = numericDate(payload, QLatin1String("iat"));
    claims.exp = numericDate(payload, QLatin1String("exp"));
    claims.nbf = numericDate(payload, QLatin1String("nbf"));
    const auto data = payload.constFind(QLatin1String("data"));
    if (data == payload.constEnd()) {
        claims.dataKind = JwtClaimFields::DataKind::Absent;
    } else if (data->isString()) {
        claims.dataKind = JwtClaimFields::DataKind::String;
        claims.data = data->toString().toUtf8();
    } else {
        claims.dataKind = JwtClaimFields::DataKind::Other;
    }
}
