// Fixtures folder import on arbitrary bytes, then what Hookscope does with the
// deliveries. The input is a whole folder in one file, its parts separated by
// NUL bytes (which JSON text never holds): manifest.json first, then each file
// the manifest names, in the order the importer asks for them (a fixture's
// JSON, then its .jwt). A name asked for again gets the same part; a name with
// no part left is a missing file.
#include "importcheck.h"

#include <QHash>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    const QList<QByteArray> parts = bytes.split('\0');
    QHash<QString, qsizetype> partOf;
    const FixtureFileReader readFile = [&](const QString &name,
                                           QString *error) -> std::optional<QByteArray> {
        const auto it = partOf.constFind(name);
        const qsizetype part = it != partOf.constEnd() ? *it : partOf.size() + 1;
        partOf.insert(name, part);
        if (part >= parts.size()) {
            *error = QStringLiteral("No such file or directory");
            return std::nullopt;
        }
        return parts.at(part);
    };
    checkImported(readFixtures(parts.front(), QStringLiteral("fixtures"), readFile));
    return 0;
}
