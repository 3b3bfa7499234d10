#include "capture/captureserver.h"

#include "capture/capturehttpserver.h"
#include "capture/forwarder.h"
#include "capture/guardedtcpserver.h"
#include "capture/ingestpipeline.h"
#include "capture/requesthead.h"

#include <QDateTime>
#include <QHttpServerRequest>
#include <QMetaEnum>
#include <QTcpSocket>
#include <QTimer>

namespace {
QString methodName(QHttpServerRequest::Method method)
{
    const char *key = QMetaEnum::fromType<QHttpServerRequest::Method>().valueToKey(int(method));
    // QHttpServer 6.4 does not keep the raw verb of methods it does not know.
    return key ? QString::fromLatin1(key).toUpper() : QStringLiteral("UNKNOWN");
}

QString peerText(const QHostAddress &address)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    return isV4 ? QHostAddress(v4).toString() : address.toString();
}
} // namespace

CaptureServer::CaptureServer(const CaptureOptions &options, std::shared_ptr<ResponsePolicy> policy,
                             IngestPipeline *pipeline, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_policy(std::move(policy))
    , m_pipeline(pipeline)
{
    connect(m_pipeline, &IngestPipeline::stored, this, &CaptureServer::onStored);
    connect(m_pipeline, &IngestPipeline::storeFailed, this, &CaptureServer::onStoreFailed);
}

CaptureServer::~CaptureServer()
{
    close();
}

bool CaptureServer::listen(QString *error)
{
    close();
    m_tcp = new GuardedTcpServer(m_options, this);
    if (!m_tcp->listen(m_options.host, m_options.port)) {
        const bool inUse = m_tcp->serverError() == QAbstractSocket::AddressInUseError;
        *error = inUse ? QStringLiteral("port %1 on %2 is already in use")
                             .arg(m_options.port)
                             .arg(m_options.host.toString())
                       : QStringLiteral("cannot listen on %1:%2: %3")
                             .arg(m_options.host.toString())
                             .arg(m_options.port)
                             .arg(m_tcp->errorString());
        delete m_tcp;
        m_tcp = nullptr;
        return false;
    }
    connect(m_tcp, &GuardedTcpServer::oversize, this, &CaptureServer::onOversize);
    if (m_options.forwardUrl.isValid() && !m_forwarder)
        m_forwarder = new Forwarder(m_options.forwardUrl, this); // in this server's thread
    m_http = new CaptureHttpServer([this](const QHttpServerRequest &request,
                                          QTcpSocket *socket) { onRequest(request, socket); },
                                   this);
    m_http->bind(m_tcp);
    return true;
}

void CaptureServer::close()
{
    m_pending.clear();
    m_order.clear();
    m_watched.clear();
    // bind() made the HTTP server the TCP server's parent: one delete frees both.
    delete m_http;
    m_http = nullptr;
    m_tcp = nullptr;
}

bool CaptureServer::isListening() const
{
    return m_tcp && m_tcp->isListening();
}

quint16 CaptureServer::port() const
{
    return m_tcp ? m_tcp->serverPort() : 0;
}

QUrl CaptureServer::url() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(m_options.host.toString());
    url.setPort(port());
    url.setPath(QStringLiteral("/"));
    return url;
}

int CaptureServer::openConnections() const
{
    return m_tcp ? m_tcp->connectionCount() : 0;
}

void CaptureServer::onRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    m_tcp->requestCompleted(socket);
    Delivery delivery;
    delivery.arrivalMs = QDateTime::currentMSecsSinceEpoch();
    delivery.method = methodName(request.method());
    const QUrl url = request.url();
    delivery.path = url.path();
    delivery.query = url.query(QUrl::FullyEncoded);
    const auto headers = request.headers();
    delivery.headers.reserve(headers.size());
    for (const auto &header : headers)
        delivery.headers.append({header.first, header.second});
    delivery.body = request.body();
    delivery.size = delivery.body.size();
    delivery.peer = peerText(request.remoteAddress());

    const ResponsePlan plan = m_policy->take(delivery.path);
    delivery.answerStatus = plan.status;
    delivery.answerBody = plan.body;
    delivery.answerDelayMs = plan.delayMs;

    const quint64 ticket = m_nextTicket++;
    Pending pending{CaptureHttpServer::makeResponder(request, socket),
                    socket,
                    plan.status,
                    plan.body,
                    delivery.arrivalMs + plan.delayMs,
                    false};
    m_pending.emplace(ticket, std::move(pending));
    m_order[socket].append(ticket);
    m_tcp->setAwaitingAnswer(socket, true);
    if (!m_watched.contains(socket)) {
        m_watched.insert(socket);
        connect(socket, &QObject::destroyed, this, [this, socket] {
            m_watched.remove(socket);
            for (const quint64 t : m_order.take(socket))
                m_pending.erase(t);
        });
    }

    if (!m_forwarder) {
        submit(ticket, std::move(delivery));
        return;
    }
    QPointer<CaptureServer> self(this);
    m_forwarder->forward(delivery, [self, ticket, delivery](ForwardResult result) mutable {
        if (!self)
            return;
        delivery.forward = result;
        delivery.answerStatus = result.status > 0 ? result.status : 502;
        delivery.answerBody =
            result.status > 0
                ? result.body
                : "Hookscope could not reach the forward target: " + result.error.toUtf8() + '\n';
        const auto it = self->m_pending.find(ticket);
        if (it != self->m_pending.end()) {
            it->second.status = delivery.answerStatus;
            it->second.body = delivery.answerBody;
        }
        self->submit(ticket, std::move(delivery));
    });
}

void CaptureServer::submit(quint64 ticket, Delivery delivery)
{
    m_pipeline->submit(CapturedRequest{ticket, std::move(delivery)});
}

void CaptureServer::onOversize(const RequestHead &head, qint64 size, const QString &peer)
{
    Delivery delivery;
    delivery.arrivalMs = QDateTime::currentMSecsSinceEpoch();
    delivery.method = head.method;
    delivery.path = head.path;
    delivery.query = head.query;
    delivery.headers = head.headers;
    delivery.size = size;
    delivery.peer = peer;
    delivery.bodyKind = BodyKind::Oversize;
    delivery.answerStatus = 413;
    delivery.answerBody = "Payload Too Large\n";
    submit(0, std::move(delivery)); // already answered: no ticket to wake
}

void CaptureServer::onStored(const QVector<quint64> &tickets)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const quint64 ticket : tickets) {
        const auto it = m_pending.find(ticket);
        if (it == m_pending.end())
            continue;
        const qint64 wait = it->second.dueMs - now;
        if (wait <= 0)
            markReady(ticket);
        else
            QTimer::singleShot(int(wait), this, [this, ticket] { markReady(ticket); });
    }
}

void CaptureServer::onStoreFailed(const QVector<quint64> &tickets, const QString &reason)
{
    for (const quint64 ticket : tickets) {
        const auto it = m_pending.find(ticket);
        if (it == m_pending.end())
            continue;
        // Never acknowledge what could not be stored: 503 makes Wix retry.
        it->second.status = 503;
        it->second.body = "Hookscope could not store this delivery: " + reason.toUtf8() + '\n';
        markReady(ticket);
    }
    Q_EMIT storeFailed(reason);
}

void CaptureServer::markReady(quint64 ticket)
{
    const auto it = m_pending.find(ticket);
    if (it == m_pending.end())
        return;
    it->second.ready = true;
    flush(it->second.socket);
}

void CaptureServer::flush(QTcpSocket *socket)
{
    const auto order = m_order.find(socket);
    if (order == m_order.end())
        return;
    while (!order->isEmpty()) {
        const auto it = m_pending.find(order->first());
        if (it == m_pending.end()) {
            order->removeFirst();
            continue;
        }
        Pending &pending = it->second;
        if (!pending.ready)
            return;
        // QHttpServer 6.4 crashes writing to a socket that is gone (qt-6.4-notes.md).
        if (pending.socket && pending.socket->state() == QAbstractSocket::ConnectedState) {
            pending.responder.write(pending.body, "text/plain",
                                    QHttpServerResponder::StatusCode(pending.status));
        }
        m_pending.erase(it);
        order->removeFirst();
    }
    m_order.erase(order);
    if (socket && m_tcp)
        m_tcp->setAwaitingAnswer(socket, false);
}
