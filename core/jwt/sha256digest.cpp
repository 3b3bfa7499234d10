#include "jwt/sha256digest.h"

const EVP_MD *sha256Digest()
{
    static EVP_MD *const md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    return md;
}

bool sha256Of(const QByteArray &data, unsigned char (&out)[kSha256Size])
{
    unsigned int size = 0;
    return EVP_Digest(data.constData(), size_t(data.size()), out, &size, sha256Digest(), nullptr) ==
               1 &&
           size == kSha256Size;
}
