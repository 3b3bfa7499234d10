#pragma once

#include "capture/captureoptions.h"
#include "capture/delivery.h"
#include "capture/responsepolicy.h"

#include <QHash>
#include <QHttpServerResponder>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QUrl>

#include <memory>
#include <unordered_map>

class CaptureHttpServer;
class Forwarder;
class GuardedTcpServer;
class IngestPipeline;
class QHttpServerRequest;
class QTcpSocket;
struct RequestHead;

// Listens, records every request whatever its method, path or body, hands it to
// the ingest pipeline, and answers only once the delivery is committed (a 2xx
// promises Wix the delivery is safe). Lives in one thread; the pipeline in another.
class CaptureServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CaptureServer)

public:
    CaptureServer(const CaptureOptions &options, std::shared_ptr<ResponsePolicy> policy,
                  IngestPipeline *pipeline, QObject *parent = nullptr);
    ~CaptureServer() override;

    bool listen(QString *error);
    void close();
    bool isListening() const;
    QUrl url() const;
    quint16 port() const;
    int openConnections() const;

Q_SIGNALS:
    void storeFailed(const QString &reason);

private:
    struct Pending
    {
        QHttpServerResponder responder;
        QPointer<QTcpSocket> socket;
        int status = 200;
        QByteArray body;
        qint64 dueMs = 0;
        bool ready = false;
    };

    void onRequest(const QHttpServerRequest &request, QTcpSocket *socket);
    void onOversize(const RequestHead &head, qint64 size, const QString &peer);
    void onStored(const QVector<quint64> &tickets);
    void onStoreFailed(const QVector<quint64> &tickets, const QString &reason);
    void submit(quint64 ticket, Delivery delivery);
    void markReady(quint64 ticket);
    void flush(QTcpSocket *socket);

    CaptureOptions m_options;
    std::shared_ptr<ResponsePolicy> m_policy;
    IngestPipeline *m_pipeline;
    GuardedTcpServer *m_tcp = nullptr;
    CaptureHttpServer *m_http = nullptr;
    Forwarder *m_forwarder = nullptr;
    quint64 m_nextTicket = 1;
    std::unordered_map<quint64, Pending> m_pending;
    // Answers leave in request order per connection, as HTTP/1.1 pipelining needs.
    QHash<QTcpSocket *, QList<quint64>> m_order;
    QSet<QTcpSocket *> m_watched;
};
