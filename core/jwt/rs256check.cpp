#include "jwt/rs256check.h"

#include "jwt/opensslhandles.h"

#include <openssl/rsa.h>

namespace {
constexpr int kSha256Bytes = 32;

// Fetched once: an implicit fetch by name on every verify is measurably slower.
const EVP_MD *sha256()
{
    static EVP_MD *md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    return md;
}
} // namespace

Rs256Check::Rs256Check(EVP_PKEY *key)
{
    OpenSslErrorGuard guard;
    EvpPkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr));
    if (!ctx || EVP_PKEY_verify_init(ctx.get()) != 1 ||
        EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_PADDING) != 1 ||
        EVP_PKEY_CTX_set_signature_md(ctx.get(), sha256()) != 1)
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
    unsigned char digest[kSha256Bytes];
    unsigned int digestSize = 0;
    if (EVP_Digest(signingInput.constData(), size_t(signingInput.size()), digest, &digestSize,
                   sha256(), nullptr) != 1 ||
        digestSize != kSha256Bytes)
        return false;
    const EvpPkeyCtxPtr ctx(EVP_PKEY_CTX_dup(m_prepared));
    return ctx && EVP_PKEY_verify(ctx.get(),
                                  reinterpret_cast<const unsigned char *>(signature.constData()),
                                  size_t(signature.size()), digest, digestSize) == 1;
}

bool Rs256Check::signedOtherContent(const QByteArray &signature) const
{
    if (!m_prepared)
        return false;
    OpenSslErrorGuard guard;
    const EvpPkeyCtxPtr ctx(EVP_PKEY_CTX_dup(m_prepared));
    if (!ctx || EVP_PKEY_verify_recover_init(ctx.get()) != 1 ||
        EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_PADDING) != 1 ||
        EVP_PKEY_CTX_set_signature_md(ctx.get(), sha256()) != 1)
        return false;
    unsigned char digest[EVP_MAX_MD_SIZE];
    size_t digestSize = sizeof digest;
    const int ok = EVP_PKEY_verify_recover(
        ctx.get(), digest, &digestSize,
        reinterpret_cast<const unsigned char *>(signature.constData()), size_t(signature.size()));
    return ok == 1 && digestSize == kSha256Bytes;
}
