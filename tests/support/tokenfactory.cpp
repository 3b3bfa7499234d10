#include "tokenfactory.h"

#include "send/wixenvelope.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <QFile>
#include <QJsonDocument>

#include <memory>

namespace {
QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray rsaSign(const QByteArray &input, const RsaPrivateKey &key, const char *digest, bool pss)
{
    const QByteArray pem = key.toPem();
    BIO *bio = BIO_new_mem_buf(pem.constData(), static_cast<int>(pem.size()));
    EVP_PKEY *pkey = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    EVP_PKEY_CTX *pctx = nullptr;
    EVP_DigestSignInit_ex(ctx, &pctx, digest, nullptr, nullptr, pkey, nullptr);
    if (pss) {
        EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING);
        EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST);
    }
    size_t size = 0;
    const auto *data = reinterpret_cast<const unsigned char *>(input.constData());
    EVP_DigestSign(ctx, nullptr, &size, data, static_cast<size_t>(input.size()));
    QByteArray signature(static_cast<qsizetype>(size), Qt::Uninitialized);
    EVP_DigestSign(ctx, reinterpret_cast<unsigned char *>(signature.data()), &size, data,
                   static_cast<size_t>(input.size()));
    signature.resize(static_cast<qsizetype>(size));
    EVP_MD_CTX_free(ctx);
    EVP_PKEY_free(pkey);
    return signature;
}

QByteArray hmacSha256(const QByteArray &input, const QByteArray &secret)
{
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    HMAC(EVP_sha256(), secret.constData(), static_cast<int>(secret.size()),
         reinterpret_cast<const unsigned char *>(input.constData()),
         static_cast<size_t>(input.size()), out, &size);
    return QByteArray(reinterpret_cast<const char *>(out), static_cast<qsizetype>(size));
}
} // namespace

namespace TokenFactory {

QByteArray encode(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QJsonObject wixClaims(const QJsonObject &readableEnvelope, qint64 iat)
{
    return wixClaimsForEnvelope(readableEnvelope, iat);
}

QJsonObject loadExample(const QString &fileName)
{
    QFile file(QStringLiteral(HOOKSCOPE_TEST_DATA "/wix-examples/") + fileName);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing example %s", qPrintable(fileName));
    return QJsonDocument::fromJson(file.readAll()).object();
}

QByteArray sign(const QJsonObject &header, const QJsonObject &claims, const RsaPrivateKey &key,
                const QByteArray &hmacSecret)
{
    const QByteArray input = encode(compact(header)) + '.' + encode(compact(claims));
    const QString alg = header.value(QStringLiteral("alg")).toString();
    QByteArray signature;
    if (alg == QLatin1String("RS256"))
        signature = rsaSign(input, key, "SHA256", false);
    else if (alg == QLatin1String("RS384"))
        signature = rsaSign(input, key, "SHA384", false);
    else if (alg == QLatin1String("RS512"))
        signature = rsaSign(input, key, "SHA512", false);
    else if (alg == QLatin1String("PS256"))
        signature = rsaSign(input, key, "SHA256", true);
    else if (alg == QLatin1String("HS256"))
        signature = hmacSha256(input, hmacSecret);
    return input + '.' + encode(signature);
}

QByteArray signRs256(const QJsonObject &claims, const RsaPrivateKey &key)
{
    return sign(QJsonObject{{QStringLiteral("alg"), QStringLiteral("RS256")}}, claims, key);
}

QByteArray segment(const QByteArray &token, int index)
{
    return token.split('.').value(index);
}

QByteArray replaceSegment(const QByteArray &token, int index, const QByteArray &segment)
{
    QList<QByteArray> parts = token.split('.');
    parts[index] = segment;
    return parts.join('.');
}

} // namespace TokenFactory
