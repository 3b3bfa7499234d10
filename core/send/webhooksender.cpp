#include "send/webhooksender.h"

#include "send/curlmultiloop.h"

#include <QElapsedTimer>

#include <utility>

bool SendResult::delivered() const
{
    return status >= 200 && status <= 299 && latencyMs <= WebhookSender::kWixTimeoutMs &&
           error.isEmpty();
}

QString SendResult::outcomeText() const
{
    if (delivered())
        return QStringLiteral("delivered");
    if (!error.isEmpty())
        return QStringLiteral("failed: ") + error;
    if (status < 200 || status > 299)
        return QStringLiteral("failed: HTTP %1").arg(status);
    return QStringLiteral("failed: answered after %1 ms (Wix gives up at %2 ms)")
        .arg(latencyMs)
        .arg(WebhookSender::kWixTimeoutMs);
}

namespace {
// What is kept of an answer's body: enough for any receiver's message.
constexpr qsizetype kMaxAnswerBytes = 1 << 20;

curl_slist *requestHeaders()
{
    // "Expect:" drops curl's "Expect: 100-continue" for bodies over 1 kB: Wix sends none,
    // and a receiver that ignores it costs a round trip.
    static curl_slist *const headers =
        curl_slist_append(curl_slist_append(nullptr, "Content-Type: text/plain"), "Expect:");
    return headers;
}

size_t keepAnswer(char *data, size_t size, size_t count, void *answer)
{
    auto *body = static_cast<QByteArray *>(answer);
    const qsizetype bytes = qsizetype(size * count);
    body->append(data, qMin(bytes, qMax<qsizetype>(kMaxAnswerBytes - body->size(), 0)));
    return size * count;
}

CURL *newHandle()
{
    CURL *easy = curl_easy_init();
    if (!easy)
        return nullptr;
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, requestHeaders());
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, &keepAnswer);
    curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, long(WebhookSender::kWixTimeoutMs));
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    // Only where the user sends: no proxy from the environment, no redirect followed.
    curl_easy_setopt(easy, CURLOPT_PROXY, "");
    curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
    return easy;
}
} // namespace

// One send: owns its handle until it ends (then the handle goes back to the sender).
struct WebhookSender::Transfer
{
    CURL *easy = nullptr;
    QByteArray token; // curl reads the body from it without a copy
    QByteArray answer;
    char error[CURL_ERROR_SIZE] = {};
    QElapsedTimer timer;
    std::function<void(SendResult)> done;

    ~Transfer()
    {
        if (easy)
            curl_easy_cleanup(easy);
    }
};

WebhookSender::WebhookSender(QObject *parent)
    : QObject(parent)
    , m_transfers(std::make_unique<CurlMultiLoop>(this)) // a child: it follows a moveToThread()
{
    m_transfers->setMaxConnections(kMaxConnections);
}

WebhookSender::~WebhookSender()
{
    m_transfers.reset(); // the sends still running, with their handles
    for (void *easy : m_idleHandles)
        curl_easy_cleanup(easy);
}

void WebhookSender::post(const QUrl &target, const QByteArray &token,
                         std::function<void(SendResult)> done)
{
    auto transfer = std::make_shared<Transfer>();
    transfer->timer.start();
    transfer->token = token;
    transfer->done = std::move(done);
    if (m_idleHandles.empty()) {
        transfer->easy = newHandle();
    } else {
        transfer->easy = m_idleHandles.back();
        m_idleHandles.pop_back();
    }
    CURL *easy = transfer->easy;
    if (!easy) {
        QMetaObject::invokeMethod(
            this,
            [transfer] {
                SendResult result;
                result.error = QStringLiteral("libcurl could not start a transfer");
                transfer->done(result);
            },
            Qt::QueuedConnection);
        return;
    }
    curl_easy_setopt(easy, CURLOPT_URL, target.toEncoded().constData());
    curl_easy_setopt(easy, CURLOPT_POSTFIELDS, transfer->token.constData());
    curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(transfer->token.size()));
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, &transfer->answer);
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, transfer->error);
    m_transfers->start(easy, [this, transfer](CURL *, CURLcode code) {
        SendResult result;
        result.latencyMs = transfer->timer.elapsed();
        long status = 0;
        curl_easy_getinfo(transfer->easy, CURLINFO_RESPONSE_CODE, &status);
        result.status = int(status);
        result.body = std::move(transfer->answer);
        if (code == CURLE_OPERATION_TIMEDOUT) {
            result.status = 0;
            result.error = QStringLiteral("no answer within %1 ms").arg(kWixTimeoutMs);
        } else if (result.status == 0) {
            result.error =
                QString::fromUtf8(transfer->error[0] ? transfer->error : curl_easy_strerror(code));
        } else if (result.latencyMs > kWixTimeoutMs) {
            result.error = QStringLiteral("answered after %1 ms, past Wix's %2 ms")
                               .arg(result.latencyMs)
                               .arg(kWixTimeoutMs);
        }
        // The handle keeps its connection's place in curl's pool for the next send.
        curl_easy_setopt(transfer->easy, CURLOPT_ERRORBUFFER, nullptr);
        m_idleHandles.push_back(std::exchange(transfer->easy, nullptr));
        transfer->done(result);
    });
}
