#pragma once

#include "capture/captureoptions.h"
#include "capture/requesthead.h"

#include <QHash>
#include <QTcpServer>
#include <QTimer>

class QTcpSocket;

// QHttpServer 6.4 enforces no limits at all. This server watches every byte
// before QHttpServer reads it: it bounds the number of connections, closes idle
// ones, and stops a request whose body passes the limit without buffering it.
class GuardedTcpServer final : public QTcpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GuardedTcpServer)

public:
    static constexpr int kLingerMs = 2000;

    explicit GuardedTcpServer(const CaptureOptions &options, QObject *parent = nullptr);
    ~GuardedTcpServer() override;

    int connectionCount() const { return int(m_connections.size()); }
    // QHttpServer handed over a whole request on this socket: start counting anew.
    void requestCompleted(QTcpSocket *socket);
    // The socket is busy answering (a delayed answer); idle timeouts wait.
    void setAwaitingAnswer(QTcpSocket *socket, bool awaiting);

Q_SIGNALS:
    // The request on `socket` passed the body limit. It has been answered 413 and
    // the connection is closing; `size` is the announced or received size.
    void oversize(const RequestHead &head, qint64 size, const QString &peer);

protected:
    void incomingConnection(qintptr handle) override;

private:
    struct Connection
    {
        QByteArray head;
        bool headComplete = false;
        qint64 bodySeen = 0;
        qint64 lastActivityMs = 0;
        bool draining = false;
        bool awaitingAnswer = false;
    };

    void inspect(QTcpSocket *socket);
    void refuse(QTcpSocket *socket, Connection &connection, int status, const QByteArray &reason);
    void sweepIdle();

    CaptureOptions m_options;
    QHash<QTcpSocket *, Connection> m_connections;
    QTimer m_idleSweep;
};
