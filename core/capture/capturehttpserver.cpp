#include "capture/capturehttpserver.h"

CaptureHttpServer::CaptureHttpServer(Handler handler, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_handler(std::move(handler))
{}

bool CaptureHttpServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    m_handler(request, socket);
    return true;
}

void CaptureHttpServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    m_handler(request, socket); // not reached: handleRequest takes everything
}
