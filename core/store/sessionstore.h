#pragma once

#include "capture/delivery.h"

struct AnalysisInput;
struct DeliveryRow;
class QSqlDatabase;
class SqliteStatement;
class WalCheckpointer;
struct sqlite3;

#include <QString>
#include <QVector>

#include <functional>
#include <memory>
#include <optional>

// A session: an SQLite database (WAL) holding every delivery. One instance is
// one connection and must be used from the thread that opened it; open a
// second instance for reading elsewhere (WAL lets readers and the writer overlap).
class SessionStore
{
    Q_DISABLE_COPY_MOVE(SessionStore)

public:
    SessionStore();
    ~SessionStore();

    static int schemaVersion();

    // Creates the file (owner-only permissions) or opens it, migrating an older schema.
    bool open(const QString &path, QString *error = nullptr);
    void close();
    bool isOpen() const;
    QString path() const { return m_path; }
    // The connection, for readers that go below QtSql (SqliteStatement).
    QSqlDatabase database() const;
    // The same connection as SQLite's C API has it; null when none is open.
    sqlite3 *handle() const;
    // For a store that takes many small commits (the capture's): until close(), the
    // write-ahead log is copied into the file by a thread of its own (WalCheckpointer),
    // never in the thread that commits.
    void checkpointInBackground();

    // Stores the batch in one transaction (group commit) and gives each its seq.
    // All or nothing: on failure no delivery of the batch is stored.
    bool append(QVector<Delivery> &batch, QString *error = nullptr);

    qint64 count() const;
    std::optional<Delivery> load(qint64 seq) const;
    // Deliveries with seq > afterSeq, in order, at most `limit`.
    QVector<Delivery> loadAfter(qint64 afterSeq, int limit) const;
    bool clear(QString *error = nullptr);
    qint64 nextSeq() const { return m_nextSeq; }
    // The list's summaries of deliveries after `afterSeq`, read from columns only
    // (no body is decoded): what opening a large session needs.
    QVector<DeliveryRow> loadRowsAfter(qint64 afterSeq, int limit) const;
    // Deliveries after `afterSeq` without their payloads (headers, bodies), the event
    // as its columns hold it (no body is decoded): what the analysis views keep.
    QVector<Delivery> loadSummariesAfter(qint64 afterSeq, int limit) const;
    // The deliveries after `afterSeq` that have findings, with only their seq, arrival,
    // analysis flags and findings: what the expert info keeps.
    QVector<Delivery> loadFindingsAfter(qint64 afterSeq, int limit) const;
    // The seq before the last `count` deliveries (0 when there are no more than that).
    qint64 seqBeforeLast(int count) const;
    // The analyzer's view of every delivery after `afterSeq`, in order, read from
    // columns only (no body is decoded): fast enough to re-analyse a whole session.
    void forEachAnalysisInput(qint64 afterSeq,
                              const std::function<void(const AnalysisInput &)> &visit) const;

    // Whether the session can be written now (a read-only file, a full disk), by
    // writing what the file already holds; `error` says why not.
    bool checkWritable(QString *error = nullptr);

    // SQLite's own check; "ok" when the file is sound.
    QString integrityCheck() const;

private:
    bool migrate(QString *error);
    bool prepareInserts(QString *error);

    QString m_connection;
    // append()'s statements, prepared once per connection (SQLite's C API: QtSql's
    // prepare and QVariant bindings cost more than the insert itself).
    std::unique_ptr<SqliteStatement> m_insert;
    std::unique_ptr<SqliteStatement> m_insertPayload;
    std::unique_ptr<WalCheckpointer> m_checkpointer;
    QString m_path;
    qint64 m_nextSeq = 1;
};
