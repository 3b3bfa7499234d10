#pragma once

#include <QByteArray>
#include <QNetworkAccessManager>
#include <QObject>
#include <QUrl>

#include <functional>

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
// after Wix's 1250 ms.
class WebhookSender final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WebhookSender)

public:
    static constexpr int kWixTimeoutMs = 1250;

    explicit WebhookSender(QObject *parent = nullptr);
    void post(const QUrl &target, const QByteArray &token, std::function<void(SendResult)> done);

private:
    QNetworkAccessManager m_network;
};
