#include "store/sessionstore.h"

#include "analysis/analysisinput.h"
#include "failwith.h"
#include "models/deliveryrow.h"
#include "models/stringpool.h"
#include "store/sessionrowreader.h"
#include "store/sqlitestatement.h"
#include "store/storedheaders.h"
#include "store/walcheckpointer.h"
#include "wix/tokeninspection.h"
#include "json/jsontextwriter.h"

#include <QAtomicInt>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace {
// Each entry moves the schema from version i to i + 1, its statements separated
// by ';'. Never edit a shipped step: add one.
const char *const kMigrations[] = {
    R"(CREATE TABLE deliveries (
        seq INTEGER PRIMARY KEY,
        arrival_ms INTEGER NOT NULL,
        method TEXT NOT NULL,
        path TEXT NOT NULL,
        query TEXT NOT NULL DEFAULT '',
        headers TEXT NOT NULL,
        body BLOB NOT NULL,
        size INTEGER NOT NULL,
        peer TEXT NOT NULL DEFAULT '',
        body_kind TEXT NOT NULL,
        answer_status INTEGER NOT NULL,
        answer_body BLOB NOT NULL DEFAULT x'',
        answer_delay_ms INTEGER NOT NULL DEFAULT 0,
        forward_status INTEGER,
        forward_latency_ms INTEGER,
        forward_body BLOB,
        forward_error TEXT,
        signature TEXT NOT NULL,
        reason TEXT NOT NULL,
        verdict_message TEXT NOT NULL DEFAULT '',
        key_name TEXT NOT NULL DEFAULT '',
        warnings TEXT NOT NULL DEFAULT '[]',
        event_type TEXT NOT NULL DEFAULT '',
        instance_id TEXT NOT NULL DEFAULT '',
        event_id TEXT NOT NULL DEFAULT '',
        entity_fqdn TEXT NOT NULL DEFAULT '',
        entity_id TEXT NOT NULL DEFAULT '',
        identity_type TEXT NOT NULL DEFAULT '',
        identity_id TEXT NOT NULL DEFAULT '',
        event_time TEXT NOT NULL DEFAULT '',
        entity_sequence TEXT NOT NULL DEFAULT '',
        flags INTEGER NOT NULL DEFAULT 0
    ))",
    // 2: what the analyzer needs, so a session is analysed again without decoding
    // bodies, and the analysis of each delivery as it arrived.
    R"(ALTER TABLE deliveries ADD COLUMN shape TEXT NOT NULL DEFAULT '';
       ALTER TABLE deliveries ADD COLUMN kind TEXT NOT NULL DEFAULT '';
       ALTER TABLE deliveries ADD COLUMN operation_ts TEXT NOT NULL DEFAULT '';
       ALTER TABLE deliveries ADD COLUMN content_digest BLOB NOT NULL DEFAULT x'';
       ALTER TABLE deliveries ADD COLUMN token_digest BLOB NOT NULL DEFAULT x'';
       ALTER TABLE deliveries ADD COLUMN duplicate_of INTEGER NOT NULL DEFAULT 0;
       ALTER TABLE deliveries ADD COLUMN duplicate_index INTEGER NOT NULL DEFAULT 0;
       ALTER TABLE deliveries ADD COLUMN duplicate_kind INTEGER NOT NULL DEFAULT 0;
       ALTER TABLE deliveries ADD COLUMN out_of_order_after INTEGER NOT NULL DEFAULT 0;
       ALTER TABLE deliveries ADD COLUMN sequence_gap INTEGER NOT NULL DEFAULT 0;
       ALTER TABLE deliveries ADD COLUMN retry_attempt INTEGER NOT NULL DEFAULT 0;
       ALTER TABLE deliveries ADD COLUMN findings TEXT NOT NULL DEFAULT '[]')",
    // 3: the payloads in a table of their own. With its token (1.4 kB) in the row, a
    // delivery filled a page of its own, and reading the list's columns of a large
    // session read every body; now a million rows of columns are about 250 MB.
    R"(CREATE TABLE payloads (
        seq INTEGER PRIMARY KEY,
        headers TEXT NOT NULL,
        body BLOB NOT NULL,
        answer_body BLOB NOT NULL DEFAULT x'',
        forward_body BLOB
    );
       INSERT INTO payloads (seq, headers, body, answer_body, forward_body)
           SELECT seq, headers, body, answer_body, forward_body FROM deliveries;
       ALTER TABLE deliveries DROP COLUMN headers;
       ALTER TABLE deliveries DROP COLUMN body;
       ALTER TABLE deliveries DROP COLUMN answer_body;
       ALTER TABLE deliveries DROP COLUMN forward_body)",
};
constexpr int kSchemaVersion = int(sizeof(kMigrations) / sizeof(kMigrations[0]));
// Owner, group and other bits, without Qt's "user" ones.
const QFileDevice::Permissions kModeBits = QFileDevice::Permissions::fromInt(0x7077);

const char kInsert[] =
    "INSERT INTO deliveries (seq, shape, kind, operation_ts, content_digest, token_digest, flags, "
    "duplicate_of, duplicate_index, duplicate_kind, out_of_order_after, sequence_gap, "
    "retry_attempt, findings, arrival_ms, method, path, query, size, peer, body_kind, "
    "answer_status, answer_delay_ms, forward_status, forward_latency_ms, forward_error, "
    "signature, reason, verdict_message, key_name, warnings, event_type, instance_id, event_id, "
    "entity_fqdn, entity_id, identity_type, identity_id, event_time, entity_sequence) VALUES (?, "
    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
    "?, ?, ?, ?, ?, ?, ?, ?)";

const char kInsertPayload[] =
    "INSERT INTO payloads (seq, headers, body, answer_body, forward_body) VALUES (?, ?, ?, ?, ?)";

// The columns every select of whole deliveries starts with (readStoredColumns()).
#define HOOKSCOPE_STORED_COLUMNS                                                                   \
    "seq, arrival_ms, method, path, query, size, peer, body_kind, answer_status, "                 \
    "answer_delay_ms, forward_status, forward_latency_ms, forward_error, signature, reason, "      \
    "verdict_message, key_name, warnings, flags, duplicate_of, duplicate_index, duplicate_kind, "  \
    "out_of_order_after, sequence_gap, retry_attempt, findings"

const char kSelect[] = "SELECT " HOOKSCOPE_STORED_COLUMNS
                       ", headers, body, answer_body, forward_body FROM deliveries LEFT JOIN "
                       "payloads USING (seq) ";

const char kSelectSummaries[] =
    "SELECT " HOOKSCOPE_STORED_COLUMNS
    ", event_type, instance_id, event_id, entity_fqdn, entity_id, identity_type, identity_id, "
    "event_time, entity_sequence, shape, kind, operation_ts, content_digest FROM deliveries "
    "WHERE seq > ? ORDER BY seq LIMIT ?";
#undef HOOKSCOPE_STORED_COLUMNS

const char kSelectFindings[] =
    "SELECT seq, arrival_ms, flags, findings FROM deliveries WHERE seq > ? AND findings != '[]' "
    "ORDER BY seq LIMIT ?";

const char kSelectAnalysisInputs[] =
    "SELECT seq, arrival_ms, event_type, instance_id, event_id, content_digest, token_digest, "
    "entity_fqdn, entity_id, shape, kind, entity_sequence, event_time, operation_ts, "
    "answer_status, answer_delay_ms, forward_latency_ms, signature, reason, body_kind "
    "FROM deliveries WHERE seq > ? ORDER BY seq";

QString nextConnectionName()
{
    static QAtomicInt counter;
    return QStringLiteral("hookscope-session-%1").arg(counter.fetchAndAddRelaxed(1));
}

// The warnings column: a JSON array of strings.
QByteArray stringsJson(const QStringList &strings)
{
    JsonTextWriter json;
    json.beginArray();
    for (const QString &string : strings)
        json.string(string);
    json.endArray();
    return json.take();
}

// QtSql binds a null QString as SQL NULL; the text columns are NOT NULL.

// Reads HOOKSCOPE_STORED_COLUMNS from column `c` on; `c` ends after them.
void readStoredColumns(const QSqlQuery &row, Delivery &d, int &c)
{
    d.seq = row.value(c++).toLongLong();
    d.arrivalMs = row.value(c++).toLongLong();
    d.method = row.value(c++).toString();
    d.path = row.value(c++).toString();
    d.query = row.value(c++).toString();
    d.size = row.value(c++).toLongLong();
    d.peer = row.value(c++).toString();
    d.bodyKind = bodyKindFromName(row.value(c++).toString());
    d.answerStatus = row.value(c++).toInt();
    d.answerDelayMs = row.value(c++).toInt();
    if (!row.value(c).isNull()) {
        ForwardResult forward;
        forward.status = row.value(c).toInt();
        forward.latencyMs = row.value(c + 1).toLongLong();
        forward.error = row.value(c + 2).toString();
        d.forward = forward;
    }
    c += 3;
    d.signature = signatureStatusFromName(row.value(c++).toString());
    d.reason = reasonFromCode(row.value(c++).toString(), VerdictReason::EmptyToken);
    d.verdictMessage = row.value(c++).toString();
    d.keyName = row.value(c++).toString();
    const QString warnings = row.value(c++).toString();
    if (warnings != QLatin1String("[]")) {
        for (const QJsonValue &warning : QJsonDocument::fromJson(warnings.toUtf8()).array())
            d.warnings << warning.toString();
    }
    DeliveryAnalysis &a = d.analysis;
    a.flags = quint32(row.value(c++).toLongLong());
    a.duplicateOf = row.value(c++).toLongLong();
    a.duplicateIndex = row.value(c++).toInt();
    a.duplicateKind = DuplicateKind(row.value(c++).toInt());
    a.outOfOrderAfter = row.value(c++).toLongLong();
    a.sequenceGap = row.value(c++).toLongLong();
    a.likelyRetryAttempt = row.value(c++).toInt();
    const QString findings = row.value(c++).toString();
    if (findings != QLatin1String("[]"))
        a.findings = DeliveryAnalysis::findingsFromJson(findings);
}

Delivery deliveryFromRow(const QSqlQuery &row)
{
    Delivery d;
    int c = 0;
    readStoredColumns(row, d, c);
    d.headers = StoredHeaders::fromJson(row.value(c++).toString());
    d.body = row.value(c++).toByteArray();
    d.answerBody = row.value(c++).toByteArray();
    if (d.forward)
        d.forward->body = row.value(c).toByteArray();
    // The event is decoded again from the body: exact, and cheap for one delivery.
    const JwsParseResult parsed = parseCompactJws(d.body);
    if (parsed.jws.payloadIsObject)
        d.event = decodeWixToken(parsed.jws).event;
    return d;
}

// SQLite's primary result code of a failure. QSQLITE gives it with most errors, but
// not when a transaction fails to commit (Qt 6.4): then SQLite's message tells.
int sqliteResultCode(const QSqlError &error)
{
    if (!error.nativeErrorCode().isEmpty())
        return error.nativeErrorCode().toInt() & 0xff;
    static const std::pair<const char *, int> kMessages[] = {
        {"attempt to write a readonly database", 8},
        {"database or disk is full", 13},
        {"disk I/O error", 10},
        {"unable to open database file", 14},
        {"database is locked", 5},
    };
    for (const auto &[message, code] : kMessages) {
        if (error.databaseText().startsWith(QLatin1String(message)))
            return code;
    }
    return 0;
}

// SQLite's failures in words a developer can act on, SQLite's own after them; `code` is
// SQLite's primary result code.
QString explainSqlite(int code, const QString &sqliteText, const QString &otherwise = {})
{
    QString what;
    switch (code) {
    case 8: // SQLITE_READONLY
        what = QStringLiteral("the session is read-only (the file, its -wal or -shm, or its "
                              "folder cannot be written)");
        break;
    case 13: // SQLITE_FULL
        what = QStringLiteral("the disk is full");
        break;
    case 10: // SQLITE_IOERR
        what = QStringLiteral("the disk refused a write (is it full, or the file over a size "
                              "limit?)");
        break;
    case 14: // SQLITE_CANTOPEN
        what = QStringLiteral("the session cannot be opened (does its folder exist, and can it "
                              "be written?)");
        break;
    case 5: // SQLITE_BUSY
    case 6: // SQLITE_LOCKED
        what = QStringLiteral("the session is locked by another program");
        break;
    default:
        return otherwise.isEmpty() ? sqliteText : otherwise;
    }
    return QStringLiteral("%1 [SQLite: %2]").arg(what, sqliteText);
}

QString explain(const QSqlError &error)
{
    return explainSqlite(sqliteResultCode(error), error.databaseText(), error.text());
}

IdentityType identityTypeFromName(const QString &name)
{
    if (name.isEmpty())
        return IdentityType::None;
    for (const auto type : {IdentityType::AnonymousVisitor, IdentityType::Member,
                            IdentityType::WixUser, IdentityType::App}) {
        if (name == identityTypeName(type))
            return type;
    }
    return IdentityType::Unknown;
}

// A delivery from the columns of kSelectSummaries: no payload, the event as stored.
Delivery summaryFromRow(const QSqlQuery &row)
{
    Delivery d;
    int c = 0;
    readStoredColumns(row, d, c);
    WixEvent &e = d.event;
    e.eventType = row.value(c++).toString();
    e.instanceId = row.value(c++).toString();
    e.eventId = row.value(c++).toString();
    e.entityFqdn = row.value(c++).toString();
    e.entityId = row.value(c++).toString();
    e.identityTypeText = row.value(c++).toString();
    e.identityType = identityTypeFromName(e.identityTypeText);
    e.identityId = row.value(c++).toString();
    e.eventTime = row.value(c++).toString();
    e.eventTimestamp = WixTimestamp::parse(e.eventTime);
    e.entityEventSequence = row.value(c++).toString();
    e.shape = wixEventShapeFromName(row.value(c++).toString());
    e.kind = wixEventKindFromName(row.value(c++).toString());
    e.operationTimeStamp = row.value(c++).toString();
    e.contentDigest = row.value(c++).toByteArray();
    return d;
}

} // namespace

SessionStore::SessionStore()
    : m_connection(nextConnectionName())
{}

SessionStore::~SessionStore()
{
    close();
}

int SessionStore::schemaVersion()
{
    return kSchemaVersion;
}

bool SessionStore::open(const QString &path, QString *error)
{
    close();
    if (!QFileInfo::exists(path)) {
        // Created owner-only before SQLite opens it, so it is never readable by others,
        // not even for a moment; SQLite gives the -wal and -shm it makes beside it the
        // same permissions.
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly,
                       QFileDevice::ReadOwner | QFileDevice::WriteOwner))
            return failWith(
                error,
                QStringLiteral("cannot create session %1: %2").arg(path, file.errorString()));
    } else if (const QFileDevice::Permissions mode = QFile::permissions(path) & kModeBits;
               mode & QFileDevice::WriteOwner) {
        // A read-only connection leaves the -wal and -shm it made read-only, after the
        // file; once the file can be written again they follow it, or SQLite would
        // still open the session read-only.
        for (const QString &suffix : {QStringLiteral("-wal"), QStringLiteral("-shm")}) {
            const QString sibling = path + suffix;
            if (QFileInfo::exists(sibling) &&
                !(QFile::permissions(sibling) & QFileDevice::WriteOwner))
                QFile::setPermissions(sibling, mode);
        }
    }
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
        db.setDatabaseName(path);
        if (!db.open())
            return failWith(
                error,
                QStringLiteral("cannot open session %1: %2").arg(path, explain(db.lastError())));
    }
    m_path = path;
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    // WAL: readers never block the writer. synchronous=NORMAL keeps every commit
    // through a process crash (SIGKILL); only a power loss can take the last ones.
    for (const char *pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL",
                               "PRAGMA busy_timeout=5000", "PRAGMA foreign_keys=ON"}) {
        if (!query.exec(QLatin1String(pragma))) {
            const QString message = explain(query.lastError());
            close();
            return failWith(error, QStringLiteral("cannot open session %1: %2").arg(path, message));
        }
    }
    if (!migrate(error)) {
        close();
        return false;
    }
    if (!query.exec(QStringLiteral("SELECT COALESCE(MAX(seq), 0) FROM deliveries")) ||
        !query.next()) {
        const QString message = query.lastError().text();
        close();
        return failWith(error, QStringLiteral("cannot read session %1: %2").arg(path, message));
    }
    m_nextSeq = query.value(0).toLongLong() + 1;
    return true;
}

bool SessionStore::migrate(QString *error)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next())
        return failWith(error, QStringLiteral("%1 is not a Hookscope session: %2")
                                   .arg(m_path, query.lastError().text()));
    const int version = query.value(0).toInt();
    if (version > kSchemaVersion) {
        return failWith(error,
                        QStringLiteral("%1 was written by a newer Hookscope (schema %2; this one "
                                       "reads up to %3).")
                            .arg(m_path)
                            .arg(version)
                            .arg(kSchemaVersion));
    }
    for (int step = version; step < kSchemaVersion; ++step) {
        if (!db.transaction())
            return failWith(error, db.lastError().text());
        // The SQLite driver runs one statement per exec(): a step is split on ';'.
        QStringList statements = QString::fromLatin1(kMigrations[step]).split(QLatin1Char(';'));
        statements << QStringLiteral("PRAGMA user_version=%1").arg(step + 1);
        bool ok = true;
        for (const QString &statement : std::as_const(statements)) {
            if (!statement.trimmed().isEmpty() && !query.exec(statement)) {
                ok = false;
                break;
            }
        }
        if (!ok) {
            const QString message = query.lastError().text();
            db.rollback();
            return failWith(error, QStringLiteral("cannot migrate %1 to schema %2: %3")
                                       .arg(m_path)
                                       .arg(step + 1)
                                       .arg(message));
        }
        if (!db.commit())
            return failWith(error, db.lastError().text());
    }
    return true;
}

void SessionStore::close()
{
    // Its connection closed first, so this one is the last and SQLite checkpoints the
    // whole log and removes it as it closes.
    m_checkpointer.reset();
    // Finalized before the connection closes, which they would keep open.
    m_insert.reset();
    m_insertPayload.reset();
    if (!QSqlDatabase::contains(m_connection))
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
    m_path.clear();
}

QSqlDatabase SessionStore::database() const
{
    return QSqlDatabase::database(m_connection, false);
}

sqlite3 *SessionStore::handle() const
{
    if (!isOpen())
        return nullptr;
    // Qt's SQLite driver hands out its connection as a "sqlite3*". Debian's Qt links the
    // system libsqlite3, the library core links: one SQLite in the process.
    const QVariant handle = database().driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(handle.constData());
}

void SessionStore::checkpointInBackground()
{
    sqlite3 *writer = handle();
    if (!writer || m_checkpointer)
        return;
    m_checkpointer = std::make_unique<WalCheckpointer>(m_path);
    m_checkpointer->attach(writer);
}

bool SessionStore::isOpen() const
{
    return QSqlDatabase::contains(m_connection) &&
           QSqlDatabase::database(m_connection, false).isOpen();
}

bool SessionStore::prepareInserts(QString *error)
{
    if (m_insert && m_insertPayload)
        return true;
    auto insert = std::make_unique<SqliteStatement>(*this, kInsert);
    auto insertPayload = std::make_unique<SqliteStatement>(*this, kInsertPayload);
    for (const SqliteStatement *statement : {insert.get(), insertPayload.get()}) {
        if (!statement->isValid())
            return failWith(
                error, QStringLiteral("cannot write the session: %1")
                           .arg(explainSqlite(statement->errorCode(), statement->errorText())));
    }
    m_insert = std::move(insert);
    m_insertPayload = std::move(insertPayload);
    return true;
}

bool SessionStore::append(QVector<Delivery> &batch, QString *error)
{
    if (batch.isEmpty())
        return true;
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    if (!db.isOpen())
        return failWith(error, QStringLiteral("no session is open"));
    if (!prepareInserts(error))
        return false;
    if (!db.transaction())
        return failWith(
            error, QStringLiteral("cannot write the session: %1").arg(explain(db.lastError())));
    QVector<qint64> seqs;
    seqs.reserve(batch.size());
    qint64 next = m_nextSeq;
    SqliteStatement &insert = *m_insert;
    SqliteStatement &insertPayload = *m_insertPayload;
    for (const Delivery &d : std::as_const(batch)) {
        const bool forwarded = d.forward.has_value();
        const qint64 seq = d.seq > 0 ? d.seq : next;
        next = qMax(next, seq + 1);
        const DeliveryAnalysis &a = d.analysis;
        int i = 1;
        insert.bind(i++, seq);
        insert.bindText(i++, wixEventShapeName(d.event.shape));
        insert.bindText(i++, wixEventKindName(d.event.kind));
        insert.bindText(i++, d.event.operationTimeStamp);
        insert.bindBlob(i++, d.event.contentDigest);
        insert.bindBlob(i++, AnalysisInput::tokenDigestOf(d));
        insert.bind(i++, qint64(a.flags));
        insert.bind(i++, a.duplicateOf);
        insert.bind(i++, a.duplicateIndex);
        insert.bind(i++, int(a.duplicateKind));
        insert.bind(i++, a.outOfOrderAfter);
        insert.bind(i++, a.sequenceGap);
        insert.bind(i++, a.likelyRetryAttempt);
        insert.bindUtf8(i++, a.findingsJson());
        insert.bind(i++, d.arrivalMs);
        insert.bindText(i++, d.method);
        insert.bindText(i++, d.path);
        insert.bindText(i++, d.query);
        insert.bind(i++, d.size);
        insert.bindText(i++, d.peer);
        insert.bindText(i++, bodyKindName(d.bodyKind));
        insert.bind(i++, d.answerStatus);
        insert.bind(i++, d.answerDelayMs);
        if (forwarded) {
            insert.bind(i++, d.forward->status);
            insert.bind(i++, d.forward->latencyMs);
            insert.bindText(i++, d.forward->error);
        } else {
            for (int n = 0; n < 3; ++n)
                insert.bindNull(i++);
        }
        insert.bindText(i++, signatureStatusName(d.signature));
        insert.bindText(i++, reasonCode(d.reason));
        insert.bindText(i++, d.verdictMessage);
        insert.bindText(i++, d.keyName);
        insert.bindUtf8(i++, stringsJson(d.warnings));
        for (const QString *field :
             {&d.event.eventType, &d.event.instanceId, &d.event.eventId, &d.event.entityFqdn,
              &d.event.entityId, &d.event.identityTypeText, &d.event.identityId, &d.event.eventTime,
              &d.event.entityEventSequence})
            insert.bindText(i++, *field);
        insertPayload.bind(1, seq);
        insertPayload.bindUtf8(2, StoredHeaders::toJson(d.headers));
        insertPayload.bindBlob(3, d.body);
        insertPayload.bindBlob(4, d.answerBody);
        if (forwarded)
            insertPayload.bindBlob(5, d.forward->body);
        else
            insertPayload.bindNull(5);
        for (SqliteStatement *statement : {&insert, &insertPayload}) {
            if (!statement->execute()) {
                const QString message =
                    explainSqlite(statement->errorCode(), statement->errorText());
                db.rollback();
                return failWith(error, QStringLiteral("cannot write the session: %1").arg(message));
            }
        }
        seqs.append(seq);
    }
    if (!db.commit()) {
        const QString message = explain(db.lastError());
        db.rollback();
        return failWith(error, QStringLiteral("cannot commit to the session: %1").arg(message));
    }
    for (int i = 0; i < batch.size(); ++i)
        batch[i].seq = seqs.at(i);
    m_nextSeq = next;
    return true;
}

qint64 SessionStore::count() const
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    if (!query.exec(QStringLiteral("SELECT COUNT(*) FROM deliveries")) || !query.next())
        return 0;
    return query.value(0).toLongLong();
}

std::optional<Delivery> SessionStore::load(qint64 seq) const
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(QLatin1String(kSelect) + QStringLiteral("WHERE seq = ?"));
    query.bindValue(0, seq);
    if (!query.exec() || !query.next())
        return std::nullopt;
    return deliveryFromRow(query);
}

QVector<Delivery> SessionStore::loadAfter(qint64 afterSeq, int limit) const
{
    QVector<Delivery> result;
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.setForwardOnly(true);
    query.prepare(QLatin1String(kSelect) + QStringLiteral("WHERE seq > ? ORDER BY seq LIMIT ?"));
    query.bindValue(0, afterSeq);
    query.bindValue(1, limit);
    if (!query.exec())
        return result;
    while (query.next())
        result.append(deliveryFromRow(query));
    return result;
}

bool SessionStore::clear(QString *error)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    if (!db.transaction())
        return failWith(error, explain(db.lastError()));
    QSqlQuery query(db);
    for (const char *statement : {"DELETE FROM deliveries", "DELETE FROM payloads"}) {
        if (!query.exec(QLatin1String(statement))) {
            const QString message = explain(query.lastError());
            db.rollback();
            return failWith(error, message);
        }
    }
    if (!db.commit()) {
        const QString message = explain(db.lastError());
        db.rollback();
        return failWith(error, message);
    }
    m_nextSeq = 1;
    return true;
}

QVector<DeliveryRow> SessionStore::loadRowsAfter(qint64 afterSeq, int limit) const
{
    // The reader the window's list reads with, its rows spelled out.
    QVector<DeliveryRow> rows;
    SessionRowReader reader(*this);
    DeliveryRowPage page;
    if (!reader.read(afterSeq, limit, &page))
        return rows;
    StringPool pool;
    pool.adopt(page.firstStringId, page.strings, true);
    rows.reserve(page.rows.size());
    for (const PackedDeliveryRow &row : std::as_const(page.rows))
        rows.append(row.unpack(pool));
    return rows;
}

QVector<Delivery> SessionStore::loadSummariesAfter(qint64 afterSeq, int limit) const
{
    QVector<Delivery> result;
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.setForwardOnly(true);
    query.prepare(QLatin1String(kSelectSummaries));
    query.bindValue(0, afterSeq);
    query.bindValue(1, limit);
    if (!query.exec())
        return result;
    while (query.next())
        result.append(summaryFromRow(query));
    return result;
}

QVector<Delivery> SessionStore::loadFindingsAfter(qint64 afterSeq, int limit) const
{
    QVector<Delivery> result;
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.setForwardOnly(true);
    query.prepare(QLatin1String(kSelectFindings));
    query.bindValue(0, afterSeq);
    query.bindValue(1, limit);
    if (!query.exec())
        return result;
    while (query.next()) {
        Delivery d;
        d.seq = query.value(0).toLongLong();
        d.arrivalMs = query.value(1).toLongLong();
        d.analysis.flags = quint32(query.value(2).toLongLong());
        d.analysis.findings = DeliveryAnalysis::findingsFromJson(query.value(3).toString());
        result.append(d);
    }
    return result;
}

qint64 SessionStore::seqBeforeLast(int count) const
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(QStringLiteral("SELECT seq FROM deliveries ORDER BY seq DESC LIMIT 1 OFFSET ?"));
    query.bindValue(0, count);
    return query.exec() && query.next() ? query.value(0).toLongLong() : 0;
}

void SessionStore::forEachAnalysisInput(
    qint64 afterSeq, const std::function<void(const AnalysisInput &)> &visit) const
{
    // Every delivery of the session, when capture opens it: SQLite's own API, a third of
    // QtSql's cost for a large session; texts repeated from the row before are not decoded.
    struct Text
    {
        QByteArray bytes;
        QString text;
        bool known = false;
        const QString &of(QByteArrayView utf8)
        {
            if (!known || QByteArrayView(bytes) != utf8) {
                bytes = utf8.toByteArray();
                text = QString::fromUtf8(utf8);
                known = true;
            }
            return text;
        }
    };
    SqliteStatement query(*this, kSelectAnalysisInputs);
    if (!query.isValid())
        return;
    query.bind(1, afterSeq);
    Text eventType, instance, fqdn, shape, kind, signature, reason, bodyKind;
    AnalysisInput in;
    while (query.next()) {
        int c = 0;
        in.seq = query.integer(c++);
        in.arrivalMs = query.integer(c++);
        in.eventType = eventType.of(query.text(c++));
        in.instanceId = instance.of(query.text(c++));
        in.eventId = QString::fromUtf8(query.text(c++));
        in.contentDigest = query.blob(c++).toByteArray();
        in.tokenDigest = query.blob(c++).toByteArray();
        in.entityFqdn = fqdn.of(query.text(c++));
        in.entityId = QString::fromUtf8(query.text(c++));
        in.shape = wixEventShapeFromName(shape.of(query.text(c++)));
        in.kind = wixEventKindFromName(kind.of(query.text(c++)));
        in.sequence = QString::fromUtf8(query.text(c++));
        in.eventTime = QString::fromUtf8(query.text(c++));
        in.operationTimeStamp = QString::fromUtf8(query.text(c++));
        const int status = int(query.integer(c++));
        const qint64 delay = query.integer(c++);
        const bool forwarded = !query.isNull(c);
        const qint64 forwardLatency = query.integer(c++);
        in.setAnswer(status, forwarded ? forwardLatency : delay);
        in.signature = signatureStatusFromName(signature.of(query.text(c++)));
        in.reasonCode = reason.of(query.text(c++));
        in.bodyKind = bodyKindFromName(bodyKind.of(query.text(c++)));
        visit(in);
    }
}

bool SessionStore::checkWritable(QString *error)
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    // A write that changes nothing: the version the file has.
    if (query.exec(QStringLiteral("PRAGMA user_version=%1").arg(kSchemaVersion)))
        return true;
    return failWith(
        error,
        QStringLiteral("cannot write the session %1: %2").arg(m_path, explain(query.lastError())));
}

QString SessionStore::integrityCheck() const
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    if (!query.exec(QStringLiteral("PRAGMA integrity_check")) || !query.next())
        return query.lastError().text();
    return query.value(0).toString();
}
