#include "capture/guardedtcpserver.h"

#include <QDateTime>
#include <QTcpSocket>

namespace {
const QByteArray kHeadEnd("\r\n\r\n");
}

GuardedTcpServer::GuardedTcpServer(const CaptureOptions &options, QObject *parent)
    : QTcpServer(parent)
    , m_options(options)
{
    // Qt's default backlog (50) refuses bursts of connections the limits allow.
    setListenBacklogSize(qMin(options.maxConnections, 4096));
    setMaxPendingConnections(options.maxConnections);
    m_idleSweep.setInterval(qBound(50, options.idleTimeoutMs / 4, 1000));
    connect(&m_idleSweep, &QTimer::timeout, this, &GuardedTcpServer::sweepIdle);
    m_idleSweep.start();
}

GuardedTcpServer::~GuardedTcpServer()
{
    // The sockets are children, deleted after this class's members are gone:
    // their destroyed() must no longer reach m_connections.
    const QList<QTcpSocket *> sockets = m_connections.keys();
    m_connections.clear();
    for (QTcpSocket *socket : sockets)
        disconnect(socket, nullptr, this, nullptr);
}

void GuardedTcpServer::incomingConnection(qintptr handle)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(handle)) {
        delete socket;
        return;
    }
    if (m_connections.size() >= m_options.maxConnections) {
        socket->abort();
        socket->deleteLater();
        return;
    }
    m_connections.insert(socket, Connection{{}, false, 0, QDateTime::currentMSecsSinceEpoch()});
    // Connected before QHttpServer's own slot, so inspect() sees each byte first.
    connect(socket, &QTcpSocket::readyRead, this, [this, socket] { inspect(socket); });
    connect(socket, &QObject::destroyed, this, [this, socket] { m_connections.remove(socket); });
    connect(socket, &QTcpSocket::disconnected, this,
            [this, socket] { m_connections.remove(socket); });
    addPendingConnection(socket);
}

void GuardedTcpServer::inspect(QTcpSocket *socket)
{
    const auto it = m_connections.find(socket);
    if (it == m_connections.end())
        return;
    Connection &connection = *it;
    connection.lastActivityMs = QDateTime::currentMSecsSinceEpoch();
    if (connection.draining) {
        socket->readAll(); // QHttpServer never sees the rest of a refused request
        return;
    }
    const qint64 available = socket->bytesAvailable();
    if (!connection.headComplete) {
        const qint64 room = m_options.maxHeadBytes + 4 - connection.head.size();
        connection.head += socket->peek(qMin(available, qMax<qint64>(room, 0)));
        const qsizetype end = connection.head.indexOf(kHeadEnd);
        if (end < 0) {
            if (connection.head.size() > m_options.maxHeadBytes)
                refuse(socket, connection, 431, "Request Header Fields Too Large");
            return;
        }
        connection.headComplete = true;
        connection.bodySeen = connection.head.size() - (end + kHeadEnd.size());
        connection.head.truncate(end);
        if (RequestHead::contentLengthOf(connection.head) <= m_options.maxBodyBytes)
            return;
        RequestHead head;
        if (RequestHead::parse(connection.head, &head) &&
            head.contentLength > m_options.maxBodyBytes) {
            Q_EMIT oversize(head, head.contentLength, socket->peerAddress().toString());
            refuse(socket, connection, 413, "Payload Too Large");
        }
        return;
    }
    connection.bodySeen += available;
    if (connection.bodySeen > m_options.maxBodyBytes) {
        RequestHead head;
        RequestHead::parse(connection.head, &head);
        Q_EMIT oversize(head, connection.bodySeen, socket->peerAddress().toString());
        refuse(socket, connection, 413, "Payload Too Large");
    }
}

void GuardedTcpServer::refuse(QTcpSocket *socket, Connection &connection, int status,
                              const QByteArray &reason)
{
    connection.draining = true;
    socket->readAll();
    const QByteArray body = reason + '\n';
    socket->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + reason +
                  "\r\nContent-Type: text/plain\r\nContent-Length: " +
                  QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
    // A lingering close: closing while the client is still sending makes the kernel
    // reset the connection, and the client would lose the answer. Keep reading
    // (and discarding) for a moment first.
    QTimer::singleShot(kLingerMs, socket, [socket] { socket->disconnectFromHost(); });
}

void GuardedTcpServer::requestCompleted(QTcpSocket *socket)
{
    const auto it = m_connections.find(socket);
    if (it == m_connections.end())
        return;
    it->head.clear();
    it->headComplete = false;
    it->bodySeen = 0;
}

void GuardedTcpServer::setAwaitingAnswer(QTcpSocket *socket, bool awaiting)
{
    const auto it = m_connections.find(socket);
    if (it != m_connections.end()) {
        it->awaitingAnswer = awaiting;
        it->lastActivityMs = QDateTime::currentMSecsSinceEpoch();
    }
}

void GuardedTcpServer::sweepIdle()
{
    const qint64 cutoff = QDateTime::currentMSecsSinceEpoch() - m_options.idleTimeoutMs;
    QList<QTcpSocket *> idle;
    for (auto it = m_connections.cbegin(); it != m_connections.cend(); ++it) {
        if (!it->awaitingAnswer && it->lastActivityMs < cutoff)
            idle.append(it.key());
    }
    for (QTcpSocket *socket : idle) {
        m_connections.remove(socket);
        socket->abort();
    }
}
