#include "json/jsonexpander.h"

#include "json/jsonpath.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {
// Wix nests at most three levels (claims.data -> data / identity -> entityAsJson);
// a hostile token could nest thousands.
constexpr int kMaxStringNesting = 8;
// Wix's strings of JSON sit a few levels down. Deeper ones stay strings: each
// may hold a document 1,024 levels deep (Qt's parser's limit), and expanding
// one inside another would nest the tree, and this walk, thousands deep.
constexpr int kMaxExpandedDepth = 64;

bool mayHoldJson(const QString &text)
{
    for (const QChar c : text) {
        if (c.isSpace())
            continue;
        return c == QLatin1Char('{') || c == QLatin1Char('[');
    }
    return false;
}

class Expander
{
public:
    explicit Expander(const QString &rootPath)
        : m_path(rootPath)
    {}

    QSet<QString> paths;

    // m_path is the path of `value`.
    QJsonValue expand(const QJsonValue &value, int stringNesting)
    {
        const qsizetype length = m_path.size();
        if (value.isObject()) {
            QJsonObject object = value.toObject();
            ++m_depth;
            for (auto it = object.begin(); it != object.end(); ++it) {
                jsonPathPushKey(m_path, it.key());
                *it = expand(*it, stringNesting);
                m_path.truncate(length);
            }
            --m_depth;
            return object;
        }
        if (value.isArray()) {
            QJsonArray array = value.toArray();
            ++m_depth;
            for (qsizetype i = 0; i < array.size(); ++i) {
                jsonPathPushIndex(m_path, i);
                array[i] = expand(array.at(i), stringNesting);
                m_path.truncate(length);
            }
            --m_depth;
            return array;
        }
        if (value.isString() && stringNesting < kMaxStringNesting && m_depth < kMaxExpandedDepth) {
            const QString text = value.toString();
            if (!mayHoldJson(text))
                return value;
            QJsonParseError error;
            const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &error);
            if (error.error != QJsonParseError::NoError)
                return value;
            paths.insert(m_path);
            const QJsonValue inner =
                document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array());
            return expand(inner, stringNesting + 1);
        }
        return value;
    }

private:
    // One string for the whole walk: building each value's path anew costs the square of
    // the depth, which a hostile body of nested arrays makes thousands.
    QString m_path;
    int m_depth = 0; // objects and arrays around `value`
};
} // namespace

ExpandedJson expandJsonStrings(const QJsonValue &value, const QString &rootPath)
{
    Expander expander(rootPath);
    ExpandedJson result;
    result.value = expander.expand(value, 0);
    result.stringifiedPaths = std::move(expander.paths);
    return result;
}
