#include "capture/captureservice.h"
#include "export/deliveryexporter.h"
#include "export/deliveryselection.h"
#include "import/deliveryimporter.h"
#include "send/replayplan.h"
#include "store/sessionwriter.h"
#include "wix/tokeninspection.h"

#include "testkeys.h"
#include "tokenfactory.h"

#include <QtTest>

using namespace TokenFactory;

// Fixtures, HAR and JSON Lines: export, import, replay, on real sessions.
class TestExchange : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void roundTrip_data();
    void roundTrip();
    void harHasThe12Structure();
    void harWaitOutOfRangeIsNoDelay_data();
    void harWaitOutOfRangeIsNoDelay();
    void resignedFixturesVerifyWithTheExportedKey();
    void redactionIsConsistentAcrossFiles();
    void neverOverwritesUnlessAsked();
    void dropsInvalidWhenAsked();
    void corruptFilesAreNamedWithTheirPosition_data();
    void corruptFilesAreNamedWithTheirPosition();
    void replayDeliversTheSameBodies();
    void replayIsReproducibleFromItsSeed();
    void replayWithInjectedDuplicatesCountsEverySend();
    void curlCommand();

private:
    QVector<Delivery> stored(const QString &session) const;
    QString path(const QString &name) const { return m_dir.filePath(name); }

    QTemporaryDir m_dir;
    TestKeyPair m_pair;
    Keyring m_keyring;
    QString m_session;
    QString m_instance = QStringLiteral("a6d1c7d0-6a9d-4c38-bd0a-0f5b7e1f3c11");
};

namespace {
QJsonObject updated(const QString &id, int sequence)
{
    QJsonObject envelope = loadExample(QStringLiteral("contact_updated.json"));
    QJsonObject data = envelope.value(QStringLiteral("data")).toObject();
    data.insert(QStringLiteral("id"), id);
    data.insert(QStringLiteral("entityEventSequence"), QString::number(sequence));
    envelope.insert(QStringLiteral("data"), data);
    envelope.insert(QStringLiteral("identity"),
                    QJsonObject{{QStringLiteral("identityType"), QStringLiteral("MEMBER")},
                                {QStringLiteral("memberId"), QStringLiteral("member-uuid-0001")}});
    return envelope;
}
} // namespace

void TestExchange::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    m_pair = TestKeyPair::generate();
    QVERIFY(m_keyring.addFromText(QStringLiteral("app"), m_pair.spkiPem).ok());
    m_session = path(QStringLiteral("source.hookscope"));
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QByteArray first =
        signRs256(wixClaims(updated(QStringLiteral("e1"), 1), now), m_pair.privateKey);
    const QByteArray other = signRs256(wixClaims(updated(QStringLiteral("e9"), 9), now),
                                       TestKeyPair::generate().privateKey);
    const QList<QByteArray> bodies = {
        first,
        signRs256(wixClaims(updated(QStringLiteral("e3"), 3), now), m_pair.privateKey),
        first,
        signRs256(wixClaims(updated(QStringLiteral("e2"), 2), now), m_pair.privateKey),
        other,
        QByteArray("{\"not\":\"a token\"}"),
        QByteArray("\x00\x01\x02\xff", 4),
    };
    QVector<Delivery> batch;
    for (int i = 0; i < bodies.size(); ++i) {
        Delivery d;
        d.arrivalMs = 1700000000000 + i * 1000;
        d.method = QStringLiteral("POST");
        d.path = QStringLiteral("/webhooks/wix");
        d.query = i == 0 ? QStringLiteral("source=test&x=%20y") : QString();
        d.headers = {{"Host", "127.0.0.1:8787"},
                     {"Content-Type", "text/plain"},
                     {"X-Trace", QByteArray::number(i)}};
        d.body = bodies.at(i);
        d.size = d.body.size();
        d.peer = QStringLiteral("127.0.0.1");
        d.answerStatus = i == 2 ? 500 : 200;
        batch.append(d);
    }
    SessionWriter writer;
    QString error;
    QVERIFY2(writer.open(m_session, &error) && writer.write(batch, JwtVerifier(m_keyring), &error),
             qPrintable(error));
}

QVector<Delivery> TestExchange::stored(const QString &session) const
{
    SessionStore store;
    if (!store.open(session))
        return {};
    return store.loadAfter(0, 1000);
}

void TestExchange::roundTrip_data()
{
    QTest::addColumn<int>("format");
    QTest::addColumn<QString>("name");
    QTest::newRow("fixtures") << int(ExportFormat::Fixtures) << "fixtures";
    QTest::newRow("HAR") << int(ExportFormat::Har) << "session.har";
    QTest::newRow("JSON Lines") << int(ExportFormat::JsonLines) << "session.jsonl";
}

void TestExchange::roundTrip()
{
    QFETCH(int, format);
    QFETCH(QString, name);
    const QVector<Delivery> original = stored(m_session);
    QCOMPARE(original.size(), 7);
    ExportOptions options;
    options.format = ExportFormat(format);
    const ExportResult exported = exportDeliveries(original, path(name), options);
    QVERIFY2(exported.ok, qPrintable(exported.error));
    QCOMPARE(exported.written, 7);

    const ImportResult read = readDeliveries(path(name));
    QVERIFY2(read.errors.isEmpty(), qPrintable(read.errors.value(0).toString()));
    QVector<Delivery> imported = read.deliveries;
    SessionWriter writer;
    QString error;
    const QString session = path(name + QStringLiteral(".hookscope"));
    QVERIFY(writer.open(session, &error));
    QVERIFY(writer.write(imported, JwtVerifier(m_keyring), &error));
    const QVector<Delivery> back = stored(session);
    QCOMPARE(back.size(), original.size());
    for (int i = 0; i < original.size(); ++i) {
        const Delivery &a = original.at(i);
        const Delivery &b = back.at(i);
        QCOMPARE(b.body, a.body);
        QCOMPARE(b.method, a.method);
        QCOMPARE(b.path, a.path);
        QCOMPARE(b.query, a.query);
        QCOMPARE(b.arrivalMs, a.arrivalMs);
        QCOMPARE(b.headers.size(), a.headers.size());
        QCOMPARE(b.headers.at(2).value, a.headers.at(2).value);
        QCOMPARE(b.answerStatus, a.answerStatus);
        QCOMPARE(b.signature, a.signature);
        QCOMPARE(b.bodyKind, a.bodyKind);
        QCOMPARE(b.analysis.flags, a.analysis.flags);
        QCOMPARE(b.analysis.duplicateOf, a.analysis.duplicateOf);
        QCOMPARE(b.analysis.outOfOrderAfter, a.analysis.outOfOrderAfter);
    }
    QVERIFY(back.at(2).analysis.has(FlagDuplicate));
    QVERIFY(back.at(3).analysis.has(FlagOutOfOrder));
}

void TestExchange::harHasThe12Structure()
{
    ExportOptions options;
    options.format = ExportFormat::Har;
    options.overwrite = true;
    QVERIFY(exportDeliveries(stored(m_session), path(QStringLiteral("check.har")), options).ok);
    QFile file(path(QStringLiteral("check.har")));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject log =
        QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("log")).toObject();
    QCOMPARE(log.value(QStringLiteral("version")).toString(), QStringLiteral("1.2"));
    QVERIFY(log.value(QStringLiteral("creator"))[QStringLiteral("name")].isString());
    QVERIFY(log.value(QStringLiteral("creator"))[QStringLiteral("version")].isString());
    const QJsonArray entries = log.value(QStringLiteral("entries")).toArray();
    QCOMPARE(entries.size(), 7);
    const auto require = [](const QJsonObject &object, const QStringList &keys, const char *where) {
        for (const QString &key : keys)
            QVERIFY2(object.contains(key),
                     qPrintable(QStringLiteral("%1 lacks %2").arg(QLatin1String(where), key)));
    };
    for (const QJsonValue &value : entries) {
        const QJsonObject entry = value.toObject();
        require(entry,
                {QStringLiteral("startedDateTime"), QStringLiteral("time"),
                 QStringLiteral("request"), QStringLiteral("response"), QStringLiteral("cache"),
                 QStringLiteral("timings")},
                "entry");
        QVERIFY(QDateTime::fromString(entry[QStringLiteral("startedDateTime")].toString(),
                                      Qt::ISODateWithMs)
                    .isValid());
        QVERIFY(entry[QStringLiteral("time")].isDouble());
        const QJsonObject request = entry[QStringLiteral("request")].toObject();
        require(request,
                {QStringLiteral("method"), QStringLiteral("url"), QStringLiteral("httpVersion"),
                 QStringLiteral("cookies"), QStringLiteral("headers"),
                 QStringLiteral("queryString"), QStringLiteral("headersSize"),
                 QStringLiteral("bodySize")},
                "request");
        QVERIFY(QUrl(request[QStringLiteral("url")].toString()).isValid());
        QVERIFY(request[QStringLiteral("headers")].isArray());
        QVERIFY(request[QStringLiteral("postData")][QStringLiteral("mimeType")].isString());
        QVERIFY(request[QStringLiteral("postData")][QStringLiteral("text")].isString());
        const QJsonObject response = entry[QStringLiteral("response")].toObject();
        require(response,
                {QStringLiteral("status"), QStringLiteral("statusText"),
                 QStringLiteral("httpVersion"), QStringLiteral("cookies"),
                 QStringLiteral("headers"), QStringLiteral("content"),
                 QStringLiteral("redirectURL"), QStringLiteral("headersSize"),
                 QStringLiteral("bodySize")},
                "response");
        require(response[QStringLiteral("content")].toObject(),
                {QStringLiteral("size"), QStringLiteral("mimeType")}, "content");
        require(entry[QStringLiteral("timings")].toObject(),
                {QStringLiteral("send"), QStringLiteral("wait"), QStringLiteral("receive")},
                "timings");
    }
    QCOMPARE(
        entries.at(0)[QStringLiteral("request")][QStringLiteral("queryString")].toArray().size(),
        2);
}

void TestExchange::resignedFixturesVerifyWithTheExportedKey()
{
    const RsaPrivateKey testKey = RsaPrivateKey::generate(2048);
    ExportOptions options;
    options.resignWith = testKey;
    options.jestSkeleton = true;
    const QString folder = path(QStringLiteral("resigned"));
    const ExportResult result = exportDeliveries(stored(m_session), folder, options);
    QVERIFY2(result.ok, qPrintable(result.error));
    QVERIFY(QFile::exists(folder + QStringLiteral("/webhooks.test.js")));
    QFile key(folder + QStringLiteral("/public-key.pem"));
    QVERIFY(key.open(QIODevice::ReadOnly));
    const QByteArray publicKey = key.readAll();
    for (const QString &file : QDir(folder).entryList({QStringLiteral("*")}, QDir::Files)) {
        QFile f(folder + QLatin1Char('/') + file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY2(!f.readAll().contains("PRIVATE KEY"), qPrintable(file));
    }
    Keyring keyring;
    QVERIFY(keyring.addFromText(QStringLiteral("exported"), publicKey).ok());
    QFile manifestFile(folder + QStringLiteral("/manifest.json"));
    QVERIFY(manifestFile.open(QIODevice::ReadOnly));
    const QJsonArray fixtures =
        QJsonDocument::fromJson(manifestFile.readAll())[QStringLiteral("fixtures")].toArray();
    QCOMPARE(fixtures.size(), 7);
    int verified = 0;
    for (const QJsonValue &fixture : fixtures) {
        QFile jwt(folder + QLatin1Char('/') + fixture[QStringLiteral("jwt")].toString());
        QVERIFY(jwt.open(QIODevice::ReadOnly));
        const Verdict verdict = JwtVerifier(keyring).verify(jwt.readAll());
        verified += verdict.valid; // every JWT, whoever signed it first; not the two non-tokens
    }
    QCOMPARE(verified, 5);
    QVERIFY(fixtures.at(0)[QStringLiteral("file")].toString().startsWith(
        QStringLiteral("0001-wix.contacts.v4.contact_updated")));
}

void TestExchange::redactionIsConsistentAcrossFiles()
{
    ExportOptions options;
    options.resignWith = RsaPrivateKey::generate(2048);
    options.redact = true;
    const QString folder = path(QStringLiteral("redacted"));
    QVERIFY(exportDeliveries(stored(m_session), folder, options).ok);
    QSet<QString> instanceAliases;
    for (const QString &file : QDir(folder).entryList({QStringLiteral("0*.json")}, QDir::Files)) {
        QFile f(folder + QLatin1Char('/') + file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray text = f.readAll();
        QVERIFY2(!text.contains(m_instance.toUtf8()), qPrintable(file));
        QVERIFY2(!text.contains("member-uuid-0001"), qPrintable(file));
        const QJsonObject event = QJsonDocument::fromJson(text)[QStringLiteral("event")].toObject();
        if (!event.isEmpty()) {
            instanceAliases.insert(event[QStringLiteral("instanceId")].toString());
            QCOMPARE(event[QStringLiteral("identityId")].toString(), QStringLiteral("member-1"));
        }
    }
    QCOMPARE(instanceAliases, QSet<QString>{QStringLiteral("instance-1")});
    // Redacting without re-signing would leave tokens that no longer verify: refused.
    ExportOptions unsigned_;
    unsigned_.redact = true;
    const ExportResult refused =
        exportDeliveries(stored(m_session), path(QStringLiteral("x")), unsigned_);
    QVERIFY(!refused.ok);
    QVERIFY(refused.error.contains(QStringLiteral("re-sign")));
}

void TestExchange::neverOverwritesUnlessAsked()
{
    ExportOptions options;
    options.format = ExportFormat::JsonLines;
    const QString file = path(QStringLiteral("once.jsonl"));
    QVERIFY(exportDeliveries(stored(m_session), file, options).ok);
    const ExportResult again = exportDeliveries(stored(m_session), file, options);
    QVERIFY(!again.ok);
    QVERIFY(again.error.contains(QStringLiteral("not overwritten")));
    options.overwrite = true;
    QVERIFY(exportDeliveries(stored(m_session), file, options).ok);
}

void TestExchange::dropsInvalidWhenAsked()
{
    ExportOptions options;
    options.format = ExportFormat::JsonLines;
    options.keepInvalid = false;
    const ExportResult result =
        exportDeliveries(stored(m_session), path(QStringLiteral("valid.jsonl")), options);
    QVERIFY(result.ok);
    QCOMPARE(result.written, 4);
    QCOMPARE(result.skipped, 3);
    // --only: the filter language selects what is exported.
    SessionStore store;
    QVERIFY(store.open(m_session));
    QCOMPARE(selectDeliveries(store, DeliveryFilter::parse(QStringLiteral("dup:yes"))).size(), 1);
    QCOMPARE(selectDeliveries(store, DeliveryFilter::parse(QStringLiteral("kind:json"))).size(), 1);
}

void TestExchange::harWaitOutOfRangeIsNoDelay_data()
{
    QTest::addColumn<QByteArray>("wait");
    QTest::addColumn<int>("delayMs");
    QTest::newRow("a delay") << QByteArray("1300.7") << 1300;
    QTest::newRow("not known (-1)") << QByteArray("-1") << 0;
    // Found by fuzz_har (UBSan): converting such a double to int is undefined.
    QTest::newRow("past int") << QByteArray("2055555555555555555555555555555555555555") << 0;
    QTest::newRow("huge negative") << QByteArray("-1e300") << 0;
    QTest::newRow("not a number") << QByteArray("\"soon\"") << 0;
}

void TestExchange::harWaitOutOfRangeIsNoDelay()
{
    QFETCH(QByteArray, wait);
    QFETCH(int, delayMs);
    const QByteArray har = R"({"log":{"entries":[{"startedDateTime":"2024-01-01T00:00:00Z",)"
                           R"("request":{"method":"POST","url":"http://127.0.0.1/webhooks"},)"
                           R"("response":{"status":200},"timings":{"wait":)" +
                           wait + "}}]}}";
    const ImportResult result = readHar(har, QStringLiteral("wait.har"));
    QVERIFY2(result.errors.isEmpty(),
             qPrintable(result.errors.isEmpty() ? QString() : result.errors.first().toString()));
    QCOMPARE(result.deliveries.size(), 1);
    QCOMPARE(result.deliveries.first().answerDelayMs, delayMs);
}

void TestExchange::corruptFilesAreNamedWithTheirPosition_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("entry");
    QTest::addColumn<int>("good");
    const QByteArray line =
        QJsonDocument(stored(m_session).first().toJson()).toJson(QJsonDocument::Compact);
    QTest::newRow("JSON Lines, bad line 2")
        << "bad.jsonl" << (line + "\n{oops\n" + line + "\n") << "line 2" << 2;
    QTest::newRow("JSON Lines, no body")
        << "nobody.jsonl"
        << QByteArray(R"({"arrival":"2024-01-01T00:00:00Z","method":"POST","path":"/"})")
        << "line 1" << 0;
    QTest::newRow("HAR, bad entry")
        << "bad.har" << QByteArray(R"({"log":{"version":"1.2","entries":[{"request":{}}]}})")
        << "entry 1" << 0;
    QTest::newRow("HAR, not JSON") << "broken.har" << QByteArray(R"({"log": [)") << "file" << 0;
    // Found by fuzz_har: a path without its "/" that no later export could import again.
    QTest::newRow("HAR, relative URL")
        << "relative.har"
        << QByteArray(R"({"log":{"entries":[{"startedDateTime":"2024-01-01T00:00:00Z",)"
                      R"("request":{"method":"POST","url":"http8//127.0.0.1/webhooks"}}]}})")
        << "entry 1" << 0;
}

void TestExchange::corruptFilesAreNamedWithTheirPosition()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, content);
    QFETCH(QString, entry);
    QFETCH(int, good);
    QFile file(path(name));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
    file.close();
    const ImportResult result = readDeliveries(path(name));
    QCOMPARE(result.errors.size(), 1);
    QCOMPARE(result.errors.first().entry, entry);
    QVERIFY(result.errors.first().toString().contains(name));
    QCOMPARE(result.deliveries.size(), good);
}

void TestExchange::replayDeliversTheSameBodies()
{
    CaptureService receiver;
    CaptureOptions options;
    options.port = 0;
    QString error;
    const QString session = path(QStringLiteral("replayed.hookscope"));
    QVERIFY(receiver.start(options, session, JwtVerifier(m_keyring), &error));
    const QVector<Delivery> original = stored(m_session);
    ScenarioSpec spec;
    spec.target = receiver.url();
    ScenarioRunner runner(spec, planReplay(original, ReplayOptions()));
    QSignalSpy finished(&runner, &ScenarioRunner::finished);
    runner.start();
    QVERIFY(finished.wait(20000));
    QCOMPARE(runner.summary().delivered, 7);
    receiver.stop();
    const QVector<Delivery> replayed = stored(session);
    QCOMPARE(replayed.size(), original.size());
    for (int i = 0; i < original.size(); ++i)
        QCOMPARE(replayed.at(i).body, original.at(i).body);
    // The recorded flow tests the receiver as Wix would: the duplicate is seen again.
    QVERIFY(replayed.at(2).analysis.has(FlagDuplicate));
}

void TestExchange::replayIsReproducibleFromItsSeed()
{
    const QVector<Delivery> original = stored(m_session);
    ReplayOptions options;
    options.shuffle = true;
    options.duplicateRate = 0.5;
    options.maxDelayMs = 20;
    options.seed = 42;
    const auto order = [](const ScenarioPlan &plan) {
        QStringList sends;
        for (const PlannedSend &s : plan.sends)
            sends << QStringLiteral("%1/%2@%3").arg(s.event).arg(s.copy).arg(s.notBeforeMs);
        return sends;
    };
    const ScenarioPlan a = planReplay(original, options);
    QCOMPARE(order(planReplay(original, options)), order(a));
    QVERIFY(a.sends.size() > original.size()); // duplicates injected
    for (int i = 0; i < a.sends.size(); ++i) {
        if (a.sends.at(i).copy == 2) {
            // A copy comes after its original.
            int original_ = -1;
            for (int j = 0; j < i; ++j)
                original_ = a.sends.at(j).event == a.sends.at(i).event && a.sends.at(j).copy == 1
                                ? j
                                : original_;
            QVERIFY(original_ >= 0);
        }
    }
    options.seed = 43;
    QVERIFY(order(planReplay(original, options)) != order(a));
    // Re-signed: the same claims, a new signature that verifies with the new key.
    options = ReplayOptions();
    options.resignWith = RsaPrivateKey::generate(2048);
    const ScenarioPlan resigned = planReplay(original, options);
    Keyring keyring;
    keyring.add({QStringLiteral("replay"),
                 QString(),
                 options.resignWith.publicKey(),
                 KeyFormat::SpkiPem,
                 {}});
    QVERIFY(JwtVerifier(keyring).verify(resigned.sends.at(4).token).valid);
    QCOMPARE(parseCompactJws(resigned.sends.at(0).token).jws.payload(),
             parseCompactJws(original.at(0).body).jws.payload());
    QCOMPARE(resigned.sends.at(5).token, original.at(5).body); // not a token: as recorded
}

void TestExchange::replayWithInjectedDuplicatesCountsEverySend()
{
    CaptureService receiver;
    CaptureOptions options;
    options.port = 0;
    QString error;
    QVERIFY(receiver.start(options, path(QStringLiteral("dups.hookscope")), JwtVerifier(), &error));
    ReplayOptions replay;
    replay.duplicateRate = 0.5;
    replay.seed = 7;
    const ScenarioPlan plan = planReplay(stored(m_session), replay);
    QVERIFY(plan.sends.size() > 7 && plan.sends.size() < 14);
    ScenarioSpec spec;
    spec.target = receiver.url();
    ScenarioRunner runner(spec, plan);
    QSignalSpy finished(&runner, &ScenarioRunner::finished);
    runner.start();
    QVERIFY(finished.wait(20000));
    // Only planned sends count: a delivery without an injected copy is not a failure.
    QCOMPARE(runner.summary().events, int(plan.sends.size()));
    QCOMPARE(runner.summary().delivered, int(plan.sends.size()));
    QCOMPARE(runner.summary().failed, 0);
}

void TestExchange::curlCommand()
{
    const Delivery d = stored(m_session).first();
    const QString small =
        ::curlCommand(d, QStringLiteral("http://127.0.0.1:3000/"), QStringLiteral("b.jwt"), 100000);
    QVERIFY(small.startsWith(QStringLiteral(
        "curl -X POST 'http://127.0.0.1:3000/webhooks/wix?source=test&x=%20y' -H 'Expect:'")));
    QVERIFY(small.contains(QStringLiteral("-H 'X-Trace: 0'")));
    QVERIFY(!small.contains(QStringLiteral("Host:")));
    QVERIFY(
        small.contains(QStringLiteral("--data-binary '") + QString::fromLatin1(d.body.left(20))));
    const QString large = ::curlCommand(d, QStringLiteral("http://x"), QStringLiteral("b.jwt"), 10);
    QVERIFY(large.endsWith(QStringLiteral("--data-binary @'b.jwt'")));
}

QTEST_GUILESS_MAIN(TestExchange)
#include "tst_exchange.moc"
