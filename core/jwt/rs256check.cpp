#include "jwt/rs256check.h"

#include "jwt/opensslhandles.h"
#include "jwt/sha256digest.h"

#include <openssl/rsa.h>

Rs256Check::Rs256Check(EVP_PKEY *key)
{
    OpenSslErrorGuard guard;
    EvpPkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr));
    if (!ctx || EVP_PKEY_verify_init(ctx.get()) != 1 ||
        EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_PADDING) != 1 ||
        EVP_PKEY_CTX_set_signature_md(ctx.get(), sha256Digest()) != 1)
        return;
    m_prepared = ctx.release();
}

Rs256Check::~Rs256Check()
{
    EVP_PKEY_CTX_free(m_prepared);
}

bool Rs256Check::verifies(const QByteArray &signingInput, const QByteArray &signature) const
{
    if (!m_prepared)
        return false;
    OpenSslErrorGuard guard;
    unsigned char digest[kSha256Size];
    if (!sha256Of(signingInput, digest))
        return false;
    const EvpPkeyCtxPtr ctx(EVP_PKEY_CTX_dup(m_prepared));
    return ctx && EVP_PKEY_verify(ctx.get(),
                                  reinterpret_cast<const unsigned char *>(signature.constData()),
                                  size_t(signature.size()), digest, sizeof digest) == 1;
}

bool Rs256Check::signedOtherContent(const QByteArray &signature) const
{
    if (!m_prepared)
        return false;
    OpenSslErrorGuard guard;
    const EvpPkeyCtxPtr ctx(EVP_PKEY_CTX_dup(m_prepared));
    if (!ctx || EVP_PKEY_verify_recover_init(ctx.get()) != 1 ||
        EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_PADDING) != 1 ||
        EVP_PKEY_CTX_set_signature_md(ctx.get(), sha256Digest()) != 1)
        return false;
    unsigned char digest[EVP_MAX_MD_SIZE];
    size_t digestSize = sizeof digest;
    const int ok = EVP_PKEY_verify_recover(
        ctx.get(), digest, &digestSize,
        reinterpret_cast<const unsigned char *>(signature.constData()), size_t(signature.size()));
    return ok == 1 && digestSize == kSha256Size;
}
