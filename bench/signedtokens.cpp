#include "signedtokens.h"

#include "jwt/jwtsigner.h"
#include "send/eventtemplates.h"
#include "send/wixenvelope.h"

#include <QDateTime>
#include <QFile>
#include <QSaveFile>

#include <algorithm>
#include <thread>
#include <vector>

namespace {
constexpr char kMagic[] = "hookscope-bench-tokens 1";

bool read(const QString &path, int count, SignedTokens *out)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QList<QByteArray> lines = file.readAll().split('\n');
    // magic, the public key as one base64 line, then one token per line
    if (lines.size() < count + 2 || lines.at(0) != kMagic)
        return false;
    out->publicKeyPem = QByteArray::fromBase64(lines.at(1));
    out->tokens.clear();
    for (int i = 0; i < count; ++i)
        out->tokens.append(lines.at(i + 2));
    return !out->publicKeyPem.isEmpty();
}
} // namespace

bool SignedTokens::ensure(const QString &path, int count, SignedTokens *out, QString *error)
{
    if (read(path, count, out))
        return true;
    const RsaPrivateKey key = RsaPrivateKey::generate(2048);
    // Events with an id of their own (app-management and legacy ones are told apart by
    // their content), none deleting its entity: no delivery is a duplicate or out of line.
    QVector<EventTemplate> templates;
    for (const EventTemplate &t : EventTemplates::all()) {
        if (t.shape == QLatin1String("standardized") && !t.name.contains(QLatin1String("deleted")))
            templates.append(t);
    }
    // Envelopes here (the factory is not shared between threads), signatures everywhere.
    QVector<QJsonObject> claims;
    claims.reserve(count);
    EnvelopeFactory factory;
    const qint64 iat = QDateTime::currentSecsSinceEpoch();
    for (int i = 0; i < count; ++i)
        claims.append(
            wixClaimsForEnvelope(factory.make(templates.at(i % templates.size()).envelope), iat));
    QVector<QByteArray> tokens(count);
    const int threads = std::max(1, int(std::thread::hardware_concurrency()));
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back([&, t] {
            const JwtSigner signer(key);
            for (int i = t; i < count; i += threads)
                tokens[i] = signer.sign(claims.at(i));
        });
    }
    for (std::thread &worker : workers)
        worker.join();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    file.write(QByteArray(kMagic) + '\n' + key.publicKey().spkiPem().toBase64() + '\n');
    for (const QByteArray &token : std::as_const(tokens))
        file.write(token + '\n');
    if (!file.commit()) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    out->publicKeyPem = key.publicKey().spkiPem();
    out->tokens = tokens;
    return true;
}
