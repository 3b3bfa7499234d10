#pragma once

#include "jwt/publickey.h"

#include <QByteArray>
#include <QString>

#include <memory>

typedef struct evp_pkey_ctx_st EVP_PKEY_CTX;

// An RSA private key for signing test webhooks. Never logged, never exported
// unless asked. Copies share the key; signRs256() may run on several threads at once.
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
    // Takes `key`; prepares the signing context every signature duplicates (as Rs256Check
    // does for verifying): no fetch by name per signature, on any thread.
    void adopt(EVP_PKEY *key);

    std::shared_ptr<EVP_PKEY> m_key;
    std::shared_ptr<EVP_PKEY_CTX> m_signing;
};
