#pragma once

#include <QByteArrayView>
#include <QString>

class SessionStore;
struct sqlite3_stmt;

// One prepared statement on a session's own SQLite connection, through SQLite's C
// API: for reading a million rows, where QtSql's QVariant per value triples the cost.
// Used in the thread that opened the store, while the store stays open.
class SqliteStatement
{
    Q_DISABLE_COPY_MOVE(SqliteStatement)

public:
    SqliteStatement(const SessionStore &store, const char *sql);
    ~SqliteStatement();

    bool isValid() const { return m_statement != nullptr; }
    QString errorText() const { return m_error; }

    // Starts (again) with these parameters, 1-based as in SQL.
    void reset();
    void bind(int parameter, qint64 value);
    void bindNull(int parameter);
    // Text and bytes are copied: they may go away after the call. A null QString is
    // bound as '' and a null QByteArray as an empty blob, never as NULL.
    void bindText(int parameter, const QString &value);
    void bindUtf8(int parameter, QByteArrayView utf8); // text already in UTF-8
    void bindBlob(int parameter, QByteArrayView value);
    // Runs a statement that returns no rows, then resets it for the next run. False on
    // an error: errorText() and errorCode() tell which.
    bool execute();
    // SQLite's primary result code of the last failure (SQLITE_FULL...), 0 when none.
    int errorCode() const { return m_errorCode; }
    // True while a row is there; false at the end or on an error (see errorText()).
    bool next();

    bool isNull(int column) const;
    qint64 integer(int column) const;
    // The column's text as UTF-8, valid until the next call of next().
    QByteArrayView text(int column) const;
    // The column's bytes, valid until the next call of next().
    QByteArrayView blob(int column) const;

private:
    sqlite3_stmt *m_statement = nullptr;
    QString m_error;
    int m_errorCode = 0;
};
