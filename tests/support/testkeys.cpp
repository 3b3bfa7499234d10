#include "testkeys.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <memory>

namespace {
template <typename T, void (*Free)(T *)> struct Deleter
{
    void operator()(T *p) const { Free(p); }
};
using Bio = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using Pkey = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using Cert = std::unique_ptr<X509, Deleter<X509, X509_free>>;

QByteArray bioText(BIO *bio)
{
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return QByteArray(data, static_cast<qsizetype>(size));
}

Pkey readPrivate(const QByteArray &pem)
{
    Bio bio(BIO_new_mem_buf(pem.constData(), static_cast<int>(pem.size())));
    return Pkey(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
}

QByteArray pkcs1Of(EVP_PKEY *key)
{
    // i2d_PublicKey writes the PKCS#1 RSAPublicKey structure for RSA keys.
    const int size = i2d_PublicKey(key, nullptr);
    QByteArray der(size, Qt::Uninitialized);
    auto *out = reinterpret_cast<unsigned char *>(der.data());
    i2d_PublicKey(key, &out);
    QByteArray pem = "-----BEGIN RSA PUBLIC KEY-----\n";
    const QByteArray body = der.toBase64();
    for (qsizetype i = 0; i < body.size(); i += 64)
        pem += body.mid(i, 64) + '\n';
    return pem + "-----END RSA PUBLIC KEY-----\n";
}

QByteArray selfSignedCertificate(EVP_PKEY *key)
{
    Cert cert(X509_new());
    X509_set_version(cert.get(), 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), 0);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), 3600);
    X509_set_pubkey(cert.get(), key);
    X509_NAME *name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char *>("hookscope test"), -1, -1,
                               0);
    X509_set_issuer_name(cert.get(), name);
    X509_sign(cert.get(), key, EVP_sha256());
    Bio bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_X509(bio.get(), cert.get());
    return bioText(bio.get());
}
} // namespace

TestKeyPair TestKeyPair::generate(int bits)
{
    TestKeyPair pair;
    pair.privateKey = RsaPrivateKey::generate(bits);
    const PublicKey publicKey = pair.privateKey.publicKey();
    pair.spkiPem = publicKey.spkiPem();
    pair.spkiDer = publicKey.spkiDer();
    const Pkey key = readPrivate(pair.privateKey.toPem());
    pair.pkcs1Pem = pkcs1Of(key.get());
    pair.certificatePem = selfSignedCertificate(key.get());
    return pair;
}

QByteArray TestKeyPair::base64OfPem() const
{
    return spkiPem.toBase64();
}

QByteArray TestKeyPair::bareBase64() const
{
    return spkiDer.toBase64();
}

QByteArray TestKeyPair::escapedNewlines() const
{
    QByteArray text = spkiPem.trimmed();
    return text.replace("\n", "\\n");
}

QByteArray TestKeyPair::crlfPem() const
{
    QByteArray text = spkiPem;
    return text.replace("\n", "\r\n");
}

QByteArray TestKeyPair::oneLinePem() const
{
    QByteArray text = spkiPem.trimmed();
    return text.replace("\n", " ");
}

QByteArray ecPublicKeyPem()
{
    Pkey key(EVP_EC_gen("P-256"));
    Bio bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_PUBKEY(bio.get(), key.get());
    return bioText(bio.get());
}
