// Issue 7, target 1: what one delivery of the ingest load costs the ingest thread, stage
// by stage, on the load's own token: CPU time of this thread, so what else runs on the
// machine does not count. scripts/bench adds the stages every receiver on this stack must
// pay (the RS256 check, base64url decoding) to the bare QHttpServer's CPU per request: the
// most requests per second the machine's cores could serve.
//
// Usage: bench_ingest_stages TOKEN_FILE PUBLIC_KEY_PEM [COUNT=20000]
// Prints one line of microseconds per delivery:
//   rs256 base64 verify_decode analysis_and_store store_only least_receiver
// rs256: the key's prepared RS256 check alone; base64: Hookscope's base64url decoding
// (jwt/base64urldecoder.h) of the token's three segments; verify_decode: inspectDelivery (verdict
// and event); analysis_and_store: SessionWriter::write in batches of 512 less verify_decode;
// store_only: SessionStore::append of the analysed deliveries in batches of 512 (the log
// copied into the file in the background, as the writer's);
// least_receiver: what any receiver doing target 1's work must do (leastreceiver.h).
// Every delivery is the same token, as in the wrk load (duplicates from the second on).
#include "base64url.h"
#include "leastreceiver.h"
#include "threadcpuclock.h"

#include "capture/deliveryinspector.h"
#include "jwt/jwtverifier.h"
#include "jwt/rs256check.h"
#include "store/sessionstore.h"
#include "store/sessionwriter.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QTemporaryDir>

#include <cstdio>

namespace {
constexpr int kBatch = 512;

QByteArray readFile(const char *path)
{
    QFile file(QString::fromLocal8Bit(path));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", path);
    return file.readAll();
}

Delivery deliveryOf(const QByteArray &token, qint64 arrivalMs)
{
    Delivery delivery;
    delivery.arrivalMs = arrivalMs;
    delivery.method = QStringLiteral("POST");
    delivery.path = QStringLiteral("/");
    delivery.headers = {{"Host", "127.0.0.1"},
                        {"Content-Type", "text/plain"},
                        {"Content-Length", QByteArray::number(token.size())}};
    delivery.body = token;
    delivery.size = token.size();
    delivery.peer = QStringLiteral("127.0.0.1");
    return delivery;
}

// Microseconds of this thread's CPU per delivery that `stage` takes for `count` of them.
template <typename Stage> double microsPerDelivery(int count, Stage &&stage)
{
    const double start = threadCpuNanoseconds();
    stage();
    return (threadCpuNanoseconds() - start) / 1e3 / count;
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc < 3) {
        std::fprintf(stderr, "usage: bench_ingest_stages TOKEN_FILE PUBLIC_KEY_PEM [COUNT]\n");
        return 2;
    }
    const QByteArray token = readFile(argv[1]).trimmed();
    const int count = argc > 3 ? atoi(argv[3]) : 20000;
    Keyring keyring;
    if (!keyring.addFromText(QStringLiteral("bench"), readFile(argv[2])).ok())
        qFatal("the public key does not load");
    const JwtVerifier verifier(keyring);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QVector<Delivery> deliveries;
    for (int i = 0; i < count; ++i)
        deliveries.append(deliveryOf(token, now + i));

    const qsizetype lastDot = token.lastIndexOf('.');
    const QByteArray signingInput = token.left(lastDot);
    const QByteArray signature = QByteArray::fromBase64(
        token.mid(lastDot + 1), QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    const PublicKey key = keyring.keys().front().key;
    int failures = 0;
    const double rs256 = microsPerDelivery(count, [&] {
        for (int i = 0; i < count; ++i)
            failures += key.rs256()->verifies(signingInput, signature) ? 0 : 1;
    });
    const QList<QByteArray> segments = token.split('.');
    const double base64 = microsPerDelivery(count, [&] {
        for (int i = 0; i < count; ++i)
            failures += undecodableSegments(segments);
    });
    QVector<Delivery> inspected = deliveries;
    const double verifyDecode = microsPerDelivery(count, [&] {
        for (Delivery &delivery : inspected)
            inspectDelivery(delivery, verifier);
    });
    if (inspected.front().signature != SignatureStatus::Valid)
        qFatal("the token does not verify with the key: %s",
               qPrintable(inspected.front().verdictMessage));

    QTemporaryDir dir;
    SessionWriter writer;
    QString error;
    if (!writer.open(dir.filePath(QStringLiteral("writer.hookscope")), &error))
        qFatal("%s", qPrintable(error));
    QVector<Delivery> analysed;
    const double write = microsPerDelivery(count, [&] {
        for (int first = 0; first < count; first += kBatch) {
            QVector<Delivery> batch = deliveries.mid(first, kBatch);
            if (!writer.write(batch, verifier, &error))
                qFatal("%s", qPrintable(error));
            analysed += batch;
        }
    });
    writer.close();

    SessionStore store;
    if (!store.open(dir.filePath(QStringLiteral("store.hookscope")), &error))
        qFatal("%s", qPrintable(error));
    store.checkpointInBackground(); // as SessionWriter's store does
    const double append = microsPerDelivery(count, [&] {
        for (int first = 0; first < count; first += kBatch) {
            QVector<Delivery> batch = analysed.mid(first, kBatch);
            if (!store.append(batch, &error))
                qFatal("%s", qPrintable(error));
        }
    });

    LeastReceiver least(*key.rs256(), dir.filePath(QStringLiteral("least.sqlite")));
    const QVector<QByteArray> tokens(LeastReceiver::kBatch, token);
    const double leastReceiver = microsPerDelivery(count, [&] {
        for (int received = 0; received < count; received += LeastReceiver::kBatch) {
            if (!least.receive(tokens))
                qFatal("least receiver: %s", qPrintable(least.error()));
        }
    });
    std::printf("%.1f %.1f %.1f %.1f %.1f %.1f\n", rs256, base64, verifyDecode,
                write - verifyDecode, append, leastReceiver);
    return failures == 0 ? 0 : 1;
}
