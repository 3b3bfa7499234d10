#include "capture/deliveryinspector.h"
#include "export/deliveryexporter.h"
#include "send/eventtemplates.h"
#include "send/wixenvelope.h"

#include "jwt/jwtsigner.h"

#include <QtTest>

// The proof that Hookscope signs exactly as Wix does: Wix's own JavaScript SDK
// (@wix/sdk, webhooks.process) accepts every token the sender makes. Needs Node
// and npm; installs @wix/sdk into the build folder on first run.
class TestWixSdk : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void sdkAcceptsEveryTemplate();
    void sdkRejectsATamperedToken();
    void exportedFixturesVerifyWithTheExportedKey();

private:
    QList<QJsonObject> process(const QByteArray &publicKey, const QStringList &tokenFiles);
    QString writeFile(const QString &name, const QByteArray &bytes);

    QString m_sdkDir;
    QTemporaryDir m_dir;
    RsaPrivateKey m_key;
};

void TestWixSdk::initTestCase()
{
    const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
    const QString npm = QStandardPaths::findExecutable(QStringLiteral("npm"));
    if (node.isEmpty() || npm.isEmpty())
        QSKIP("Node.js and npm are not installed: the @wix/sdk check is skipped (apt-get install "
              "nodejs npm)");
    m_sdkDir = QStringLiteral(HOOKSCOPE_BUILD_DIR "/wix-sdk");
    if (!QFile::exists(m_sdkDir + QStringLiteral("/node_modules/@wix/sdk/package.json"))) {
        QDir().mkpath(m_sdkDir);
        QFile package(m_sdkDir + QStringLiteral("/package.json"));
        QVERIFY(package.open(QIODevice::WriteOnly));
        package.write(R"({"name": "hookscope-wix-sdk-check", "private": true, "type": "module"})");
        package.close();
        QProcess install;
        install.setWorkingDirectory(m_sdkDir);
        install.start(npm, {QStringLiteral("install"), QStringLiteral("--no-audit"),
                            QStringLiteral("--no-fund"), QStringLiteral("@wix/sdk@1")});
        QVERIFY(install.waitForFinished(240000));
        QVERIFY2(install.exitCode() == 0, install.readAllStandardError().constData());
    }
    QFile::remove(m_sdkDir + QStringLiteral("/process.mjs"));
    QVERIFY(QFile::copy(QStringLiteral(HOOKSCOPE_TEST_DATA "/wixsdk/process.mjs"),
                        m_sdkDir + QStringLiteral("/process.mjs")));
    m_key = RsaPrivateKey::generate(2048);
}

QString TestWixSdk::writeFile(const QString &name, const QByteArray &bytes)
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

QList<QJsonObject> TestWixSdk::process(const QByteArray &publicKey, const QStringList &tokenFiles)
{
    QProcess node;
    node.setWorkingDirectory(m_sdkDir);
    node.start(QStringLiteral("node"),
               QStringList{QStringLiteral("process.mjs"), QStringLiteral("app-id"),
                           writeFile(QStringLiteral("key.txt"), publicKey)} +
                   tokenFiles);
    if (!node.waitForFinished(60000))
        qFatal("node did not finish");
    QList<QJsonObject> results;
    for (const QByteArray &line : node.readAllStandardOutput().split('\n')) {
        if (!line.trimmed().isEmpty())
            results.append(QJsonDocument::fromJson(line).object());
    }
    if (results.size() != tokenFiles.size())
        qWarning("node: %s", node.readAllStandardError().constData());
    return results;
}

void TestWixSdk::sdkAcceptsEveryTemplate()
{
    const JwtSigner signer(m_key);
    EnvelopeFactory factory;
    QStringList files;
    QStringList types;
    QStringList instances;
    for (const EventTemplate &t : EventTemplates::all()) {
        const QJsonObject envelope = factory.make(t.envelope);
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        files << writeFile(t.name + QStringLiteral(".jwt"),
                           signer.sign(wixClaimsForEnvelope(envelope, now, now + 600)));
        types << t.eventType;
        instances << envelope.value(QStringLiteral("instanceId")).toString();
    }
    // Both forms of the public key Wix's SDK accepts: the PEM and its one-line base64.
    for (const QByteArray &key :
         {m_key.publicKey().spkiPem(), m_key.publicKey().oneLineBase64Pem()}) {
        const QList<QJsonObject> results = process(key, files);
        QCOMPARE(results.size(), files.size());
        for (int i = 0; i < results.size(); ++i) {
            const QJsonObject &r = results.at(i);
            QVERIFY2(r.value(QStringLiteral("ok")).toBool(),
                     qPrintable(files.at(i) + QStringLiteral(": ") +
                                r.value(QStringLiteral("error")).toString()));
            QCOMPARE(r.value(QStringLiteral("eventType")).toString(), types.at(i));
            QCOMPARE(r.value(QStringLiteral("instanceId")).toString(), instances.at(i));
        }
    }
}

void TestWixSdk::sdkRejectsATamperedToken()
{
    const EventTemplate t = *EventTemplates::find(QStringLiteral("contact_created"));
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    QList<QByteArray> parts =
        JwtSigner(m_key).sign(wixClaimsForEnvelope(t.envelope, now)).split('.');
    // The payload of another token, the signature of this one.
    parts[1] = base64UrlEncode(
        QJsonDocument(wixClaimsForEnvelope(t.envelope, now + 1)).toJson(QJsonDocument::Compact));
    const QList<QJsonObject> results = process(
        m_key.publicKey().spkiPem(), {writeFile(QStringLiteral("tampered.jwt"), parts.join('.'))});
    QCOMPARE(results.size(), 1);
    QCOMPARE(results.first().value(QStringLiteral("ok")).toBool(true), false);
}

void TestWixSdk::exportedFixturesVerifyWithTheExportedKey()
{
    // Captured tokens signed by "Wix" (a key the test does not keep), exported
    // re-signed and redacted: a Wix app's tests verify them with the exported key.
    const RsaPrivateKey wix = RsaPrivateKey::generate(2048);
    QVector<Delivery> deliveries;
    EnvelopeFactory factory;
    for (const EventTemplate &t : EventTemplates::all()) {
        Delivery d;
        d.seq = deliveries.size() + 1;
        d.arrivalMs = QDateTime::currentMSecsSinceEpoch();
        d.method = QStringLiteral("POST");
        d.path = QStringLiteral("/");
        d.body = JwtSigner(wix).sign(
            wixClaimsForEnvelope(factory.make(t.envelope), QDateTime::currentSecsSinceEpoch()));
        inspectDelivery(d, JwtVerifier());
        deliveries.append(d);
    }
    ExportOptions options;
    options.resignWith = m_key;
    options.redact = true;
    const QString folder = m_dir.filePath(QStringLiteral("fixtures"));
    const ExportResult exported = exportDeliveries(deliveries, folder, options);
    QVERIFY2(exported.ok, qPrintable(exported.error));
    QFile key(folder + QStringLiteral("/public-key.pem"));
    QVERIFY(key.open(QIODevice::ReadOnly));
    QStringList jwts;
    for (const QString &name :
         QDir(folder).entryList({QStringLiteral("*.jwt")}, QDir::Files, QDir::Name))
        jwts << folder + QLatin1Char('/') + name;
    QCOMPARE(jwts.size(), deliveries.size());
    const QList<QJsonObject> results = process(key.readAll(), jwts);
    QCOMPARE(results.size(), jwts.size());
    for (const QJsonObject &r : results) {
        QVERIFY2(r.value(QStringLiteral("ok")).toBool(),
                 qPrintable(r.value(QStringLiteral("error")).toString()));
        QVERIFY(r.value(QStringLiteral("instanceId"))
                    .toString()
                    .startsWith(QStringLiteral("instance-")));
    }
}

QTEST_GUILESS_MAIN(TestWixSdk)
#include "tst_wixsdk.moc"
