// JSON Lines import on arbitrary bytes: `show --json` and `export --format
// jsonl` output, then what Hookscope does with the deliveries.
#include "importcheck.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    checkImported(readJsonLines(bytes, QStringLiteral("fuzz.jsonl")));
    return 0;
}
