#include "jwt/publickey.h"

#include "jwt/opensslhandles.h"
#include "jwt/rs256check.h"

#include <openssl/pem.h>

#include <QCryptographicHash>

PublicKey PublicKey::adopt(EVP_PKEY *key)
{
    PublicKey result;
    result.m_key = std::shared_ptr<EVP_PKEY>(key, EvpPkeyFree());
    result.m_rs256 = std::make_shared<const Rs256Check>(key);
    return result;
}

int PublicKey::bits() const
{
    return m_key ? EVP_PKEY_get_bits(m_key.get()) : 0;
}

QByteArray PublicKey::spkiDer() const
{
    if (!m_key)
        return {};
    const int size = i2d_PUBKEY(m_key.get(), nullptr);
    if (size <= 0)
        return {};
    QByteArray der(size, Qt::Uninitialized);
    auto *out = reinterpret_cast<unsigned char *>(der.data());
    i2d_PUBKEY(m_key.get(), &out);
    return der;
}

QByteArray PublicKey::spkiPem() const
{
    if (!m_key)
        return {};
    OpenSslErrorGuard guard;
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_PUBKEY(bio.get(), m_key.get()) != 1)
        return {};
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, static_cast<qsizetype>(size));
}

QByteArray PublicKey::oneLineBase64Pem() const
{
    return spkiPem().toBase64();
}

QString PublicKey::sha256Fingerprint() const
{
    const QByteArray digest = QCryptographicHash::hash(spkiDer(), QCryptographicHash::Sha256);
    return QString::fromLatin1(digest.toHex(':'));
}
