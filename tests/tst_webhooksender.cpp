#include "send/webhooksender.h"

#include "httphead.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>

// The sender's HTTP as a receiver sees it: a raw server that counts connections, keeps every
// request and answers each with a set status, or not at all.
class RawReceiver final : public QObject
{
    Q_OBJECT

public:
    int status = 200;
    QByteArray answerBody = "ok";
    bool answers = true;
    int connections = 0;
    QVector<QByteArray> heads;
    QVector<QByteArray> bodies;

    explicit RawReceiver(QObject *parent = nullptr)
        : QObject(parent)
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                ++connections;
                auto buffer = std::make_shared<QByteArray>();
                connect(socket, &QTcpSocket::readyRead, this,
                        [this, socket, buffer] { read(socket, buffer.get()); });
            }
        });
        m_server.setListenBacklogSize(1024); // every connection the sender opens at once
        QVERIFY(m_server.listen(QHostAddress::LocalHost));
    }

    QUrl url() const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1/hook").arg(m_server.serverPort()));
    }

private:
    void read(QTcpSocket *socket, QByteArray *buffer)
    {
        *buffer += socket->readAll();
        for (;;) {
            const qsizetype end = buffer->indexOf("\r\n\r\n");
            if (end < 0)
                return;
            const QByteArray head = buffer->left(end);
            const qint64 length = contentLengthOf(head + "\r\n\r\n");
            if (buffer->size() < end + 4 + length)
                return;
            heads.append(head);
            bodies.append(buffer->mid(end + 4, length));
            buffer->remove(0, end + 4 + length);
            if (answers)
                socket->write("HTTP/1.1 " + QByteArray::number(status) + " X\r\nContent-Length: " +
                              QByteArray::number(answerBody.size()) + "\r\n\r\n" + answerBody);
        }
    }

    QTcpServer m_server;
};

class TestWebhookSender : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void postsTheTokenAsWixDoes();
    void keepsOneConnectionForSendsInTurn();
    void concurrentSendsAllAnswered();
    void keepsItsConnectionsAsSendsInFlightRiseAndFall();
    void nonSuccessStatusIsAFailureWithItsBody();
    void refusedConnectionIsAFailureWithItsReason();
    void silenceIsAFailureAtWixsLimit();
    void ignoresTheEnvironmentsProxy();
    void destroyedWithSendsInFlightCallsNothing();

private:
    static SendResult sendOne(WebhookSender &sender, const QUrl &target, const QByteArray &token);
};

SendResult TestWebhookSender::sendOne(WebhookSender &sender, const QUrl &target,
                                      const QByteArray &token)
{
    std::optional<SendResult> result;
    sender.post(target, token, [&result](const SendResult &r) { result = r; });
    [&] { QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 5000); }();
    return result.value_or(SendResult{});
}

void TestWebhookSender::postsTheTokenAsWixDoes()
{
    RawReceiver receiver;
    WebhookSender sender;
    const QByteArray token = QByteArray("eyJhbGciOiJSUzI1NiJ9.") + QByteArray(2000, 'x') + ".sig";
    const SendResult result = sendOne(sender, receiver.url(), token);
    QVERIFY2(result.delivered(), qPrintable(result.outcomeText()));
    QCOMPARE(result.status, 200);
    QCOMPARE(result.body, QByteArray("ok"));
    QCOMPARE(receiver.bodies, QVector<QByteArray>{token});
    const QByteArray head = receiver.heads.value(0).toLower();
    QVERIFY2(head.startsWith("post /hook http/1.1\r\n"), head.constData());
    QVERIFY2(head.contains("\r\ncontent-type: text/plain"), head.constData());
    // A body over 1 kB: no "Expect: 100-continue" round trip, which Wix never asks for.
    QVERIFY2(!head.contains("expect:"), head.constData());
}

void TestWebhookSender::keepsOneConnectionForSendsInTurn()
{
    RawReceiver receiver;
    WebhookSender sender;
    for (int i = 0; i < 20; ++i) {
        const SendResult result = sendOne(sender, receiver.url(), "token-" + QByteArray::number(i));
        QVERIFY2(result.delivered(), qPrintable(result.outcomeText()));
    }
    QCOMPARE(receiver.bodies.size(), 20);
    QCOMPARE(receiver.bodies.last(), QByteArray("token-19"));
    QCOMPARE(receiver.connections, 1);
}

void TestWebhookSender::concurrentSendsAllAnswered()
{
    RawReceiver receiver;
    WebhookSender sender;
    // More than the connections it opens: the rest wait for one, and are sent in time too.
    constexpr int kSends = 3 * WebhookSender::kMaxConnections;
    QStringList failures;
    int done = 0;
    for (int i = 0; i < kSends; ++i) {
        sender.post(receiver.url(), "t" + QByteArray::number(i), [&](const SendResult &r) {
            ++done;
            if (!r.delivered())
                failures.append(r.outcomeText());
        });
    }
    QTRY_COMPARE_WITH_TIMEOUT(done, kSends, 10000);
    QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QLatin1Char('\n'))));
    QCOMPARE(receiver.bodies.size(), kSends);
    QVERIFY2(receiver.connections <= WebhookSender::kMaxConnections,
             qPrintable(QString::number(receiver.connections)));
}

void TestWebhookSender::keepsItsConnectionsAsSendsInFlightRiseAndFall()
{
    // A run sends its tokens as they are signed: many at once, then one, then many again.
    // The connections opened for the many are kept for the next many, not closed when
    // fewer sends are running (libcurl's cache otherwise shrinks to 4 per running send).
    RawReceiver receiver;
    WebhookSender sender;
    constexpr int kBurst = 16;
    int done = 0;
    for (int round = 0; round < 10; ++round) {
        for (int i = 0; i < kBurst; ++i)
            sender.post(receiver.url(), "burst", [&done](const SendResult &) { ++done; });
        QTRY_COMPARE_WITH_TIMEOUT(done, (round + 1) * kBurst + round, 5000);
        const SendResult alone = sendOne(sender, receiver.url(), "alone");
        QVERIFY2(alone.delivered(), qPrintable(alone.outcomeText()));
        ++done;
    }
    QCOMPARE(receiver.bodies.size(), 10 * (kBurst + 1));
    QVERIFY2(receiver.connections <= kBurst, qPrintable(QString::number(receiver.connections)));
}

void TestWebhookSender::nonSuccessStatusIsAFailureWithItsBody()
{
    RawReceiver receiver;
    receiver.status = 500;
    receiver.answerBody = "boom";
    WebhookSender sender;
    const SendResult result = sendOne(sender, receiver.url(), "t");
    QCOMPARE(result.status, 500);
    QCOMPARE(result.body, QByteArray("boom"));
    QVERIFY(!result.delivered());
    QCOMPARE(result.outcomeText(), QStringLiteral("failed: HTTP 500"));
}

void TestWebhookSender::refusedConnectionIsAFailureWithItsReason()
{
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost));
    const quint16 port = closed.serverPort();
    closed.close();
    WebhookSender sender;
    const SendResult result =
        sendOne(sender, QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(port)), "t");
    QCOMPARE(result.status, 0);
    QVERIFY(!result.delivered());
    QVERIFY2(result.error.contains(QString::number(port)), qPrintable(result.error));
}

void TestWebhookSender::silenceIsAFailureAtWixsLimit()
{
    RawReceiver receiver;
    receiver.answers = false;
    WebhookSender sender;
    const SendResult result = sendOne(sender, receiver.url(), "t");
    QCOMPARE(result.status, 0);
    QCOMPARE(result.error, QStringLiteral("no answer within 1250 ms"));
    QVERIFY2(result.latencyMs >= WebhookSender::kWixTimeoutMs - 10 && result.latencyMs < 3000,
             qPrintable(QString::number(result.latencyMs)));
    QCOMPARE(receiver.bodies.size(), 1);
}

void TestWebhookSender::ignoresTheEnvironmentsProxy()
{
    // Sends go only where the user said: a proxy named by the environment is not used.
    QTcpServer proxy;
    QVERIFY(proxy.listen(QHostAddress::LocalHost));
    const QByteArray proxyUrl = "http://127.0.0.1:" + QByteArray::number(proxy.serverPort());
    for (const char *name : {"http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"})
        qputenv(name, proxyUrl);
    RawReceiver receiver;
    WebhookSender sender;
    const SendResult result = sendOne(sender, receiver.url(), "t");
    for (const char *name : {"http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"})
        qunsetenv(name);
    QVERIFY2(result.delivered(), qPrintable(result.outcomeText()));
    QCOMPARE(receiver.bodies.size(), 1);
    QVERIFY(!proxy.hasPendingConnections());
}

void TestWebhookSender::destroyedWithSendsInFlightCallsNothing()
{
    RawReceiver receiver;
    receiver.answers = false;
    auto sender = std::make_unique<WebhookSender>();
    int called = 0;
    for (int i = 0; i < 5; ++i)
        sender->post(receiver.url(), "t", [&called](const SendResult &) { ++called; });
    QTRY_COMPARE(receiver.bodies.size(), 5);
    sender.reset();
    QTest::qWait(WebhookSender::kWixTimeoutMs + 200);
    QCOMPARE(called, 0);
}

QTEST_GUILESS_MAIN(TestWebhookSender)
#include "tst_webhooksender.moc"
