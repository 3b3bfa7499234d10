#pragma once

#include <QByteArray>
#include <QString>
#include <QVector>

class Rs256Check;
struct sqlite3;
struct sqlite3_stmt;

// Issue 7, target 1: the least work per delivery that any receiver meeting the target must
// do on this stack, with nothing of Hookscope's own: check the RS256 signature (the key
// prepared once), decode the token's three segments with Hookscope's base64url decoder (OpenSSL's),
// parse the header, the claims, the `data` claim and its `data` and `identity` strings (simdjson),
// and store the body durably, one row per delivery in SQLite (WAL, synchronous=NORMAL, as Hookscope
// does), committed in batches of at most 16: wrk's 16 connections never have more in flight. Its
// CPU time added to the bare server's is the most throughput the target's work allows on the
// machine's cores.
class LeastReceiver
{
public:
    static constexpr int kBatch = 16;

    LeastReceiver(const Rs256Check &check, const QString &databasePath);
    ~LeastReceiver();
    LeastReceiver(const LeastReceiver &) = delete;
    LeastReceiver &operator=(const LeastReceiver &) = delete;

    // Empty when the database is ready, else why not.
    QString error() const { return m_error; }
    sqlite3 *connection() const { return m_db; }
    // Verifies, decodes and stores one batch; false (with error()) when a token does not
    // verify or decode, or the store fails.
    bool receive(const QVector<QByteArray> &tokens);
    // The two halves of receive(). decodes() may run in any thread, several at once.
    bool decodes(const QByteArray &token) const;
    bool store(const QVector<QByteArray> &tokens);

private:
    bool execute(const char *sql);

    const Rs256Check &m_check;
    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_insert = nullptr;
    qint64 m_nextSeq = 1;
    QString m_error;
};
