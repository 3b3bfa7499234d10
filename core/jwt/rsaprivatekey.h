#pragma once

#include "jwt/publickey.h"

#include <QByteArray>
#include <QString>

#include <memory>

// An RSA private key for signing test webhooks. Never logged, never exported
// unless asked.
class RsaPrivateKey
{
public:
    RsaPrivateKey() = default;
    static RsaPrivateKey generate(int bits = 2048);
    // PEM "PRIVATE KEY" (PKCS#8) or "RSA PRIVATE KEY" (PKCS#1), unencrypted.
    static RsaPrivateKey fromPem(const QByteArray &pem, QString *error = nullptr);

    bool isNull() const { return !m_key; }
    int bits() const;
    QByteArray toPem() const; // PKCS#8
    PublicKey publicKey() const;
    // PKCS#1 v1.5 over SHA-256; empty on failure.
    QByteArray signRs256(const QByteArray &data) const;

private:
    std::shared_ptr<EVP_PKEY> m_key;
};
