#include "models/deliveryrow.h"
#include "store/sessionstore.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QtTest>

class TestSessionStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void roundTrip();
    void sequenceNumbersFollowArrival();
    void ownerOnlyFile();
    void reopensWithItsDeliveries();
    void refusesNewerSchema();
    void migratesAnEmptyFile();
    void failedBatchStoresNothing();
    void binaryAndEmptyBodies();
    void integrityCheck();
    void rowsFromColumnsMatchRowsFromDeliveries();

private:
    static Delivery sample(const QByteArray &body);
    QString m_path;
    QTemporaryDir m_dir;
};

Delivery TestSessionStore::sample(const QByteArray &body)
{
    Delivery d;
    d.arrivalMs = 1700000000123;
    d.method = QStringLiteral("POST");
    d.path = QStringLiteral("/webhooks/wix");
    d.query = QStringLiteral("a=1&b=%20");
    d.headers = {{"Content-Type", "text/plain"}, {"X-Dup", "1"}, {"x-dup", "2"}};
    d.body = body;
    d.size = body.size();
    d.peer = QStringLiteral("127.0.0.1");
    d.bodyKind = BodyKind::Text;
    d.answerStatus = 500;
    d.answerBody = "nope";
    d.answerDelayMs = 1300;
    d.signature = SignatureStatus::Invalid;
    d.reason = VerdictReason::SignatureTampered;
    d.verdictMessage = QStringLiteral("tampered");
    d.keyName = QStringLiteral("shop");
    d.warnings = {QStringLiteral("w1"), QStringLiteral("w2")};
    ForwardResult forward;
    forward.status = 502;
    forward.latencyMs = 1400;
    forward.body = "bad gateway";
    d.forward = forward;
    return d;
}

void TestSessionStore::init()
{
    QVERIFY(m_dir.isValid());
    m_path = m_dir.filePath(QStringLiteral("%1.hookscope").arg(QTest::currentTestFunction()));
}

void TestSessionStore::roundTrip()
{
    SessionStore store;
    QString error;
    QVERIFY2(store.open(m_path, &error), qPrintable(error));
    QVector<Delivery> batch{sample("hello")};
    QVERIFY2(store.append(batch, &error), qPrintable(error));
    QCOMPARE(batch.first().seq, qint64(1));
    const std::optional<Delivery> loaded = store.load(1);
    QVERIFY(loaded);
    const Delivery &d = *loaded;
    const Delivery expected = sample("hello");
    QCOMPARE(d.arrivalMs, expected.arrivalMs);
    QCOMPARE(d.method, expected.method);
    QCOMPARE(d.path, expected.path);
    QCOMPARE(d.query, expected.query);
    QCOMPARE(d.headers.size(), 3);
    QCOMPARE(d.headers.at(1).name, QByteArray("X-Dup"));
    QCOMPARE(d.headers.at(2).name, QByteArray("x-dup"));
    QCOMPARE(d.headers.at(2).value, QByteArray("2"));
    QCOMPARE(d.body, QByteArray("hello"));
    QCOMPARE(d.bodyKind, BodyKind::Text);
    QCOMPARE(d.answerStatus, 500);
    QCOMPARE(d.answerBody, QByteArray("nope"));
    QCOMPARE(d.answerDelayMs, 1300);
    QCOMPARE(d.signature, SignatureStatus::Invalid);
    QCOMPARE(d.reason, VerdictReason::SignatureTampered);
    QCOMPARE(d.keyName, QStringLiteral("shop"));
    QCOMPARE(d.warnings, expected.warnings);
    QVERIFY(d.forward);
    QCOMPARE(d.forward->status, 502);
    QCOMPARE(d.forward->latencyMs, qint64(1400));
    QVERIFY(d.forward->wixWouldRetry());
    QVERIFY(!store.load(2));
}

void TestSessionStore::sequenceNumbersFollowArrival()
{
    SessionStore store;
    QVERIFY(store.open(m_path));
    for (int round = 0; round < 3; ++round) {
        QVector<Delivery> batch;
        for (int i = 0; i < 100; ++i)
            batch.append(sample(QByteArray::number(round * 100 + i)));
        QVERIFY(store.append(batch));
        QCOMPARE(batch.first().seq, qint64(round * 100 + 1));
        QCOMPARE(batch.last().seq, qint64(round * 100 + 100));
    }
    QCOMPARE(store.count(), qint64(300));
    const QVector<Delivery> page = store.loadAfter(150, 10);
    QCOMPARE(page.size(), 10);
    QCOMPARE(page.first().seq, qint64(151));
    QCOMPARE(page.first().body, QByteArray("150"));
}

void TestSessionStore::ownerOnlyFile()
{
    SessionStore store;
    QVERIFY(store.open(m_path));
    QCOMPARE(QFile::permissions(m_path) & (QFileDevice::ReadGroup | QFileDevice::ReadOther |
                                           QFileDevice::WriteGroup | QFileDevice::WriteOther),
             QFileDevice::Permissions());
}

void TestSessionStore::reopensWithItsDeliveries()
{
    {
        SessionStore store;
        QVERIFY(store.open(m_path));
        QVector<Delivery> batch{sample("a"), sample("b")};
        QVERIFY(store.append(batch));
    }
    SessionStore again;
    QVERIFY(again.open(m_path));
    QCOMPARE(again.count(), qint64(2));
    QCOMPARE(again.load(2)->body, QByteArray("b"));
}

void TestSessionStore::refusesNewerSchema()
{
    {
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
        db.setDatabaseName(m_path);
        QVERIFY(db.open());
        QSqlQuery(db).exec(
            QStringLiteral("PRAGMA user_version=%1").arg(SessionStore::schemaVersion() + 1));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("raw"));
    SessionStore store;
    QString error;
    QVERIFY(!store.open(m_path, &error));
    QVERIFY2(error.contains(QStringLiteral("newer Hookscope")), qPrintable(error));
}

void TestSessionStore::migratesAnEmptyFile()
{
    QFile empty(m_path);
    QVERIFY(empty.open(QIODevice::WriteOnly));
    empty.close();
    SessionStore store;
    QString error;
    QVERIFY2(store.open(m_path, &error), qPrintable(error));
    QVector<Delivery> batch{sample("x")};
    QVERIFY(store.append(batch));
    QCOMPARE(store.count(), qint64(1));
}

void TestSessionStore::failedBatchStoresNothing()
{
    SessionStore store;
    QVERIFY(store.open(m_path));
    QVector<Delivery> first{sample("kept")};
    QVERIFY(store.append(first));
    {
        // A trigger makes one insert fail, as a full disk would, whoever runs the test.
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
        db.setDatabaseName(m_path);
        QVERIFY(db.open());
        QVERIFY(QSqlQuery(db).exec(QStringLiteral(
            "CREATE TRIGGER poison BEFORE INSERT ON deliveries WHEN NEW.body = x'706f69736f6e' "
            "BEGIN SELECT RAISE(ABORT, 'disk full (simulated)'); END")));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("raw"));
    QVector<Delivery> batch{sample("a"), sample("poison"), sample("b")};
    QString error;
    QVERIFY(!store.append(batch, &error));
    QVERIFY2(error.contains(QStringLiteral("disk full")), qPrintable(error));
    QCOMPARE(batch.first().seq, qint64(0));
    QCOMPARE(store.count(), qint64(1));
    QVector<Delivery> later{sample("after")};
    QVERIFY(store.append(later));
    QCOMPARE(later.first().seq, qint64(2));
}

void TestSessionStore::binaryAndEmptyBodies()
{
    SessionStore store;
    QVERIFY(store.open(m_path));
    QByteArray binary(256, '\0');
    for (int i = 0; i < 256; ++i)
        binary[i] = char(i);
    Delivery empty = sample(QByteArray());
    empty.query.clear();
    empty.forward.reset();
    QVector<Delivery> batch{sample(binary), empty};
    QVERIFY(store.append(batch));
    QCOMPARE(store.load(1)->body, binary);
    const Delivery loaded = *store.load(2);
    QVERIFY(loaded.body.isEmpty());
    QVERIFY(loaded.query.isEmpty());
    QVERIFY(!loaded.forward);
    const QJsonObject json = store.load(1)->toJson();
    QCOMPARE(json[QStringLiteral("bodyEncoding")].toString(), QStringLiteral("base64"));
    QCOMPARE(QByteArray::fromBase64(json[QStringLiteral("body")].toString().toLatin1()), binary);
}

void TestSessionStore::integrityCheck()
{
    SessionStore store;
    QVERIFY(store.open(m_path));
    QCOMPARE(store.integrityCheck(), QStringLiteral("ok"));
}

void TestSessionStore::rowsFromColumnsMatchRowsFromDeliveries()
{
    SessionStore store;
    QVERIFY(store.open(m_path));
    Delivery withEvent = sample("x");
    withEvent.event.eventType = QStringLiteral("wix.contacts.v4.contact_created");
    withEvent.event.instanceId = QStringLiteral("inst");
    withEvent.event.entityFqdn = QStringLiteral("wix.contacts.v4.contact");
    withEvent.event.entityId = QStringLiteral("c1");
    withEvent.event.identityTypeText = QStringLiteral("MEMBER");
    withEvent.event.identityId = QStringLiteral("m1");
    withEvent.analysis.flags = FlagDuplicate | FlagOutOfOrder;
    Delivery plain = sample("y");
    plain.query.clear();
    plain.forward.reset();
    plain.warnings.clear();
    QVector<Delivery> batch{withEvent, plain};
    QVERIFY(store.append(batch));
    const QVector<DeliveryRow> rows = store.loadRowsAfter(0, 10);
    QCOMPARE(rows.size(), 2);
    for (int i = 0; i < 2; ++i) {
        // What the list shows is the same whether it came live or from the session.
        const DeliveryRow expected = DeliveryRow::fromDelivery(batch.at(i));
        const DeliveryRow &row = rows.at(i);
        QCOMPARE(row.seq, expected.seq);
        QCOMPARE(row.arrivalMs, expected.arrivalMs);
        QCOMPARE(row.method, expected.method);
        QCOMPARE(row.target, expected.target);
        QCOMPARE(row.eventType, expected.eventType);
        QCOMPARE(row.instanceId, expected.instanceId);
        QCOMPARE(row.entity, expected.entity);
        QCOMPARE(row.identity, expected.identity);
        QCOMPARE(row.keyName, expected.keyName);
        QCOMPARE(row.reasonCode, expected.reasonCode);
        QCOMPARE(row.size, expected.size);
        QCOMPARE(row.answerStatus, expected.answerStatus);
        QCOMPARE(row.signature, expected.signature);
        QCOMPARE(row.bodyKind, expected.bodyKind);
        QCOMPARE(row.wixWouldRetry, expected.wixWouldRetry);
        QCOMPARE(row.hasWarnings, expected.hasWarnings);
        QCOMPARE(row.analysisFlags, expected.analysisFlags);
    }
    QCOMPARE(store.loadRowsAfter(1, 10).size(), 1);
}

QTEST_GUILESS_MAIN(TestSessionStore)
#include "tst_sessionstore.moc"
