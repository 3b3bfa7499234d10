#include "capturesession.h"
#include "keyringstore.h"
#include "send/testkeystore.h"
#include "store/sessionlocations.h"
#include "store/sessionstore.h"

#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QtTest>

#include <sys/stat.h>

// Issue 8, security: what holds secrets or captured traffic is owner-only whatever
// the umask: private keys and session files 0600, SQLite's -wal and -shm beside a
// session too, the data folder 0700. The test runs with umask 0, so nothing here
// relies on the user's umask to be safe.
class TestFilePermissions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void sessionFilesAreOwnerOnly();
    void listenWritesOwnerOnlyFiles();
    void savedAsSessionIsOwnerOnly();
    void dataFolderIsOwnerOnly();
    void testKeyStoreWritesThePrivateKeyOwnerOnly();
    void keygenWritesThePrivateKeyOwnerOnly();

private:
    QProcessEnvironment childEnvironment() const;

    QTemporaryDir m_dir;
    mode_t m_umask = 022;
};

namespace {
QString modeOf(const QString &path)
{
    struct stat info;
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return QStringLiteral("missing");
    return QString::number(info.st_mode & 07777, 8);
}

Delivery delivery(const QByteArray &body)
{
    Delivery d;
    d.arrivalMs = QDateTime::currentMSecsSinceEpoch();
    d.method = QStringLiteral("POST");
    d.path = QStringLiteral("/");
    d.body = body;
    d.size = body.size();
    return d;
}
} // namespace

void TestFilePermissions::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QStandardPaths::setTestModeEnabled(true);
    m_umask = ::umask(0); // the worst case: every file would be created 0666, folders 0777
}

void TestFilePermissions::cleanupTestCase()
{
    ::umask(m_umask);
}

QProcessEnvironment TestFilePermissions::childEnvironment() const
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    // The child's data folder is a scratch one.
    environment.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("xdg")));
    environment.insert(QStringLiteral("HOME"), m_dir.filePath(QStringLiteral("home")));
    return environment;
}

void TestFilePermissions::sessionFilesAreOwnerOnly()
{
    const QString path = m_dir.filePath(QStringLiteral("store.hookscope"));
    SessionStore store;
    QString error;
    QVERIFY2(store.open(path, &error), qPrintable(error));
    QCOMPARE(modeOf(path), QStringLiteral("600"));
    QVector<Delivery> batch{delivery("one"), delivery("two")};
    QVERIFY2(store.append(batch, &error), qPrintable(error));
    // While a connection writes, SQLite keeps its log and shared memory beside the file.
    QCOMPARE(modeOf(path + QStringLiteral("-wal")), QStringLiteral("600"));
    QCOMPARE(modeOf(path + QStringLiteral("-shm")), QStringLiteral("600"));
}

void TestFilePermissions::listenWritesOwnerOnlyFiles()
{
    // The default session, in a data folder that does not exist yet.
    QProcess listener;
    listener.setProcessEnvironment(childEnvironment());
    listener.start(QStringLiteral(HOOKSCOPE_BINARY),
                   {QStringLiteral("listen"), QStringLiteral("--port"), QStringLiteral("0"),
                    QStringLiteral("--json")});
    QVERIFY(listener.waitForStarted(10000));
    QByteArray hello;
    QVERIFY(QTest::qWaitFor(
        [&] {
            hello += listener.readAllStandardOutput();
            return hello.contains('\n');
        },
        15000));
    const QJsonObject first = QJsonDocument::fromJson(hello.left(hello.indexOf('\n'))).object();
    const QUrl url(first.value(QStringLiteral("listening")).toString());
    const QString session = first.value(QStringLiteral("session")).toString();
    QVERIFY2(session.startsWith(m_dir.path()), qPrintable(session));

    QNetworkAccessManager network;
    network.setProxy(QNetworkProxy::NoProxy);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("text/plain"));
    std::unique_ptr<QNetworkReply> reply(network.post(request, QByteArray("secret-ish")));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    QVERIFY(finished.wait(10000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);

    QCOMPARE(modeOf(session), QStringLiteral("600"));
    QCOMPARE(modeOf(session + QStringLiteral("-wal")), QStringLiteral("600"));
    QCOMPARE(modeOf(session + QStringLiteral("-shm")), QStringLiteral("600"));
    QCOMPARE(modeOf(QFileInfo(session).path()), QStringLiteral("700"));
    listener.terminate();
    QVERIFY(listener.waitForFinished(10000));
    QCOMPARE(listener.exitCode(), 0);
    QCOMPARE(modeOf(session), QStringLiteral("600"));
}

void TestFilePermissions::savedAsSessionIsOwnerOnly()
{
    KeyringStore keys;
    CaptureSession session(&keys);
    CaptureOptions options;
    options.port = 0;
    QString error;
    QVERIFY2(session.open(m_dir.filePath(QStringLiteral("original.hookscope")), options, &error),
             qPrintable(error));
    QTRY_VERIFY(!session.isLoading());
    QVERIFY2(session.isListening(), qPrintable(session.listenError()));
    QNetworkAccessManager network;
    network.setProxy(QNetworkProxy::NoProxy);
    QNetworkRequest request(session.url());
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("text/plain"));
    std::unique_ptr<QNetworkReply> reply(network.post(request, QByteArray("kept")));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    QVERIFY(finished.wait(10000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);

    const QString copy = m_dir.filePath(QStringLiteral("copy.hookscope"));
    QVERIFY2(session.saveAs(copy, &error), qPrintable(error));
    QCOMPARE(modeOf(copy), QStringLiteral("600"));
    // Capture goes on into the copy: its log and shared memory too.
    reply.reset(network.post(request, QByteArray("after")));
    QSignalSpy again(reply.get(), &QNetworkReply::finished);
    QVERIFY(again.wait(10000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QCOMPARE(modeOf(copy + QStringLiteral("-wal")), QStringLiteral("600"));
    QCOMPARE(modeOf(copy + QStringLiteral("-shm")), QStringLiteral("600"));

    const QString fresh = m_dir.filePath(QStringLiteral("fresh.hookscope"));
    QVERIFY2(session.startNew(fresh, &error), qPrintable(error));
    QCOMPARE(modeOf(fresh), QStringLiteral("600"));
}

void TestFilePermissions::dataFolderIsOwnerOnly()
{
    const QString folder = SessionLocations::dataFolder();
    QVERIFY(QFileInfo(folder).isDir());
    QCOMPARE(modeOf(folder), QStringLiteral("700"));
    // A folder made earlier with looser permissions is tightened.
    QVERIFY(QFile::setPermissions(folder, QFileDevice::Permissions(0x7777)));
    QCOMPARE(SessionLocations::dataFolder(), folder);
    QCOMPARE(modeOf(folder), QStringLiteral("700"));
    QCOMPARE(modeOf(SessionLocations::defaultSessionPath()), QStringLiteral("missing"));
}

void TestFilePermissions::testKeyStoreWritesThePrivateKeyOwnerOnly()
{
    const QString folder = m_dir.filePath(QStringLiteral("keys"));
    const TestKeyStore::Result created = TestKeyStore::loadOrCreate(folder);
    QVERIFY2(created.ok(), qPrintable(created.error));
    QVERIFY(created.created);
    QCOMPARE(modeOf(created.privatePath), QStringLiteral("600"));
    QCOMPARE(modeOf(created.publicPath), QStringLiteral("644")); // public: readable by design
    QFile publicFile(created.publicPath);
    QVERIFY(publicFile.open(QIODevice::ReadOnly));
    QVERIFY(!publicFile.readAll().contains("PRIVATE KEY"));
    // Loaded again, not rewritten.
    const TestKeyStore::Result loaded = TestKeyStore::loadOrCreate(folder);
    QVERIFY(loaded.ok());
    QVERIFY(!loaded.created);
    QCOMPARE(modeOf(loaded.privatePath), QStringLiteral("600"));
}

void TestFilePermissions::keygenWritesThePrivateKeyOwnerOnly()
{
    const QString out = m_dir.filePath(QStringLiteral("keygen-out"));
    QProcess keygen;
    keygen.setProcessEnvironment(childEnvironment());
    keygen.start(QStringLiteral(HOOKSCOPE_BINARY),
                 {QStringLiteral("keygen"), QStringLiteral("--out"), out});
    QVERIFY(keygen.waitForFinished(30000));
    QCOMPARE(keygen.exitCode(), 0);
    QCOMPARE(modeOf(out + QStringLiteral("/hookscope-test-key.pem")), QStringLiteral("600"));

    // Without --out: the test key in the data folder, created on first use.
    QProcess firstUse;
    firstUse.setProcessEnvironment(childEnvironment());
    firstUse.start(QStringLiteral(HOOKSCOPE_BINARY), {QStringLiteral("keygen")});
    QVERIFY(firstUse.waitForFinished(30000));
    QCOMPARE(firstUse.exitCode(), 0);
    const QString dataFolder = m_dir.filePath(QStringLiteral("xdg/Hookscope/hookscope"));
    QCOMPARE(modeOf(dataFolder), QStringLiteral("700"));
    QCOMPARE(modeOf(dataFolder + QStringLiteral("/test-key.pem")), QStringLiteral("600"));
}

QTEST_GUILESS_MAIN(TestFilePermissions)
#include "tst_filepermissions.moc"
