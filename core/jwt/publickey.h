#pragma once

#include <QByteArray>
#include <QString>

#include <memory>

typedef struct evp_pkey_st EVP_PKEY;
class Rs256Check;

// An RSA public key, parsed once and shared (read-only, so safe across threads).
class PublicKey
{
public:
    PublicKey() = default;
    static PublicKey adopt(EVP_PKEY *key); // takes ownership

    bool isNull() const { return !m_key; }
    int bits() const;
    int signatureBytes() const { return (bits() + 7) / 8; }
    QByteArray spkiDer() const;
    QByteArray spkiPem() const;          // "-----BEGIN PUBLIC KEY-----", 64-column lines
    QByteArray oneLineBase64Pem() const; // the whole PEM base64-encoded on one line
    QString sha256Fingerprint() const;   // of the SPKI DER, hex, colon-separated
    // RS256 checks by this key, prepared once; null for a null key.
    const Rs256Check *rs256() const { return m_rs256.get(); }

    EVP_PKEY *evp() const { return m_key.get(); }

private:
    std::shared_ptr<EVP_PKEY> m_key;
    std::shared_ptr<const Rs256Check> m_rs256;
};
