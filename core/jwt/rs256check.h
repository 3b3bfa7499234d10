#pragma once

#include <QByteArray>

#include <memory>

typedef struct evp_pkey_st EVP_PKEY;
typedef struct evp_pkey_ctx_st EVP_PKEY_CTX;

// RS256 (PKCS#1 v1.5 over SHA-256) checks against one key, prepared once: the
// key's verify context is set up when the key is loaded and duplicated for each
// signature, which costs a fraction of EVP_DigestVerifyInit's set-up every time.
// Const and thread-safe.
class Rs256Check
{
public:
    explicit Rs256Check(EVP_PKEY *key); // shares the key (OpenSSL counts references)
    ~Rs256Check();
    Rs256Check(const Rs256Check &) = delete;
    Rs256Check &operator=(const Rs256Check &) = delete;

    bool verifies(const QByteArray &signingInput, const QByteArray &signature) const;
    // The key recovers a well-formed SHA-256 digest from the signature, so it did
    // sign, but over other bytes: tampering rather than another key.
    bool signedOtherContent(const QByteArray &signature) const;

private:
    EVP_PKEY_CTX *m_prepared = nullptr; // null when OpenSSL could not set it up
};
