#pragma once

#include "jwt/rsaprivatekey.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

// Builds tokens for tests, including the wrong ones an attacker or a buggy
// sender would make.
namespace TokenFactory {

// Wix's claims for an envelope written with data/identity as objects (as in
// tests/data/wix-examples): {"data": "<stringified envelope>", "iat": iat}, with the
// envelope's data and identity stringified too.
QJsonObject wixClaims(const QJsonObject &readableEnvelope, qint64 iat);
QJsonObject loadExample(const QString &fileName); // tests/data/wix-examples/<fileName>

// Compact JWS with the given header; signs per header "alg": RS256, RS384, RS512,
// PS256 with `key`; HS256 with `hmacSecret`; "none" gets an empty signature.
QByteArray sign(const QJsonObject &header, const QJsonObject &claims, const RsaPrivateKey &key,
                const QByteArray &hmacSecret = QByteArray());
QByteArray signRs256(const QJsonObject &claims, const RsaPrivateKey &key);

QByteArray segment(const QByteArray &token, int index);
QByteArray replaceSegment(const QByteArray &token, int index, const QByteArray &segment);
QByteArray encode(const QByteArray &bytes); // base64url, no padding

} // namespace TokenFactory
