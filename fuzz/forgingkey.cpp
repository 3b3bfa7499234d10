#include "forgingkey.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/sha.h>

#include <algorithm>
#include <memory>

namespace {
template <typename T> using Owned = std::unique_ptr<T, void (*)(T *)>;

// DER of DigestInfo { sha256, NULL } up to the digest (RFC 8017, 9.2 note 1).
constexpr unsigned char kSha256DigestInfo[] = {0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60,
                                               0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
                                               0x01, 0x05, 0x00, 0x04, 0x20};
} // namespace

ForgingKey ForgingKey::create(int bits)
{
    ForgingKey forging;
    // Any odd modulus with its top bit set will do: with e = 1 nothing is ever factored.
    const Owned<BIGNUM> n(BN_new(), BN_free);
    const Owned<BIGNUM> e(BN_new(), BN_free);
    if (!n || !e || BN_rand(n.get(), bits, BN_RAND_TOP_ONE, BN_RAND_BOTTOM_ODD) != 1 ||
        BN_set_word(e.get(), 1) != 1)
        return forging;
    const Owned<OSSL_PARAM_BLD> builder(OSSL_PARAM_BLD_new(), OSSL_PARAM_BLD_free);
    if (!builder || OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_N, n.get()) != 1 ||
        OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_E, e.get()) != 1)
        return forging;
    const Owned<OSSL_PARAM> params(OSSL_PARAM_BLD_to_param(builder.get()), OSSL_PARAM_free);
    const Owned<EVP_PKEY_CTX> ctx(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr),
                                  EVP_PKEY_CTX_free);
    EVP_PKEY *key = nullptr;
    if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
        EVP_PKEY_fromdata(ctx.get(), &key, EVP_PKEY_PUBLIC_KEY, params.get()) != 1)
        return forging;
    forging.m_key = PublicKey::adopt(key);
    return forging;
}

QByteArray ForgingKey::sign(const QByteArray &signingInput) const
{
    if (m_key.isNull())
        return {};
    // EMSA-PKCS1-v1_5: 00 01 FF..FF 00 DigestInfo digest, as long as the modulus.
    const int size = m_key.signatureBytes();
    const int digestInfoSize = int(sizeof kSha256DigestInfo) + SHA256_DIGEST_LENGTH;
    QByteArray encoded(size, char(0xff));
    encoded[0] = 0x00;
    encoded[1] = 0x01;
    encoded[size - digestInfoSize - 1] = 0x00;
    auto *out = reinterpret_cast<unsigned char *>(encoded.data()) + size - digestInfoSize;
    std::copy(std::begin(kSha256DigestInfo), std::end(kSha256DigestInfo), out);
    SHA256(reinterpret_cast<const unsigned char *>(signingInput.constData()),
           size_t(signingInput.size()), out + sizeof kSha256DigestInfo);
    return encoded;
}
