#pragma once

#include <QByteArray>
#include <QObject>
#include <QVector>

#include <functional>

class QTcpSocket;

// Load for a listener on a loopback port: `connections` keep-alive HTTP/1.1
// connections, each with one request in flight, numbered from 0 up to a limit.
// Every request ends as answered (with its status) or dropped (the connection
// closed first). A dropped connection is opened again while the poster runs.
class KeepAlivePoster final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeepAlivePoster)

public:
    // The raw request for number `id` (request line, headers and body).
    using RequestMaker = std::function<QByteArray(quint64 id)>;

    KeepAlivePoster(int connections, quint64 limit, RequestMaker maker, QObject *parent = nullptr);
    ~KeepAlivePoster() override;

    // (Re)starts sending to 127.0.0.1:port.
    void start(quint16 port);
    // Sends nothing new; what is in flight is still answered or dropped.
    void pause();
    bool isDone() const { return m_nextId >= m_limit && inFlight() == 0; }
    quint64 sent() const { return m_nextId; }
    int inFlight() const;

Q_SIGNALS:
    void answered(quint64 id, int status);
    void dropped(quint64 id);

private:
    struct Connection
    {
        QTcpSocket *socket = nullptr;
        QByteArray buffer;
        quint64 id = 0;
        bool busy = false;
    };

    void open(Connection *connection);
    void sendNext(Connection *connection);
    void readAnswers(Connection *connection);
    void onClosed(Connection *connection);

    quint64 m_limit;
    RequestMaker m_maker;
    QVector<Connection *> m_connections;
    quint16 m_port = 0;
    quint64 m_nextId = 0;
    bool m_running = false;
};
