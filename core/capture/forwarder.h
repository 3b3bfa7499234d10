#pragma once

#include "capture/delivery.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QObject>
#include <QUrl>

#include <functional>

// Forward mode: relays a delivery unmodified (method, body, headers) to the
// developer's own receiver and reports its answer and latency.
class Forwarder final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Forwarder)

public:
    static constexpr int kGiveUpMs = 30000;

    explicit Forwarder(QUrl target, QObject *parent = nullptr);
    QUrl target() const { return m_target; }

    void forward(const Delivery &delivery, std::function<void(ForwardResult)> done);

private:
    QUrl m_target;
    QNetworkAccessManager m_network;
};
