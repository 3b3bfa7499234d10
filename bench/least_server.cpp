// Issue 7, target 1: the least receiver (leastreceiver.h) as a real HTTP server, to measure
// what this stack serves when a receiver does nothing but the target's work. Two designs:
// - one thread (the default): the requests that arrive in one pass of the event loop are
//   verified, decoded and stored in one transaction, then answered (200, or 503 if the batch
//   failed), so no hand-off between threads costs anything;
// - two threads (--threads 2), Hookscope's: the HTTP thread hands each batch to a store thread
//   that verifies, decodes and stores it, and answers when told it is stored; requests that
//   arrive meanwhile make the next batch.
// Either way SQLite's write-ahead log is copied into the file on a thread of its own, as
// Hookscope does (WalCheckpointer). Usage: bench_least_server [--threads 2] PUBLIC_KEY_PEM
// DATABASE [PORT] prints its URL, then serves until killed.
#include "leastreceiver.h"

#include "capture/capturehttpserver.h"
#include "jwt/keyring.h"
#include "store/walcheckpointer.h"

#include <QCoreApplication>
#include <QFile>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QPointer>
#include <QTcpSocket>
#include <QThread>

#include <cstdio>
#include <functional>
#include <memory>
#include <vector>

namespace {
struct Waiting
{
    QPointer<QTcpSocket> socket;
    QHttpServerResponder responder;
};
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    const bool twoThreads = args.size() > 1 && args.at(0) == QLatin1String("--threads") &&
                            args.at(1) == QLatin1String("2");
    if (twoThreads)
        args = args.mid(2);
    if (args.size() < 2) {
        std::fprintf(stderr,
                     "usage: bench_least_server [--threads 2] PUBLIC_KEY_PEM DATABASE [PORT]\n");
        return 2;
    }
    QFile pem(args.at(0));
    Keyring keyring;
    if (!pem.open(QIODevice::ReadOnly) ||
        !keyring.addFromText(QStringLiteral("bench"), pem.readAll()).ok())
        qFatal("the public key does not load");
    const PublicKey key = keyring.keys().front().key;
    const QString database = args.at(1);
    LeastReceiver receiver(*key.rs256(), database);
    if (!receiver.error().isEmpty())
        qFatal("%s", qPrintable(receiver.error()));
    WalCheckpointer checkpointer(database);
    checkpointer.attach(receiver.connection());

    // The store thread's context (two threads); the receiver is used only there once it runs.
    QThread storeThread;
    QObject storeContext;
    if (twoThreads) {
        storeContext.moveToThread(&storeThread);
        storeThread.start();
    }

    std::vector<Waiting> waiting; // arrived, not yet handed to the store
    QVector<QByteArray> tokens;
    std::vector<Waiting> storing; // handed to the store thread, waiting for its word
    bool storeBusy = false;
    std::unique_ptr<CaptureHttpServer> server;
    const auto answer = [](std::vector<Waiting> &batch, bool stored) {
        for (Waiting &w : batch) {
            // QHttpServer 6.4 crashes writing to a socket that is gone (qt-6.4-notes.md).
            if (w.socket && w.socket->state() == QAbstractSocket::ConnectedState)
                w.responder.write(stored ? QHttpServerResponder::StatusCode::Ok
                                         : QHttpServerResponder::StatusCode::ServiceUnavailable);
        }
        batch.clear();
    };
    std::function<void()> handOver;
    handOver = [&] {
        if (waiting.empty() || storeBusy)
            return;
        if (!twoThreads) {
            answer(waiting, receiver.receive(tokens));
            tokens.clear();
            return;
        }
        storeBusy = true;
        storing = std::move(waiting);
        waiting.clear();
        QMetaObject::invokeMethod(&storeContext, [&, batch = std::move(tokens)] {
            const bool stored = receiver.receive(batch);
            QMetaObject::invokeMethod(&app, [&, stored] {
                answer(storing, stored);
                storeBusy = false;
                handOver();
            });
        });
        tokens.clear();
    };
    server = std::make_unique<CaptureHttpServer>(
        [&](const QHttpServerRequest &request, QTcpSocket *socket) {
            tokens.append(request.body());
            waiting.push_back({socket, server->makeResponder(request, socket)});
            if (waiting.size() == 1) // after the other requests of this pass
                QMetaObject::invokeMethod(&app, handOver, Qt::QueuedConnection);
        });
    const quint16 port =
        server->listen(QHostAddress::LocalHost, quint16(args.size() > 2 ? args.at(2).toInt() : 0));
    if (port == 0)
        return 1;
    std::printf("http://127.0.0.1:%u/\n", port);
    std::fflush(stdout);
    const int status = app.exec();
    storeThread.quit();
    storeThread.wait();
    return status;
}
