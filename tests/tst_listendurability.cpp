#include "listenerhello.h"
#include "store/sessionstore.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QtTest>

// A real `hookscope listen` child receives deliveries and is killed with SIGKILL
// mid-load: every delivery it answered 2xx must be in its session.
class TestListenDurability : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void answeredDeliveriesSurviveSigkill_data();
    void answeredDeliveriesSurviveSigkill();
    void sigtermClosesCleanly();
    void portInUseIsAClearError();

private:
    QUrl startListener(QProcess &process, const QString &session, const QStringList &extra = {});
    QTemporaryDir m_dir;
};

void TestListenDurability::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QStandardPaths::setTestModeEnabled(true);
}

QUrl TestListenDurability::startListener(QProcess &process, const QString &session,
                                         const QStringList &extra)
{
    process.setProgram(QStringLiteral(HOOKSCOPE_BINARY));
    process.setArguments(QStringList{QStringLiteral("listen"), QStringLiteral("--port"),
                                     QStringLiteral("0"), QStringLiteral("--session"), session,
                                     QStringLiteral("--json")} +
                         extra);
    process.start();
    if (!process.waitForStarted(10000))
        return {};
    const QJsonObject hello = waitForListenerHello(process, 10000);
    return QUrl(hello.value(QStringLiteral("listening")).toString());
}

void TestListenDurability::answeredDeliveriesSurviveSigkill_data()
{
    QTest::addColumn<int>("killAfter");
    QTest::newRow("early") << 5;
    QTest::newRow("mid-load") << 120;
    QTest::newRow("random") << int(QRandomGenerator::global()->bounded(20, 300));
}

void TestListenDurability::answeredDeliveriesSurviveSigkill()
{
    QFETCH(int, killAfter);
    const QString session = m_dir.filePath(QStringLiteral("kill-%1.hookscope").arg(killAfter));
    QProcess listener;
    const QUrl url = startListener(listener, session);
    QVERIFY2(url.isValid() && url.port() > 0, listener.readAllStandardError().constData());

    QNetworkAccessManager network;
    QSet<QByteArray> answered;
    int sent = 0;
    int inFlight = 0;
    bool killed = false;
    const int concurrency = 16;
    std::function<void()> sendOne = [&] {
        const QByteArray body = "delivery-" + QByteArray::number(sent++);
        QNetworkRequest request(url);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("text/plain"));
        QNetworkReply *reply = network.post(request, body);
        ++inFlight;
        connect(reply, &QNetworkReply::finished, this, [&, reply, body] {
            --inFlight;
            if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() / 100 == 2)
                answered.insert(body);
            reply->deleteLater();
            if (!killed && answered.size() >= killAfter) {
                killed = true;
                listener.kill(); // SIGKILL: no chance to flush anything
            }
            if (!killed && sent < 5000)
                sendOne();
        });
    };
    for (int i = 0; i < concurrency; ++i)
        sendOne();
    QTRY_VERIFY_WITH_TIMEOUT(killed && inFlight == 0, 60000);
    QTRY_COMPARE_WITH_TIMEOUT(listener.state(), QProcess::NotRunning, 10000);
    QCOMPARE(listener.exitStatus(), QProcess::CrashExit);

    SessionStore store;
    QString error;
    QVERIFY2(store.open(session, &error), qPrintable(error));
    QCOMPARE(store.integrityCheck(), QStringLiteral("ok"));
    QSet<QByteArray> stored;
    for (const Delivery &d : store.loadAfter(0, 1000000))
        stored.insert(d.body);
    const QSet<QByteArray> lost = answered - stored;
    QVERIFY2(
        lost.isEmpty(),
        qPrintable(QStringLiteral("%1 answered deliveries lost, e.g. %2")
                       .arg(lost.size())
                       .arg(QString::fromLatin1(lost.isEmpty() ? QByteArray() : *lost.begin()))));
    QVERIFY(answered.size() >= killAfter);
    qInfo("answered %lld, stored %lld", qint64(answered.size()), qint64(stored.size()));
}

void TestListenDurability::sigtermClosesCleanly()
{
    const QString session = m_dir.filePath(QStringLiteral("term.hookscope"));
    QProcess listener;
    const QUrl url = startListener(listener, session);
    QVERIFY(url.isValid());
    QNetworkAccessManager network;
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("text/plain"));
    QNetworkReply *reply = network.post(request, QByteArray("hello"));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(10000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    listener.terminate(); // SIGTERM
    QVERIFY(listener.waitForFinished(10000));
    QCOMPARE(listener.exitStatus(), QProcess::NormalExit);
    QCOMPARE(listener.exitCode(), 0);
    const QByteArray out = listener.readAllStandardOutput();
    QVERIFY2(out.contains("\"body\":\"hello\""), out.constData());
    SessionStore store;
    QVERIFY(store.open(session));
    QCOMPARE(store.count(), qint64(1));
}

void TestListenDurability::portInUseIsAClearError()
{
    QTcpServer blocker;
    QVERIFY(blocker.listen(QHostAddress::LocalHost, 0));
    QProcess listener;
    listener.start(QStringLiteral(HOOKSCOPE_BINARY),
                   {QStringLiteral("listen"), QStringLiteral("--port"),
                    QString::number(blocker.serverPort()), QStringLiteral("--session"),
                    m_dir.filePath(QStringLiteral("busy.hookscope"))});
    QVERIFY(listener.waitForFinished(10000));
    QCOMPARE(listener.exitCode(), 1);
    const QByteArray err = listener.readAllStandardError();
    QVERIFY2(err.contains(QByteArray::number(blocker.serverPort())) && err.contains("in use"),
             err.constData());

    QProcess bad;
    bad.start(QStringLiteral(HOOKSCOPE_BINARY),
              {QStringLiteral("listen"), QStringLiteral("--port"), QStringLiteral("http")});
    QVERIFY(bad.waitForFinished(10000));
    QCOMPARE(bad.exitCode(), 2);
    QVERIFY(bad.readAllStandardError().contains("Usage:"));
}

QTEST_GUILESS_MAIN(TestListenDurability)
#include "tst_listendurability.moc"
