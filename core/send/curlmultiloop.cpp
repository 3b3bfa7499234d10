#include "send/curlmultiloop.h"

#include <QPointer>
#include <QSocketNotifier>

#include <limits>
#include <mutex>

CurlMultiLoop::CurlMultiLoop(QObject *parent)
    : QObject(parent)
    , m_timer(this) // children all, so the loop may move to another thread whole
{
    static std::once_flag globalInit;
    std::call_once(globalInit, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    m_multi = curl_multi_init();
    curl_multi_setopt(m_multi, CURLMOPT_SOCKETFUNCTION, &CurlMultiLoop::onSocket);
    curl_multi_setopt(m_multi, CURLMOPT_SOCKETDATA, this);
    curl_multi_setopt(m_multi, CURLMOPT_TIMERFUNCTION, &CurlMultiLoop::onTimer);
    curl_multi_setopt(m_multi, CURLMOPT_TIMERDATA, this);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] { act(CURL_SOCKET_TIMEOUT, 0); });
}

CurlMultiLoop::~CurlMultiLoop()
{
    for (const auto &[easy, finished] : m_running)
        curl_multi_remove_handle(m_multi, easy);
    m_running.clear();
    curl_multi_cleanup(m_multi); // closes the kept connections; the notifiers are children
}

void CurlMultiLoop::setMaxConnections(long connections)
{
    curl_multi_setopt(m_multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, connections);
    // And keeps as many open between transfers: by default curl's cache holds 4 per transfer
    // running, so each time fewer run it closes connections the next burst opens again
    // (2,121 connections for 16,000 sends at full speed).
    curl_multi_setopt(m_multi, CURLMOPT_MAXCONNECTS, connections);
}

void CurlMultiLoop::start(CURL *easy, Finished finished)
{
    m_running.emplace(easy, std::move(finished));
    // curl answers through onTimer() with a timeout of 0: the transfer begins in the loop.
    if (const CURLMcode code = curl_multi_add_handle(m_multi, easy); code != CURLM_OK) {
        Finished failed = std::move(m_running.at(easy));
        m_running.erase(easy);
        QMetaObject::invokeMethod(
            this, [easy, failed = std::move(failed)] { failed(easy, CURLE_FAILED_INIT); },
            Qt::QueuedConnection);
    }
}

int CurlMultiLoop::onSocket(CURL *, curl_socket_t socket, int what, void *loop, void *)
{
    auto *self = static_cast<CurlMultiLoop *>(loop);
    SocketWatch &watch = self->m_watches[socket];
    if (!watch.read) {
        watch.read = new QSocketNotifier(socket, QSocketNotifier::Read, self);
        watch.write = new QSocketNotifier(socket, QSocketNotifier::Write, self);
        connect(watch.read, &QSocketNotifier::activated, self,
                [self, socket] { self->act(socket, CURL_CSELECT_IN); });
        connect(watch.write, &QSocketNotifier::activated, self,
                [self, socket] { self->act(socket, CURL_CSELECT_OUT); });
    }
    // CURL_POLL_REMOVE comes before curl closes the socket: both disabled, so nothing
    // watches the number until curl hands it over again.
    watch.read->setEnabled(what == CURL_POLL_IN || what == CURL_POLL_INOUT);
    watch.write->setEnabled(what == CURL_POLL_OUT || what == CURL_POLL_INOUT);
    return 0;
}

int CurlMultiLoop::onTimer(CURLM *, long timeoutMs, void *loop)
{
    auto *self = static_cast<CurlMultiLoop *>(loop);
    if (timeoutMs < 0)
        self->m_timer.stop();
    else
        self->m_timer.start(int(qMin<long>(timeoutMs, std::numeric_limits<int>::max())));
    return 0;
}

void CurlMultiLoop::act(curl_socket_t socket, int events)
{
    int running = 0;
    curl_multi_socket_action(m_multi, socket, events, &running);
    finishDone();
}

void CurlMultiLoop::finishDone()
{
    const QPointer<CurlMultiLoop> alive(this);
    int queued = 0;
    while (CURLMsg *message = curl_multi_info_read(m_multi, &queued)) {
        if (message->msg != CURLMSG_DONE)
            continue;
        CURL *easy = message->easy_handle;
        const CURLcode code = message->data.result;
        curl_multi_remove_handle(m_multi, easy);
        const auto it = m_running.find(easy);
        if (it == m_running.end())
            continue;
        const Finished finished = std::move(it->second);
        m_running.erase(it);
        finished(easy, code);
        if (!alive) // the callback's owner deleted this loop
            return;
    }
}
