#pragma once

#include "jwt/verdictreason.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

// How a delivery's signature is shown in lists and filters (`sig:`).
enum class SignatureStatus {
    Valid,      // verified against a key
    Invalid,    // a JWS whose signature or claims were rejected
    Unverified, // a JWS, but no key to check it with
    Malformed,  // not a well-formed JWS
};

QString signatureStatusName(SignatureStatus status);
SignatureStatus signatureStatusFromName(const QString &name); // Malformed when unknown

struct Verdict
{
    bool valid = false;
    VerdictReason reason = VerdictReason::EmptyToken;
    QString message;
    QString keyName; // the key that verified it (or that signed it, when tampered)
    QStringList warnings;
    std::optional<qint64> issuedAt;  // iat, seconds since the epoch
    std::optional<qint64> expiresAt; // exp
    std::optional<qint64> notBefore; // nbf

    SignatureStatus status() const;
    // {"valid", "reason", "message", "key", "warnings"}
    QJsonObject toJson() const;
};
