#pragma once

#include <QAbstractHttpServer>

#include <functional>

// Every request, any method and path, goes to one handler: Hookscope has no
// routes of its own. The only class that talks to QHttpServer's API, with
// CaptureServer.
class CaptureHttpServer final : public QAbstractHttpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CaptureHttpServer)

public:
    using Handler = std::function<void(const QHttpServerRequest &, QTcpSocket *)>;

    explicit CaptureHttpServer(Handler handler, QObject *parent = nullptr);

    using QAbstractHttpServer::makeResponder;

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    Handler m_handler;
};
