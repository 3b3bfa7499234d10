#include "jwt/publickeyloader.h"
#include "testkeys.h"
#include "tokenfactory.h"

#include <QtTest>

using namespace TokenFactory;

// Runs the real hookscope binary.
class TestCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void verifyExitCodes_data();
    void verifyExitCodes();
    void verifyJsonShape();
    void verifyReadsStdin();
    void verifyNamesKeys();
    void verifyIgnoreExp();
    void verifySdkRefusalWarning();
    void decodeExpandsNestedJson();
    void decodeRejectsNonJwt();
    void usageErrors_data();
    void usageErrors();
    void readingCommandsNeedASession_data();
    void readingCommandsNeedASession();
    void helpAndVersion();
    void keygenWritesOwnerOnlyPair();
    void templatesListed();
    void sendToAListener();
    void sendUsageErrors_data();
    void sendUsageErrors();
    void exportImportReplay();

private:
    struct Run
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };
    Run run(const QStringList &arguments, const QByteArray &stdinBytes = QByteArray()) const;
    QString writeFile(const QString &name, const QByteArray &bytes);

    QTemporaryDir m_dir;
    TestKeyPair m_pair;
    QString m_keyPath;
    QString m_otherKeyPath;
    QString m_validToken;
    QString m_wrongKeyToken;
    QString m_garbageToken;
};

TestCli::Run TestCli::run(const QStringList &arguments, const QByteArray &stdinBytes) const
{
    QProcess process;
    // The test key and sessions go to a folder of the test's, never the user's.
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("xdg")));
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(HOOKSCOPE_BINARY), arguments);
    if (!process.waitForStarted())
        qFatal("cannot start hookscope");
    process.write(stdinBytes);
    process.closeWriteChannel();
    if (!process.waitForFinished(30000))
        qFatal("hookscope did not finish");
    Run result;
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

QString TestCli::writeFile(const QString &name, const QByteArray &bytes)
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

void TestCli::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_pair = TestKeyPair::generate();
    m_keyPath = writeFile(QStringLiteral("app.pem"), m_pair.spkiPem);
    m_otherKeyPath = writeFile(QStringLiteral("other.pem"), TestKeyPair::generate().spkiPem);
    const QJsonObject claims = wixClaims(loadExample(QStringLiteral("contact_created.json")),
                                         QDateTime::currentSecsSinceEpoch());
    m_validToken =
        writeFile(QStringLiteral("valid.jwt"), signRs256(claims, m_pair.privateKey) + '\n');
    m_wrongKeyToken = writeFile(QStringLiteral("wrong.jwt"),
                                signRs256(claims, TestKeyPair::generate().privateKey));
    m_garbageToken = writeFile(QStringLiteral("garbage.jwt"), "hello world");
}

void TestCli::verifyExitCodes_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("outputHas");

    QTest::newRow("valid") << QStringList{QStringLiteral("verify"), QStringLiteral("--key"),
                                          m_keyPath, m_validToken}
                           << 0 << "VALID";
    QTest::newRow("wrong key") << QStringList{QStringLiteral("verify"), QStringLiteral("--key"),
                                              m_keyPath, m_wrongKeyToken}
                               << 1 << "signature_wrong_key";
    QTest::newRow("malformed") << QStringList{QStringLiteral("verify"), QStringLiteral("--key"),
                                              m_keyPath, m_garbageToken}
                               << 1 << "not_three_segments";
    QTest::newRow("missing token file")
        << QStringList{QStringLiteral("verify"), QStringLiteral("--key"), m_keyPath,
                       m_dir.filePath(QStringLiteral("none.jwt"))}
        << 2 << "cannot read";
    QTest::newRow("missing key file")
        << QStringList{QStringLiteral("verify"), QStringLiteral("--key"),
                       m_dir.filePath(QStringLiteral("none.pem")), m_validToken}
        << 2 << "cannot read";
    QTest::newRow("unreadable key")
        << QStringList{QStringLiteral("verify"), QStringLiteral("--key"), m_garbageToken,
                       m_validToken}
        << 2 << "key_unreadable";
    QTest::newRow("no key") << QStringList{QStringLiteral("verify"), m_validToken} << 2
                            << "needs --key";
}

void TestCli::verifyExitCodes()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, outputHas);
    const Run result = run(arguments);
    QCOMPARE(result.exitCode, exitCode);
    const QString all = QString::fromUtf8(result.out + result.err);
    QVERIFY2(all.contains(outputHas), qPrintable(all));
}

void TestCli::verifyJsonShape()
{
    const Run result = run({QStringLiteral("verify"), QStringLiteral("--json"),
                            QStringLiteral("--key"), m_keyPath, m_validToken});
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.out.count('\n'), 1);
    QJsonParseError error;
    const QJsonObject json = QJsonDocument::fromJson(result.out, &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    for (const char *key : {"valid", "reason", "message", "warnings", "header", "claims", "event"})
        QVERIFY2(json.contains(QLatin1String(key)), key);
    QCOMPARE(json[QStringLiteral("valid")].toBool(), true);
    QCOMPARE(json[QStringLiteral("reason")].toString(), QStringLiteral("valid"));
    QVERIFY(json[QStringLiteral("warnings")].isArray());
    QCOMPARE(json[QStringLiteral("header")][QStringLiteral("alg")].toString(),
             QStringLiteral("RS256"));
    QVERIFY(json[QStringLiteral("claims")][QStringLiteral("data")].isString());
    QCOMPARE(json[QStringLiteral("event")][QStringLiteral("eventType")].toString(),
             QStringLiteral("wix.contacts.v4.contact_created"));
    QCOMPARE(json[QStringLiteral("event")][QStringLiteral("entityId")].toString(),
             QStringLiteral("4b0133d5-7903-4411-bcc0-1817d1394028"));

    const Run rejected = run({QStringLiteral("verify"), QStringLiteral("--json"),
                              QStringLiteral("--key"), m_keyPath, m_garbageToken});
    QCOMPARE(rejected.exitCode, 1);
    const QJsonObject bad = QJsonDocument::fromJson(rejected.out).object();
    QCOMPARE(bad[QStringLiteral("valid")].toBool(true), false);
    QCOMPARE(bad[QStringLiteral("reason")].toString(), QStringLiteral("not_three_segments"));
    QVERIFY(bad[QStringLiteral("event")].isNull());
}

void TestCli::verifyReadsStdin()
{
    QFile token(m_validToken);
    QVERIFY(token.open(QIODevice::ReadOnly));
    const QByteArray bytes = token.readAll();
    QCOMPARE(
        run({QStringLiteral("verify"), QStringLiteral("--key"), m_keyPath, QStringLiteral("-")},
            bytes)
            .exitCode,
        0);
    QCOMPARE(run({QStringLiteral("verify"), QStringLiteral("--key"), m_keyPath}, bytes).exitCode,
             0);
}

void TestCli::verifyNamesKeys()
{
    const Run result =
        run({QStringLiteral("verify"), QStringLiteral("--json"), QStringLiteral("--key"),
             QStringLiteral("shop=") + m_otherKeyPath, QStringLiteral("--key"),
             QStringLiteral("crm=") + m_keyPath, m_validToken});
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(QJsonDocument::fromJson(result.out)[QStringLiteral("key")].toString(),
             QStringLiteral("crm"));
}

void TestCli::verifyIgnoreExp()
{
    QJsonObject claims = wixClaims(loadExample(QStringLiteral("app_installed.json")), 1600000000);
    claims.insert(QStringLiteral("exp"), 1600000600);
    const QString path =
        writeFile(QStringLiteral("expired.jwt"), signRs256(claims, m_pair.privateKey));
    const Run strict = run({QStringLiteral("verify"), QStringLiteral("--key"), m_keyPath, path});
    QCOMPARE(strict.exitCode, 1);
    QVERIFY(strict.out.contains("expired"));
    const Run lenient = run({QStringLiteral("verify"), QStringLiteral("--ignore-exp"),
                             QStringLiteral("--json"), QStringLiteral("--key"), m_keyPath, path});
    QCOMPARE(lenient.exitCode, 0);
    const QJsonArray warnings =
        QJsonDocument::fromJson(lenient.out)[QStringLiteral("warnings")].toArray();
    QCOMPARE(warnings.size(), 1);
    QVERIFY(warnings.first().toString().contains(QStringLiteral("xpired")));
    // A skew larger than the age accepts it too.
    QCOMPARE(run({QStringLiteral("verify"), QStringLiteral("--skew"), QStringLiteral("1000000000"),
                  QStringLiteral("--key"), m_keyPath, path})
                 .exitCode,
             0);
}

void TestCli::verifySdkRefusalWarning()
{
    const QString pkcs1 = writeFile(QStringLiteral("pkcs1.pem"), m_pair.pkcs1Pem);
    const Run result = run({QStringLiteral("verify"), QStringLiteral("--json"),
                            QStringLiteral("--key"), pkcs1, m_validToken});
    QCOMPARE(result.exitCode, 0);
    const QJsonArray warnings =
        QJsonDocument::fromJson(result.out)[QStringLiteral("warnings")].toArray();
    QCOMPARE(warnings.size(), 1);
    QVERIFY(warnings.first().toString().contains(QStringLiteral("Wix's SDK would refuse")));
}

void TestCli::decodeExpandsNestedJson()
{
    const Run result = run({QStringLiteral("decode"), m_wrongKeyToken});
    QCOMPARE(result.exitCode, 0);
    const QJsonObject tree = QJsonDocument::fromJson(result.out).object();
    QCOMPARE(tree[QStringLiteral("payload")][QStringLiteral("data")][QStringLiteral("data")]
                 [QStringLiteral("createdEvent")][QStringLiteral("entity")][QStringLiteral("info")]
                 [QStringLiteral("name")][QStringLiteral("first")]
                     .toString(),
             QStringLiteral("John"));
    QCOMPARE(tree[QStringLiteral("payload")][QStringLiteral("data")][QStringLiteral("identity")]
                 [QStringLiteral("identityType")]
                     .toString(),
             QStringLiteral("ANONYMOUS_VISITOR"));
    QCOMPARE(tree[QStringLiteral("event")][QStringLiteral("kind")].toString(),
             QStringLiteral("created"));
    QVERIFY(result.out.contains("\n    ")); // pretty
}

void TestCli::decodeRejectsNonJwt()
{
    const Run result =
        run({QStringLiteral("decode"), QStringLiteral("-")}, "{\"eventType\":\"x\"}");
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains("not a JWT"), result.err.constData());
    QVERIFY(result.out.isEmpty());
}

void TestCli::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("unknown option")
        << QStringList{QStringLiteral("verify"), QStringLiteral("--frobnicate")};
    QTest::newRow("unknown top option") << QStringList{QStringLiteral("--frobnicate")};
    QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")};
    QTest::newRow("bad skew") << QStringList{
        QStringLiteral("verify"), QStringLiteral("--key"), m_keyPath,
        QStringLiteral("--skew"), QStringLiteral("soon"),  m_validToken};
    QTest::newRow("two tokens") << QStringList{QStringLiteral("verify"), QStringLiteral("--key"),
                                               m_keyPath, m_validToken, m_validToken};
    QTest::newRow("decode option")
        << QStringList{QStringLiteral("decode"), QStringLiteral("--key"), m_keyPath};
    QTest::newRow("missing option value")
        << QStringList{QStringLiteral("verify"), QStringLiteral("--key")};
}

void TestCli::usageErrors()
{
    QFETCH(QStringList, arguments);
    const Run result = run(arguments);
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains("Usage:"), result.err.constData());
}

void TestCli::readingCommandsNeedASession_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("show") << QStringList{QStringLiteral("show")};
    QTest::newRow("report") << QStringList{QStringLiteral("report")};
    QTest::newRow("diff") << QStringList{QStringLiteral("diff"), QStringLiteral("1"),
                                         QStringLiteral("2")};
    QTest::newRow("export") << QStringList{QStringLiteral("export"), QStringLiteral("--out"),
                                           m_dir.filePath(QStringLiteral("nothing-exported"))};
    QTest::newRow("replay") << QStringList{QStringLiteral("replay"), QStringLiteral("--to"),
                                           QStringLiteral("http://127.0.0.1:9/")};
    QTest::newRow("curl") << QStringList{QStringLiteral("curl"), QStringLiteral("1")};
}

// A command that reads a session names the missing one and never creates it.
void TestCli::readingCommandsNeedASession()
{
    QFETCH(QStringList, arguments);
    const QString path = m_dir.filePath(QStringLiteral("never-created.hookscope"));
    const Run result = run(arguments + QStringList{QStringLiteral("--session"), path});
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains("no session at " + path.toUtf8()), result.err.constData());
    QVERIFY(!QFileInfo::exists(path));
}

void TestCli::helpAndVersion()
{
    const Run help = run({QStringLiteral("--help")});
    QCOMPARE(help.exitCode, 0);
    QVERIFY(help.out.contains("verify"));
    QVERIFY(help.out.contains("decode"));
    const Run verifyHelp = run({QStringLiteral("verify"), QStringLiteral("--help")});
    QCOMPARE(verifyHelp.exitCode, 0);
    QVERIFY(verifyHelp.out.contains("--ignore-exp"));
    const Run version = run({QStringLiteral("--version")});
    QCOMPARE(version.exitCode, 0);
    QVERIFY(version.out.startsWith("hookscope "));
}

void TestCli::keygenWritesOwnerOnlyPair()
{
    const QString out = m_dir.filePath(QStringLiteral("keys"));
    const Run first = run({QStringLiteral("keygen"), QStringLiteral("--out"), out});
    QCOMPARE(first.exitCode, 0);
    const QString privatePath = out + QStringLiteral("/hookscope-test-key.pem");
    QVERIFY(first.out.contains(privatePath.toUtf8()));
    QCOMPARE(QFile::permissions(privatePath) & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
             QFileDevice::Permissions());
    // The printed one-line form is the public key, and verifies what the private key signs.
    const QByteArray oneLine = first.out.trimmed().split('\n').last();
    const PublicKeyLoadResult loaded = loadPublicKey(oneLine);
    QVERIFY2(loaded.ok(), qPrintable(loaded.message));
    QCOMPARE(loaded.format, KeyFormat::Base64OfPem);
    QVERIFY(!first.out.contains("PRIVATE KEY"));
    const Run again = run({QStringLiteral("keygen"), QStringLiteral("--out"), out});
    QCOMPARE(again.exitCode, 1);
    QVERIFY(again.err.contains("not overwritten"));
    // The default test key lives in the data folder and is reused.
    const Run a = run({QStringLiteral("keygen")});
    const Run b = run({QStringLiteral("keygen")});
    QCOMPARE(a.exitCode, 0);
    QCOMPARE(a.out, b.out);
}

void TestCli::templatesListed()
{
    const Run result = run({QStringLiteral("templates"), QStringLiteral("--json")});
    QCOMPARE(result.exitCode, 0);
    const QJsonArray list = QJsonDocument::fromJson(result.out).array();
    QVERIFY(list.size() >= 15);
    QVERIFY(run({QStringLiteral("templates")}).out.contains("wix.contacts.v4.contact_created"));
}

void TestCli::sendToAListener()
{
    QProcess listener;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("xdg")));
    listener.setProcessEnvironment(environment);
    const QString session = m_dir.filePath(QStringLiteral("send.hookscope"));
    listener.start(QStringLiteral(HOOKSCOPE_BINARY),
                   {QStringLiteral("listen"), QStringLiteral("--port"), QStringLiteral("0"),
                    QStringLiteral("--session"), session, QStringLiteral("--json")});
    QVERIFY(listener.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(listener.canReadLine() || listener.waitForReadyRead(100), 10000);
    const QString url = QJsonDocument::fromJson(listener.readLine())
                            .object()
                            .value(QStringLiteral("listening"))
                            .toString();
    QVERIFY(!url.isEmpty());
    const Run sent =
        run({QStringLiteral("send"), QStringLiteral("--to"), url, QStringLiteral("--event"),
             QStringLiteral("contact_updated"), QStringLiteral("--count"), QStringLiteral("3"),
             QStringLiteral("--duplicates"), QStringLiteral("2"), QStringLiteral("--json")});
    QCOMPARE(sent.exitCode, 0);
    const QList<QByteArray> lines = sent.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 7);
    const QJsonObject summary = QJsonDocument::fromJson(lines.last()).object();
    QCOMPARE(summary[QStringLiteral("delivered")].toInt(), 6);
    QCOMPARE(summary[QStringLiteral("failed")].toInt(), 0);
    listener.terminate();
    QVERIFY(listener.waitForFinished(10000));
    const Run report = run(
        {QStringLiteral("report"), QStringLiteral("--json"), QStringLiteral("--session"), session});
    const QJsonObject totals =
        QJsonDocument::fromJson(report.out.trimmed().split('\n').last()).object();
    QCOMPARE(totals[QStringLiteral("deliveries")].toInt(), 6);
    QCOMPARE(totals[QStringLiteral("duplicates")].toInt(), 3);
    // Nothing answers on port 1: every event fails, exit 1.
    const Run refused =
        run({QStringLiteral("send"), QStringLiteral("--to"), QStringLiteral("http://127.0.0.1:1/"),
             QStringLiteral("--event"), QStringLiteral("app_installed")});
    QCOMPARE(refused.exitCode, 1);
    QVERIFY(refused.out.contains("0 delivered, 1 failed"));
}

void TestCli::sendUsageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("mentions");
    const QString url = QStringLiteral("http://127.0.0.1:9/");
    QTest::newRow("no target") << QStringList{QStringLiteral("send"), QStringLiteral("--event"),
                                              QStringLiteral("app_installed")}
                               << "--to";
    QTest::newRow("no event") << QStringList{QStringLiteral("send"), QStringLiteral("--to"), url}
                              << "--event";
    QTest::newRow("unknown template")
        << QStringList{QStringLiteral("send"), QStringLiteral("--to"), url,
                       QStringLiteral("--event"), QStringLiteral("nope")}
        << "no template";
    QTest::newRow("bad count") << QStringList{QStringLiteral("send"),
                                              QStringLiteral("--to"),
                                              url,
                                              QStringLiteral("--event"),
                                              QStringLiteral("app_installed"),
                                              QStringLiteral("--count"),
                                              QStringLiteral("x")}
                               << "--count";
    QTest::newRow("lifecycle of an app event") << QStringList{QStringLiteral("send"),
                                                              QStringLiteral("--to"),
                                                              url,
                                                              QStringLiteral("--event"),
                                                              QStringLiteral("app_installed"),
                                                              QStringLiteral("--lifecycle"),
                                                              QStringLiteral("2")}
                                               << "standardized";
    QTest::newRow("envelope not JSON")
        << QStringList{QStringLiteral("send"), QStringLiteral("--to"), url,
                       QStringLiteral("--envelope"), m_garbageToken}
        << "not a JSON object";
}

void TestCli::sendUsageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, mentions);
    const Run result = run(arguments);
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(mentions.toUtf8()), result.err.constData());
}

void TestCli::exportImportReplay()
{
    // A session from `send` to `listen`, as a user would make one.
    QProcess listener;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("xdg")));
    listener.setProcessEnvironment(environment);
    const QString session = m_dir.filePath(QStringLiteral("exchange.hookscope"));
    listener.start(QStringLiteral(HOOKSCOPE_BINARY),
                   {QStringLiteral("listen"), QStringLiteral("--port"), QStringLiteral("0"),
                    QStringLiteral("--session"), session, QStringLiteral("--json")});
    QTRY_VERIFY_WITH_TIMEOUT(listener.canReadLine() || listener.waitForReadyRead(100), 10000);
    const QString url = QJsonDocument::fromJson(listener.readLine())
                            .object()
                            .value(QStringLiteral("listening"))
                            .toString();
    QCOMPARE(
        run({QStringLiteral("send"), QStringLiteral("--to"), url, QStringLiteral("--event"),
             QStringLiteral("contact_updated"), QStringLiteral("--count"), QStringLiteral("3")})
            .exitCode,
        0);
    const QString out = m_dir.filePath(QStringLiteral("exchange.jsonl"));
    QCOMPARE(run({QStringLiteral("export"), QStringLiteral("--session"), session,
                  QStringLiteral("--format"), QStringLiteral("jsonl"), QStringLiteral("--out"), out,
                  QStringLiteral("--only"), QStringLiteral("type:wix.contacts.*")})
                 .exitCode,
             0);
    const Run again =
        run({QStringLiteral("export"), QStringLiteral("--session"), session,
             QStringLiteral("--format"), QStringLiteral("jsonl"), QStringLiteral("--out"), out});
    QCOMPARE(again.exitCode, 1);
    QVERIFY(again.err.contains("--force"));
    const Run replay =
        run({QStringLiteral("replay"), QStringLiteral("--session"), session, QStringLiteral("--to"),
             url, QStringLiteral("--seed"), QStringLiteral("5"), QStringLiteral("--shuffle")});
    QCOMPARE(replay.exitCode, 0);
    QVERIFY2(replay.out.contains("3 delivered, 0 failed"), replay.out.constData());
    listener.terminate();
    QVERIFY(listener.waitForFinished(10000));

    const QString imported = m_dir.filePath(QStringLiteral("imported.hookscope"));
    const Run import = run({QStringLiteral("import"), QStringLiteral("--session"), imported, out});
    QCOMPARE(import.exitCode, 0);
    QVERIFY(import.out.contains("imported 3 deliveries"));
    const QString bad = writeFile(QStringLiteral("bad.jsonl"), "{\"arrival\":1}\n");
    const Run refused = run({QStringLiteral("import"), QStringLiteral("--session"), imported, bad});
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.contains("bad.jsonl: line 1"), refused.err.constData());
    QCOMPARE(run({QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("xml"),
                  QStringLiteral("--out"), out})
                 .exitCode,
             2);
    QCOMPARE(
        run({QStringLiteral("export"), QStringLiteral("--session"), session,
             QStringLiteral("--out"), out, QStringLiteral("--only"), QStringLiteral("nosuch:x")})
            .exitCode,
        2);
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
