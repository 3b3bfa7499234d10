// The public-key reader on arbitrary text: every form a developer may paste.
#include "jwt/publickeyloader.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray text(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    const PublicKeyLoadResult result = loadPublicKey(text);
    if (result.ok()) {
        (void)result.key.spkiPem();
        (void)result.key.sha256Fingerprint();
    }
    return 0;
}
