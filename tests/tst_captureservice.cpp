#include "capture/captureservice.h"
#include "store/sessionstore.h"

#include "testkeys.h"
#include "tokenfactory.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QtTest>

using namespace TokenFactory;

// A real capture server on a free loopback port, real keys and a real session file.
class TestCaptureService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void signedTokenIsVerifiedStoredAndAnswered();
    void everyBodyIsCapturedAndLabelled_data();
    void everyBodyIsCapturedAndLabelled();
    void anyMethodAnyPath();
    void headersKeepOrderCaseAndDuplicates();
    void bodyLimit();
    void responsePolicy();
    void failNextPreset();
    void lateAnswerPreset();
    void storeFailureAnswers503();
    void portInUseIsNamed();
    void kidPicksTheKey();
    void forwardRecordsTheAppsAnswer();
    void forwardMarksSlowAnswers();
    void idleConnectionsTimeOut();
    void pipelinedAnswersKeepOrder();

private:
    struct Reply
    {
        int status = 0;
        QByteArray body;
        qint64 elapsedMs = 0;
    };
    Reply send(const QByteArray &method, const QString &path, const QByteArray &body,
               const QList<QPair<QByteArray, QByteArray>> &headers = {});
    bool start(CaptureOptions options = {}, const Keyring &keyring = {});
    QVector<Delivery> storedDeliveries() const;
    QByteArray token(const char *example = "contact_created.json") const;

    QNetworkAccessManager m_network;
    QTemporaryDir m_dir;
    TestKeyPair m_pair;
    Keyring m_keyring;
    std::unique_ptr<CaptureService> m_service;
    QVector<Delivery> m_committed;
    QString m_session;
};

void TestCaptureService::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_pair = TestKeyPair::generate();
    QVERIFY(m_keyring.addFromText(QStringLiteral("app"), m_pair.spkiPem).ok());
}

void TestCaptureService::init()
{
    m_committed.clear();
    m_session =
        m_dir.filePath(QStringLiteral("%1-%2.hookscope")
                           .arg(QLatin1String(QTest::currentTestFunction()),
                                QString::number(qHash(QLatin1String(QTest::currentDataTag())))));
    m_service = std::make_unique<CaptureService>();
    connect(m_service.get(), &CaptureService::committed, this,
            [this](const QVector<Delivery> &deliveries) { m_committed += deliveries; });
}

void TestCaptureService::cleanup()
{
    m_service.reset();
}

bool TestCaptureService::start(CaptureOptions options, const Keyring &keyring)
{
    options.port = 0;
    QString error;
    const bool ok = m_service->start(options, m_session, JwtVerifier(keyring), &error);
    if (!ok)
        qWarning("start: %s", qPrintable(error));
    return ok;
}

QByteArray TestCaptureService::token(const char *example) const
{
    return signRs256(
        wixClaims(loadExample(QLatin1String(example)), QDateTime::currentSecsSinceEpoch()),
        m_pair.privateKey);
}

TestCaptureService::Reply
TestCaptureService::send(const QByteArray &method, const QString &path, const QByteArray &body,
                         const QList<QPair<QByteArray, QByteArray>> &headers)
{
    QUrl url = m_service->url();
    const qsizetype q = path.indexOf(QLatin1Char('?'));
    url.setPath(q < 0 ? path : path.left(q));
    if (q >= 0)
        url.setQuery(path.mid(q + 1));
    QNetworkRequest request(url);
    for (const auto &header : headers)
        request.setRawHeader(header.first, header.second);
    if (!request.hasRawHeader("Content-Type"))
        request.setRawHeader("Content-Type", "text/plain");
    QElapsedTimer timer;
    timer.start();
    QNetworkReply *reply = m_network.sendCustomRequest(request, method, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    finished.wait(20000);
    Reply result;
    result.elapsedMs = timer.elapsed();
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    reply->deleteLater();
    return result;
}

QVector<Delivery> TestCaptureService::storedDeliveries() const
{
    SessionStore store;
    if (!store.open(m_session))
        return {};
    return store.loadAfter(0, 100000);
}

void TestCaptureService::signedTokenIsVerifiedStoredAndAnswered()
{
    QVERIFY(start({}, m_keyring));
    QCOMPARE(m_service->url().host(), QStringLiteral("127.0.0.1"));
    const QByteArray body = token();
    const Reply reply = send("POST", QStringLiteral("/webhooks/wix"), body);
    QCOMPARE(reply.status, 200);
    QVERIFY(reply.body.isEmpty());
    // Answered 2xx means committed: the session holds it now.
    const QVector<Delivery> stored = storedDeliveries();
    QCOMPARE(stored.size(), 1);
    const Delivery &d = stored.first();
    QCOMPARE(d.seq, qint64(1));
    QCOMPARE(d.body, body);
    QCOMPARE(d.signature, SignatureStatus::Valid);
    QCOMPARE(d.keyName, QStringLiteral("app"));
    QCOMPARE(d.bodyKind, BodyKind::Jwt);
    QCOMPARE(d.event.eventType, QStringLiteral("wix.contacts.v4.contact_created"));
    QCOMPARE(d.answerStatus, 200);
    QCOMPARE(d.peer, QStringLiteral("127.0.0.1"));
    QVERIFY(qAbs(d.arrivalMs - QDateTime::currentMSecsSinceEpoch()) < 10000);
    QTRY_COMPARE(m_committed.size(), 1);
    QCOMPARE(m_committed.first().seq, qint64(1));
}

void TestCaptureService::everyBodyIsCapturedAndLabelled_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("reason");

    QTest::newRow("empty") << QByteArray() << QByteArray("text/plain") << int(BodyKind::Empty)
                           << "empty_token";
    QTest::newRow("JSON") << QByteArray(R"({"eventType":"x"})") << QByteArray("application/json")
                          << int(BodyKind::Json) << "not_three_segments";
    QTest::newRow("form") << QByteArray("a=1&b=2")
                          << QByteArray("application/x-www-form-urlencoded") << int(BodyKind::Form)
                          << "not_three_segments";
    QTest::newRow("binary") << QByteArray("\x00\x01\xff\xfe", 4)
                            << QByteArray("application/octet-stream") << int(BodyKind::Binary)
                            << "not_three_segments";
    QTest::newRow("truncated token") << token().left(200) << QByteArray("text/plain")
                                     << int(BodyKind::MalformedJwt) << "not_three_segments";
    QTest::newRow("alg none") << sign(QJsonObject{{QStringLiteral("alg"), QStringLiteral("none")}},
                                      wixClaims(loadExample(QStringLiteral("app_installed.json")),
                                                1),
                                      m_pair.privateKey)
                              << QByteArray("text/plain") << int(BodyKind::Jwt) << "alg_none";
}

void TestCaptureService::everyBodyIsCapturedAndLabelled()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentType);
    QFETCH(int, kind);
    QFETCH(QString, reason);
    QVERIFY(start({}, m_keyring));
    QCOMPARE(send("POST", QStringLiteral("/"), body, {{"Content-Type", contentType}}).status, 200);
    const QVector<Delivery> stored = storedDeliveries();
    QCOMPARE(stored.size(), 1);
    QCOMPARE(stored.first().body, body);
    QCOMPARE(int(stored.first().bodyKind), kind);
    QCOMPARE(reasonCode(stored.first().reason), reason);
    QVERIFY(!stored.first().verdictMessage.isEmpty());
}

void TestCaptureService::anyMethodAnyPath()
{
    QVERIFY(start());
    QCOMPARE(send("PUT", QStringLiteral("/a/b/c?x=1&y=%20z"), "p").status, 200);
    QCOMPARE(send("DELETE", QStringLiteral("/deep/path"), QByteArray()).status, 200);
    QCOMPARE(send("GET", QStringLiteral("/"), QByteArray()).status, 200);
    QCOMPARE(send("PATCH", QStringLiteral("/webhooks"), "x").status, 200);
    const QVector<Delivery> stored = storedDeliveries();
    QCOMPARE(stored.size(), 4);
    QCOMPARE(stored.at(0).method, QStringLiteral("PUT"));
    QCOMPARE(stored.at(0).path, QStringLiteral("/a/b/c"));
    QCOMPARE(stored.at(0).query, QStringLiteral("x=1&y=%20z"));
    QCOMPARE(stored.at(1).method, QStringLiteral("DELETE"));
    QCOMPARE(stored.at(2).method, QStringLiteral("GET"));
    QCOMPARE(stored.at(3).method, QStringLiteral("PATCH"));
}

void TestCaptureService::headersKeepOrderCaseAndDuplicates()
{
    QVERIFY(start());
    QTcpSocket socket;
    socket.connectToHost(m_service->url().host(), quint16(m_service->url().port()));
    QVERIFY(socket.waitForConnected(5000));
    socket.write("POST /h HTTP/1.1\r\nHost: x\r\nX-Zeta: 1\r\nx-alpha: 2\r\nX-Zeta: 3\r\n"
                 "Content-Length: 2\r\n\r\nhi");
    QTRY_VERIFY(socket.bytesAvailable() > 0 || socket.waitForReadyRead(100));
    QVERIFY(socket.readAll().startsWith("HTTP/1.1 200"));
    const Delivery d = storedDeliveries().value(0);
    QStringList names;
    for (const HttpHeader &header : d.headers)
        names << QString::fromLatin1(header.name + '=' + header.value);
    QCOMPARE(names, QStringList({QStringLiteral("Host=x"), QStringLiteral("X-Zeta=1"),
                                 QStringLiteral("x-alpha=2"), QStringLiteral("X-Zeta=3"),
                                 QStringLiteral("Content-Length=2")}));
}

void TestCaptureService::bodyLimit()
{
    CaptureOptions options;
    options.maxBodyBytes = 1000;
    QVERIFY(start(options));
    QCOMPARE(send("POST", QStringLiteral("/at"), QByteArray(1000, 'a')).status, 200);
    const Reply over = send("POST", QStringLiteral("/over"), QByteArray(1001, 'a'));
    QCOMPARE(over.status, 413);
    // A huge body is refused at its announced length, before it is sent whole.
    QTcpSocket huge;
    huge.connectToHost(m_service->url().host(), quint16(m_service->url().port()));
    QVERIFY(huge.waitForConnected(5000));
    huge.write("POST /huge HTTP/1.1\r\nHost: x\r\nContent-Length: 20971520\r\n\r\n" +
               QByteArray(4096, 'a'));
    QByteArray answer;
    QTRY_VERIFY_WITH_TIMEOUT((answer += huge.readAll()).contains("\r\n\r\n"), 5000);
    QVERIFY2(answer.startsWith("HTTP/1.1 413"), answer.constData());
    QTRY_COMPARE_WITH_TIMEOUT(huge.state(), QAbstractSocket::UnconnectedState, 5000);
    QCOMPARE(send("POST", QStringLiteral("/after"), "ok").status, 200);
    QTRY_COMPARE(storedDeliveries().size(), 4);
    const QVector<Delivery> stored = storedDeliveries();
    QHash<QString, Delivery> byPath;
    for (const Delivery &d : stored)
        byPath.insert(d.path, d);
    QCOMPARE(byPath.value(QStringLiteral("/at")).body.size(), 1000);
    QCOMPARE(byPath.value(QStringLiteral("/over")).bodyKind, BodyKind::Oversize);
    QCOMPARE(byPath.value(QStringLiteral("/over")).size, qint64(1001));
    QCOMPARE(byPath.value(QStringLiteral("/over")).answerStatus, 413);
    QVERIFY(byPath.value(QStringLiteral("/over")).body.isEmpty());
    QCOMPARE(byPath.value(QStringLiteral("/huge")).size, qint64(20 * 1024 * 1024));
    QCOMPARE(byPath.value(QStringLiteral("/after")).body, QByteArray("ok"));
}

void TestCaptureService::responsePolicy()
{
    QVERIFY(start());
    m_service->policy().setDefault({202, "accepted", 0});
    m_service->policy().setForPath(QStringLiteral("/broken"), {500, "boom", 0});
    const Reply normal = send("POST", QStringLiteral("/ok"), "x");
    QCOMPARE(normal.status, 202);
    QCOMPARE(normal.body, QByteArray("accepted"));
    const Reply broken = send("POST", QStringLiteral("/broken"), "x");
    QCOMPARE(broken.status, 500);
    QCOMPARE(broken.body, QByteArray("boom"));
    const QVector<Delivery> stored = storedDeliveries();
    QCOMPARE(stored.size(), 2);
    QCOMPARE(stored.at(1).answerStatus, 500);
    QCOMPARE(stored.at(1).answerBody, QByteArray("boom"));
}

void TestCaptureService::failNextPreset()
{
    QVERIFY(start());
    m_service->policy().failNext(2);
    QCOMPARE(send("POST", QStringLiteral("/"), "1").status, 500);
    QCOMPARE(send("POST", QStringLiteral("/"), "2").status, 500);
    QCOMPARE(send("POST", QStringLiteral("/"), "3").status, 200);
    QCOMPARE(m_service->policy().pendingFailures(), 0);
    QCOMPARE(storedDeliveries().size(), 3);
}

void TestCaptureService::lateAnswerPreset()
{
    QVERIFY(start());
    m_service->policy().answerLate();
    const Reply late = send("POST", QStringLiteral("/"), "slow");
    QCOMPARE(late.status, 200);
    QVERIFY2(late.elapsedMs >= 1300, qPrintable(QString::number(late.elapsedMs)));
    QCOMPARE(storedDeliveries().value(0).answerDelayMs, 1300);
}

void TestCaptureService::storeFailureAnswers503()
{
    QVERIFY(start());
    QCOMPARE(send("POST", QStringLiteral("/"), "fine").status, 200);
    {
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
        db.setDatabaseName(m_session);
        QVERIFY(db.open());
        QVERIFY(QSqlQuery(db).exec(
            QStringLiteral("CREATE TRIGGER full BEFORE INSERT ON deliveries BEGIN "
                           "SELECT RAISE(ABORT, 'database or disk is full'); END")));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("raw"));
    QSignalSpy failed(m_service.get(), &CaptureService::storeFailed);
    const Reply reply = send("POST", QStringLiteral("/"), "lost?");
    QCOMPARE(reply.status, 503);
    QVERIFY2(reply.body.contains("disk is full"), reply.body.constData());
    QTRY_COMPARE(failed.size(), 1);
    QCOMPARE(storedDeliveries().size(), 1);
}

void TestCaptureService::portInUseIsNamed()
{
    QVERIFY(start());
    CaptureService second;
    CaptureOptions options;
    options.port = quint16(m_service->url().port());
    QString error;
    QVERIFY(!second.start(options, m_dir.filePath(QStringLiteral("second.hookscope")),
                          JwtVerifier(), &error));
    QVERIFY2(error.contains(QString::number(options.port)) &&
                 error.contains(QStringLiteral("in use")),
             qPrintable(error));
}

void TestCaptureService::kidPicksTheKey()
{
    const TestKeyPair other = TestKeyPair::generate();
    Keyring keyring;
    QVERIFY(keyring.addFromText(QStringLiteral("shop"), other.spkiPem).ok());
    QVERIFY(keyring.addFromText(QStringLiteral("crm"), m_pair.spkiPem).ok());
    QVERIFY(start({}, keyring));
    const QJsonObject claims = wixClaims(loadExample(QStringLiteral("contact_created.json")),
                                         QDateTime::currentSecsSinceEpoch());
    const QJsonObject header{{QStringLiteral("alg"), QStringLiteral("RS256")},
                             {QStringLiteral("kid"), QStringLiteral("crm")}};
    QCOMPARE(send("POST", QStringLiteral("/"), sign(header, claims, m_pair.privateKey)).status,
             200);
    QCOMPARE(send("POST", QStringLiteral("/"), signRs256(claims, other.privateKey)).status, 200);
    const QVector<Delivery> stored = storedDeliveries();
    QCOMPARE(stored.at(0).keyName, QStringLiteral("crm"));
    QCOMPARE(stored.at(1).keyName, QStringLiteral("shop"));
}

void TestCaptureService::forwardRecordsTheAppsAnswer()
{
    // The developer's receiver: a second capture service that fails with 500.
    CaptureService app;
    CaptureOptions appOptions;
    appOptions.port = 0;
    app.policy().setDefault({500, "handler threw", 0});
    QString error;
    QVERIFY2(app.start(appOptions, m_dir.filePath(QStringLiteral("app.hookscope")), JwtVerifier(),
                       &error),
             qPrintable(error));
    QVector<Delivery> received;
    connect(&app, &CaptureService::committed, this,
            [&received](const QVector<Delivery> &deliveries) { received += deliveries; });

    CaptureOptions options;
    options.forwardUrl = app.url().resolved(QUrl(QStringLiteral("/api/wix")));
    QVERIFY(start(options, m_keyring));
    const QByteArray body = token();
    const Reply reply = send("POST", QStringLiteral("/webhooks"), body, {{"X-Trace", "t-1"}});
    QCOMPARE(reply.status, 500);
    QCOMPARE(reply.body, QByteArray("handler threw"));
    QTRY_COMPARE(received.size(), 1);
    QCOMPARE(received.first().body, body);
    QCOMPARE(received.first().path, QStringLiteral("/api/wix"));
    bool traced = false;
    for (const HttpHeader &header : received.first().headers)
        traced |= header.name == "X-Trace" && header.value == "t-1";
    QVERIFY(traced);
    const Delivery d = storedDeliveries().value(0);
    QVERIFY(d.forward);
    QCOMPARE(d.forward->status, 500);
    QCOMPARE(d.forward->body, QByteArray("handler threw"));
    QVERIFY(d.forward->wixWouldRetry());
    QCOMPARE(d.answerStatus, 500);
}

void TestCaptureService::forwardMarksSlowAnswers()
{
    CaptureService app;
    CaptureOptions appOptions;
    appOptions.port = 0;
    app.policy().answerLate();
    QString error;
    QVERIFY(app.start(appOptions, m_dir.filePath(QStringLiteral("slowapp.hookscope")),
                      JwtVerifier(), &error));
    CaptureOptions options;
    options.forwardUrl = app.url();
    QVERIFY(start(options));
    QCOMPARE(send("POST", QStringLiteral("/"), "x").status, 200);
    const Delivery d = storedDeliveries().value(0);
    QVERIFY(d.forward);
    QCOMPARE(d.forward->status, 200);
    QVERIFY(d.forward->latencyMs >= 1250);
    QVERIFY(d.forward->wixWouldRetry());

    // An unreachable target is a 502 with the reason, and still recorded.
    app.stop();
    QCOMPARE(send("POST", QStringLiteral("/"), "y").status, 502);
    const Delivery unreachable = storedDeliveries().value(1);
    QVERIFY(unreachable.forward);
    QCOMPARE(unreachable.forward->status, 0);
    QVERIFY(!unreachable.forward->error.isEmpty());
}

void TestCaptureService::idleConnectionsTimeOut()
{
    CaptureOptions options;
    options.idleTimeoutMs = 300;
    QVERIFY(start(options));
    QTcpSocket idle;
    idle.connectToHost(m_service->url().host(), quint16(m_service->url().port()));
    QVERIFY(idle.waitForConnected(5000));
    idle.write("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nhalf");
    QTRY_COMPARE_WITH_TIMEOUT(idle.state(), QAbstractSocket::UnconnectedState, 5000);
    // Others were never blocked.
    QCOMPARE(send("POST", QStringLiteral("/"), "fine").status, 200);
}

void TestCaptureService::pipelinedAnswersKeepOrder()
{
    QVERIFY(start());
    m_service->policy().setForPath(QStringLiteral("/slow"), {201, "slow", 300});
    QTcpSocket socket;
    socket.connectToHost(m_service->url().host(), quint16(m_service->url().port()));
    QVERIFY(socket.waitForConnected(5000));
    socket.write("POST /slow HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\na"
                 "POST /fast HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\nb");
    QByteArray answers;
    QTRY_VERIFY_WITH_TIMEOUT((answers += socket.readAll()).count("HTTP/1.1") == 2, 5000);
    QVERIFY2(answers.indexOf("201") < answers.indexOf("200 OK"), answers.constData());
    QCOMPARE(storedDeliveries().size(), 2);
}

QTEST_GUILESS_MAIN(TestCaptureService)
#include "tst_captureservice.moc"
