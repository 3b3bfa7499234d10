#include "capture/deliveryinspector.h"
#include "store/sessionstore.h"

#include "testkeys.h"
#include "tokenfactory.h"

#include <QtTest>

using namespace TokenFactory;

// `hookscope report` over a session written here: duplicates, reordering and a
// gap, read back as JSON lines.
class TestReport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void jsonLines();
    void textAndSummary();
    void diffOfTwoDeliveries();

private:
    QByteArray run(const QStringList &arguments, int *exitCode) const;
    QTemporaryDir m_dir;
    QString m_session;
};

namespace {
QJsonObject contactEvent(const QString &eventId, int sequence)
{
    QJsonObject envelope = loadExample(QStringLiteral("contact_updated.json"));
    QJsonObject data = envelope.value(QStringLiteral("data")).toObject();
    data.insert(QStringLiteral("id"), eventId);
    data.insert(QStringLiteral("entityEventSequence"), QString::number(sequence));
    data.insert(QStringLiteral("eventTime"),
                QDateTime::currentDateTimeUtc().addSecs(sequence).toString(Qt::ISODateWithMs));
    envelope.insert(QStringLiteral("data"), data);
    return envelope;
}
} // namespace

QByteArray TestReport::run(const QStringList &arguments, int *exitCode) const
{
    QProcess process;
    process.start(QStringLiteral(HOOKSCOPE_BINARY), arguments);
    if (!process.waitForFinished(30000))
        qFatal("hookscope did not finish");
    *exitCode = process.exitCode();
    return process.readAllStandardOutput();
}

void TestReport::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_session = m_dir.filePath(QStringLiteral("report.hookscope"));
    const TestKeyPair pair = TestKeyPair::generate();
    Keyring keyring;
    QVERIFY(keyring.addFromText(QStringLiteral("app"), pair.spkiPem).ok());
    const JwtVerifier verifier(keyring);
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QByteArray first =
        signRs256(wixClaims(contactEvent(QStringLiteral("e1"), 1), now), pair.privateKey);
    // Arrival order: seq 1, seq 3 (gap), seq 1 again (same token, redundant),
    // seq 2 (out of order), seq 1 re-signed after the last copy was answered 500.
    const QVector<QPair<QByteArray, int>> arrivals = {
        {first, 200},
        {signRs256(wixClaims(contactEvent(QStringLiteral("e3"), 3), now), pair.privateKey), 200},
        {first, 500},
        {signRs256(wixClaims(contactEvent(QStringLiteral("e2"), 2), now), pair.privateKey), 200},
        {signRs256(wixClaims(contactEvent(QStringLiteral("e1"), 1), now + 1), pair.privateKey),
         200},
    };
    SessionStore store;
    QVERIFY(store.open(m_session));
    QVector<Delivery> batch;
    for (const auto &[token, status] : arrivals) {
        Delivery d;
        d.arrivalMs = QDateTime::currentMSecsSinceEpoch();
        d.method = QStringLiteral("POST");
        d.path = QStringLiteral("/");
        d.body = token;
        d.size = token.size();
        d.answerStatus = status;
        inspectDelivery(d, verifier);
        batch.append(d);
    }
    QVERIFY(store.append(batch));
}

void TestReport::jsonLines()
{
    int exitCode = -1;
    const QByteArray out = run({QStringLiteral("report"), QStringLiteral("--json"),
                                QStringLiteral("--session"), m_session},
                               &exitCode);
    QCOMPARE(exitCode, 0);
    const QList<QByteArray> lines = out.trimmed().split('\n');
    QCOMPARE(lines.size(), 6); // five deliveries and the summary
    QVector<QJsonObject> rows;
    for (const QByteArray &line : lines) {
        QJsonParseError error;
        rows.append(QJsonDocument::fromJson(line, &error).object());
        QCOMPARE(error.error, QJsonParseError::NoError);
    }
    for (const char *key : {"seq", "arrival", "eventType", "eventId", "entity", "valid",
                            "duplicate_of", "duplicate_kind", "out_of_order_after", "sequence_gap",
                            "likely_retry_attempt", "findings"})
        QVERIFY2(rows.at(0).contains(QLatin1String(key)), key);
    QCOMPARE(rows.at(0)[QStringLiteral("valid")].toBool(), true);
    QVERIFY(rows.at(0)[QStringLiteral("duplicate_of")].isNull());
    QCOMPARE(rows.at(1)[QStringLiteral("sequence_gap")].toInt(), 1);
    QCOMPARE(rows.at(2)[QStringLiteral("duplicate_of")].toInt(), 1);
    QCOMPARE(rows.at(2)[QStringLiteral("duplicate_kind")].toString(), QStringLiteral("redundant"));
    QCOMPARE(rows.at(3)[QStringLiteral("out_of_order_after")].toInt(), 2);
    QCOMPARE(rows.at(4)[QStringLiteral("duplicate_of")].toInt(), 1);
    QCOMPARE(rows.at(4)[QStringLiteral("duplicate_kind")].toString(), QStringLiteral("retry"));
    QVERIFY(rows.at(4)[QStringLiteral("findings")].toArray().size() >= 1);
    QCOMPARE(rows.at(5)[QStringLiteral("duplicates")].toInt(), 2);
    QCOMPARE(rows.at(5)[QStringLiteral("out_of_order")].toInt(), 1);
    QCOMPARE(rows.at(5)[QStringLiteral("sequence_gaps")].toInt(), 1);
}

void TestReport::textAndSummary()
{
    int exitCode = -1;
    const QByteArray out =
        run({QStringLiteral("report"), QStringLiteral("--session"), m_session}, &exitCode);
    QCOMPARE(exitCode, 0);
    QVERIFY2(out.contains("dup(redundant) of #1"), out.constData());
    QVERIFY(out.contains("out-of-order after #2"));
    QVERIFY(out.contains("5 deliveries: 2 duplicates, 1 out of order, 1 with sequence gaps"));
    int missing = -1;
    run({QStringLiteral("report"), QStringLiteral("--session"),
         m_dir.filePath(QStringLiteral("none"))},
        &missing);
    QCOMPARE(missing, 2);
}

void TestReport::diffOfTwoDeliveries()
{
    int exitCode = -1;
    // Deliveries 1 and 3 carry the same token.
    QByteArray out = run({QStringLiteral("diff"), QStringLiteral("--session"), m_session,
                          QStringLiteral("1"), QStringLiteral("3")},
                         &exitCode);
    QCOMPARE(exitCode, 0);
    QVERIFY2(out.contains("decode the same"), out.constData());
    // 1 and 5 are the same event re-signed later: only iat differs, and it is ignored.
    out = run({QStringLiteral("diff"), QStringLiteral("--json"), QStringLiteral("--session"),
               m_session, QStringLiteral("1"), QStringLiteral("5")},
              &exitCode);
    QVERIFY2(!out.contains("payload.iat"), out.constData());
    // 1 and 2 are different events of one entity.
    out = run({QStringLiteral("diff"), QStringLiteral("--json"), QStringLiteral("--session"),
               m_session, QStringLiteral("1"), QStringLiteral("2")},
              &exitCode);
    QCOMPARE(exitCode, 1);
    QStringList paths;
    for (const QByteArray &line : out.trimmed().split('\n'))
        paths << QJsonDocument::fromJson(line).object().value(QStringLiteral("path")).toString();
    QVERIFY2(paths.contains(QStringLiteral("payload.data.data.id")),
             qPrintable(paths.join(QLatin1Char(' '))));
    QVERIFY(paths.contains(QStringLiteral("payload.data.data.entityEventSequence")));
    QVERIFY(!paths.contains(QStringLiteral("payload.iat")));
    run({QStringLiteral("diff"), QStringLiteral("--session"), m_session, QStringLiteral("1")},
        &exitCode);
    QCOMPARE(exitCode, 2);
    run({QStringLiteral("diff"), QStringLiteral("--session"), m_session, QStringLiteral("1"),
         QStringLiteral("99")},
        &exitCode);
    QCOMPARE(exitCode, 2);
}

QTEST_GUILESS_MAIN(TestReport)
#include "tst_report.moc"
