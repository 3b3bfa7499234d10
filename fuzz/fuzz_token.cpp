// Token parser, verifier and Wix decoder on arbitrary bytes: everything a
// delivery's body goes through.
#include "jwt/rsaprivatekey.h"
#include "wix/tokeninspection.h"

#include <QJsonDocument>

#include <cstddef>
#include <cstdint>

namespace {
const JwtVerifier &verifier()
{
    static const JwtVerifier instance = [] {
        Keyring keyring;
        keyring.add({QStringLiteral("fuzz"),
                     QString(),
                     RsaPrivateKey::generate(2048).publicKey(),
                     KeyFormat::SpkiPem,
                     {}});
        return JwtVerifier(keyring);
    }();
    return instance;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray token(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    const TokenInspection inspection = inspectToken(token, verifier());
    QSet<QString> paths;
    const QJsonObject tree = inspection.decodedTree(&paths);
    (void)QJsonDocument(inspection.toVerdictJson()).toJson(QJsonDocument::Compact);
    (void)QJsonDocument(tree).toJson(QJsonDocument::Compact);
    (void)inspection.decoding.event.entityKey();
    return 0;
}
