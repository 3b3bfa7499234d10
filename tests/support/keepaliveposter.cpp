#include "keepaliveposter.h"

#include "httphead.h"

#include <QHostAddress>
#include <QTcpSocket>
#include <QTimer>

namespace {
constexpr int kReconnectMs = 20;

} // namespace

KeepAlivePoster::KeepAlivePoster(int connections, quint64 limit, RequestMaker maker,
                                 QObject *parent)
    : QObject(parent)
    , m_limit(limit)
    , m_maker(std::move(maker))
{
    for (int i = 0; i < connections; ++i)
        m_connections.append(new Connection);
}

KeepAlivePoster::~KeepAlivePoster()
{
    m_running = false;
    for (Connection *connection : std::as_const(m_connections)) {
        if (connection->socket) {
            connection->socket->disconnect(this);
            delete connection->socket;
        }
        delete connection;
    }
}

int KeepAlivePoster::inFlight() const
{
    int count = 0;
    for (const Connection *connection : m_connections)
        count += connection->busy ? 1 : 0;
    return count;
}

void KeepAlivePoster::start(quint16 port)
{
    m_port = port;
    m_running = true;
    for (Connection *connection : std::as_const(m_connections)) {
        if (!connection->socket || connection->socket->state() == QAbstractSocket::UnconnectedState)
            open(connection);
        else if (!connection->busy)
            sendNext(connection);
    }
}

void KeepAlivePoster::pause()
{
    m_running = false;
}

void KeepAlivePoster::open(Connection *connection)
{
    if (connection->socket) {
        connection->socket->disconnect(this);
        connection->socket->deleteLater();
    }
    connection->buffer.clear();
    auto *socket = new QTcpSocket(this);
    connection->socket = socket;
    connect(socket, &QTcpSocket::connected, this, [this, connection] { sendNext(connection); });
    connect(socket, &QTcpSocket::readyRead, this, [this, connection] { readAnswers(connection); });
    connect(socket, &QTcpSocket::disconnected, this, [this, connection] { onClosed(connection); });
    connect(socket, &QTcpSocket::errorOccurred, this, [this, connection, socket] {
        // A refused connect never reports disconnected.
        if (socket->state() == QAbstractSocket::UnconnectedState)
            onClosed(connection);
    });
    socket->connectToHost(QHostAddress::LocalHost, m_port);
}

void KeepAlivePoster::sendNext(Connection *connection)
{
    if (!m_running || connection->busy || m_nextId >= m_limit ||
        connection->socket->state() != QAbstractSocket::ConnectedState)
        return;
    connection->id = m_nextId++;
    connection->busy = true;
    connection->socket->write(m_maker(connection->id));
}

void KeepAlivePoster::readAnswers(Connection *connection)
{
    connection->buffer += connection->socket->readAll();
    for (;;) {
        const int end = connection->buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const QByteArray head = connection->buffer.left(end);
        const qint64 total = end + 4 + contentLengthOf(head);
        if (connection->buffer.size() < total)
            return;
        connection->buffer.remove(0, total);
        // "HTTP/1.1 200 OK"
        const int status = head.mid(9, 3).toInt();
        if (connection->busy) {
            connection->busy = false;
            Q_EMIT answered(connection->id, status);
        }
        sendNext(connection);
    }
}

void KeepAlivePoster::onClosed(Connection *connection)
{
    if (connection->busy) {
        connection->busy = false;
        Q_EMIT dropped(connection->id);
    }
    if (m_running) {
        QTimer::singleShot(kReconnectMs, this, [this, connection] {
            if (m_running && connection->socket &&
                connection->socket->state() == QAbstractSocket::UnconnectedState)
                open(connection);
        });
    }
}
