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
    void helpAndVersion();

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

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
