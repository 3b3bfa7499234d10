#include "leastreceiver.h"

#include "base64url.h"

#include "jwt/rs256check.h"

#include <simdjson.h>
#include <sqlite3.h>

#include <string_view>

namespace {
// The string member `key` of the JSON object in `text`, parsed by `parser`.
bool stringMember(simdjson::dom::parser &parser, std::string_view text, const char *key,
                  std::string_view *value)
{
    simdjson::dom::element root;
    return !parser.parse(text.data(), text.size()).get(root) && !root[key].get(*value);
}
} // namespace

LeastReceiver::LeastReceiver(const Rs256Check &check, const QString &databasePath)
    : m_check(check)
{
    if (sqlite3_open(databasePath.toUtf8().constData(), &m_db) != SQLITE_OK) {
        m_error = QString::fromUtf8(sqlite3_errmsg(m_db));
        return;
    }
    if (!execute("PRAGMA journal_mode=WAL") || !execute("PRAGMA synchronous=NORMAL") ||
        !execute("CREATE TABLE deliveries (seq INTEGER PRIMARY KEY, body BLOB NOT NULL)"))
        return;
    if (sqlite3_prepare_v2(m_db, "INSERT INTO deliveries (seq, body) VALUES (?, ?)", -1, &m_insert,
                           nullptr) != SQLITE_OK)
        m_error = QString::fromUtf8(sqlite3_errmsg(m_db));
}

LeastReceiver::~LeastReceiver()
{
    sqlite3_finalize(m_insert);
    sqlite3_close(m_db);
}

bool LeastReceiver::execute(const char *sql)
{
    if (sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr) == SQLITE_OK)
        return true;
    m_error = QString::fromUtf8(sqlite3_errmsg(m_db));
    return false;
}

bool LeastReceiver::decodes(const QByteArray &token) const
{
    const qsizetype firstDot = token.indexOf('.');
    const qsizetype lastDot = token.lastIndexOf('.');
    QByteArray header;
    QByteArray claims;
    QByteArray signature;
    if (firstDot < 0 || lastDot == firstDot || !decodeBase64Url(token.first(firstDot), &header) ||
        !decodeBase64Url(token.sliced(firstDot + 1, lastDot - firstDot - 1), &claims) ||
        !decodeBase64Url(token.sliced(lastDot + 1), &signature) ||
        !m_check.verifies(token.left(lastDot), signature))
        return false;
    // One parser per thread for every document: each is read (its strings copied) before the
    // next parse.
    thread_local simdjson::dom::parser parser;
    std::string_view alg;
    std::string_view data;
    if (!stringMember(parser, {header.constData(), size_t(header.size())}, "alg", &alg) ||
        alg != "RS256" ||
        !stringMember(parser, {claims.constData(), size_t(claims.size())}, "data", &data))
        return false;
    simdjson::dom::element envelope;
    std::string_view eventData;
    std::string_view identity;
    if (parser.parse(std::string(data)).get(envelope) || envelope["data"].get(eventData) ||
        envelope["identity"].get(identity))
        return false;
    const std::string nested[] = {std::string(eventData), std::string(identity)};
    simdjson::dom::element object;
    for (const std::string &text : nested) {
        if (parser.parse(text).get(object) || !object.is_object())
            return false;
    }
    return true;
}

bool LeastReceiver::receive(const QVector<QByteArray> &tokens)
{
    if (!m_error.isEmpty())
        return false;
    for (const QByteArray &token : tokens) {
        if (!decodes(token)) {
            m_error = QStringLiteral("the token does not verify or decode");
            return false;
        }
    }
    return store(tokens);
}

bool LeastReceiver::store(const QVector<QByteArray> &tokens)
{
    if (!m_error.isEmpty() || !execute("BEGIN"))
        return false;
    for (const QByteArray &token : tokens) {
        sqlite3_bind_int64(m_insert, 1, m_nextSeq++);
        sqlite3_bind_blob(m_insert, 2, token.constData(), int(token.size()), SQLITE_STATIC);
        const int status = sqlite3_step(m_insert);
        sqlite3_reset(m_insert);
        if (status != SQLITE_DONE) {
            m_error = QString::fromUtf8(sqlite3_errmsg(m_db));
            execute("ROLLBACK");
            return false;
        }
    }
    return execute("COMMIT");
}
