// Issue 7, target 1: the least receiver (leastreceiver.h) as a real HTTP server, to measure
// what this stack serves when a receiver does nothing but the target's work. Three designs:
// - one thread (--design 1, the default): the requests that arrive in one pass of the event
//   loop are verified, decoded and stored in one transaction, then answered (200, or 503 if
//   the batch failed), so no hand-off between threads costs anything;
// - two threads (--design 2), Hookscope's: the HTTP thread hands each batch to a store thread
//   that verifies, decodes and stores it, and answers when told it is stored; requests that
//   arrive meanwhile make the next batch;
// - three threads (--design 3): two HTTP threads share the port (SO_REUSEPORT: the kernel
//   spreads the connections), each verifying and decoding its requests as they arrive, and
//   one store thread commits whatever both have handed over, then tells each to answer.
// Every design copies SQLite's write-ahead log into the file on a thread of its own, as
// Hookscope does (WalCheckpointer). Usage: bench_least_server [--design 1|2|3]
// PUBLIC_KEY_PEM DATABASE [PORT] prints its URL, then serves until killed.
#include "leastreceiver.h"

#include "capture/capturehttpserver.h"
#include "jwt/keyring.h"
#include "store/walcheckpointer.h"

#include <QCoreApplication>
#include <QFile>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QMutex>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <vector>

namespace {
struct Waiting
{
    QPointer<QTcpSocket> socket;
    QHttpServerResponder responder;
};

void answer(std::vector<Waiting> &batch, bool stored)
{
    for (Waiting &w : batch) {
        // QHttpServer 6.4 crashes writing to a socket that is gone (qt-6.4-notes.md).
        if (w.socket && w.socket->state() == QAbstractSocket::ConnectedState)
            w.responder.write(stored ? QHttpServerResponder::StatusCode::Ok
                                     : QHttpServerResponder::StatusCode::ServiceUnavailable);
    }
    batch.clear();
}

// A listening socket on 127.0.0.1:port that others may share (SO_REUSEPORT); -1 on failure.
int sharedListener(quint16 *port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    const int on = 1;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(*port);
    socklen_t length = sizeof address;
    if (fd < 0 || ::setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &on, sizeof on) != 0 ||
        ::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0 ||
        ::listen(fd, 128) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length) != 0) {
        if (fd >= 0)
            ::close(fd);
        return -1;
    }
    *port = ntohs(address.sin_port);
    return fd;
}

// Design 3's store thread: commits what the HTTP threads hand over, grouped.
class GroupStore
{
public:
    using Done = std::function<void(bool stored)>; // called in the store thread
    explicit GroupStore(LeastReceiver &receiver)
        : m_receiver(receiver)
    {
        m_context.moveToThread(&m_thread);
        m_thread.start();
    }
    ~GroupStore()
    {
        m_thread.quit();
        m_thread.wait();
    }
    void add(QVector<QByteArray> tokens, Done done)
    {
        QMutexLocker lock(&m_mutex);
        m_tokens += tokens;
        m_done.push_back(std::move(done));
        if (m_scheduled)
            return;
        m_scheduled = true;
        QMetaObject::invokeMethod(
            &m_context, [this] { drain(); }, Qt::QueuedConnection);
    }

private:
    void drain()
    {
        for (;;) {
            QVector<QByteArray> tokens;
            std::vector<Done> done;
            {
                QMutexLocker lock(&m_mutex);
                if (m_done.empty()) {
                    m_scheduled = false;
                    return;
                }
                tokens.swap(m_tokens);
                done.swap(m_done);
            }
            const bool stored = m_receiver.store(tokens);
            for (Done &d : done)
                d(stored);
        }
    }

    LeastReceiver &m_receiver;
    QThread m_thread;
    QObject m_context;
    QMutex m_mutex;
    QVector<QByteArray> m_tokens;
    std::vector<Done> m_done;
    bool m_scheduled = false;
};

// Design 3's HTTP thread: its own QHttpServer on the shared port; verifies as requests come.
class VerifyingFront
{
public:
    VerifyingFront(const LeastReceiver &receiver, GroupStore &store, int listener)
        : m_receiver(receiver)
        , m_store(store)
    {
        m_context.moveToThread(&m_thread);
        m_thread.start();
        QMetaObject::invokeMethod(
            &m_context, [this, listener] { open(listener); }, Qt::BlockingQueuedConnection);
    }
    ~VerifyingFront()
    {
        QMetaObject::invokeMethod(
            &m_context, [this] { m_server.reset(); }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }

private:
    void open(int listener)
    {
        auto *tcp = new QTcpServer;
        tcp->setSocketDescriptor(listener);
        m_server = std::make_unique<CaptureHttpServer>(
            [this](const QHttpServerRequest &request, QTcpSocket *socket) {
                const QByteArray token = request.body();
                m_allDecode = m_allDecode && m_receiver.decodes(token);
                m_tokens.append(token);
                m_waiting.push_back({socket, m_server->makeResponder(request, socket)});
                if (m_waiting.size() == 1) // after the other requests of this pass
                    QMetaObject::invokeMethod(
                        &m_context, [this] { handOver(); }, Qt::QueuedConnection);
            });
        m_server->bind(tcp);
    }
    void handOver()
    {
        const quint64 batch = m_nextBatch++;
        m_batches[batch] = std::move(m_waiting);
        m_waiting.clear();
        const bool decoded = m_allDecode;
        m_allDecode = true;
        m_store.add(std::move(m_tokens), [this, batch, decoded](bool stored) {
            QMetaObject::invokeMethod(&m_context, [this, batch, ok = stored && decoded] {
                answer(m_batches[batch], ok);
                m_batches.erase(batch);
            });
        });
        m_tokens.clear();
    }

    const LeastReceiver &m_receiver;
    GroupStore &m_store;
    QThread m_thread;
    QObject m_context;
    std::unique_ptr<CaptureHttpServer> m_server;
    std::vector<Waiting> m_waiting;
    QVector<QByteArray> m_tokens;
    bool m_allDecode = true;
    quint64 m_nextBatch = 0;
    std::map<quint64, std::vector<Waiting>> m_batches;
};
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    int design = 1;
    if (args.size() > 1 && args.at(0) == QLatin1String("--design")) {
        design = args.at(1).toInt();
        args = args.mid(2);
    }
    if (args.size() < 2 || design < 1 || design > 3) {
        std::fprintf(stderr, "usage: bench_least_server [--design 1|2|3] PUBLIC_KEY_PEM "
                             "DATABASE [PORT]\n");
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
    quint16 port = quint16(args.size() > 2 ? args.at(2).toInt() : 0);

    if (design == 3) {
        GroupStore store(receiver);
        std::vector<std::unique_ptr<VerifyingFront>> fronts;
        for (int i = 0; i < 2; ++i) {
            const int listener = sharedListener(&port);
            if (listener < 0)
                return 1;
            fronts.push_back(std::make_unique<VerifyingFront>(receiver, store, listener));
        }
        std::printf("http://127.0.0.1:%u/\n", port);
        std::fflush(stdout);
        return app.exec();
    }

    // Designs 1 and 2. The store thread's context (design 2); the receiver is used only there
    // once it runs.
    QThread storeThread;
    QObject storeContext;
    if (design == 2) {
        storeContext.moveToThread(&storeThread);
        storeThread.start();
    }
    std::vector<Waiting> waiting; // arrived, not yet handed to the store
    QVector<QByteArray> tokens;
    std::vector<Waiting> storing; // handed to the store thread, waiting for its word
    bool storeBusy = false;
    std::unique_ptr<CaptureHttpServer> server;
    std::function<void()> handOver;
    handOver = [&] {
        if (waiting.empty() || storeBusy)
            return;
        if (design == 1) {
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
    port = server->listen(QHostAddress::LocalHost, port);
    if (port == 0)
        return 1;
    std::printf("http://127.0.0.1:%u/\n", port);
    std::fflush(stdout);
    const int status = app.exec();
    storeThread.quit();
    storeThread.wait();
    return status;
}
