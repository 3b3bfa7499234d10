#pragma once

#include "jwt/publickey.h"

#include <QByteArray>

// An RSA public key with exponent 1, so that a "signature" is its own PKCS#1
// v1.5 encoding: the token fuzzer signs every input for the cost of a SHA-256
// and reaches what the verifier checks after a valid signature (the time
// claims). Fuzzing only: such a key signs nothing a real key would accept.
class ForgingKey
{
public:
    static ForgingKey create(int bits = 2048); // a null publicKey() when OpenSSL fails

    const PublicKey &publicKey() const { return m_key; }
    // The RS256 signature of `signingInput` under publicKey().
    QByteArray sign(const QByteArray &signingInput) const;

private:
    PublicKey m_key;
};
