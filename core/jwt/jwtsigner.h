#pragma once

#include "jwt/rsaprivatekey.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

// Signs tokens exactly as Wix does: header {"alg":"RS256"} (plus "kid" when
// given), compact JSON, base64url without padding.
class JwtSigner
{
public:
    explicit JwtSigner(RsaPrivateKey key, QString kid = QString());

    QByteArray sign(const QJsonObject &claims) const; // empty on failure
    // The same, of claims already written as compact JSON text.
    QByteArray signJson(const QByteArray &claimsJson) const;
    const RsaPrivateKey &key() const { return m_key; }

private:
    RsaPrivateKey m_key;
    QByteArray m_encodedHeader;
};

QByteArray base64UrlEncode(const QByteArray &bytes);
