#include "models/deliveryrow.h"
#include "store/sessionrowreader.h"
#include "store/sessionstore.h"
#include "store/walcheckpointer.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QtTest>

class TestSessionStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void roundTrip();
    void textColumnsKeepEveryCharacter();
    void sequenceNumbersFollowArrival();
    void ownerOnlyFile();
    void reopensWithItsDeliveries();
    void refusesNewerSchema();
    void migratesAnEmptyFile();
    void migratesPayloadsToTheirOwnTable();
    void failedBatchStoresNothing();
    void binaryAndEmptyBodies();
    void integrityCheck();
    void logCopiedInTheBackground();
    void rowsFromColumnsMatchRowsFromDeliveries();
    void rowReaderCarriesEachTextOnce();
    void summariesFromColumnsMatchTheDeliveries();

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
    d.headers = {{"Content-Type", "text/plain"},
                 {"X-Dup", "1"},
                 {"x-dup", "2"},
                 {"X-Latin1", "caf\xe9 \"q\" \\ \t\x01"}};
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
    d.warnings = {QStringLiteral("w1"), QStringLiteral("w2 \"µ\"\n")};
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
    QCOMPARE(d.headers.size(), 4);
    QCOMPARE(d.headers.at(1).name, QByteArray("X-Dup"));
    QCOMPARE(d.headers.at(2).name, QByteArray("x-dup"));
    QCOMPARE(d.headers.at(2).value, QByteArray("2"));
    QCOMPARE(d.headers.at(3).value, expected.headers.at(3).value); // bytes past ASCII too
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

void TestSessionStore::textColumnsKeepEveryCharacter()
{
    // Text goes to SQLite as UTF-8: accents, other scripts, a character outside the BMP
    // (a surrogate pair in QString), empty and null strings all come back as they were.
    const QString text =
        QStringLiteral("Caf\u00e9 \u05e9\u05dc\u05d5\u05dd \U0001F600 <b>&amp;</b>");
    SessionStore store;
    QString error;
    QVERIFY2(store.open(m_path, &error), qPrintable(error));
    Delivery delivery = sample("x");
    delivery.path = QStringLiteral("/") + text;
    delivery.verdictMessage = text;
    delivery.keyName = QString();
    delivery.peer = QLatin1String("");
    delivery.event.eventType = text;
    delivery.event.identityTypeText = QStringLiteral("MEMBER");
    delivery.event.identityId = QStringLiteral("\u00fc");
    QVector<Delivery> batch{delivery};
    QVERIFY2(store.append(batch, &error), qPrintable(error));
    const std::optional<Delivery> loaded = store.load(batch.first().seq);
    QVERIFY(loaded);
    QCOMPARE(loaded->path, delivery.path);
    QCOMPARE(loaded->verdictMessage, text);
    QCOMPARE(loaded->keyName, QString());
    QCOMPARE(loaded->peer, QString());
    // The event's columns, as the list reads them (load() decodes the event from the body).
    const QVector<DeliveryRow> rows = store.loadRowsAfter(0, 1);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.front().eventType, text);
    QCOMPARE(rows.front().target, delivery.path + QLatin1Char('?') + delivery.query);
    QVERIFY2(rows.front().identity.endsWith(QStringLiteral("\u00fc")),
             qPrintable(rows.front().identity));
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

void TestSessionStore::migratesPayloadsToTheirOwnTable()
{
    {
        // A session of schema 2, as Hookscope wrote it before payloads had their table.
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
        db.setDatabaseName(m_path);
        QVERIFY(db.open());
        QSqlQuery query(db);
        for (const char *statement :
             {"CREATE TABLE deliveries (seq INTEGER PRIMARY KEY, arrival_ms INTEGER NOT NULL, "
              "method TEXT NOT NULL, path TEXT NOT NULL, query TEXT NOT NULL DEFAULT '', "
              "headers TEXT NOT NULL, body BLOB NOT NULL, size INTEGER NOT NULL, peer TEXT NOT "
              "NULL DEFAULT '', body_kind TEXT NOT NULL, answer_status INTEGER NOT NULL, "
              "answer_body BLOB NOT NULL DEFAULT x'', answer_delay_ms INTEGER NOT NULL DEFAULT "
              "0, forward_status INTEGER, forward_latency_ms INTEGER, forward_body BLOB, "
              "forward_error TEXT, signature TEXT NOT NULL, reason TEXT NOT NULL, "
              "verdict_message TEXT NOT NULL DEFAULT '', key_name TEXT NOT NULL DEFAULT '', "
              "warnings TEXT NOT NULL DEFAULT '[]', event_type TEXT NOT NULL DEFAULT '', "
              "instance_id TEXT NOT NULL DEFAULT '', event_id TEXT NOT NULL DEFAULT '', "
              "entity_fqdn TEXT NOT NULL DEFAULT '', entity_id TEXT NOT NULL DEFAULT '', "
              "identity_type TEXT NOT NULL DEFAULT '', identity_id TEXT NOT NULL DEFAULT '', "
              "event_time TEXT NOT NULL DEFAULT '', entity_sequence TEXT NOT NULL DEFAULT '', "
              "flags INTEGER NOT NULL DEFAULT 0, shape TEXT NOT NULL DEFAULT '', kind TEXT NOT "
              "NULL DEFAULT '', operation_ts TEXT NOT NULL DEFAULT '', content_digest BLOB NOT "
              "NULL DEFAULT x'', token_digest BLOB NOT NULL DEFAULT x'', duplicate_of INTEGER "
              "NOT NULL DEFAULT 0, duplicate_index INTEGER NOT NULL DEFAULT 0, duplicate_kind "
              "INTEGER NOT NULL DEFAULT 0, out_of_order_after INTEGER NOT NULL DEFAULT 0, "
              "sequence_gap INTEGER NOT NULL DEFAULT 0, retry_attempt INTEGER NOT NULL "
              "DEFAULT 0, findings TEXT NOT NULL DEFAULT '[]')",
              "INSERT INTO deliveries (seq, arrival_ms, method, path, headers, body, size, "
              "body_kind, answer_status, answer_body, forward_status, forward_latency_ms, "
              "forward_body, signature, reason, event_type) VALUES (1, 1700000000123, 'POST', "
              "'/hook', '[[\"Content-Type\",\"text/plain\"]]', x'6869', 2, 'text', 502, "
              "x'6e6f7065', 502, 1400, x'626164', 'malformed', 'not_three_segments', 'x.y')",
              "PRAGMA user_version=2"})
            QVERIFY2(query.exec(QLatin1String(statement)), qPrintable(query.lastError().text()));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("raw"));

    SessionStore store;
    QString error;
    QVERIFY2(store.open(m_path, &error), qPrintable(error));
    QCOMPARE(store.count(), qint64(1));
    const std::optional<Delivery> d = store.load(1);
    QVERIFY(d);
    QCOMPARE(d->body, QByteArray("hi"));
    QCOMPARE(d->answerBody, QByteArray("nope"));
    QCOMPARE(d->headers.size(), 1);
    QCOMPARE(d->headers.first().name, QByteArray("Content-Type"));
    QVERIFY(d->forward);
    QCOMPARE(d->forward->body, QByteArray("bad"));
    QCOMPARE(store.loadRowsAfter(0, 10).value(0).eventType, QStringLiteral("x.y"));
    // The list's columns no longer carry the payloads.
    QSqlQuery columns(store.database());
    QVERIFY(columns.exec(QStringLiteral("SELECT name FROM pragma_table_info('deliveries')")));
    QStringList names;
    while (columns.next())
        names << columns.value(0).toString();
    QVERIFY(!names.contains(QStringLiteral("body")));
    QVERIFY(names.contains(QStringLiteral("event_type")));
    QCOMPARE(store.integrityCheck(), QStringLiteral("ok"));
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
            "CREATE TRIGGER poison BEFORE INSERT ON payloads WHEN NEW.body = x'706f69736f6e' "
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

// The capture's store commits a few deliveries at a time, thousands of times a second: its
// write-ahead log is copied into the file by a thread of its own while the commits go on,
// stays bounded, and closing leaves the file whole without its log.
void TestSessionStore::logCopiedInTheBackground()
{
    constexpr int kBatches = 5000;
    constexpr int kPerBatch = 4;
    const QString log = m_path + QStringLiteral("-wal");
    {
        SessionStore store;
        QVERIFY(store.open(m_path));
        store.checkpointInBackground();
        const Delivery delivery = sample(QByteArray(4000, 'x')); // about a page each
        qint64 largestLog = 0;
        for (int i = 0; i < kBatches; ++i) {
            QVector<Delivery> batch(kPerBatch, delivery);
            QVERIFY(store.append(batch));
            largestLog = qMax(largestLog, QFileInfo(log).size());
        }
        // 20,000 pages went through a log that never held many more than kMaxPages (a
        // commit's frames past it), however far the writer ran ahead of the copy.
        const qint64 bound = qint64(WalCheckpointer::kMaxPages + 64) * (4096 + 24) + 32;
        QVERIFY2(largestLog < bound,
                 qPrintable(QStringLiteral("the log reached %1 bytes").arg(largestLog)));
        // While the store is still open, the file holds what the log held.
        QVERIFY(QFileInfo(m_path).size() > qint64(kBatches) * kPerBatch * 4000 / 2);
        QCOMPARE(store.count(), qint64(kBatches) * kPerBatch);
    }
    QVERIFY(!QFileInfo::exists(log));
    SessionStore again;
    QVERIFY(again.open(m_path));
    QCOMPARE(again.count(), qint64(kBatches) * kPerBatch);
    QCOMPARE(again.load(kBatches * kPerBatch)->body, QByteArray(4000, 'x'));
    QCOMPARE(again.integrityCheck(), QStringLiteral("ok"));
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

void TestSessionStore::rowReaderCarriesEachTextOnce()
{
    SessionStore store;
    QVERIFY(store.open(m_path));
    QVector<Delivery> batch;
    for (int i = 0; i < 5; ++i) {
        Delivery d = sample("x");
        d.event.eventType = i < 3 ? QStringLiteral("a") : QStringLiteral("b");
        batch.append(d);
    }
    QVERIFY(store.append(batch));
    SessionRowReader reader(store);
    DeliveryRowPage first;
    QString error;
    QVERIFY2(reader.read(0, 3, &first, &error), qPrintable(error));
    QCOMPARE(first.rows.size(), 3);
    QCOMPARE(first.firstStringId, quint32(1));
    QVERIFY(first.strings.contains(QStringLiteral("a")));
    DeliveryRowPage second;
    QVERIFY(reader.read(first.rows.constLast().seq, 3, &second, &error));
    QCOMPARE(second.rows.size(), 2);
    QCOMPARE(second.firstStringId, quint32(1 + first.strings.size()));
    QCOMPARE(second.strings, QStringList{QStringLiteral("b")}); // the rest it knew already
    QCOMPARE(second.rows.at(0).method, first.rows.at(0).method);
    DeliveryRowPage none;
    QVERIFY(reader.read(5, 3, &none, &error));
    QVERIFY(none.rows.isEmpty());
    QVERIFY(none.strings.isEmpty());
}

void TestSessionStore::summariesFromColumnsMatchTheDeliveries()
{
    SessionStore store;
    QVERIFY(store.open(m_path));
    Delivery withEvent = sample("not a token");
    WixEvent &e = withEvent.event;
    e.shape = WixEventShape::Standardized;
    e.kind = WixEventKind::Updated;
    e.eventType = QStringLiteral("wix.contacts.v4.contact_updated");
    e.instanceId = QStringLiteral("inst");
    e.eventId = QStringLiteral("evt");
    e.entityFqdn = QStringLiteral("wix.contacts.v4.contact");
    e.entityId = QStringLiteral("c1");
    e.identityType = IdentityType::Member;
    e.identityTypeText = QStringLiteral("MEMBER");
    e.identityId = QStringLiteral("m1");
    e.eventTime = QStringLiteral("2026-11-01T10:00:00.123456Z");
    e.entityEventSequence = QStringLiteral("12");
    withEvent.analysis.flags = FlagDuplicate | FlagDuplicateRetry;
    withEvent.analysis.duplicateOf = 3;
    withEvent.analysis.duplicateIndex = 2;
    withEvent.analysis.duplicateKind = DuplicateKind::Retry;
    withEvent.analysis.likelyRetryAttempt = 1;
    withEvent.analysis.findings = {
        {Severity::Note, QStringLiteral("dup.retry"), QStringLiteral("again"), 3},
        {Severity::Error, QStringLiteral("sig.invalid"), QStringLiteral("\"q\" 1.2 µs\n"), 0}};
    Delivery appEvent = sample("y");
    appEvent.forward.reset();
    appEvent.event.shape = WixEventShape::AppManagement;
    appEvent.event.eventType = QStringLiteral("AppInstalled");
    appEvent.event.operationTimeStamp = QStringLiteral("2026-11-01T10:00:01.000Z");
    appEvent.event.contentDigest = QByteArray(32, 'd');
    QVector<Delivery> batch{withEvent, appEvent};
    QVERIFY(store.append(batch));
    const QVector<Delivery> summaries = store.loadSummariesAfter(0, 10);
    QCOMPARE(summaries.size(), 2);
    for (int i = 0; i < 2; ++i) {
        const Delivery &s = summaries.at(i);
        const Delivery &d = batch.at(i);
        QCOMPARE(s.seq, d.seq);
        QCOMPARE(s.arrivalMs, d.arrivalMs);
        QCOMPARE(s.method, d.method);
        QCOMPARE(s.path, d.path);
        QCOMPARE(s.query, d.query);
        QVERIFY(s.body.isEmpty() && s.headers.isEmpty() && s.answerBody.isEmpty());
        QCOMPARE(s.size, d.size);
        QCOMPARE(s.answerStatus, d.answerStatus);
        QCOMPARE(s.answerDelayMs, d.answerDelayMs);
        QCOMPARE(s.forward.has_value(), d.forward.has_value());
        if (s.forward) {
            QCOMPARE(s.forward->status, d.forward->status);
            QCOMPARE(s.forward->latencyMs, d.forward->latencyMs);
        }
        QCOMPARE(s.signature, d.signature);
        QCOMPARE(s.reason, d.reason);
        QCOMPARE(s.keyName, d.keyName);
        QCOMPARE(s.warnings, d.warnings);
        QCOMPARE(s.analysis.flags, d.analysis.flags);
        QCOMPARE(s.analysis.duplicateOf, d.analysis.duplicateOf);
        QCOMPARE(s.analysis.duplicateIndex, d.analysis.duplicateIndex);
        QCOMPARE(s.analysis.duplicateKind, d.analysis.duplicateKind);
        QCOMPARE(s.analysis.likelyRetryAttempt, d.analysis.likelyRetryAttempt);
        QCOMPARE(s.analysis.findings.size(), d.analysis.findings.size());
        for (int f = 0; f < s.analysis.findings.size(); ++f) {
            const Finding &read = s.analysis.findings.at(f);
            const Finding &written = d.analysis.findings.at(f);
            QCOMPARE(read.severity, written.severity);
            QCOMPARE(read.code, written.code);
            QCOMPARE(read.message, written.message);
            QCOMPARE(read.relatedSeq, written.relatedSeq);
        }
        QCOMPARE(s.event.shape, d.event.shape);
        QCOMPARE(s.event.kind, d.event.kind);
        QCOMPARE(s.event.eventType, d.event.eventType);
        QCOMPARE(s.event.instanceId, d.event.instanceId);
        QCOMPARE(s.event.eventId, d.event.eventId);
        QCOMPARE(s.event.entityKey(), d.event.entityKey());
        QCOMPARE(s.event.identityType, d.event.identityType);
        QCOMPARE(s.event.identityId, d.event.identityId);
        QCOMPARE(s.event.eventTime, d.event.eventTime);
        QCOMPARE(s.event.entityEventSequence, d.event.entityEventSequence);
        QCOMPARE(s.event.operationTimeStamp, d.event.operationTimeStamp);
        QCOMPARE(s.event.contentDigest, d.event.contentDigest);
    }
    QVERIFY(summaries.at(0).event.eventTimestamp.valid);
    QCOMPARE(summaries.at(0).event.eventTimestamp.nanos, 123456000);
    QCOMPARE(store.loadSummariesAfter(1, 10).size(), 1);
}

QTEST_GUILESS_MAIN(TestSessionStore)
#include "tst_sessionstore.moc"
