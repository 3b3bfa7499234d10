#include "sendpanel.h"
#include "signingkeybox.h"
#include "store/sessionlocations.h"
#include "store/sessionstore.h"

#include "testkeys.h"
#include "tokenfactory.h"

#include <QClipboard>
#include <QDirIterator>
#include <QGuiApplication>
#include <QtTest>

using namespace TokenFactory;

// Issue 8, security: private keys leave their file only when the user asks for a key
// pair (`keygen`). Everything that exports, re-signs or shares writes public keys
// only: every file of every export format and option, saved scenarios and what the
// Send panel copies are searched for a private key (its armour or any line of it).
class TestKeyExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void exportsHoldNoPrivateKey_data();
    void exportsHoldNoPrivateKey();
    void sendPanelSharesOnlyThePublicKey();

private:
    QProcessEnvironment environment() const;
    void expectNoPrivateKey(const QByteArray &bytes, const QString &where) const;
    QVector<QByteArray> privatePems() const;

    QTemporaryDir m_dir;
    TestKeyPair m_keys;
    QString m_session;
    QString m_ownKeyPath;
};

namespace {
QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}
} // namespace

void TestKeyExport::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("HookscopeKeyExportTest"));
    m_keys = TestKeyPair::generate();
    m_ownKeyPath = m_dir.filePath(QStringLiteral("own-private.pem"));
    QFile own(m_ownKeyPath);
    QVERIFY(own.open(QIODevice::WriteOnly, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    own.write(m_keys.privateKey.toPem());
    own.close();

    // A session of signed deliveries, one of them invalid.
    m_session = m_dir.filePath(QStringLiteral("export.hookscope"));
    SessionStore store;
    QVERIFY(store.open(m_session));
    QVector<Delivery> batch;
    for (const QString &example :
         {QStringLiteral("contact_created.json"), QStringLiteral("contact_updated.json"),
          QStringLiteral("app_installed.json")}) {
        Delivery d;
        d.arrivalMs = QDateTime::currentMSecsSinceEpoch();
        d.method = QStringLiteral("POST");
        d.path = QStringLiteral("/webhooks");
        d.body = signRs256(wixClaims(loadExample(example), QDateTime::currentSecsSinceEpoch()),
                           m_keys.privateKey);
        d.size = d.body.size();
        d.answerStatus = 200;
        batch.append(d);
    }
    QVERIFY(store.append(batch));
}

QProcessEnvironment TestKeyExport::environment() const
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("xdg")));
    return environment;
}

QVector<QByteArray> TestKeyExport::privatePems() const
{
    QVector<QByteArray> pems{m_keys.privateKey.toPem()};
    // The test key the child made on first use to re-sign, and the window's.
    for (const QString &path :
         {m_dir.filePath(QStringLiteral("xdg/Hookscope/hookscope/test-key.pem")),
          QDir(SessionLocations::dataFolder()).filePath(QStringLiteral("test-key.pem"))}) {
        const QByteArray pem = readFile(path);
        if (!pem.isEmpty())
            pems.append(pem);
    }
    return pems;
}

void TestKeyExport::expectNoPrivateKey(const QByteArray &bytes, const QString &where) const
{
    QVERIFY2(!bytes.contains("PRIVATE KEY"), qPrintable(where + QStringLiteral(": PRIVATE KEY")));
    for (const QByteArray &pem : privatePems()) {
        for (const QByteArray &line : pem.split('\n')) {
            if (line.size() < 32 || line.startsWith("-----"))
                continue;
            QVERIFY2(!bytes.contains(line),
                     qPrintable(where + QStringLiteral(" holds a line of a private key")));
        }
    }
}

void TestKeyExport::exportsHoldNoPrivateKey_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<bool>("publicKeyWritten");
    for (const QString &format :
         {QStringLiteral("fixtures"), QStringLiteral("har"), QStringLiteral("jsonl")}) {
        const QStringList base{QStringLiteral("--format"), format};
        QTest::addRow("%s", qPrintable(format)) << base << false;
        QTest::addRow("%s --resign", qPrintable(format))
            << base + QStringList{QStringLiteral("--resign")} << true;
        QTest::addRow("%s --redact", qPrintable(format))
            << base + QStringList{QStringLiteral("--redact")} << true;
    }
    QTest::newRow("fixtures --resign --jest")
        << QStringList{QStringLiteral("--format"), QStringLiteral("fixtures"),
                       QStringLiteral("--resign"), QStringLiteral("--jest")}
        << true;
}

void TestKeyExport::exportsHoldNoPrivateKey()
{
    QFETCH(QStringList, options);
    QFETCH(bool, publicKeyWritten);
    const QString out = m_dir.filePath(
        QStringLiteral("out-") +
        QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('_')));
    const bool folder = options.at(1) == QLatin1String("fixtures");
    const QString target = folder ? out : out + QStringLiteral(".") + options.at(1);
    QProcess exporter;
    exporter.setProcessEnvironment(environment());
    exporter.start(QStringLiteral(HOOKSCOPE_BINARY),
                   QStringList{QStringLiteral("export"), QStringLiteral("--session"), m_session,
                               QStringLiteral("--out"), target} +
                       options);
    QVERIFY(exporter.waitForFinished(60000));
    QVERIFY2(exporter.exitCode() == 0, exporter.readAllStandardError().constData());
    expectNoPrivateKey(exporter.readAllStandardOutput() + exporter.readAllStandardError(),
                       QStringLiteral("export's output"));

    int files = 0;
    bool publicKey = false;
    QStringList written{target};
    if (folder) {
        written.clear();
        QDirIterator it(target, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext())
            written << it.next();
    }
    for (const QString &path : written) {
        const QByteArray bytes = readFile(path);
        QVERIFY2(!bytes.isEmpty(), qPrintable(path));
        expectNoPrivateKey(bytes, path);
        if (QTest::currentTestFailed())
            return;
        publicKey = publicKey || bytes.contains("-----BEGIN PUBLIC KEY-----");
        ++files;
    }
    QVERIFY(files > 0);
    // Re-signed fixtures carry the public key their tokens verify with.
    if (folder)
        QCOMPARE(publicKey, publicKeyWritten);
}

void TestKeyExport::sendPanelSharesOnlyThePublicKey()
{
    SendPanel panel;
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    SigningKeyBox *box = panel.keyBox();
    QVERIFY(box->ensureKey());
    box->copyPublicPem();
    QVERIFY(QGuiApplication::clipboard()->text().contains(QStringLiteral("BEGIN PUBLIC KEY")));
    expectNoPrivateKey(QGuiApplication::clipboard()->text().toLatin1(),
                       QStringLiteral("the copied PEM"));
    box->copyOneLine();
    const QByteArray oneLine = QGuiApplication::clipboard()->text().toLatin1();
    QVERIFY(QByteArray::fromBase64(oneLine).contains("BEGIN PUBLIC KEY"));
    expectNoPrivateKey(QByteArray::fromBase64(oneLine), QStringLiteral("the one-line key"));

    // With the user's own private key: still only public keys go out, and a saved
    // scenario does not carry the key.
    QString error;
    QVERIFY2(box->useKeyFile(m_ownKeyPath, &error), qPrintable(error));
    box->copyPublicPem();
    QCOMPARE(QGuiApplication::clipboard()->text().toLatin1(), m_keys.spkiPem);
    const QString scenario = m_dir.filePath(QStringLiteral("scenario.json"));
    QVERIFY2(panel.saveScenario(scenario, &error), qPrintable(error));
    const QByteArray saved = readFile(scenario);
    QVERIFY(saved.contains("hookscopeScenario"));
    expectNoPrivateKey(saved, QStringLiteral("the saved scenario"));
    QVERIFY(!saved.contains(QFile::encodeName(m_ownKeyPath)));
}

QTEST_MAIN(TestKeyExport)
#include "tst_keyexport.moc"
