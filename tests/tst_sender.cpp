#include "analysis/wixretryschedule.h"
#include "capture/captureservice.h"
#include "send/claimstemplate.h"
#include "send/eventtemplates.h"
#include "send/scenariorunner.h"
#include "send/testkeystore.h"
#include "send/wixenvelope.h"
#include "store/sessionstore.h"
#include "wix/tokeninspection.h"

#include <QtTest>

// Against real local servers: a capture service stands in for the developer's receiver.
class TestSender : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void keyPairIsOwnerOnly();
    void templatesCoverCommonEvents();
    void wireFormatIsWixs_data();
    void wireFormatIsWixs();
    void compiledClaimsAreQtsOwn_data();
    void compiledClaimsAreQtsOwn();
    void templateHoldingAMarkerIsNotCompiled();
    void duplicatesShareOneEventId_data();
    void duplicatesShareOneEventId();
    void shuffledCopiesOfOneTokenAllCarryIt();
    void shuffledBurstArrivesInTheOrderSent();
    void lifecycleInOrder();
    void retryScheduleUntilSuccess();
    void lateAnswerIsAFailure();
    void concurrencyAndRate();

private:
    ScenarioSummary run(ScenarioRunner &runner, int timeoutMs = 30000);
    QVector<Delivery> received() const;

    QTemporaryDir m_dir;
    RsaPrivateKey m_key;
    std::unique_ptr<CaptureService> m_receiver;
    QString m_session;
};

void TestSender::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_key = RsaPrivateKey::generate(2048);
}

void TestSender::init()
{
    m_session = m_dir.filePath(QStringLiteral("%1-%2.hookscope")
                                   .arg(QLatin1String(QTest::currentTestFunction()))
                                   .arg(qHash(QLatin1String(QTest::currentDataTag()))));
    m_receiver = std::make_unique<CaptureService>();
    Keyring keyring;
    keyring.add({QStringLiteral("test"), QString(), m_key.publicKey(), KeyFormat::SpkiPem, {}});
    CaptureOptions options;
    options.port = 0;
    QString error;
    QVERIFY2(m_receiver->start(options, m_session, JwtVerifier(keyring), &error),
             qPrintable(error));
}

void TestSender::cleanup()
{
    m_receiver.reset();
}

ScenarioSummary TestSender::run(ScenarioRunner &runner, int timeoutMs)
{
    QSignalSpy finished(&runner, &ScenarioRunner::finished);
    runner.start();
    if (!finished.wait(timeoutMs))
        qFatal("scenario did not finish");
    return runner.summary();
}

QVector<Delivery> TestSender::received() const
{
    SessionStore store;
    if (!store.open(m_session))
        return {};
    return store.loadAfter(0, 100000);
}

void TestSender::keyPairIsOwnerOnly()
{
    const QString folder = m_dir.filePath(QStringLiteral("keys"));
    const TestKeyStore::Result created = TestKeyStore::loadOrCreate(folder);
    QVERIFY2(created.ok(), qPrintable(created.error));
    QVERIFY(created.created);
    QCOMPARE(created.key.bits(), 2048);
    QCOMPARE(QFile::permissions(created.privatePath) &
                 (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteGroup |
                  QFileDevice::WriteOther),
             QFileDevice::Permissions());
    QFile pub(created.publicPath);
    QVERIFY(pub.open(QIODevice::ReadOnly));
    const QByteArray publicPem = pub.readAll();
    QVERIFY(publicPem.startsWith("-----BEGIN PUBLIC KEY-----"));
    QVERIFY(!publicPem.contains("PRIVATE"));
    // Reused on the next start.
    const TestKeyStore::Result again = TestKeyStore::loadOrCreate(folder);
    QVERIFY(again.ok());
    QVERIFY(!again.created);
    QCOMPARE(again.key.publicKey().spkiDer(), created.key.publicKey().spkiDer());
    // Never overwritten.
    QVERIFY(!TestKeyStore::writePair(m_key, folder, QStringLiteral("test-key")).ok());
}

void TestSender::templatesCoverCommonEvents()
{
    const QVector<EventTemplate> templates = EventTemplates::all();
    QVERIFY(templates.size() >= 15);
    QStringList types;
    QSet<QString> shapes;
    for (const EventTemplate &t : templates) {
        types << t.eventType;
        shapes.insert(t.shape);
    }
    for (const char *type : {"AppInstalled", "AppRemoved", "PaidPlanPurchased", "PaidPlanChanged",
                             "PaidPlanAutoRenewalCancelled", "wix.contacts.v4.contact_created",
                             "wix.contacts.v4.contact_updated", "wix.contacts.v4.contact_deleted",
                             "wix.contacts.v4.contact_merged", "wix.members.v1.member_created",
                             "wix.ecom.v1.order_approved", "wix.bookings.v2.booking_created",
                             "wix.forms.v4.submission_created", "wix.blog.v3.post_created"})
        QVERIFY2(types.contains(QLatin1String(type)), type);
    QCOMPARE(shapes, QSet<QString>({QStringLiteral("standardized"),
                                    QStringLiteral("app-management"), QStringLiteral("legacy")}));
    QVERIFY(EventTemplates::find(QStringLiteral("contact_created")));
    QVERIFY(EventTemplates::find(QStringLiteral("wix.contacts.v4.contact_created")));
    QVERIFY(!EventTemplates::find(QStringLiteral("nope")));
}

void TestSender::wireFormatIsWixs_data()
{
    QTest::addColumn<QString>("name");
    for (const EventTemplate &t : EventTemplates::all())
        QTest::newRow(qPrintable(t.name)) << t.name;
}

void TestSender::wireFormatIsWixs()
{
    QFETCH(QString, name);
    const EventTemplate t = *EventTemplates::find(name);
    EnvelopeFactory factory;
    const QJsonObject envelope = factory.make(t.envelope);
    const QByteArray token =
        JwtSigner(m_key).sign(wixClaimsForEnvelope(envelope, 1700000000, 1700003600));
    Keyring keyring;
    keyring.add({QStringLiteral("test"), QString(), m_key.publicKey(), KeyFormat::SpkiPem, {}});
    VerifyOptions options;
    options.nowEpochSeconds = 1700000000;
    const TokenInspection inspection = inspectToken(token, JwtVerifier(keyring, options));
    QVERIFY2(inspection.verdict.valid, qPrintable(inspection.verdict.message));
    QCOMPARE(inspection.parsed.jws.header(),
             QJsonObject({{QStringLiteral("alg"), QStringLiteral("RS256")}}));
    const QJsonObject claims = inspection.parsed.jws.payload();
    QCOMPARE(claims.value(QStringLiteral("iat")).toInteger(), qint64(1700000000));
    QCOMPARE(claims.value(QStringLiteral("exp")).toInteger(), qint64(1700003600));
    // data is a string; inside it, data and identity are strings again.
    QVERIFY(claims.value(QStringLiteral("data")).isString());
    const QJsonObject wire =
        QJsonDocument::fromJson(claims.value(QStringLiteral("data")).toString().toUtf8()).object();
    QVERIFY(wire.value(QStringLiteral("data")).isString());
    if (wire.contains(QStringLiteral("identity")))
        QVERIFY(wire.value(QStringLiteral("identity")).isString());
    QVERIFY2(inspection.decoding.notes.isEmpty(),
             qPrintable(inspection.decoding.notes.join(QLatin1Char(' '))));
    QCOMPARE(inspection.decoding.event.eventType, t.eventType);
}

// A run's claims come from its template compiled once (ClaimsTemplate): each event's text must
// be the bytes Qt writes of that event's envelope, for every template, fresh or fixed values,
// with and without exp, and for the run's later events as for its first.
void TestSender::compiledClaimsAreQtsOwn_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("freshValues");
    QTest::addColumn<bool>("expires");
    for (const EventTemplate &t : EventTemplates::all()) {
        QTest::newRow(qPrintable(t.name)) << t.name << true << false;
        QTest::newRow(qPrintable(t.name + QStringLiteral(", exp"))) << t.name << true << true;
        QTest::newRow(qPrintable(t.name + QStringLiteral(", fixed"))) << t.name << false << true;
    }
}

void TestSender::compiledClaimsAreQtsOwn()
{
    QFETCH(QString, name);
    QFETCH(bool, freshValues);
    QFETCH(bool, expires);
    const QJsonObject envelope = EventTemplates::find(name)->envelope;
    const std::optional<qint64> exp = expires ? std::optional<qint64>(1700003600) : std::nullopt;
    EnvelopeFactory factory;
    factory.freshIds = factory.freshTime = factory.freshSequence = freshValues;
    const FreshValues first = factory.fresh(envelope);
    if (!freshValues)
        QVERIFY(first.id.isEmpty() && first.eventTime.isEmpty() &&
                first.operationTimeStamp.isEmpty() && first.sequence.isEmpty());
    const std::optional<ClaimsTemplate> compiled = ClaimsTemplate::compile(envelope, first, exp);
    QVERIFY(compiled);
    for (int event = 0; event < 3; ++event) {
        const FreshValues values = event == 0 ? first : factory.fresh(envelope);
        const qint64 iat = 1700000000 + event;
        const QJsonObject made = EnvelopeFactory::withValues(envelope, values);
        const QByteArray qts =
            QJsonDocument(wixClaimsForEnvelope(made, iat, exp)).toJson(QJsonDocument::Compact);
        QCOMPARE(compiled->claims(values, iat), qts);
        const EnvelopeToSign toSign{
            {}, iat, exp, std::make_shared<ClaimsTemplate>(*compiled), values};
        QCOMPARE(toSign.claimsJson(), qts);
        if (!values.id.isEmpty())
            QVERIFY(qts.contains(values.id.toLatin1()));
    }
}

void TestSender::templateHoldingAMarkerIsNotCompiled()
{
    QJsonObject envelope = EventTemplates::find(QStringLiteral("contact_created"))->envelope;
    envelope.insert(QStringLiteral("n"), ClaimsTemplate::kIatMarker);
    EnvelopeFactory factory;
    QVERIFY(!ClaimsTemplate::compile(envelope, factory.fresh(envelope), std::nullopt));
    // A run of it still sends what Qt writes: every token verifies and carries its event.
    ScenarioSpec spec;
    spec.target = m_receiver->url();
    spec.envelope = envelope;
    spec.count = 3;
    ScenarioRunner runner(spec, JwtSigner(m_key));
    QCOMPARE(run(runner).delivered, 3);
    const QVector<Delivery> got = received();
    QCOMPARE(got.size(), 3);
    for (const Delivery &d : got)
        QCOMPARE(d.signature, SignatureStatus::Valid);
    QCOMPARE(got.at(2).event.eventId, runner.attempts().at(2).eventId);
}

void TestSender::duplicatesShareOneEventId_data()
{
    QTest::addColumn<bool>("resign");
    QTest::newRow("same token") << false;
    QTest::newRow("re-signed") << true;
}

void TestSender::duplicatesShareOneEventId()
{
    QFETCH(bool, resign);
    ScenarioSpec spec;
    spec.target = m_receiver->url();
    spec.envelope = EventTemplates::find(QStringLiteral("contact_updated"))->envelope;
    spec.duplicates = 4;
    spec.resign = resign;
    ScenarioRunner runner(spec, JwtSigner(m_key));
    const ScenarioSummary summary = run(runner);
    QCOMPARE(summary.delivered, 4);
    QCOMPARE(summary.failed, 0);
    const QVector<Delivery> got = received();
    QCOMPARE(got.size(), 4);
    QSet<QString> ids;
    QSet<QByteArray> bodies;
    for (const Delivery &d : got) {
        QCOMPARE(d.signature, SignatureStatus::Valid);
        ids.insert(d.event.eventId);
        bodies.insert(d.body);
    }
    QCOMPARE(ids.size(), 1);
    QCOMPARE(bodies.size(), resign ? 4 : 1);
    QCOMPARE(got.at(3).analysis.duplicateOf, got.at(0).seq);
    QCOMPARE(got.at(3).analysis.has(FlagIdenticalToken), !resign);
}

// The runner frees each token once the last of its copies has taken it: shuffled, the copies of
// an event are apart, and each must still carry the whole token.
void TestSender::shuffledCopiesOfOneTokenAllCarryIt()
{
    ScenarioSpec spec;
    spec.target = m_receiver->url();
    spec.envelope = EventTemplates::find(QStringLiteral("contact_updated"))->envelope;
    spec.count = 6;
    spec.duplicates = 3;
    spec.shuffle = true;
    spec.seed = 7;
    ScenarioRunner runner(spec, JwtSigner(m_key));
    const ScenarioSummary summary = run(runner);
    QCOMPARE(summary.delivered, 18); // each copy
    QCOMPARE(summary.failed, 0);
    const QVector<Delivery> got = received();
    QCOMPARE(got.size(), 18);
    QHash<QByteArray, int> copies;
    for (const Delivery &d : got) {
        QCOMPARE(d.signature, SignatureStatus::Valid);
        ++copies[d.body];
    }
    QCOMPARE(copies.size(), 6);
    for (const int n : std::as_const(copies))
        QCOMPARE(n, 3);
}

void TestSender::shuffledBurstArrivesInTheOrderSent()
{
    ScenarioSpec spec;
    spec.target = m_receiver->url();
    spec.envelope = EventTemplates::find(QStringLiteral("contact_updated"))->envelope;
    spec.count = 12;
    spec.shuffle = true;
    spec.seed = 7;
    ScenarioRunner runner(spec, JwtSigner(m_key));
    QCOMPARE(run(runner).delivered, 12);
    QStringList sentIds;
    for (const SendAttempt &attempt : runner.attempts())
        sentIds << attempt.eventId;
    QStringList arrivedIds;
    QStringList sequences;
    for (const Delivery &d : received()) {
        arrivedIds << d.event.eventId;
        sequences << d.event.entityEventSequence;
    }
    QCOMPARE(arrivedIds, sentIds);
    QStringList sorted = sequences;
    std::sort(sorted.begin(), sorted.end(),
              [](const QString &a, const QString &b) { return a.toInt() < b.toInt(); });
    QVERIFY2(sequences != sorted, "a shuffle of 12 left them in order");
    QCOMPARE(QSet<QString>(sequences.cbegin(), sequences.cend()).size(), 12);
}

void TestSender::lifecycleInOrder()
{
    ScenarioSpec spec;
    spec.target = m_receiver->url();
    spec.envelope = EventTemplates::find(QStringLiteral("booking_created"))->envelope;
    spec.lifecycleUpdates = 2;
    ScenarioRunner runner(spec, JwtSigner(m_key));
    QCOMPARE(run(runner).delivered, 4);
    QStringList kinds;
    QSet<QString> entities;
    for (const Delivery &d : received()) {
        kinds << wixEventKindName(d.event.kind) + QLatin1Char(':') + d.event.entityEventSequence;
        entities.insert(d.event.entityKey());
        QCOMPARE(d.analysis.flags & (FlagOutOfOrder | FlagSequenceGap | FlagMissingCreate), 0u);
    }
    QCOMPARE(kinds, QStringList({QStringLiteral("created:1"), QStringLiteral("updated:2"),
                                 QStringLiteral("updated:3"), QStringLiteral("deleted:4")}));
    QCOMPARE(entities.size(), 1);
    QCOMPARE(received().value(0).event.eventType,
             QStringLiteral("wix.bookings.v2.booking_created"));
    QCOMPARE(received().value(3).event.eventType,
             QStringLiteral("wix.bookings.v2.booking_deleted"));
}

void TestSender::retryScheduleUntilSuccess()
{
    const int failures = 3;
    m_receiver->policy().failNext(failures);
    ScenarioSpec spec;
    spec.target = m_receiver->url();
    spec.envelope = EventTemplates::find(QStringLiteral("app_installed"))->envelope;
    spec.retrySchedule = true;
    spec.timeScale = 1000; // 1 min -> 60 ms, 10 min -> 600 ms, 1 h -> 3.6 s
    ScenarioRunner runner(spec, JwtSigner(m_key));
    const ScenarioSummary summary = run(runner);
    QCOMPARE(summary.delivered, 1);
    QCOMPARE(summary.retries, failures);
    QCOMPARE(runner.attempts().size(), failures + 1);
    QCOMPARE(received().size(), failures + 1);
    // Each retry waits the scaled delay after the previous failure.
    for (int k = 1; k <= failures; ++k) {
        const SendAttempt &previous = runner.attempts().at(k - 1);
        const qint64 gap =
            runner.attempts().at(k).startedMs - (previous.startedMs + previous.result.latencyMs);
        const qint64 expected = WixRetrySchedule::delayBeforeAttemptMs(k) / 1000;
        QVERIFY2(
            gap >= expected - 5 && gap < expected + 500,
            qPrintable(
                QStringLiteral("retry %1 after %2 ms, expected %3").arg(k).arg(gap).arg(expected)));
        QCOMPARE(runner.attempts().at(k).attempt, k);
        QCOMPARE(previous.result.status, 500);
    }
    // The receiver saw Wix's retries as duplicates of the first delivery.
    QCOMPARE(received().last().analysis.duplicateKind, DuplicateKind::Retry);
}

void TestSender::lateAnswerIsAFailure()
{
    m_receiver->policy().answerLate();
    ScenarioSpec spec;
    spec.target = m_receiver->url();
    spec.envelope = EventTemplates::find(QStringLiteral("app_removed"))->envelope;
    ScenarioRunner runner(spec, JwtSigner(m_key));
    const ScenarioSummary summary = run(runner);
    QCOMPARE(summary.failed, 1);
    QCOMPARE(runner.attempts().size(), 1);
    QVERIFY(!runner.attempts().first().result.delivered());
    const SendResult &late = runner.attempts().first().result;
    QVERIFY2(late.error.contains(QStringLiteral("1250")),
             qPrintable(
                 QStringLiteral("%1 %2 %3").arg(late.status).arg(late.latencyMs).arg(late.error)));
}

void TestSender::concurrencyAndRate()
{
    ScenarioSpec spec;
    spec.target = m_receiver->url();
    spec.envelope = EventTemplates::find(QStringLiteral("member_created"))->envelope;
    spec.count = 10;
    spec.rate = 50; // one send every 20 ms
    spec.concurrency = 4;
    ScenarioRunner runner(spec, JwtSigner(m_key));
    const ScenarioSummary summary = run(runner);
    QCOMPARE(summary.delivered, 10);
    const qint64 span = runner.attempts().last().startedMs - runner.attempts().first().startedMs;
    QVERIFY2(span >= 9 * 20 - 10, qPrintable(QString::number(span)));
    QVERIFY(summary.p99LatencyMs >= summary.p50LatencyMs);
}

QTEST_GUILESS_MAIN(TestSender)
#include "tst_sender.moc"
