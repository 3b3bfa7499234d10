#include "jwt/jwtsigner.h"

#include <QJsonDocument>

QByteArray base64UrlEncode(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

JwtSigner::JwtSigner(RsaPrivateKey key, QString kid)
    : m_key(std::move(key))
{
    QJsonObject header{{QStringLiteral("alg"), QStringLiteral("RS256")}};
    if (!kid.isEmpty())
        header.insert(QStringLiteral("kid"), kid);
    m_encodedHeader = base64UrlEncode(QJsonDocument(header).toJson(QJsonDocument::Compact));
}

QByteArray JwtSigner::sign(const QJsonObject &claims) const
{
    return signJson(QJsonDocument(claims).toJson(QJsonDocument::Compact));
}

QByteArray JwtSigner::signJson(const QByteArray &claimsJson) const
{
    const QByteArray signingInput = m_encodedHeader + '.' + base64UrlEncode(claimsJson);
    const QByteArray signature = m_key.signRs256(signingInput);
    if (signature.isEmpty())
        return {};
    // Exactly its size: `signingInput + '.' + ...` left the token with room for as much again,
    // and a run keeps thousands of tokens.
    const QByteArray encodedSignature = base64UrlEncode(signature);
    QByteArray token;
    token.reserve(signingInput.size() + 1 + encodedSignature.size());
    return token.append(signingInput).append('.').append(encodedSignature);
}
