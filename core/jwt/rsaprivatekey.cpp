#include "jwt/rsaprivatekey.h"

#include "jwt/opensslhandles.h"

#include <openssl/pem.h>

RsaPrivateKey RsaPrivateKey::generate(int bits)
{
    OpenSslErrorGuard guard;
    RsaPrivateKey result;
    EVP_PKEY *key = EVP_RSA_gen(static_cast<unsigned int>(bits));
    if (key)
        result.m_key = std::shared_ptr<EVP_PKEY>(key, EvpPkeyFree());
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
    result.m_key = std::shared_ptr<EVP_PKEY>(key, EvpPkeyFree());
    if (!EVP_PKEY_is_a(key, "RSA")) {
        if (error)
            *error = QStringLiteral("The private key is not an RSA key; Wix signs with RS256.");
        return RsaPrivateKey();
    }
    return result;
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
    if (!m_key)
        return {};
    OpenSslErrorGuard guard;
    EvpMdCtxPtr ctx(EVP_MD_CTX_new());
    size_t size = 0;
    const auto *input = reinterpret_cast<const unsigned char *>(data.constData());
    if (!ctx ||
        EVP_DigestSignInit_ex(ctx.get(), nullptr, "SHA256", nullptr, nullptr, m_key.get(),
                              nullptr) != 1 ||
        EVP_DigestSign(ctx.get(), nullptr, &size, input, static_cast<size_t>(data.size())) != 1)
        return {};
    QByteArray signature(static_cast<qsizetype>(size), Qt::Uninitialized);
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char *>(signature.data()), &size, input,
                       static_cast<size_t>(data.size())) != 1)
        return {};
    signature.resize(static_cast<qsizetype>(size));
    return signature;
}
