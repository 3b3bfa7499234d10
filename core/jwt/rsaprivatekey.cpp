#include "jwt/rsaprivatekey.h"

#include "jwt/opensslhandles.h"
#include "jwt/sha256digest.h"

#include <openssl/pem.h>
#include <openssl/rsa.h>

RsaPrivateKey RsaPrivateKey::generate(int bits)
{
    OpenSslErrorGuard guard;
    RsaPrivateKey result;
    if (EVP_PKEY *key = EVP_RSA_gen(static_cast<unsigned int>(bits)))
        result.adopt(key);
    return result;
}

RsaPrivateKey RsaPrivateKey::fromPem(const QByteArray &pem, QString *error)
{
    OpenSslErrorGuard guard;
    RsaPrivateKey result;
    BioPtr bio(BIO_new_mem_buf(pem.constData(), static_cast<int>(pem.size())));
    EVP_PKEY *key = bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr;
    if (!key) {
        if (error)
            *error = QStringLiteral("The text is not an unencrypted PEM private key.");
        return result;
    }
    result.adopt(key);
    if (!EVP_PKEY_is_a(key, "RSA")) {
        if (error)
            *error = QStringLiteral("The private key is not an RSA key; Wix signs with RS256.");
        return RsaPrivateKey();
    }
    return result;
}

void RsaPrivateKey::adopt(EVP_PKEY *key)
{
    m_key = std::shared_ptr<EVP_PKEY>(key, EvpPkeyFree());
    EvpPkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr));
    if (ctx && EVP_PKEY_sign_init(ctx.get()) == 1 &&
        EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_PADDING) == 1 &&
        EVP_PKEY_CTX_set_signature_md(ctx.get(), sha256Digest()) == 1)
        m_signing = std::shared_ptr<EVP_PKEY_CTX>(ctx.release(), EvpPkeyCtxFree());
}

int RsaPrivateKey::bits() const
{
    return m_key ? EVP_PKEY_get_bits(m_key.get()) : 0;
}

QByteArray RsaPrivateKey::toPem() const
{
    if (!m_key)
        return {};
    OpenSslErrorGuard guard;
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_PrivateKey(bio.get(), m_key.get(), nullptr, nullptr, 0, nullptr,
                                         nullptr) != 1)
        return {};
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, static_cast<qsizetype>(size));
}

PublicKey RsaPrivateKey::publicKey() const
{
    if (!m_key)
        return {};
    OpenSslErrorGuard guard;
    // Round-trip through SPKI DER so the public key holds no private parts.
    const int size = i2d_PUBKEY(m_key.get(), nullptr);
    if (size <= 0)
        return {};
    QByteArray der(size, Qt::Uninitialized);
    auto *out = reinterpret_cast<unsigned char *>(der.data());
    i2d_PUBKEY(m_key.get(), &out);
    auto *in = reinterpret_cast<const unsigned char *>(der.constData());
    return PublicKey::adopt(d2i_PUBKEY(nullptr, &in, size));
}

QByteArray RsaPrivateKey::signRs256(const QByteArray &data) const
{
    if (!m_signing)
        return {};
    OpenSslErrorGuard guard;
    unsigned char digest[kSha256Size];
    if (!sha256Of(data, digest))
        return {};
    const EvpPkeyCtxPtr ctx(EVP_PKEY_CTX_dup(m_signing.get()));
    size_t size = 0;
    if (!ctx || EVP_PKEY_sign(ctx.get(), nullptr, &size, digest, sizeof digest) != 1)
        return {};
    QByteArray signature(static_cast<qsizetype>(size), Qt::Uninitialized);
    if (EVP_PKEY_sign(ctx.get(), reinterpret_cast<unsigned char *>(signature.data()), &size, digest,
                      sizeof digest) != 1)
        return {};
    signature.resize(static_cast<qsizetype>(size));
    return signature;
}
