#pragma once

#include <curl/curl.h>

#include <QObject>
#include <QTimer>

#include <functional>
#include <unordered_map>

class QSocketNotifier;

// libcurl's multi interface driven by the Qt event loop of the thread this object lives in:
// curl's sockets are watched with QSocketNotifier and its timeouts with a QTimer, so
// transfers run beside the thread's other work, on connections kept open between them.
// Not thread-safe: use it from its own thread only.
class CurlMultiLoop final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CurlMultiLoop)

public:
    // Called once per transfer, from the event loop (never from inside start()), after the
    // handle has left the multi handle: the caller may reuse or free it.
    using Finished = std::function<void(CURL *easy, CURLcode code)>;

    explicit CurlMultiLoop(QObject *parent = nullptr);
    // Transfers still running are dropped: their handles are removed and their callbacks
    // never called. The handles stay the caller's.
    ~CurlMultiLoop() override;

    // Limits the connections open at once, and keeps that many open between transfers;
    // transfers beyond it wait for one. 0: no limit (and curl's default cache).
    void setMaxConnections(long connections);
    void start(CURL *easy, Finished finished);

private:
    struct SocketWatch
    {
        QSocketNotifier *read = nullptr;
        QSocketNotifier *write = nullptr;
    };

    static int onSocket(CURL *easy, curl_socket_t socket, int what, void *loop, void *unused);
    static int onTimer(CURLM *multi, long timeoutMs, void *loop);
    void act(curl_socket_t socket, int events);
    void finishDone();

    CURLM *m_multi = nullptr;
    QTimer m_timer;
    std::unordered_map<CURL *, Finished> m_running;
    // Per socket number, kept while this loop lives: curl drops a kept-open connection's
    // socket after each transfer and takes it back for the next, and new notifiers for
    // every send cost more than enabling the old ones again.
    std::unordered_map<curl_socket_t, SocketWatch> m_watches;
};
