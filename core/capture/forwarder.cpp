#include "capture/forwarder.h"

#include <QNetworkReply>
#include <QNetworkRequest>

#include <memory>

namespace {
bool isHopByHop(const QByteArray &name)
{
    static const QByteArrayList names = {
        "host",   "content-length", "connection",       "keep-alive", "transfer-encoding",
        "expect", "upgrade",        "proxy-connection", "te",         "trailer"};
    return names.contains(name.toLower());
}
} // namespace

Forwarder::Forwarder(QUrl target, QObject *parent)
    : QObject(parent)
    , m_target(std::move(target))
    , m_network(this) // a child, so it follows the forwarder to the capture thread
{}

void Forwarder::forward(const Delivery &delivery, std::function<void(ForwardResult)> done)
{
    QNetworkRequest request(m_target);
    for (const HttpHeader &header : delivery.headers) {
        if (!isHopByHop(header.name))
            request.setRawHeader(header.name, header.value);
    }
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(kGiveUpMs);
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    QNetworkReply *reply =
        m_network.sendCustomRequest(request, delivery.method.toLatin1(), delivery.body);
    connect(reply, &QNetworkReply::finished, this, [reply, timer, done = std::move(done)] {
        ForwardResult result;
        result.latencyMs = timer->elapsed();
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.body = reply->readAll();
        if (result.status == 0)
            result.error = reply->errorString();
        reply->deleteLater();
        done(result);
    });
}
