// Writes a benchmark's inputs: a key pair and a Wix token of about 1.4 kB signed with it.
//   bench_make_token OUT_DIR  ->  OUT_DIR/public.pem, OUT_DIR/token.jwt
#include "jwt/jwtsigner.h"
#include "send/eventtemplates.h"
#include "send/wixenvelope.h"

#include <QDateTime>
#include <QFile>

#include <cstdio>

int main(int argc, char **argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: bench_make_token OUT_DIR\n");
        return 2;
    }
    const QString out = QString::fromLocal8Bit(argv[1]);
    const RsaPrivateKey key = RsaPrivateKey::generate(2048);
    EnvelopeFactory factory;
    const QByteArray token = JwtSigner(key).sign(wixClaimsForEnvelope(
        factory.make(EventTemplates::find(QStringLiteral("contact_updated"))->envelope),
        QDateTime::currentSecsSinceEpoch()));
    QFile publicKey(out + QStringLiteral("/public.pem"));
    QFile tokenFile(out + QStringLiteral("/token.jwt"));
    if (!publicKey.open(QIODevice::WriteOnly) || !tokenFile.open(QIODevice::WriteOnly))
        return 1;
    publicKey.write(key.publicKey().spkiPem());
    tokenFile.write(token);
    std::printf("%lld\n", static_cast<long long>(token.size()));
    return 0;
}
