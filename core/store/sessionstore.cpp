#include "store/sessionstore.h"

#include "analysis/analysisinput.h"
#include "models/deliveryrow.h"
#include "wix/tokeninspection.h"

#include <QAtomicInt>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
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
};
constexpr int kSchemaVersion = int(sizeof(kMigrations) / sizeof(kMigrations[0]));

const char kInsert[] =
    "INSERT INTO deliveries (seq, shape, kind, operation_ts, content_digest, token_digest, flags, "
    "duplicate_of, duplicate_index, duplicate_kind, out_of_order_after, sequence_gap, "
    "retry_attempt, findings, arrival_ms, method, path, query, headers, body, size, peer, "
    "body_kind, answer_status, answer_body, answer_delay_ms, forward_status, forward_latency_ms, "
    "forward_body, forward_error, signature, reason, verdict_message, key_name, warnings, "
    "event_type, instance_id, event_id, entity_fqdn, entity_id, identity_type, identity_id, "
    "event_time, entity_sequence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

const char kSelect[] =
    "SELECT seq, arrival_ms, method, path, query, headers, body, size, peer, body_kind, "
    "answer_status, answer_body, answer_delay_ms, forward_status, forward_latency_ms, "
    "forward_body, forward_error, signature, reason, verdict_message, key_name, warnings, flags, "
    "duplicate_of, duplicate_index, duplicate_kind, out_of_order_after, sequence_gap, "
    "retry_attempt, findings FROM deliveries ";

const char kSelectRows[] =
    "SELECT seq, arrival_ms, method, path, query, event_type, instance_id, entity_fqdn, entity_id, "
    "identity_type, identity_id, key_name, reason, size, answer_status, signature, body_kind, "
    "forward_status, forward_latency_ms, warnings, flags FROM deliveries WHERE seq > ? ORDER BY "
    "seq "
    "LIMIT ?";

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

QString headersJson(const QVector<HttpHeader> &headers)
{
    QJsonArray list;
    for (const HttpHeader &header : headers)
        list.append(
            QJsonArray{QString::fromLatin1(header.name), QString::fromLatin1(header.value)});
    return QString::fromUtf8(QJsonDocument(list).toJson(QJsonDocument::Compact));
}

QVector<HttpHeader> headersFromJson(const QString &text)
{
    QVector<HttpHeader> headers;
    const QJsonArray list = QJsonDocument::fromJson(text.toUtf8()).array();
    headers.reserve(list.size());
    for (const QJsonValue &pair : list) {
        const QJsonArray nameValue = pair.toArray();
        headers.append(
            {nameValue.at(0).toString().toLatin1(), nameValue.at(1).toString().toLatin1()});
    }
    return headers;
}

// QtSql binds a null QString as SQL NULL; the text columns are NOT NULL.
QString text(const QString &value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

QVariant nullable(bool present, const QVariant &value)
{
    return present ? value : QVariant();
}

Delivery deliveryFromRow(const QSqlQuery &row)
{
    Delivery d;
    int c = 0;
    d.seq = row.value(c++).toLongLong();
    d.arrivalMs = row.value(c++).toLongLong();
    d.method = row.value(c++).toString();
    d.path = row.value(c++).toString();
    d.query = row.value(c++).toString();
    d.headers = headersFromJson(row.value(c++).toString());
    d.body = row.value(c++).toByteArray();
    d.size = row.value(c++).toLongLong();
    d.peer = row.value(c++).toString();
    d.bodyKind = bodyKindFromName(row.value(c++).toString());
    d.answerStatus = row.value(c++).toInt();
    d.answerBody = row.value(c++).toByteArray();
    d.answerDelayMs = row.value(c++).toInt();
    if (!row.value(c).isNull()) {
        ForwardResult forward;
        forward.status = row.value(c).toInt();
        forward.latencyMs = row.value(c + 1).toLongLong();
        forward.body = row.value(c + 2).toByteArray();
        forward.error = row.value(c + 3).toString();
        d.forward = forward;
    }
    c += 4;
    d.signature = signatureStatusFromName(row.value(c++).toString());
    d.reason = reasonFromCode(row.value(c++).toString(), VerdictReason::EmptyToken);
    d.verdictMessage = row.value(c++).toString();
    d.keyName = row.value(c++).toString();
    for (const QJsonValue &warning :
         QJsonDocument::fromJson(row.value(c++).toString().toUtf8()).array())
        d.warnings << warning.toString();
    DeliveryAnalysis &a = d.analysis;
    a.flags = quint32(row.value(c++).toLongLong());
    a.duplicateOf = row.value(c++).toLongLong();
    a.duplicateIndex = row.value(c++).toInt();
    a.duplicateKind = DuplicateKind(row.value(c++).toInt());
    a.outOfOrderAfter = row.value(c++).toLongLong();
    a.sequenceGap = row.value(c++).toLongLong();
    a.likelyRetryAttempt = row.value(c++).toInt();
    a.findings = DeliveryAnalysis::findingsFromJson(row.value(c++).toString());
    // The event is decoded again from the body: exact, and cheap for one delivery.
    const JwsParseResult parsed = parseCompactJws(d.body);
    if (!parsed.jws.payload.isEmpty())
        d.event = decodeWixClaims(parsed.jws.payload).event;
    return d;
}

bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
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
    const bool existed = QFileInfo::exists(path);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
        db.setDatabaseName(path);
        if (!db.open())
            return fail(
                error,
                QStringLiteral("cannot open session %1: %2").arg(path, db.lastError().text()));
    }
    m_path = path;
    if (!existed)
        QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    // WAL: readers never block the writer. synchronous=NORMAL keeps every commit
    // through a process crash (SIGKILL); only a power loss can take the last ones.
    for (const char *pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL",
                               "PRAGMA busy_timeout=5000", "PRAGMA foreign_keys=ON"}) {
        if (!query.exec(QLatin1String(pragma))) {
            const QString message = query.lastError().text();
            close();
            return fail(error, QStringLiteral("cannot open session %1: %2").arg(path, message));
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
        return fail(error, QStringLiteral("cannot read session %1: %2").arg(path, message));
    }
    m_nextSeq = query.value(0).toLongLong() + 1;
    return true;
}

bool SessionStore::migrate(QString *error)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next())
        return fail(error, QStringLiteral("%1 is not a Hookscope session: %2")
                               .arg(m_path, query.lastError().text()));
    const int version = query.value(0).toInt();
    if (version > kSchemaVersion) {
        return fail(error,
                    QStringLiteral("%1 was written by a newer Hookscope (schema %2; this one "
                                   "reads up to %3).")
                        .arg(m_path)
                        .arg(version)
                        .arg(kSchemaVersion));
    }
    for (int step = version; step < kSchemaVersion; ++step) {
        if (!db.transaction())
            return fail(error, db.lastError().text());
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
            return fail(error, QStringLiteral("cannot migrate %1 to schema %2: %3")
                                   .arg(m_path)
                                   .arg(step + 1)
                                   .arg(message));
        }
        if (!db.commit())
            return fail(error, db.lastError().text());
    }
    return true;
}

void SessionStore::close()
{
    if (!QSqlDatabase::contains(m_connection))
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
    m_path.clear();
}

bool SessionStore::isOpen() const
{
    return QSqlDatabase::contains(m_connection) &&
           QSqlDatabase::database(m_connection, false).isOpen();
}

bool SessionStore::append(QVector<Delivery> &batch, QString *error)
{
    if (batch.isEmpty())
        return true;
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    if (!db.isOpen())
        return fail(error, QStringLiteral("no session is open"));
    if (!db.transaction())
        return fail(error,
                    QStringLiteral("cannot write the session: %1").arg(db.lastError().text()));
    QSqlQuery insert(db);
    insert.prepare(QLatin1String(kInsert));
    QVector<qint64> seqs;
    seqs.reserve(batch.size());
    qint64 next = m_nextSeq;
    for (const Delivery &d : std::as_const(batch)) {
        const bool forwarded = d.forward.has_value();
        const qint64 seq = d.seq > 0 ? d.seq : next;
        next = qMax(next, seq + 1);
        const DeliveryAnalysis &a = d.analysis;
        const QVariantList values = {
            seq,
            wixEventShapeName(d.event.shape),
            wixEventKindName(d.event.kind),
            text(d.event.operationTimeStamp),
            d.event.contentDigest.isNull() ? QByteArray("") : d.event.contentDigest,
            AnalysisInput::tokenDigestOf(d.body),
            qint64(a.flags),
            a.duplicateOf,
            a.duplicateIndex,
            int(a.duplicateKind),
            a.outOfOrderAfter,
            a.sequenceGap,
            a.likelyRetryAttempt,
            a.findingsJson(),
            d.arrivalMs,
            text(d.method),
            text(d.path),
            text(d.query),
            headersJson(d.headers),
            d.body.isNull() ? QByteArray("") : d.body,
            d.size,
            text(d.peer),
            bodyKindName(d.bodyKind),
            d.answerStatus,
            d.answerBody.isNull() ? QByteArray("") : d.answerBody,
            d.answerDelayMs,
            nullable(forwarded, forwarded ? d.forward->status : 0),
            nullable(forwarded, forwarded ? d.forward->latencyMs : 0),
            nullable(forwarded, forwarded ? d.forward->body : QByteArray()),
            nullable(forwarded, forwarded ? d.forward->error : QString()),
            signatureStatusName(d.signature),
            reasonCode(d.reason),
            text(d.verdictMessage),
            text(d.keyName),
            QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(d.warnings))
                                  .toJson(QJsonDocument::Compact)),
            text(d.event.eventType),
            text(d.event.instanceId),
            text(d.event.eventId),
            text(d.event.entityFqdn),
            text(d.event.entityId),
            text(d.event.identityTypeText),
            text(d.event.identityId),
            text(d.event.eventTime),
            text(d.event.entityEventSequence),
        };
        for (int i = 0; i < values.size(); ++i)
            insert.bindValue(i, values.at(i));
        if (!insert.exec()) {
            const QString message = insert.lastError().text();
            db.rollback();
            return fail(error, QStringLiteral("cannot write the session: %1").arg(message));
        }
        seqs.append(seq);
    }
    if (!db.commit()) {
        const QString message = db.lastError().text();
        db.rollback();
        return fail(error, QStringLiteral("cannot commit to the session: %1").arg(message));
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
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    if (!query.exec(QStringLiteral("DELETE FROM deliveries")))
        return fail(error, query.lastError().text());
    m_nextSeq = 1;
    return true;
}

QVector<DeliveryRow> SessionStore::loadRowsAfter(qint64 afterSeq, int limit) const
{
    QVector<DeliveryRow> rows;
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.setForwardOnly(true);
    query.prepare(QLatin1String(kSelectRows));
    query.bindValue(0, afterSeq);
    query.bindValue(1, limit);
    if (!query.exec())
        return rows;
    while (query.next()) {
        DeliveryRow row;
        int c = 0;
        row.seq = query.value(c++).toLongLong();
        row.arrivalMs = query.value(c++).toLongLong();
        row.method = query.value(c++).toString();
        const QString path = query.value(c++).toString();
        const QString queryText = query.value(c++).toString();
        row.target = queryText.isEmpty() ? path : path + QLatin1Char('?') + queryText;
        row.eventType = query.value(c++).toString();
        row.instanceId = query.value(c++).toString();
        const QString fqdn = query.value(c++).toString();
        const QString entityId = query.value(c++).toString();
        if (!fqdn.isEmpty() || !entityId.isEmpty())
            row.entity = fqdn + QLatin1Char('/') + entityId;
        const QString identityType = query.value(c++).toString();
        const QString identityId = query.value(c++).toString();
        if (!identityType.isEmpty())
            row.identity = identityType + QLatin1Char(' ') + identityId;
        row.keyName = query.value(c++).toString();
        row.reasonCode = query.value(c++).toString();
        row.size = query.value(c++).toLongLong();
        row.answerStatus = query.value(c++).toInt();
        row.signature = signatureStatusFromName(query.value(c++).toString());
        row.bodyKind = bodyKindFromName(query.value(c++).toString());
        const QVariant forwardStatus = query.value(c++);
        const qint64 forwardLatency = query.value(c++).toLongLong();
        if (!forwardStatus.isNull()) {
            ForwardResult forward;
            forward.status = forwardStatus.toInt();
            forward.latencyMs = forwardLatency;
            row.wixWouldRetry = forward.wixWouldRetry();
        }
        row.hasWarnings = query.value(c++).toString() != QLatin1String("[]");
        row.analysisFlags = quint32(query.value(c++).toLongLong());
        rows.append(std::move(row));
    }
    return rows;
}

void SessionStore::forEachAnalysisInput(
    qint64 afterSeq, const std::function<void(const AnalysisInput &)> &visit) const
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.setForwardOnly(true);
    query.prepare(QLatin1String(kSelectAnalysisInputs));
    query.bindValue(0, afterSeq);
    if (!query.exec())
        return;
    AnalysisInput in;
    while (query.next()) {
        int c = 0;
        in.seq = query.value(c++).toLongLong();
        in.arrivalMs = query.value(c++).toLongLong();
        in.eventType = query.value(c++).toString();
        in.instanceId = query.value(c++).toString();
        in.eventId = query.value(c++).toString();
        in.contentDigest = query.value(c++).toByteArray();
        in.tokenDigest = query.value(c++).toByteArray();
        in.entityFqdn = query.value(c++).toString();
        in.entityId = query.value(c++).toString();
        in.shape = wixEventShapeFromName(query.value(c++).toString());
        in.kind = wixEventKindFromName(query.value(c++).toString());
        in.sequence = query.value(c++).toString();
        in.eventTime = query.value(c++).toString();
        in.operationTimeStamp = query.value(c++).toString();
        const int status = query.value(c++).toInt();
        const qint64 delay = query.value(c++).toLongLong();
        const QVariant forwardLatency = query.value(c++);
        in.setAnswer(status, forwardLatency.isNull() ? delay : forwardLatency.toLongLong());
        in.signature = signatureStatusFromName(query.value(c++).toString());
        in.reasonCode = query.value(c++).toString();
        in.bodyKind = bodyKindFromName(query.value(c++).toString());
        visit(in);
    }
}

QString SessionStore::integrityCheck() const
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    if (!query.exec(QStringLiteral("PRAGMA integrity_check")) || !query.next())
        return query.lastError().text();
    return query.value(0).toString();
}
