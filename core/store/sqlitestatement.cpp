#include "store/sqlitestatement.h"

#include "store/sessionstore.h"

#include <sqlite3.h>

SqliteStatement::SqliteStatement(const SessionStore &store, const char *sql)
{
    sqlite3 *db = store.handle();
    if (!db) {
        m_error = QStringLiteral("no session is open");
        return;
    }
    if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &m_statement, nullptr) !=
        SQLITE_OK) {
        m_error = QString::fromUtf8(sqlite3_errmsg(db));
        m_errorCode = sqlite3_extended_errcode(db) & 0xff;
        sqlite3_finalize(m_statement);
        m_statement = nullptr;
    }
}

SqliteStatement::~SqliteStatement()
{
    sqlite3_finalize(m_statement);
}

void SqliteStatement::reset()
{
    sqlite3_reset(m_statement);
    m_error.clear();
    m_errorCode = 0;
}

void SqliteStatement::bind(int parameter, qint64 value)
{
    sqlite3_bind_int64(m_statement, parameter, value);
}

void SqliteStatement::bindNull(int parameter)
{
    sqlite3_bind_null(m_statement, parameter);
}

void SqliteStatement::bindText(int parameter, const QString &value)
{
    // As UTF-8, the session's encoding: Qt's conversion is quicker than SQLite's.
    bindUtf8(parameter, value.toUtf8());
}

void SqliteStatement::bindUtf8(int parameter, QByteArrayView utf8)
{
    sqlite3_bind_text64(m_statement, parameter, utf8.isNull() ? "" : utf8.data(),
                        sqlite3_uint64(utf8.size()), SQLITE_TRANSIENT, SQLITE_UTF8);
}

void SqliteStatement::bindBlob(int parameter, QByteArrayView value)
{
    if (value.isEmpty())
        sqlite3_bind_zeroblob(m_statement, parameter, 0);
    else
        sqlite3_bind_blob64(m_statement, parameter, value.data(), sqlite3_uint64(value.size()),
                            SQLITE_TRANSIENT);
}

bool SqliteStatement::execute()
{
    const int result = sqlite3_step(m_statement);
    if (result != SQLITE_DONE && result != SQLITE_ROW) {
        sqlite3 *db = sqlite3_db_handle(m_statement);
        m_error = QString::fromUtf8(sqlite3_errmsg(db));
        m_errorCode = sqlite3_extended_errcode(db) & 0xff;
    }
    sqlite3_reset(m_statement);
    return result == SQLITE_DONE || result == SQLITE_ROW;
}

bool SqliteStatement::next()
{
    const int result = sqlite3_step(m_statement);
    if (result == SQLITE_ROW)
        return true;
    if (result != SQLITE_DONE) {
        sqlite3 *db = sqlite3_db_handle(m_statement);
        m_error = QString::fromUtf8(sqlite3_errmsg(db));
        m_errorCode = sqlite3_extended_errcode(db) & 0xff;
    }
    return false;
}

bool SqliteStatement::isNull(int column) const
{
    return sqlite3_column_type(m_statement, column) == SQLITE_NULL;
}

qint64 SqliteStatement::integer(int column) const
{
    return sqlite3_column_int64(m_statement, column);
}

QByteArrayView SqliteStatement::text(int column) const
{
    const auto *data = reinterpret_cast<const char *>(sqlite3_column_text(m_statement, column));
    return QByteArrayView(data, sqlite3_column_bytes(m_statement, column));
}

QByteArrayView SqliteStatement::blob(int column) const
{
    const auto *data = static_cast<const char *>(sqlite3_column_blob(m_statement, column));
    return QByteArrayView(data, sqlite3_column_bytes(m_statement, column));
}
