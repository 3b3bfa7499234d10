#pragma once

#include <QByteArray>
#include <QObject>
#include <QUrl>

#include <functional>
#include <memory>
#include <vector>

class CurlMultiLoop;

struct SendResult
{
    int status = 0; // 0: no HTTP answer
    qint64 latencyMs = 0;
    QByteArray body;
    QString error;
    // Like Wix: a 2xx within 1250 ms; a non-2xx, a network error or no answer in time fails.
    bool delivered() const;
    // "delivered", "failed: HTTP 500", "failed: <network error>", or too slow for Wix.
    QString outcomeText() const;
};

// POSTs a token as the body, as Wix does (Content-Type text/plain), giving up
// after Wix's 1250 ms. Through libcurl, on connections kept open between sends: Qt 6.4's
// QNetworkAccessManager, which reads an answer's status line and headers one byte per read()
// call, cost 269 us of CPU per send, more than a signature; curl costs about 20.
class WebhookSender final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WebhookSender)

public:
    static constexpr int kWixTimeoutMs = 1250;
    // Connections open at once; sends beyond it wait for one.
    static constexpr int kMaxConnections = 64;

    explicit WebhookSender(QObject *parent = nullptr);
    ~WebhookSender() override;
    // done() is called once, later, from this object's thread.
    void post(const QUrl &target, const QByteArray &token, std::function<void(SendResult)> done);

private:
    struct Transfer;

    std::unique_ptr<CurlMultiLoop> m_transfers;
    std::vector<void *> m_idleHandles; // curl easy handles, kept for their next send
};
