#include "capture/captureoptions.h"
#include "capturesession.h"
#include "mainwindow.h"
#include "mainwindowoptions.h"
#include "store/sessionstore.h"

#include "httphead.h"
#include "listenerhello.h"
#include "testkeys.h"
#include "tokenfactory.h"

#include <QNetworkInterface>
#include <QSettings>
#include <QTcpServer>
#include <QTcpSocket>
#include <QtTest>

#include <memory>

using namespace TokenFactory;

// Issue 8, security: Hookscope listens on loopback unless asked, and what it sends
// goes only where the user said. A delivery is attacker-controlled: its Host header,
// an absolute request target, forwarding headers, URLs in its body and a JWT header's
// jku/x5u may all name another address (here a decoy server), and a receiver may
// redirect there; forward and replay must still reach the configured target only.
class TestNetworkTargets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void listenDefaultsToLoopback();
    void windowDefaultsToLoopback();
    void forwardGoesOnlyToTheConfiguredTarget();
    void replayGoesOnlyToTheConfiguredTarget();

private:
    QTemporaryDir m_dir;
    TestKeyPair m_keys;
};

namespace {

// An HTTP receiver on loopback that records each request's head and answers 200, or
// 307 to `redirectTo` when the request carries "X-Redirect-Me".
class RecordingServer final : public QTcpServer
{
public:
    RecordingServer() { connect(this, &QTcpServer::newConnection, this, &RecordingServer::accept); }

    QVector<QByteArray> heads;
    QVector<QByteArray> bodies;
    int connections = 0;
    QByteArray redirectTo;

private:
    void accept()
    {
        while (QTcpSocket *socket = nextPendingConnection()) {
            ++connections;
            auto buffer = std::make_shared<QByteArray>();
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            connect(socket, &QTcpSocket::readyRead, this, [this, socket, buffer] {
                *buffer += socket->readAll();
                for (;;) {
                    const int end = buffer->indexOf("\r\n\r\n");
                    if (end < 0)
                        return;
                    const QByteArray head = buffer->left(end);
                    const qint64 total = end + 4 + contentLengthOf(head);
                    if (buffer->size() < total)
                        return;
                    heads.append(head);
                    bodies.append(buffer->mid(end + 4, total - end - 4));
                    buffer->remove(0, total);
                    if (!redirectTo.isEmpty() && head.toLower().contains("x-redirect-me"))
                        socket->write("HTTP/1.1 307 Temporary Redirect\r\nLocation: " + redirectTo +
                                      "\r\nContent-Length: 0\r\n\r\n");
                    else
                        socket->write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
                }
            });
        }
    }
};

QJsonObject helloOf(QProcess &process)
{
    return waitForListenerHello(process);
}

// One raw request; returns the answer's status (0 when there is none).
int exchange(quint16 port, const QByteArray &request)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(5000))
        return 0;
    socket.write(request);
    QByteArray answer;
    (void)QTest::qWaitFor(
        [&] {
            answer += socket.readAll();
            return answer.contains("\r\n\r\n") || socket.state() != QAbstractSocket::ConnectedState;
        },
        10000);
    return answer.startsWith("HTTP/1.1 ") ? answer.mid(9, 3).toInt() : 0;
}

QByteArray post(const QByteArray &target, const QByteArray &headers, const QByteArray &body)
{
    return "POST " + target + " HTTP/1.1\r\n" + headers +
           "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}
} // namespace

void TestNetworkTargets::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("HookscopeTargetsTest"));
    m_keys = TestKeyPair::generate();
}

void TestNetworkTargets::listenDefaultsToLoopback()
{
    QProcess listener;
    listener.start(QStringLiteral(HOOKSCOPE_BINARY),
                   {QStringLiteral("listen"), QStringLiteral("--port"), QStringLiteral("0"),
                    QStringLiteral("--session"), m_dir.filePath(QStringLiteral("loop.hookscope")),
                    QStringLiteral("--json")});
    QVERIFY(listener.waitForStarted(10000));
    const QUrl url(helloOf(listener).value(QStringLiteral("listening")).toString());
    QCOMPARE(url.host(), QStringLiteral("127.0.0.1"));
    QVERIFY(url.port() > 0);
    // Listening on loopback means nothing else: no other address of this machine answers.
    int elsewhere = 0;
    for (const QHostAddress &address : QNetworkInterface::allAddresses()) {
        if (address.isLoopback() || address.protocol() != QAbstractSocket::IPv4Protocol)
            continue;
        QTcpSocket socket;
        socket.connectToHost(address, quint16(url.port()));
        QVERIFY2(!socket.waitForConnected(2000),
                 qPrintable(address.toString() + QStringLiteral(" answered on the capture port")));
        ++elsewhere;
    }
    qInfo("checked %d non-loopback addresses", elsewhere);
    const QByteArray stderrText = listener.readAllStandardError();
    QVERIFY2(!stderrText.contains("beyond this machine"), stderrText.constData());
    listener.terminate();
    QVERIFY(listener.waitForFinished(10000));

    // Beyond loopback is a choice made out loud.
    QProcess wide;
    wide.start(QStringLiteral(HOOKSCOPE_BINARY),
               {QStringLiteral("listen"), QStringLiteral("--host"), QStringLiteral("0.0.0.0"),
                QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--session"),
                m_dir.filePath(QStringLiteral("wide.hookscope")), QStringLiteral("--json")});
    QVERIFY(wide.waitForStarted(10000));
    QCOMPARE(QUrl(helloOf(wide).value(QStringLiteral("listening")).toString()).host(),
             QStringLiteral("0.0.0.0"));
    QByteArray warned;
    QTRY_VERIFY((warned += wide.readAllStandardError()).contains("listening beyond this machine"));
    wide.terminate();
    QVERIFY(wide.waitForFinished(10000));

    QProcess help;
    help.start(QStringLiteral(HOOKSCOPE_BINARY),
               {QStringLiteral("listen"), QStringLiteral("--help")});
    QVERIFY(help.waitForFinished(10000));
    QVERIFY(help.readAllStandardOutput().contains("default 127.0.0.1"));
}

void TestNetworkTargets::windowDefaultsToLoopback()
{
    QCOMPARE(CaptureOptions().host, QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(MainWindowOptions().host, QHostAddress(QHostAddress::LocalHost));
    QSettings settings;
    settings.clear();
    MainWindowOptions options = MainWindowOptions::fromSettings();
    QCOMPARE(options.host.toString(), QStringLiteral("127.0.0.1"));
    QCOMPARE(options.port, CaptureOptions::kDefaultPort);
    // A setting that is not an address does not widen anything.
    settings.setValue(QStringLiteral("listen/host"), QStringLiteral("evil.example"));
    settings.sync();
    QCOMPARE(MainWindowOptions::fromSettings().host.toString(), QStringLiteral("127.0.0.1"));
    settings.clear();

    // The window as it starts: from the settings, on a free port.
    options = MainWindowOptions::fromSettings();
    options.sessionPath = m_dir.filePath(QStringLiteral("window.hookscope"));
    options.port = 0;
    MainWindow window(options);
    QTRY_VERIFY(!window.captureSession()->isLoading());
    QVERIFY2(window.captureSession()->isListening(),
             qPrintable(window.captureSession()->listenError()));
    QCOMPARE(window.captureSession()->url().host(), QStringLiteral("127.0.0.1"));
}

void TestNetworkTargets::forwardGoesOnlyToTheConfiguredTarget()
{
    RecordingServer target;
    RecordingServer decoy;
    QVERIFY(target.listen(QHostAddress::LocalHost));
    QVERIFY(decoy.listen(QHostAddress::LocalHost));
    const QByteArray decoyUrl = "http://127.0.0.1:" + QByteArray::number(decoy.serverPort());
    target.redirectTo = decoyUrl + "/redirected";

    QProcess listener;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    // A proxy in the environment does not divert what is forwarded to loopback either.
    environment.insert(QStringLiteral("http_proxy"), QString::fromLatin1(decoyUrl));
    environment.insert(QStringLiteral("HTTP_PROXY"), QString::fromLatin1(decoyUrl));
    environment.insert(QStringLiteral("no_proxy"), QString());
    listener.setProcessEnvironment(environment);
    listener.start(QStringLiteral(HOOKSCOPE_BINARY),
                   {QStringLiteral("listen"), QStringLiteral("--port"), QStringLiteral("0"),
                    QStringLiteral("--session"), m_dir.filePath(QStringLiteral("fwd.hookscope")),
                    QStringLiteral("--forward"),
                    QStringLiteral("http://127.0.0.1:%1/receiver").arg(target.serverPort()),
                    QStringLiteral("--json")});
    QVERIFY(listener.waitForStarted(10000));
    const quint16 port =
        quint16(QUrl(helloOf(listener).value(QStringLiteral("listening")).toString()).port());
    QVERIFY(port > 0);

    const QByteArray decoyHost = "127.0.0.1:" + QByteArray::number(decoy.serverPort());
    QJsonObject header{{QStringLiteral("alg"), QStringLiteral("RS256")},
                       {QStringLiteral("jku"), QString::fromLatin1(decoyUrl + "/jwks.json")},
                       {QStringLiteral("x5u"), QString::fromLatin1(decoyUrl + "/cert.pem")},
                       {QStringLiteral("kid"), QString::fromLatin1(decoyUrl)}};
    const QByteArray token = sign(header,
                                  wixClaims(loadExample(QStringLiteral("contact_created.json")),
                                            QDateTime::currentSecsSinceEpoch()),
                                  m_keys.privateKey);
    const QVector<QByteArray> requests = {
        post("/hook", "Host: " + decoyHost + "\r\n", token),
        post(decoyUrl + "/absolute", "Host: " + decoyHost + "\r\n", token),
        post("/hook",
             "Host: 127.0.0.1\r\nX-Forwarded-Host: " + decoyHost + "\r\nForwarded: host=" +
                 decoyHost + "\r\nX-Original-URL: " + decoyUrl + "/x\r\nReferer: " + decoyUrl +
                 "\r\nLocation: " + decoyUrl + "\r\nContent-Location: " + decoyUrl + "\r\n",
             token),
        post("/hook", "Host: 127.0.0.1\r\nContent-Type: application/json\r\n",
             "{\"url\":\"" + decoyUrl + "/hook\",\"callbackUrl\":\"" + decoyUrl + "\"}"),
        post("/hook", "Host: 127.0.0.1\r\nX-Redirect-Me: 1\r\n", token),
    };
    QVector<int> statuses;
    for (const QByteArray &request : requests)
        statuses.append(exchange(port, request));
    // Each was forwarded and answered with the receiver's answer; its redirect is
    // answered as it is, never followed.
    QCOMPARE(statuses, (QVector<int>{200, 200, 200, 200, 307}));
    QCOMPARE(target.heads.size(), requests.size());
    for (const QByteArray &head : std::as_const(target.heads))
        QVERIFY2(head.startsWith("POST /receiver HTTP/1.1"), head.constData());
    QCOMPARE(target.bodies.first(), token);
    QTest::qWait(300); // give a wrong connection time to show itself
    QCOMPARE(decoy.connections, 0);
    listener.terminate();
    QVERIFY(listener.waitForFinished(10000));
}

void TestNetworkTargets::replayGoesOnlyToTheConfiguredTarget()
{
    RecordingServer target;
    RecordingServer decoy;
    QVERIFY(target.listen(QHostAddress::LocalHost));
    QVERIFY(decoy.listen(QHostAddress::LocalHost));
    const QString decoyUrl = QStringLiteral("http://127.0.0.1:%1").arg(decoy.serverPort());

    // A recorded session whose deliveries name the decoy everywhere they can.
    const QString path = m_dir.filePath(QStringLiteral("replay.hookscope"));
    {
        SessionStore store;
        QVERIFY(store.open(path));
        QVector<Delivery> batch;
        for (int i = 0; i < 4; ++i) {
            const QJsonObject header{{QStringLiteral("alg"), QStringLiteral("RS256")},
                                     {QStringLiteral("jku"), decoyUrl + QStringLiteral("/jwks")}};
            Delivery d;
            d.arrivalMs = QDateTime::currentMSecsSinceEpoch();
            d.method = QStringLiteral("POST");
            d.path = decoyUrl + QStringLiteral("/recorded/%1").arg(i);
            d.headers = {
                {"Host", QStringLiteral("127.0.0.1:%1").arg(decoy.serverPort()).toLatin1()},
                {"Referer", decoyUrl.toLatin1()},
                {"X-Forwarded-Host", decoyUrl.toLatin1()}};
            d.body = sign(header,
                          wixClaims(loadExample(QStringLiteral("contact_updated.json")),
                                    QDateTime::currentSecsSinceEpoch()),
                          m_keys.privateKey);
            d.size = d.body.size();
            batch.append(d);
        }
        QVERIFY(store.append(batch));
    }
    const QString to = QStringLiteral("http://127.0.0.1:%1/replayed").arg(target.serverPort());
    for (const QStringList &extra :
         {QStringList{}, QStringList{QStringLiteral("--resign"), QStringLiteral("--shuffle"),
                                     QStringLiteral("--duplicate-rate"), QStringLiteral("1")}}) {
        QProcess replay;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("xdg")));
        environment.insert(QStringLiteral("http_proxy"), decoyUrl);
        replay.setProcessEnvironment(environment);
        replay.start(QStringLiteral(HOOKSCOPE_BINARY),
                     QStringList{QStringLiteral("replay"), QStringLiteral("--session"), path,
                                 QStringLiteral("--to"), to, QStringLiteral("--seed"),
                                 QStringLiteral("3")} +
                         extra);
        // The receivers live in this thread: keep its event loop running meanwhile.
        QVERIFY(QTest::qWaitFor([&] { return replay.state() == QProcess::NotRunning; }, 60000));
        QVERIFY2(replay.exitCode() == 0,
                 (replay.readAllStandardError() + replay.readAllStandardOutput()).constData());
    }
    QCOMPARE(target.heads.size(), 4 + 8);
    for (const QByteArray &head : std::as_const(target.heads))
        QVERIFY2(head.startsWith("POST /replayed HTTP/1.1"), head.constData());
    QTest::qWait(300);
    QCOMPARE(decoy.connections, 0);
}

QTEST_MAIN(TestNetworkTargets)
#include "tst_networktargets.moc"
