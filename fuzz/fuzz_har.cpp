// HAR import on arbitrary bytes: a HAR file as `export --format har` writes it
// or any other tool does, then what Hookscope does with the deliveries.
#include "importcheck.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    checkImported(readHar(bytes, QStringLiteral("fuzz.har")));
    return 0;
}
