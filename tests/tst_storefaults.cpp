#include "listenerhello.h"
#include "store/sessionstore.h"

#include <QTcpSocket>
#include <QtTest>

#include <csignal>
#include <functional>
#include <linux/capability.h>
#include <sys/prctl.h>
#include <sys/resource.h>

// Issue 8, durability: a real `hookscope listen` whose session cannot be written
// says so clearly, answers 503 (so Wix retries) and never 2xx for what it could not
// store, keeps answering, and stores again once the session can be written.
//
// A full disk is simulated with RLIMIT_FSIZE on the child (SIGXFSZ ignored): a write
// past the limit fails with EFBIG, which SQLite reports as a disk I/O error, just
// where a full disk would fail it with ENOSPC; "freeing space" raises the limit of
// the running child. A read-only session is a chmod of the file or its folder.
class TestStoreFaults : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void fullDiskIsAnswered503AndRecovers();
    void readOnlySessionIsAnswered503AndRecovers();
    void readOnlyFolderIsAClearError();

private:
    struct Answer
    {
        int status = 0;
        qint64 ms = 0;
    };
    quint16 startListener(QProcess &process, const QString &session);
    Answer post(quint16 port, const QByteArray &path, const QByteArray &body);
    void checkStored(const QString &session, const QMap<QByteArray, QByteArray> &answered2xx,
                     const QSet<QByteArray> &answered503);
    // Once the fault is gone: what `next` makes (path, body) is posted until three
    // deliveries are stored (within 15 s; 503s only before the first 200), the listener says
    // it can write again and stops cleanly, and the session holds every delivery answered
    // 2xx and none answered 503.
    void checkRecovery(QProcess &listener, quint16 port, const QString &session,
                       const std::function<std::pair<QByteArray, QByteArray>()> &next,
                       QMap<QByteArray, QByteArray> &answered2xx, QSet<QByteArray> &answered503);

    QTemporaryDir m_dir;
};

namespace {
constexpr rlim_t kFileSizeLimit = 2 * 1024 * 1024;
constexpr qint64 kAnswerWithinMs = 3000;

// In the child, between fork and exec. Root ignores file permissions
// (CAP_DAC_OVERRIDE): the child gives that up, so a read-only file is read-only to
// it as to anyone else. For other users this changes nothing.
void withoutPermissionOverride()
{
    ::prctl(PR_CAPBSET_DROP, CAP_DAC_OVERRIDE, 0, 0, 0);
    ::prctl(PR_CAPBSET_DROP, CAP_DAC_READ_SEARCH, 0, 0, 0);
}

// In the child: files cannot grow past the limit (the soft one, which the test
// raises later), and going past it is an error, not a signal that kills.
void withFileSizeLimit()
{
    ::signal(SIGXFSZ, SIG_IGN); // an ignored signal stays ignored across exec
    const rlimit limit{kFileSizeLimit, RLIM_INFINITY};
    ::setrlimit(RLIMIT_FSIZE, &limit);
}

QByteArray bodyOf(const QByteArray &marker, int size)
{
    QByteArray body = marker + ':';
    while (body.size() < size)
        body += marker;
    return body.left(size);
}
} // namespace

void TestStoreFaults::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QStandardPaths::setTestModeEnabled(true);
}

quint16 TestStoreFaults::startListener(QProcess &process, const QString &session)
{
    process.setProgram(QStringLiteral(HOOKSCOPE_BINARY));
    process.setArguments({QStringLiteral("listen"), QStringLiteral("--port"), QStringLiteral("0"),
                          QStringLiteral("--session"), session, QStringLiteral("--json")});
    process.start();
    if (!process.waitForStarted(10000))
        return 0;
    const QJsonObject hello = waitForListenerHello(process);
    connect(&process, &QProcess::readyReadStandardOutput, &process,
            [&process] { process.readAllStandardOutput(); });
    return quint16(QUrl(hello.value(QStringLiteral("listening")).toString()).port());
}

TestStoreFaults::Answer TestStoreFaults::post(quint16 port, const QByteArray &path,
                                              const QByteArray &body)
{
    Answer answer;
    QElapsedTimer timer;
    timer.start();
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(5000))
        return answer;
    socket.write("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n" +
                 "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    QByteArray reply;
    (void)QTest::qWaitFor(
        [&] {
            reply += socket.readAll();
            return reply.contains("\r\n\r\n") || socket.state() != QAbstractSocket::ConnectedState;
        },
        10000);
    answer.ms = timer.elapsed();
    answer.status = reply.startsWith("HTTP/1.1 ") ? reply.mid(9, 3).toInt() : 0;
    return answer;
}

void TestStoreFaults::checkStored(const QString &session,
                                  const QMap<QByteArray, QByteArray> &answered2xx,
                                  const QSet<QByteArray> &answered503)
{
    SessionStore store;
    QString error;
    QVERIFY2(store.open(session, &error), qPrintable(error));
    QCOMPARE(store.integrityCheck(), QStringLiteral("ok"));
    QHash<QByteArray, QByteArray> stored;
    for (const Delivery &d : store.loadAfter(0, 100000))
        stored.insert(d.path.toLatin1(), d.body);
    for (auto it = answered2xx.cbegin(); it != answered2xx.cend(); ++it) {
        QVERIFY2(stored.contains(it.key()),
                 qPrintable(QStringLiteral("answered 2xx but not stored: ") + it.key()));
        QVERIFY(stored.value(it.key()) == it.value());
    }
    // A 503 was the truth: Wix's retry of it will not be a duplicate.
    for (const QByteArray &path : answered503)
        QVERIFY2(!stored.contains(path),
                 qPrintable(QStringLiteral("answered 503 yet stored: ") + path));
}

void TestStoreFaults::fullDiskIsAnswered503AndRecovers()
{
    const QString session = m_dir.filePath(QStringLiteral("full.hookscope"));
    QProcess listener;
    listener.setChildProcessModifier(withFileSizeLimit);
    const quint16 port = startListener(listener, session);
    QVERIFY2(port > 0, listener.readAllStandardError().constData());

    QMap<QByteArray, QByteArray> answered2xx;
    QSet<QByteArray> answered503;
    int next = 0;
    int refusedInARow = 0;
    // 48 kB deliveries until the session's files reach the limit, then a few more.
    while (refusedInARow < 6 && next < 400) {
        const QByteArray path = "/full/" + QByteArray::number(next);
        const QByteArray body = bodyOf("full-" + QByteArray::number(next), 48 * 1024);
        ++next;
        const Answer answer = post(port, path, body);
        QVERIFY2(answer.status == 200 || answer.status == 503,
                 qPrintable(QStringLiteral("%1 answered %2")
                                .arg(QString::fromLatin1(path))
                                .arg(answer.status)));
        // Refused or not, the answer comes at once: nothing waits on the disk.
        QVERIFY2(answer.ms < kAnswerWithinMs, qPrintable(QStringLiteral("%1 ms").arg(answer.ms)));
        if (answer.status == 200) {
            answered2xx.insert(path, body); // (checked below to be stored, as every 2xx)
            refusedInARow = 0;
        } else {
            answered503.insert(path);
            ++refusedInARow;
        }
    }
    QVERIFY2(answered2xx.size() > 3, "the session was full from the start");
    QCOMPARE(refusedInARow, 6);
    QCOMPARE(listener.state(), QProcess::Running);
    const QByteArray said = listener.readAllStandardError();
    QVERIFY2(said.contains("cannot store deliveries, answering 503") &&
                 said.contains("the disk refused a write"),
             said.constData());
    // Said once, not once per delivery.
    QCOMPARE(said.count("cannot store deliveries"), 1);

    // Space is freed: the limit goes.
    const rlimit unlimited{RLIM_INFINITY, RLIM_INFINITY};
    QCOMPARE(::prlimit(pid_t(listener.processId()), RLIMIT_FSIZE, &unlimited, nullptr), 0);
    const auto nextFull = [&next] {
        const QByteArray number = QByteArray::number(next++);
        return std::make_pair("/full/" + number, bodyOf("full-" + number, 48 * 1024));
    };
    checkRecovery(listener, port, session, nextFull, answered2xx, answered503);
    if (QTest::currentTestFailed())
        return;
    qInfo("%lld answered 2xx, %lld answered 503 while full", qint64(answered2xx.size()),
          qint64(answered503.size()));
}

void TestStoreFaults::readOnlySessionIsAnswered503AndRecovers()
{
    const QString session = m_dir.filePath(QStringLiteral("readonly.hookscope"));
    QMap<QByteArray, QByteArray> answered2xx;
    QSet<QByteArray> answered503;
    {
        QProcess first;
        const quint16 port = startListener(first, session);
        QVERIFY(port > 0);
        QCOMPARE(post(port, "/ro/first", "first").status, 200);
        answered2xx.insert("/ro/first", "first");
        first.terminate();
        QVERIFY(first.waitForFinished(10000));
    }
    QVERIFY(QFile::setPermissions(session, QFileDevice::ReadOwner));

    QProcess listener;
    listener.setChildProcessModifier(withoutPermissionOverride);
    const quint16 port = startListener(listener, session);
    QVERIFY(port > 0); // (what it says on stderr is read below)
    // Said at once, before any delivery.
    QByteArray said;
    QVERIFY(QTest::qWaitFor(
        [&] {
            said += listener.readAllStandardError();
            return said.contains("read-only");
        },
        10000));
    QVERIFY2(said.contains("answering 503") && said.contains(QFile::encodeName(session)),
             said.constData());
    for (int i = 0; i < 3; ++i) {
        const QByteArray path = "/ro/refused-" + QByteArray::number(i);
        const Answer answer = post(port, path, path);
        QCOMPARE(answer.status, 503);
        QVERIFY(answer.ms < kAnswerWithinMs);
        answered503.insert(path);
    }

    // The user makes the file writable again (SQLite's -wal and -shm, made read-only
    // after it, are Hookscope's to follow).
    QVERIFY(QFile::setPermissions(session, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    int attempt = 0;
    const auto nextLater = [&attempt] {
        const QByteArray path = "/ro/later-" + QByteArray::number(attempt++);
        return std::make_pair(path, path);
    };
    checkRecovery(listener, port, session, nextLater, answered2xx, answered503);
}

void TestStoreFaults::checkRecovery(QProcess &listener, quint16 port, const QString &session,
                                    const std::function<std::pair<QByteArray, QByteArray>()> &next,
                                    QMap<QByteArray, QByteArray> &answered2xx,
                                    QSet<QByteArray> &answered503)
{
    int storedAgain = 0;
    QElapsedTimer recovery;
    recovery.start();
    while (storedAgain < 3 && recovery.elapsed() < 15000) {
        const auto [path, body] = next();
        const Answer answer = post(port, path, body);
        if (answer.status == 200) {
            answered2xx.insert(path, body);
            ++storedAgain;
        } else {
            QCOMPARE(answer.status, 503);
            QVERIFY2(storedAgain == 0, "503 again after recovering");
            answered503.insert(path);
            QTest::qWait(100);
        }
    }
    QCOMPARE(storedAgain, 3);
    QByteArray said;
    QTRY_VERIFY((said += listener.readAllStandardError()).contains("can be written again"));
    listener.terminate();
    QVERIFY(listener.waitForFinished(10000));
    QCOMPARE(listener.exitCode(), 0);
    checkStored(session, answered2xx, answered503);
}

void TestStoreFaults::readOnlyFolderIsAClearError()
{
    // Neither the file nor its folder can be written: not even SQLite's -wal and -shm
    // can be made, so the session cannot be read either and nothing listens.
    const QString folder = m_dir.filePath(QStringLiteral("locked"));
    QVERIFY(QDir().mkpath(folder));
    const QString session = folder + QStringLiteral("/s.hookscope");
    {
        SessionStore store;
        QVERIFY(store.open(session));
    }
    QVERIFY(QFile::setPermissions(session, QFileDevice::ReadOwner));
    QVERIFY(QFile::setPermissions(folder, QFileDevice::ReadOwner | QFileDevice::ExeOwner));
    QProcess listener;
    listener.setChildProcessModifier(withoutPermissionOverride);
    listener.start(QStringLiteral(HOOKSCOPE_BINARY),
                   {QStringLiteral("listen"), QStringLiteral("--port"), QStringLiteral("0"),
                    QStringLiteral("--session"), session});
    QVERIFY(listener.waitForFinished(10000));
    QFile::setPermissions(folder,
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    QCOMPARE(listener.exitCode(), 1);
    const QByteArray said = listener.readAllStandardError();
    QVERIFY2(said.contains(QFile::encodeName(session)) && said.contains("read-only"),
             said.constData());
    QVERIFY(!listener.readAllStandardOutput().contains("Listening"));
}

QTEST_GUILESS_MAIN(TestStoreFaults)
#include "tst_storefaults.moc"
